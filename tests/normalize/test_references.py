"""PMIDs from reference lines, DOIs from citation text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.references import doi, pmid, pmid_line


@pytest.mark.parametrize(("line", "expected"), [("PMID: 23217273 (View on PubMed)", "23217273"),
                                                ("PMID: 123", "123"), ("PMID 0123", None), ("Reference Type X", None)])
def test_pmid_line(line: str, expected: str | None) -> None:
    assert pmid_line(line) == expected


@pytest.mark.parametrize(("citation", "expected"), [
    ("Arthritis Res Ther. 2012 Dec 7;14(6):R265. doi: 10.1186/ar4111.", "10.1186/ar4111"),
    ("Lancet. 2012;380(9848):1234. (doi:10.1016/S0140-6736(12)61234-5).", "10.1016/S0140-6736(12)61234-5"),
    ("See https://doi.org/10.1056/NEJMoa2034577, accessed", "10.1056/NEJMoa2034577"),
    ("No identifier here.", None),
])
def test_doi(citation: str, expected: str | None) -> None:
    assert doi(citation) == expected


def test_pmid_values() -> None:
    assert pmid("23217273") == "23217273"
    assert pmid("abc") is None


@given(st.text())
def test_never_raises(text: str) -> None:
    pmid_line(text)
    doi(text)
    pmid(text)


_BOUNDED_DOI = re.compile(r"\b(10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]+]+)")


@given(st.text(alphabet=st.sampled_from(list("10.23456789/abX_é ([)],;:-")), max_size=40))
def test_doi_starts_at_a_word_boundary(text: str) -> None:
    """The DOI search checks the boundary after a literal scan; it finds what a `\\b` pattern finds."""
    expected = _BOUNDED_DOI.search(text)
    found = doi(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected[1].startswith(found)
