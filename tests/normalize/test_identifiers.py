"""Identifier values classified by registry pattern; org numbers and grants are no registry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.identifiers import registry
from trialparse.model import Registry as R

CASES = [
    ("NCT01408199", R.NCT), ("nct 01208194", R.NCT), ("2009-016508-21", R.EUDRACT),
    ("EudraCT 2013-002654-75", R.EUDRACT),
    ("2023-506007-26-00", R.CTIS), ("ISRCTN66850051", R.ISRCTN), ("ChiCTR2000029308", R.CHICTR),
    ("ChiCTR-TRC-12001933", R.CHICTR), ("ACTRN12610000123456", R.ACTRN), ("DRKS00005115", R.DRKS),
    ("jRCTs031180001", R.JRCT), ("jRCT2031210123", R.JRCT), ("JPRN-UMIN000012345", R.JPRN), ("UMIN000012345", R.UMIN),
    ("CTRI/2020/01/023001", R.CTRI), ("KCT0001234", R.KCT), ("IRCT20200907048644N1", R.IRCT),
    ("PACTR2010020001429343", R.PACTR), ("NL8633", R.NTR), ("NTR1234", R.NTR), ("U1111-1111-4101", R.UTN),
    ("AFLUD001", None), ("2011-0987", None), ("R01 CA123456", None), ("NCI-2012-00145", None), ("", None),
]


def test_cases_are_unique() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_registry(value: str, expected: R | None) -> None:
    assert registry(value) is expected


@given(st.text())
def test_never_raises(text: str) -> None:
    registry(text)
