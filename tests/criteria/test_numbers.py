"""numbers.py: values, units, lost superscripts, ranges, references (LEXICON §3–§5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trialparse.criteria.model import Flag
from trialparse.criteria.numbers import find_quantities, normalize, parse_decimal

CASES = [
    # text, [(cmp, value, unit, reference), ...] of the first quantity, flags that must be present
    ("Platelet count more than 100x 109 /L", [(">", "100", "10*9/L", None)], {Flag.SUPERSCRIPT_LOST}),
    ("ANC ≥1.5 × 10^9/L", [(">=", "1.5", "10*9/L", None)], set()),
    ("ANC ≥ 1.5x10E9 cells/L", [(">=", "1.5", "10*9/L", None)], set()),
    ("RBC≥3.0×1012/L", [(">=", "3.0", "10*12/L", None)], {Flag.SUPERSCRIPT_LOST}),
    ("HBV DNA more than 1 x 103 copy /ml", [(">", "1000", "{copies}/mL", None)], {Flag.VALUE_MULTIPLIED}),
    ("ANC ≥ 1500 cells/µL", [(">=", "1500", "/uL", None)], set()),
    ("platelets ≥ 50.000/mm3", [(">=", "50000", "/mm3", None)], {Flag.THOUSANDS_DOT}),
    ("glucose < 3,9 mmol/L", [("<", "3.9", "mmol/L", None)], {Flag.DECIMAL_COMMA}),
    ("platelets ≥ 100,000/mm3", [(">=", "100000", "/mm3", None)], set()),
    ("eGFR < 60 ml/min / 1.73 m²", [("<", "60", "mL/min/{1.73_m2}", None)], set()),
    ("ALT ≤ 2.5 × ULN", [("<=", "2.5", None, "ULN")], set()),
    ("bilirubin ≤1.5 ULN", [("<=", "1.5", None, "ULN")], set()),
    ("2 times higher than the upper limit of normal", [(">", "2", None, "ULN")], set()),
    ("LVEF less than lower limit of normal", [("<", "1", None, "LLN")], set()),
    ("AST ≤ ULN", [("<=", "1", None, "ULN")], set()),
    ("age 18-65 years", [(">=", "18", "a", None), ("<=", "65", "a", None)], {Flag.INCLUSIVE_ASSUMED}),
    ("age between >18 and <65 years", [(">", "18", "a", None), ("<", "65", "a", None)], set()),
    ("between 6 months and <16 years", [(">=", "6", "mo", None), ("<", "16", "a", None)], set()),
    ("HbA1c 7% to <8%", [(">=", "7", "%", None), ("<", "8", "%", None)], set()),
    ("ECOG 0, 1, or 2", [(">=", "0", None, None), ("<=", "2", None, None)], set()),
    ("grade Ⅲ ~ Ⅳ", [(">=", "3", None, None), ("<=", "4", None, None)], set()),
    ("NYHA class III/IV", [(">=", "3", None, None), ("<=", "4", None, None)], set()),
    ("T score less than -2.0", [("<", "-2.0", None, None)], set()),
    ("Age>18 years", [(">", "18", "a", None)], set()),
    ("4.9 mEq/L or higher", [(">=", "4.9", "meq/L", None)], set()),
    ("18 years or older", [(">=", "18", "a", None)], set()),
    ("no more than 10 mg/day", [("<=", "10", "mg/d", None)], set()),
    ("not less than 3 months", [(">=", "3", "mo", None)], set()),
    ("BMI > 40 kg/m^2", [(">", "40", "kg/m2", None)], set()),
    ("> 140/90 mmHg", [(">", "140", "mm[Hg]", None), (">", "90", "mm[Hg]", None)], set()),
    ("QTc > 470 msec", [(">", "470", "ms", None)], set()),
    ("Hb≥90g/L", [(">=", "90", "g/L", None)], set()),
]


@pytest.mark.parametrize(("text", "bounds", "flags"), CASES)
def test_first_quantity(
    text: str, bounds: list[tuple[str, str, str | None, str | None]], flags: set[Flag]
) -> None:
    q = find_quantities(text)[0]
    got = [(str(b.cmp), b.value, b.unit, str(b.reference) if b.reference else None) for b in q.bounds]
    assert got == [(c, Decimal(v), u, r) for c, v, u, r in bounds]
    assert flags <= set(q.flags)
    assert 0 <= q.start < q.end <= len(text)


def test_non_contiguous_set_gives_values() -> None:
    q = find_quantities("ECOG 0 or 2")[0]
    assert q.values == (Decimal(0), Decimal(2))


def test_labelled_values_share_comparator_and_unit() -> None:
    qs = find_quantities("QTc ≥ 450(male)/470(female) msec")
    assert [(q.label, q.bounds[0].value, q.bounds[0].unit, str(q.bounds[0].cmp)) for q in qs] == [
        ("male", Decimal(450), "ms", ">="),
        ("female", Decimal(470), "ms", ">="),
    ]


def test_offset_from_uln_is_not_a_threshold() -> None:
    assert all(q.bounds[0].reference is None for q in find_quantities("PT > ULN+4 seconds"))


@pytest.mark.parametrize(
    ("text", "value"), [("1,500", "1500"), ("3,9", "3.9"), ("1•73", "1.73"), ("12", "12")]
)
def test_parse_decimal(text: str, value: str) -> None:
    assert parse_decimal(text)[0] == Decimal(value)


def test_normalize_keeps_length() -> None:
    text = "≥1.5×10⁹/L；ALT≤2.5⋅ULN µmol/L – İ"
    assert len(normalize(text)) == len(text)
