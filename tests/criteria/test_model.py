"""model.py: frozen attrs classes that cattrs round-trips."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import cattrs
import pytest

from trialparse.criteria import ParsedCriterion, parse_item


def test_cattrs_round_trip() -> None:
    pc = parse_item(
        "ANC ≥1.5 × 10^9/L within 14 days before enrolment; Pregnancy or breastfeeding",
        section="INCLUSION",
        raw="* ANC",
        path=(2,),
    )
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(v))
    data = json.loads(json.dumps(conv.unstructure(pc)))
    assert conv.structure(data, ParsedCriterion) == pc


def test_frozen() -> None:
    c = parse_item("Age over 18", section="INCLUSION").constraints[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.negated = True  # type: ignore[misc]


def test_record_json_carries_effect_and_decimal_strings() -> None:
    from trialparse.serialize import converter

    pc = parse_item("No ALT > 2.5 x ULN within 14 days", section="EXCLUSION")
    data = converter.unstructure(pc)
    c = data["constraints"][0]
    assert c["bounds"][0]["value"] == "2.5" and c["effect"] == pc.constraints[0].effect.value
    assert isinstance(c["span"], list)
    assert converter.structure(data, ParsedCriterion) == pc
    for key, bad in (("effect", "UNKNOWN"), ("value", 2.5), ("value", "1e3")):
        broken = json.loads(json.dumps(data))
        target = broken["constraints"][0] if key == "effect" else broken["constraints"][0]["bounds"][0]
        target[key] = bad
        with pytest.raises(Exception, match="structuring"):
            converter.structure(broken, ParsedCriterion)
