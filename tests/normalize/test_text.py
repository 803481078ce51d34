"""Markdown escapes and the split of criteria into inclusion and exclusion items."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.text import split_criteria, unescape


@pytest.mark.parametrize(("text", "expected"), [("\\<30", "<30"), ("\\>=2", ">=2"), ("\\[a\\]", "[a]"),
                                                ("\\*x\\_y", "*x_y"), ("no escapes", "no escapes")])
def test_unescape(text: str, expected: str) -> None:
    assert unescape(text) == expected


CRITERIA = [
    ("Inclusion Criteria:\n\n* a\n* b\n\nExclusion Criteria:\n\n* c", ("a", "b"), ("c",), "colon headers"),
    ("INCLUSION CRITERIA\n- a\nexclusion criteria\n- b", ("a",), ("b",), "any case, dash bullets"),
    ("Key Inclusion Criteria:\n1. a\n2. b\nKey Exclusion Criteria:\n1) c", ("a", "b"), ("c",), "numbered, Key"),
    ("Inclusion Criteria:\n* a\n  * nested\n* b", ("a", "nested", "b"), (), "nested bullets are items"),
    ("Inclusion Criteria:\n* a\n  continued\n* b", ("a continued", "b"), (), "indented continuation"),
    ("Inclusion Criteria:\n\nParagraph one.\n\nParagraph two.", ("Paragraph one.", "Paragraph two."), (), "paragraphs"),
    ("* a\n* b", (), (), "no header: the raw text only"),
    ("Inclusion criteria: adults\nExclusion criteria: none", ("adults",), ("none",), "header and item on one line"),
    ("Exclusion Criteria:\n* \\<30 ml/min", (), ("<30 ml/min",), "escapes removed in items"),
]


@pytest.mark.parametrize(("text", "inclusion", "exclusion", "reason"), CRITERIA, ids=[c[3] for c in CRITERIA])
def test_split_criteria(text: str, inclusion: tuple[str, ...], exclusion: tuple[str, ...], reason: str) -> None:
    assert split_criteria(text) == (inclusion, exclusion), reason


@given(st.text())
def test_never_raises(text: str) -> None:
    split_criteria(text)
    unescape(text)
