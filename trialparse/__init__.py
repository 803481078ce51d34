"""trialparse: clinical-trial registry records → typed, normalized records and back to JSON."""

from trialparse._parse import parse, parse_file
from trialparse.issues import Issue, ParseError
from trialparse.model import Trial
from trialparse.serialize import dumps, from_dict, loads, to_dict

__version__ = "0.1.0"
__all__ = ["Issue", "ParseError", "Trial", "__version__", "dumps", "from_dict", "loads", "parse", "parse_file",
           "to_dict"]
