"""items.py: ParsedCriterion, lead-ins of flat item lists, registry age mismatch."""

from __future__ import annotations

from trialparse.criteria import Effect, Flag, Kind, Status, parse_item, parse_items


def test_parse_item_status_and_uncovered() -> None:
    pc = parse_item("Age ≥ 18 years and 3 prior lines", section="INCLUSION")
    assert pc.status in (Status.FULL, Status.PARTIAL)
    assert all(0 <= s < e <= len(pc.text) for s, e in pc.uncovered)
    assert parse_item("Written informed consent", section="INCLUSION").status is Status.NONE


def test_effect_is_derived() -> None:
    (c,) = parse_item("no pregnancy", section="INCLUSION").constraints
    assert c.effect is Effect.EXCLUDE
    (c,) = parse_item("Pregnant women", section="EXCLUSION").constraints
    assert c.effect is Effect.EXCLUDE
    (c,) = parse_item("Age over 18", section="UNKNOWN").constraints
    assert c.effect is Effect.UNKNOWN


def test_lead_in_gives_children_its_time_window() -> None:
    items = [
        "Adequate organ function, obtained within 14 days prior to the first dose:",
        "ANC ≥ 1500 cells/µL",
        "Platelets ≥ 100 x 10^9/L",
    ]
    parsed = parse_items(items, [])
    assert parsed[1].lead_in == items[0] and parsed[1].path == (0, 0)
    for pc in parsed[1:]:
        (c,) = pc.constraints
        assert c.time is not None and c.time.anchor == "first_dose"


def test_lead_in_gives_its_target() -> None:
    parsed = parse_items(["Age:", "≥ 12 months"], [])
    (c,) = parsed[1].constraints
    assert (c.kind, c.target, c.bounds[0].unit) == (Kind.AGE, "age", "mo")


def test_registry_mismatch() -> None:
    parsed = parse_items(["Age ≥ 18 years"], ["Age < 18 years"], minimum_age=(21, "YEARS"))
    assert Flag.REGISTRY_MISMATCH in parsed[0].constraints[0].flags
    assert Flag.REGISTRY_MISMATCH not in parsed[1].constraints[0].flags
    ok = parse_items(["Age ≥ 18 years"], [], minimum_age=(18, "Years"))
    assert Flag.REGISTRY_MISMATCH not in ok[0].constraints[0].flags
