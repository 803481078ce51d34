"""What went wrong while reading a record: `Issue` on the record, `ParseError` when there is no record."""

from __future__ import annotations

from enum import StrEnum

import attrs


class Severity(StrEnum):
    ERROR = "error"  # a value was present but could not be read; `strict=True` rejects the record
    WARNING = "warning"  # a value was read with a guess or a loss the user should know of
    INFO = "info"


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in a record. `excerpt` keeps the raw text of a value that did not normalize."""

    code: str
    severity: Severity
    message: str
    section: str | None = None
    field: str | None = None
    excerpt: str | None = None


class ParseError(ValueError):
    """The input is not a trial record trialparse can read (or, with `strict=True`, has errors)."""

    def __init__(self, message: str, *, source: str | None = None, issues: tuple[Issue, ...] = ()) -> None:
        self.source = source
        self.issues = issues
        super().__init__(f"{source}: {message}" if source else message)
