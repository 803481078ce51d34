"""Criteria items of the shared corpus (v2 JSON studies), split with a simple bullet splitter."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

_HEADER = re.compile(r"^\s*(?:key\s+)?(inclusion|exclusion)(?:\s+criteria)?\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[*\-•+]|\d+[.)]|[a-z][.)])\s+", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\<>*_\[\]()#+\-.!~`|{}^])")


def corpus_dir() -> Path | None:
    env = os.environ.get("TRIALPARSE_CORPUS")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
    return path if path.is_dir() else None


def split_items(criteria: str) -> Iterator[tuple[str, str]]:
    """(section, item text) for each bullet or paragraph; Markdown escapes removed."""
    section = "UNKNOWN"
    for line in criteria.splitlines():
        header = _HEADER.match(line)
        if header:
            section = header.group(1).upper()
            continue
        text = _ESCAPE.sub(r"\1", _BULLET.sub("", line)).strip()
        if text:
            yield section, text


def corpus_items(root: Path) -> Iterator[tuple[str, str, str]]:
    """(nct_id, section, text) of every item of the v2 JSON studies."""
    for path in sorted((root / "ctgov-json").glob("*.json")):
        study = json.loads(path.read_text(encoding="utf-8"))
        criteria = (
            study.get("protocolSection", {}).get("eligibilityModule", {}).get("eligibilityCriteria") or ""
        )
        for section, text in split_items(criteria):
            yield path.stem, section, text
