"""Never raise on arbitrary text; every span slices its text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse.criteria import Section, parse_item

_ALPHABET = st.sampled_from(
    [*"0123456789 .,;:()-/x×≤≥<>=%µ⁹^ULNagedyrsmonthweekplatelet", "\n", "İ", "Ⅲ"]
)
_TEXT = st.one_of(st.text(max_size=200), st.lists(_ALPHABET, max_size=120).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(list(Section)), st.one_of(st.none(), _TEXT))
def test_never_raises_and_spans_slice(text: str, section: Section, lead_in: str | None) -> None:
    pc = parse_item(text, section=section, lead_in=lead_in)
    for c in pc.constraints:
        assert 0 <= c.span[0] <= c.span[1] <= len(text)
        assert c.section is section
    for s, e in pc.uncovered:
        assert 0 <= s < e <= len(text)
