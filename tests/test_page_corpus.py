"""Every corpus page parsed and compared field by field with the v2 JSON it was rendered from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import trialparse
from tests.agreement import ITEM_FIELDS, PAGE_FIELDS, disagreements, item_agreement
from tests.conftest import page_pairs
from trialparse._readers.ctgov_json import read_json

THRESHOLD = 99.5


def _agreement(pairs: list[tuple[Path, Path | None]]) -> tuple[dict[str, float], dict[str, list[str]]]:
    misses: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    items: dict[str, list[int]] = {name: [0, 0] for name in ITEM_FIELDS}
    compared = 0
    for page, source in pairs:
        if source is None:
            continue
        compared += 1
        got, truth = trialparse.parse_file(page), read_json(source.read_bytes())
        for name in disagreements(got, truth):
            misses[name] += 1
            examples.setdefault(name, []).append(page.stem)
        for name, (same, total) in item_agreement(got, truth).items():
            items[name][0] += same
            items[name][1] += total
    shares = {name: 100.0 * (compared - misses[name]) / compared for name in PAGE_FIELDS}
    shares.update({name: 100.0 * same / total if total else 100.0 for name, (same, total) in items.items()})
    return shares, examples


@pytest.mark.corpus
def test_every_page_agrees_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    """Per-field agreement of page records with their v2 JSON source is at least 99.5 % on every field."""
    pairs = page_pairs()
    assert sum(source is not None for _, source in pairs) >= 20
    shares, examples = _agreement(pairs)
    with capsys.disabled():
        print(f"\nper-field agreement over {len(pairs)} pages (locations[] fields per site):")
        for name, share in shares.items():
            print(f"  {name:34s} {share:7.2f} %  {' '.join(examples.get(name, [])[:5])}")
    low = {name: share for name, share in shares.items() if share < THRESHOLD}
    assert not low, f"fields below {THRESHOLD} %: {low}"


@pytest.mark.corpus
def test_every_page_parses_cleanly() -> None:
    """No page crashes, none has error issues, and no rendered page leaves a line unparsed."""
    for page, _ in page_pairs():
        trial = trialparse.parse_file(page)
        assert trial.nct_id == page.stem
        assert not [i for i in trial.issues if i.severity == "error"], page.name
        assert trial.unparsed == (), page.name
