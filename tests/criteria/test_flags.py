"""flags.py: source errors are flagged, never corrected."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trialparse.criteria import parse_item
from trialparse.criteria.flags import unit_flags
from trialparse.criteria.model import Bound, Comparator, Flag, Kind


@pytest.mark.parametrize(
    ("target", "unit", "flag"),
    [
        ("hemoglobin", "mg/dL", Flag.UNIT_IMPLAUSIBLE),
        ("hemoglobin", None, Flag.UNIT_MISSING),
        ("platelets", "g/L", Flag.UNIT_IMPLAUSIBLE),
        ("hemoglobin", "g/dL", None),
        ("inr", None, None),
    ],
)
def test_unit_flags(target: str, unit: str | None, flag: Flag | None) -> None:
    got = unit_flags(Kind.MEASUREMENT, target, (Bound(cmp=Comparator.LT, value=Decimal(8), unit=unit),))
    assert got == ([flag] if flag else [])


def test_implausible_unit_is_kept() -> None:
    (c,) = parse_item("hemoglobin < 8.5 mg/dL", section="EXCLUSION").constraints
    assert c.bounds[0].unit == "mg/dL" and Flag.UNIT_IMPLAUSIBLE in c.flags


def test_lost_superscript_flagged() -> None:
    (c,) = parse_item("Platelets ≥100x109/L", section="INCLUSION").constraints
    assert c.bounds[0].unit == "10*9/L" and Flag.SUPERSCRIPT_LOST in c.flags


def test_flag_values_are_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "criteria.md").read_text(encoding="utf-8")
    assert all(f"`{f.value}`" in doc for f in Flag)
