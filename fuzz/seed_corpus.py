"""Writes a seed corpus for the atheris harness into fuzz/corpus/: the hostile inputs under 64 KB and the
samples (pages, v2 JSON, legacy XML). `python -m fuzz.seed_corpus` from the project root."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = ROOT / "fuzz" / "corpus"
    out.mkdir(exist_ok=True)
    sources = [*(ROOT / "tests" / "hostile").glob("*.input"), *(ROOT / "samples").rglob("*.*")]
    n = 0
    for path in sources:
        data = path.read_bytes()
        if len(data) < 65_536:
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
            n += 1
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main()
