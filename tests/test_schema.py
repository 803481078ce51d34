"""The JSON Schema of the record: generated from the model, committed, and true of every record the readers make."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import attrs
import jsonschema
import pytest

from tests.conftest import ROOT, page_pairs
from tests.exports import corpus_studies, full_trial
from trialparse import parse_file, to_dict
from trialparse.model import PartialDate, Trial
from trialparse.schema import PARTIAL_DATE_PATTERN, _schema_of, dumps_schema, json_schema

COMMITTED = ROOT / "docs" / "trial.schema.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_current() -> None:
    """docs/trial.schema.json is what the model generates. Fix: python -m trialparse.schema > docs/trial.schema.json"""
    assert COMMITTED.read_text(encoding="utf-8") == dumps_schema()


class Colour(StrEnum):
    RED = "red"


@attrs.frozen
class Leaf:
    n: int


@attrs.frozen
class Sample:  # a class with one field of each kind the generator supports
    text: str
    maybe: float | None
    flag: bool
    when: dt.date
    partial: PartialDate | None
    colour: Colour
    leaves: tuple[Leaf, ...]
    pair: tuple[int, str]
    names: list[str]
    table: dict[str, int]
    mode: Literal["a", "b"]
    either: int | str | None


HINTS = [  # (type hint, expected schema, why)
    (str, {"type": "string"}, "string"),
    (float | None, {"type": ["number", "null"]}, "nullable scalar"),
    (dt.date, {"type": "string", "format": "date"}, "full date"),
    (PartialDate, {"type": "string", "pattern": PARTIAL_DATE_PATTERN}, "partial date as its isoformat"),
    (PartialDate | None, {"type": ["string", "null"], "pattern": PARTIAL_DATE_PATTERN}, "nullable partial date"),
    (Colour, {"$ref": "#/$defs/Colour"}, "enum by reference"),
    (Colour | None, {"anyOf": [{"$ref": "#/$defs/Colour"}, {"type": "null"}]}, "nullable reference"),
    (tuple[Leaf, ...], {"type": "array", "items": {"$ref": "#/$defs/Leaf"}}, "variadic tuple"),
    (tuple[int, str], {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": False},
     "fixed tuple"),
    (list[str], {"type": "array", "items": {"type": "string"}}, "list"),
    (dict[str, int], {"type": "object", "additionalProperties": {"type": "integer"}}, "string-keyed dict"),
    (Literal["a", "b"], {"enum": ["a", "b"]}, "literal"),
    (int | str | None, {"anyOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"type": "null"}]}, "union"),
]


@pytest.mark.parametrize(("hint", "expected", "why"), HINTS, ids=[h[2] for h in HINTS])
def test_hint(hint: Any, expected: dict[str, Any], why: str) -> None:
    assert _schema_of(hint, {}) == expected, why


def test_class_def_requires_every_key_and_forbids_others() -> None:
    defs: dict[str, Any] = {}
    _schema_of(Sample, defs)
    sample = defs["Sample"]
    assert sample["required"] == [f.name for f in attrs.fields(Sample)]
    assert sample["additionalProperties"] is False
    assert defs["Colour"] == {"type": "string", "enum": ["red"]}


def test_unknown_hint_fails_loudly() -> None:
    with pytest.raises(TypeError, match="no JSON Schema mapping"):
        _schema_of(bytes, {})


def test_every_model_class_has_a_def() -> None:
    defs = json_schema()["$defs"]
    assert {"Trial", "Eligibility", "TrialDate", "Issue", "Severity", "Phase"} <= set(defs)
    assert "PartialDate" not in defs  # written as a string, not an object


@pytest.mark.parametrize("trial", [Trial(), full_trial()], ids=["empty", "full"])
def test_records_validate(validator: Any, trial: Trial) -> None:
    validator.validate(to_dict(trial))


BAD = [  # (change to a valid record's dict, why it is invalid)
    (lambda d: d.update(extra=1), "unknown key"),
    (lambda d: d.pop("title"), "missing key"),
    (lambda d: d["start_date"].update(date="2020-3"), "not a partial date"),
    (lambda d: d.update(overall_status="Recruiting"), "display string instead of v2 enum value"),
    (lambda d: d.update(phases="PHASE1"), "phases is a list"),
]


@pytest.mark.parametrize(("change", "why"), BAD, ids=[b[1] for b in BAD])
def test_invalid_records_fail(validator: Any, change: Any, why: str) -> None:
    data = to_dict(full_trial())
    change(data)
    assert list(validator.iter_errors(data)), why


@pytest.mark.corpus
def test_corpus_json_records_validate(validator: Any) -> None:
    """Every record read from v2 JSON validates."""
    bad = {p.name: e.message for p, _, t in corpus_studies() if (e := _first_error(validator, to_dict(t)))}
    assert corpus_studies() and not bad, bad


@pytest.mark.corpus
def test_corpus_page_records_validate(validator: Any) -> None:
    """Every record parsed from page text validates."""
    pages: list[Path] = [page for page, _ in page_pairs()]
    bad = {p.name: e.message for p in pages if (e := _first_error(validator, to_dict(parse_file(p))))}
    assert pages and not bad, bad


def _first_error(validator: Any, data: Any) -> Any:
    return next(iter(validator.iter_errors(data)), None)
