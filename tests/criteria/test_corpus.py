"""Issue 6 §3 over every criteria item of the corpus (v2 JSON, legacy XML, pages), read through `parse_file`.

The corpus is `TRIALPARSE_CORPUS`, else `../shared/corpus`, else the bundled `samples/` (tests/conftest.py).
The checks look at the record's `eligibility.items`, i.e. what every reader hands out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, corpus_dir
from trialparse import parse_file
from trialparse.criteria import Constraint, Flag, Kind, ParsedCriterion, Section
from trialparse.model import Age, Trial

pytestmark = pytest.mark.corpus

_NUMERIC = {Kind.AGE, Kind.MEASUREMENT, Kind.SCORE, Kind.OTHER_NUMERIC}


def corpus_files() -> list[Path]:
    root = corpus_dir()
    folders = (
        (root / "ctgov-json", root / "ctgov-xml", root / "pages")
        if root
        else (SAMPLES / "json", SAMPLES / "xml", SAMPLES / "pages")
    )
    exts = ("json", "xml", "txt")
    return [f for folder, ext in zip(folders, exts, strict=True) for f in sorted(folder.glob(f"NCT*.{ext}"))]


@pytest.fixture(scope="module")
def records() -> list[tuple[Path, Trial | BaseException]]:
    out: list[tuple[Path, Trial | BaseException]] = []
    for path in corpus_files():
        try:
            out.append((path, parse_file(path)))
        except Exception as exc:  # reported by test_no_exception
            out.append((path, exc))
    return out


def _items(records: list[tuple[Path, Trial | BaseException]]) -> Iterator[tuple[Trial, ParsedCriterion]]:
    for _, trial in records:
        if isinstance(trial, Trial) and trial.eligibility is not None:
            for item in trial.eligibility.items:
                yield trial, item


def test_every_format_is_read(records: list[tuple[Path, Trial | BaseException]]) -> None:
    assert {p.suffix for p, _ in records} == {".json", ".xml", ".txt"}
    assert sum(1 for _ in _items(records)) > 0


def test_no_exception(records: list[tuple[Path, Trial | BaseException]]) -> None:
    failed = [f"{p.name}: {r!r}" for p, r in records if isinstance(r, BaseException)]
    assert failed == []


def test_items_are_the_records_criteria(records: list[tuple[Path, Trial | BaseException]]) -> None:
    for path, trial in records:
        if isinstance(trial, Trial) and trial.eligibility is not None:
            e = trial.eligibility
            assert [i.text for i in e.items] == [*e.inclusion, *e.exclusion], path.name


def test_every_span_slices_its_item(records: list[tuple[Path, Trial | BaseException]]) -> None:
    bad = []
    for _, item in _items(records):
        n = len(item.text)
        for c in item.constraints:
            s, e = c.span
            if not (0 <= s <= e <= n) or (c.target_text and c.target_text not in item.text):
                bad.append((item.text, c.span, c.target_text))
        bad.extend((item.text, (s, e), "uncovered") for s, e in item.uncovered if not 0 <= s <= e <= n)
    assert bad == []


# --- registry ages ---------------------------------------------------------------------------------------
# Computed here from the record's fields, not with trialparse.criteria.items: an inclusion AGE constraint on
# the participant (target `age`, no `when`, not negated) disagrees with the record when one of its bounds is
# more than half a year away from the record's age on that side (a minimum for >=/>, a maximum for <=/<;
# one more year of slack for a strict comparator: "over 18" and a registry minimum of 18 or 19 agree).
# A side the record leaves empty is not compared.
_YEARS_PER = {"a": 1.0, "mo": 1 / 12, "wk": 7 / 365.25, "d": 1 / 365.25}
_REGISTRY_YEARS = {"YEARS": 1.0, "MONTHS": 1 / 12, "WEEKS": 7 / 365.25, "DAYS": 1 / 365.25}


def _registry(age: Age | None) -> float | None:
    if age is None or str(age.unit) not in _REGISTRY_YEARS:
        return None
    return age.value * _REGISTRY_YEARS[str(age.unit)]


def _disagrees(c: Constraint, minimum: float | None, maximum: float | None) -> bool:
    for b in c.bounds:
        if (b.unit or "a") not in _YEARS_PER:
            continue
        years = float(b.value) * _YEARS_PER[b.unit or "a"]
        strict = str(b.cmp) in (">", "<")
        side = minimum if str(b.cmp) in (">=", ">") else maximum if str(b.cmp) in ("<=", "<") else None
        if side is not None and abs(years - side) > 0.5 + (1 if strict else 0) + 1e-9:
            return True
    return False


def _participant_age(item: ParsedCriterion, c: Constraint) -> bool:
    return (
        item.section is Section.INCLUSION
        and c.kind is Kind.AGE
        and c.target == "age"
        and not c.when
        and not c.negated
    )


def test_registry_mismatch(records: list[tuple[Path, Trial | BaseException]]) -> None:
    missing, spurious, compared = [], [], 0
    for trial, item in _items(records):
        e = trial.eligibility
        assert e is not None
        minimum, maximum = _registry(e.minimum_age), _registry(e.maximum_age)
        for c in item.constraints:
            flagged = Flag.REGISTRY_MISMATCH in c.flags
            if not _participant_age(item, c):
                if flagged:
                    spurious.append((trial.nct_id, item.text))
                continue
            compared += 1
            if _disagrees(c, minimum, maximum) and not flagged:
                missing.append((trial.nct_id, item.text, e.minimum_age, e.maximum_age))
            elif flagged and not _disagrees(c, minimum, maximum):
                spurious.append((trial.nct_id, item.text))
    assert compared > 0
    assert missing == []
    assert spurious == []


# --- numbers become constraints ---------------------------------------------------------------------------
# An item "has a comparator and a number" when a comparator (a symbol <, >, ≤, ≥, =<, >=, or one of the words
# below) is followed, after spaces only, by a number that is not a time (a number followed by a time unit is a
# window, rule 12, not a numeric constraint). It "yields" when the record's item has at least one AGE,
# MEASUREMENT, SCORE or OTHER_NUMERIC constraint, or a PRIOR_THERAPY with bounds (a dose, rule 13).
_CMP = (
    r"(?:[<>≤≥]=?|=<|=>|\b(?:at least|at most|more than|less than|greater than|fewer than|higher than|lower than"
    r"|no more than|not more than|no less than|not less than|up to|over|under|above|below|minimum(?: of)?"
    r"|maximum(?: of)?)\b)"
)
_TIME_UNIT = r"(?:hours?|hrs?|h|days?|d|weeks?|wks?|months?|mos?|years?|yrs?|minutes?|mins?|half[- ]lives)\b"
_CMP_NUMBER = re.compile(rf"{_CMP}\s*(?:\d+(?:[.,]\d+)?)(?!\s*[-–]?\s*{_TIME_UNIT})(?![\d.,]*\s*{_TIME_UNIT})", re.I)


def has_comparator_and_number(text: str) -> bool:
    return _CMP_NUMBER.search(text) is not None


def yields_numeric(item: ParsedCriterion) -> bool:
    return any(c.kind in _NUMERIC or (c.kind is Kind.PRIOR_THERAPY and c.bounds) for c in item.constraints)


def test_comparator_definition() -> None:
    assert has_comparator_and_number("ANC ≥ 1.5 x 10^9/L")
    assert has_comparator_and_number("Age at least 18")
    assert not has_comparator_and_number("chemotherapy within 4 weeks")
    assert not has_comparator_and_number("for at least 3 months")
    assert not has_comparator_and_number("Written informed consent")


def test_numbers_become_constraints(records: list[tuple[Path, Trial | BaseException]]) -> None:
    with_cmp = [item for _, item in _items(records) if has_comparator_and_number(item.text)]
    hits = sum(yields_numeric(item) for item in with_cmp)
    assert with_cmp
    assert hits / len(with_cmp) >= 0.95, f"{hits}/{len(with_cmp)}"
