"""Which registry an identifier value belongs to, from the registries' documented number patterns."""

from __future__ import annotations

import re

from trialparse.model import Registry

# Order matters: CTIS (four blocks) before EudraCT (three), JPRN before its embedded UMIN/jRCT.
# White space only after a prefix word, never at the start, and possessive (`\s*+`): a pattern that could start
# with white space, or split one run between two `\s*`, backtracks quadratically on a long run of spaces. Values
# are stripped before matching, so no value starts with white space.
_PATTERNS: tuple[tuple[Registry, re.Pattern[str]], ...] = tuple(
    (registry, re.compile(pattern, re.IGNORECASE))
    for registry, pattern in (
        (Registry.NCT, r"NCT\s*0\d{7}"),
        (Registry.CTIS, r"(?:EU\s*+CT\s*+(?:(?:No\.?|number):?\s*+|:\s*+)?)?\d{4}-5\d{5}-\d{2}-\d{2}"),
        (
            Registry.EUDRACT,
            r"(?:(?:EUDRACT|EUCTR)\s*+)?(?:(?:No\.?|number):?\s*+|:\s*+)?(?:19|20)\d{2}-\d{6}-\d{2}(?:-[A-Z]{2,3})?",
        ),
        (Registry.ISRCTN, r"ISRCTN\s*\d{8}"),
        (Registry.CHICTR, r"ChiCTR(?:-[A-Z]{2,5}-\d{8}|\d{10})"),
        (Registry.ACTRN, r"ACTRN\s*126\d{11}"),
        (Registry.DRKS, r"DRKS\s*000\d{5}"),
        (Registry.JPRN, r"JPRN-(?:UMIN\d{9}|jRCTs?\d{9,10}|JapicCTI-\d{6}|JMA-IIA\d{5})"),
        (Registry.JRCT, r"jRCT(?:s?\d{9}|\d{10})"),
        (Registry.UMIN, r"UMIN\s*\d{9}"),
        (Registry.CTRI, r"CTRI/\d{4}/\d{2,3}/\d{6}"),
        (Registry.KCT, r"KCT00\d{5}"),
        (Registry.IRCT, r"IRCT(?:20\d{10,12}N\d{1,3}|\d{12,14}N\d{1,3})"),
        (Registry.PACTR, r"PACTR20\d{13,14}"),
        (Registry.NTR, r"(?:NTR\d{2,4}|NL\d{4,5})"),
        (Registry.UTN, r"U1111-\d{4}-\d{4}"),
    )
)


# All patterns as one alternation, tried in the same order: fullmatch takes the first alternative that matches
# the whole value, so the answer is the loop's, in one regex call instead of sixteen.
_ANY = re.compile("|".join(f"(?P<r{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_PATTERNS)), re.IGNORECASE)
_BY_GROUP = {f"r{i}": reg for i, (reg, _) in enumerate(_PATTERNS)}


def registry(value: str | None) -> Registry | None:
    """The registry whose pattern the whole value matches, or None (an org's own number, a grant)."""
    if not value:
        return None
    s = value.strip().replace("\u00a0", " ")
    hit = _ANY.fullmatch(s)
    return _BY_GROUP[hit.lastgroup] if hit is not None and hit.lastgroup is not None else None
