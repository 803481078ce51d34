"""Time the criteria extractor over every criteria item of the corpus's v2 JSON studies, on one core.

Usage: python bench/criteria_speed.py [CORPUS]   (default: $TRIALPARSE_CORPUS or ../shared/corpus)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.criteria.corpus import corpus_dir, corpus_items  # noqa: E402
from trialparse.criteria import parse_item  # noqa: E402


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else corpus_dir()
    if root is None or not root.is_dir():
        print("no corpus directory")
        return 2
    items = list(corpus_items(root))
    chars = sum(len(t) for _, _, t in items)
    start = time.process_time()
    constraints = sum(len(parse_item(text, section=section).constraints) for _, section, text in items)
    elapsed = time.process_time() - start
    print(
        f"{len(items)} items ({chars} characters) -> {constraints} constraints in {elapsed:.2f} s CPU"
        f" ({1000 * elapsed / max(1, len(items)):.3f} ms/item)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
