"""Source-quality checks: which units are usual for a target (a different one is flagged, never corrected)."""

from __future__ import annotations

from typing import Final

from trialparse.criteria.model import Bound, Flag, Kind

_COUNTS: Final = frozenset({"10*9/L", "10*3/uL", "10*3/mm3", "/uL", "/mm3", "10*12/L", "/mL"})
_TIME: Final = frozenset({"a", "mo", "wk", "d"})

# Units a target is usually written in (LEXICON §2.1 "usual units", widened to the common alternatives).
USUAL_UNITS: Final[dict[str, frozenset[str]]] = {
    "age": _TIME,
    "age_at_onset": _TIME,
    "age_at_diagnosis": _TIME,
    "platelets": _COUNTS,
    "anc": _COUNTS,
    "wbc": _COUNTS,
    "lymphocytes": _COUNTS,
    "cd4": _COUNTS,
    "hemoglobin": frozenset({"g/dL", "g/L", "mmol/L"}),
    "blasts": frozenset({"%"}),
    "mrd": frozenset({"%"}),
    "creatinine": frozenset({"mg/dL", "umol/L", "mmol/L"}),
    "crcl": frozenset({"mL/min", "mL/min/{1.73_m2}"}),
    "egfr": frozenset({"mL/min", "mL/min/{1.73_m2}"}),
    "bilirubin_total": frozenset({"mg/dL", "umol/L"}),
    "bilirubin_direct": frozenset({"mg/dL", "umol/L"}),
    "ast": frozenset({"U/L", "[iU]/L"}),
    "alt": frozenset({"U/L", "[iU]/L"}),
    "alp": frozenset({"U/L", "[iU]/L"}),
    "albumin": frozenset({"g/dL", "g/L"}),
    "hba1c": frozenset({"%", "mmol/mol"}),
    "glucose": frozenset({"mg/dL", "mmol/L"}),
    "potassium": frozenset({"mmol/L", "meq/L"}),
    "sodium": frozenset({"mmol/L", "meq/L"}),
    "lvef": frozenset({"%"}),
    "qtc": frozenset({"ms"}),
    "spo2": frozenset({"%"}),
    "sbp": frozenset({"mm[Hg]"}),
    "dbp": frozenset({"mm[Hg]"}),
    "bmi": frozenset({"kg/m2"}),
    "body_weight": frozenset({"kg", "g", "[lb_av]"}),
    "height": frozenset({"cm", "m"}),
    "life_expectancy": frozenset({"mo", "wk", "a", "d"}),
    "heart_rate": frozenset({"/min"}),
    "body_temperature": frozenset({"Cel", "[degF]"}),
    "pt": frozenset({"s"}),
    "aptt": frozenset({"s"}),
    "inr": frozenset(),
    "psa": frozenset({"ng/mL"}),
    "tsh": frozenset({"m[iU]/L", "u[iU]/mL", "m[iU]/mL"}),
    "testosterone": frozenset({"ng/dL", "nmol/L", "ng/mL"}),
    "viral_load": frozenset({"{copies}/mL", "[iU]/mL"}),
}


def unit_flags(kind: Kind, target: str | None, bounds: tuple[Bound, ...]) -> list[Flag]:
    """UNIT_IMPLAUSIBLE for a unit unusual for the target; UNIT_MISSING for a measurement with no unit."""
    if target is None or kind not in (Kind.MEASUREMENT, Kind.AGE):
        return []
    usual = USUAL_UNITS.get(target)
    flags: list[Flag] = []
    for b in bounds:
        if b.reference is not None:
            continue
        if b.unit is None and usual:
            flags.append(Flag.UNIT_MISSING)
        elif b.unit is not None and usual is not None and b.unit not in usual:
            flags.append(Flag.UNIT_IMPLAUSIBLE)
    return list(dict.fromkeys(flags))
