"""extract / annotate: the worked examples of GUIDELINES.md and general rules, table-driven."""

from __future__ import annotations

from typing import Any

import pytest

from trialparse.criteria import annotate


def b(cmp: str, value: float, unit: str | None = None, ref: str | None = None) -> dict[str, Any]:
    return {"cmp": cmp, "value": value, "unit": unit, "reference": ref}


def key(c: dict[str, Any]) -> tuple[Any, ...]:
    bounds = frozenset((x["cmp"], float(x["value"]), x["unit"], x["reference"]) for x in c["bounds"])
    return (c["kind"], c["target"], bounds, frozenset(c.get("when", [])), bool(c.get("negated")))


CASES: list[tuple[str, str, str | None, list[dict[str, Any]]]] = [
    ("Age over 18", "INCLUSION", None, [{"kind": "AGE", "target": "age", "bounds": [b(">", 18, "a")]}]),
    (
        "Neutrophil count more than 1.5x 109 /L",
        "INCLUSION",
        None,
        [{"kind": "MEASUREMENT", "target": "anc", "bounds": [b(">", 1.5, "10*9/L")]}],
    ),
    (
        "ALT and AST≤2.5ULN, but≤5ULN if the transferanse elevation is due to liver metastases;",
        "INCLUSION",
        "Major organ function has to meet the following criteria:",
        [
            {"kind": "MEASUREMENT", "target": t, "bounds": [b("<=", v, None, "ULN")], "when": [w]}
            for t in ("alt", "ast")
            for v, w in ((2.5, "not:liver_metastases"), (5, "liver_metastases"))
        ],
    ),
    (
        "Kidney: Serum creatinine (Scr) ≤1.5×ULN, or creatinine clearance (Ccr) ≥50 mL/min",
        "INCLUSION",
        None,
        [
            {"kind": "MEASUREMENT", "target": "creatinine", "bounds": [b("<=", 1.5, None, "ULN")]},
            {"kind": "MEASUREMENT", "target": "crcl", "bounds": [b(">=", 50, "mL/min")]},
        ],
    ),
    (
        "Patient has an Eastern Cooperative Oncology Group (ECOG) performance status 0 or 1 and has a "
        "life-expectancy of more than 6 months",
        "INCLUSION",
        None,
        [
            {"kind": "SCORE", "target": "ecog", "bounds": [b(">=", 0), b("<=", 1)]},
            {"kind": "MEASUREMENT", "target": "life_expectancy", "bounds": [b(">", 6, "mo")]},
        ],
    ),
    (
        "QTcF of ≤ 450 ms in males or ≤ 470 ms in females.",
        "INCLUSION",
        None,
        [
            {"kind": "MEASUREMENT", "target": "qtc", "bounds": [b("<=", 450, "ms")], "when": ["sex=male"]},
            {"kind": "MEASUREMENT", "target": "qtc", "bounds": [b("<=", 470, "ms")], "when": ["sex=female"]},
        ],
    ),
    (
        "Pregnancy or breastfeeding",
        "EXCLUSION",
        None,
        [
            {"kind": "PREGNANCY", "target": "pregnancy", "bounds": []},
            {"kind": "LACTATION", "target": "lactation", "bounds": []},
        ],
    ),
    (
        "no pregnancy",
        "INCLUSION",
        None,
        [{"kind": "PREGNANCY", "target": "pregnancy", "bounds": [], "negated": True}],
    ),
    ("Written informed consent", "INCLUSION", None, []),
    (
        "Women of childbearing potential",
        "EXCLUSION",
        None,
        [{"kind": "PREGNANCY", "target": "childbearing_potential", "bounds": []}],
    ),
    (
        "Patients under 35 years of age",
        "EXCLUSION",
        None,
        [{"kind": "AGE", "target": "age", "bounds": [b("<", 35, "a")]}],
    ),
    (
        "ECOG 0 or 2",
        "INCLUSION",
        None,
        [
            {"kind": "SCORE", "target": "ecog", "bounds": [b("=", 0)]},
            {"kind": "SCORE", "target": "ecog", "bounds": [b("=", 2)]},
        ],
    ),
    (
        "Body Mass Index (BMI) > 40 kg/m2.",
        "EXCLUSION",
        None,
        [{"kind": "MEASUREMENT", "target": "bmi", "bounds": [b(">", 40, "kg/m2")]}],
    ),
    (
        "Hemoglobin < 8.5 mg/dL",
        "EXCLUSION",
        None,
        [{"kind": "MEASUREMENT", "target": "hemoglobin", "bounds": [b("<", 8.5, "mg/dL")]}],
    ),
    ("Patients receiving <5 mg of Prednisone daily may be included.", "EXCLUSION", None, []),
]


@pytest.mark.parametrize(("text", "section", "lead_in", "expected"), CASES)
def test_annotate(text: str, section: str, lead_in: str | None, expected: list[dict[str, Any]]) -> None:
    got = annotate(text, section=section, lead_in=lead_in)
    assert sorted(map(key, got)) == sorted(map(key, expected))
    assert all(c["section"] == section for c in got)


def test_or_group_and_time_window() -> None:
    got = annotate(
        "Major surgery or radiation therapy within 4 weeks prior to the first study dose", section="EXCLUSION"
    )
    assert {c["target"] for c in got} == {"surgery", "radiotherapy"}
    assert {c["group"] for c in got} == {1}
    assert all(
        c["time"] == {"bounds": [b("<=", 4, "wk")], "direction": "before", "anchor": "first_dose"}
        for c in got
    )


def test_condition_defined_by_threshold() -> None:
    got = annotate("Hypertension (> 140/90 mmHg at inclusion)", section="EXCLUSION")
    kinds = sorted((c["kind"], c["target"], c["group"]) for c in got)
    assert kinds == [
        ("CONDITION", "hypertension", None),
        ("MEASUREMENT", "dbp", 1),
        ("MEASUREMENT", "sbp", 1),
    ]


def test_negated_contraception_with_population() -> None:
    got = annotate(
        "Pregnancy, lactation, or inability or unwillingness to use medically acceptable forms of "
        "contraception if pregnancy is a risk.",
        section="EXCLUSION",
    )
    c = next(c for c in got if c["kind"] == "CONTRACEPTION")
    assert c["negated"] and c["when"] == ["childbearing_potential"]
    assert {x["group"] for x in got} == {1}


def test_duration_window_on_condition() -> None:
    got = annotate(
        "Subjects must have had back pain for at least 12 months before Screening", section="INCLUSION"
    )
    assert got == [
        {
            "kind": "CONDITION",
            "target": "pain",
            "bounds": [],
            "section": "INCLUSION",
            "negated": False,
            "when": [],
            "time": {"bounds": [b(">=", 12, "mo")], "direction": "before", "anchor": "screening"},
            "group": None,
        }
    ]
