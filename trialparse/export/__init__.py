"""Downstream formats: CT.gov API v2 study JSON, FHIR ResearchStudy (R5, R4B), WHO TRDS. Plain dicts, JSON-ready."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trialparse.export.ctgov import to_ctgov
from trialparse.export.fhir import to_fhir
from trialparse.export.who import to_who_trds
from trialparse.model import Trial

EXPORTERS: dict[str, Callable[[Trial], dict[str, Any]]] = {
    "ctgov": to_ctgov,
    "fhir-r5": lambda trial: to_fhir(trial, "R5"),
    "fhir-r4b": lambda trial: to_fhir(trial, "R4B"),
    "who-trds": to_who_trds,
}

__all__ = ["EXPORTERS", "to_ctgov", "to_fhir", "to_who_trds"]
