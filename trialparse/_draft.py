"""The record being assembled by the section parsers: fields so far, issues, unparsed lines."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

import attrs

from trialparse._normalize import Parsed
from trialparse._normalize.vocab import lookup, remembered
from trialparse.issues import Issue, Severity
from trialparse.model import Unparsed

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@attrs.define
class Draft:
    fields: dict[str, Any] = attrs.field(factory=dict)
    issues: list[Issue] = attrs.field(factory=list)
    unparsed: list[Unparsed] = attrs.field(factory=list)

    def keep(self, section: str | None, line: str) -> None:
        """A line nobody could place: kept verbatim (nothing is dropped but site boilerplate)."""
        if line.strip():
            self.unparsed.append(Unparsed(section=section, text=line.strip()))

    def report(
        self, code: str, message: str, *, section: str | None, field: str | None = None,
        excerpt: str | None = None, severity: Severity = Severity.ERROR,
    ) -> None:
        self.issues.append(
            Issue(code=code, severity=severity, message=message, section=section, field=field, excerpt=excerpt)
        )

    def enum(self, enum: type[E], raw: str | None, *, section: str, field: str) -> E | None:
        """`raw` looked up in `enum`'s table; an unknown value becomes an issue that keeps the raw text."""
        if raw is None:
            return None
        value = remembered((enum, raw))  # most values are spellings seen before: no call to `lookup`
        if value is not None:
            return value  # type: ignore[return-value]
        if not raw.strip():
            return None
        value = lookup(enum, raw)
        if value is None:
            self.report("unknown_value", f"{field}: {raw.strip()[:80]!r} is not a known {enum.__name__}",
                        section=section, field=field, excerpt=raw.strip())
        return value

    def value(self, parsed: Parsed[T], raw: str, *, section: str, field: str, code: str) -> T | None:
        """A normalizer's value; its problem becomes an issue (error if nothing was read, else warning)."""
        if parsed.problem is not None:
            severity = Severity.ERROR if parsed.value is None else Severity.WARNING
            self.report(code, f"{field}: {parsed.problem}", section=section, field=field,
                        excerpt=raw.strip(), severity=severity)
        return parsed.value
