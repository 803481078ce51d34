"""trialparse: clinical-trial registry records → typed, normalized records and back to JSON."""

from trialparse._parse import iter_file, parse, parse_file, parse_many
from trialparse.issues import Issue, ParseError
from trialparse.model import Trial
from trialparse.serialize import dumps, from_dict, loads, to_dict

__version__ = "0.1.0"
__all__ = [
    "Issue",
    "ParseError",
    "Trial",
    "__version__",
    "dumps",
    "from_dict",
    "iter_file",
    "loads",
    "parse",
    "parse_file",
    "parse_many",
    "to_dict",
]
