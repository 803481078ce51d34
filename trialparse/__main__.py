import sys

from trialparse.cli import main

sys.exit(main())
