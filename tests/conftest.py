"""Where the test data is: the shared corpus (TRIALPARSE_CORPUS, else ../shared/corpus) or the bundled samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REAL_PAGE = SAMPLES / "pages" / "NCT01408199.txt"


def corpus_dir() -> Path | None:
    """The corpus folder; None on a fresh clone without one. A TRIALPARSE_CORPUS that does not exist is an
    error (CI names it explicitly, so a missing corpus fails rather than quietly running on samples)."""
    named = os.environ.get("TRIALPARSE_CORPUS")
    if named:
        path = Path(named)
        if not (path / "pages").is_dir():
            raise RuntimeError(f"TRIALPARSE_CORPUS={named} has no pages/ folder")
        return path
    default = ROOT.parent / "shared" / "corpus"
    return default if (default / "pages").is_dir() else None


def page_pairs() -> list[tuple[Path, Path | None]]:
    """(page text, its v2 JSON source) for every rendered page of the corpus, or of samples/."""
    corpus = corpus_dir()
    pages, sources = (corpus / "pages", corpus / "ctgov-json") if corpus else (SAMPLES / "pages", SAMPLES / "json")
    out = []
    for page in sorted(pages.glob("*.txt")):
        source = sources / f"{page.stem}.json"
        out.append((page, source if source.exists() else None))
    return out


def json_files() -> list[Path]:
    corpus = corpus_dir()
    folder = corpus / "ctgov-json" if corpus else SAMPLES / "json"
    return sorted(folder.glob("NCT*.json"))


@pytest.fixture(scope="session")
def pairs() -> list[tuple[Path, Path | None]]:
    return page_pairs()
