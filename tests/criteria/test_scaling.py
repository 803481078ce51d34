"""Extraction time grows linearly with the item: long runs of spaces, many numbers, one huge item.

Work is compared, not timed against a limit: CPU time (`time.process_time`, best of interleaved runs) on an
item 4x longer must stay under 8x (linear is 4x, quadratic 16x). Items longer than `extract.PIECE` are read in
pieces, so the sizes compared are both above it.
"""

from __future__ import annotations

import bisect
import itertools
import random
import time

import pytest

from trialparse.criteria import parse_item
from trialparse.criteria.draft import ItemText
from trialparse.criteria.extract import PIECE, extract, pieces
from trialparse.criteria.numeric import NumericResolver

RATIO = 8.0


def _cpu(text: str) -> float:
    start = time.process_time()
    extract(text, section="INCLUSION")
    return time.process_time() - start


def _ratio(small: str, large: str, repeat: int = 2) -> float:
    """Best large / best small CPU time, the runs interleaved; a suspect ratio is measured again (a burst of load
    on the machine is not a verdict)."""
    t_small, t_large = float("inf"), float("inf")
    for _ in range(repeat):
        t_small, t_large = min(t_small, _cpu(small)), min(t_large, _cpu(large))
    ratio = t_large / max(t_small, 1e-4)
    return _ratio(small, large, 5) if ratio >= RATIO and repeat < 5 else ratio


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "ANC >= 1.5" + " " * n + "x 10^9/L",  # a run of spaces inside a threshold
        lambda n: "Age 18" + " " * n,
        lambda n: "Platelets >=" + " " * n + "100 in men" + " " * n + "(if aged >= 16 years)",
        lambda n: ("ANC >= 1.5 x 10^9/L, " * n)[:n],  # many numbers and names in one clause
        lambda n: ("grade 3 " * n)[:n],
        lambda n: ("chemotherapy within 4 weeks and " * n)[:n],  # many windows and therapies
        lambda n: ("female > 470 ms, male > 450 ms, " * n)[:n],
        lambda n: ("e.g. surgery, except " * n)[:n],  # many example and exception regions
    ],
)
def test_extraction_is_linear(make: object) -> None:
    assert callable(make)
    small, large = make(2 * PIECE), make(8 * PIECE)
    assert _ratio(small, large) < RATIO


def test_before_is_the_last_mention_ending_before_the_number() -> None:
    rng = random.Random(4)
    words = ["ANC", "platelets", "ALT", "AST", "and", "or", ">=", "<", "1.5", "100", "3 x ULN", "age", "18", "years",
             "hemoglobin", "9", "g/dL", ",", ";", "NYHA", "class", "III", "grade", "2"]
    for _ in range(300):
        item = ItemText(" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))))
        resolver = NumericResolver(item)
        for q in item.quantities:
            expected = None
            for i, m in enumerate(resolver.mentions):
                if m.end <= q.num_start:
                    expected = i
            assert resolver._before(q) == expected


def test_long_items_are_read_in_pieces() -> None:
    sentence = "Platelets >= 100 x 10^9/L or ANC >= 1.5 x 10^9/L within 14 days before enrolment. "
    text = sentence * (3 * PIECE // len(sentence))
    cuts = pieces(text)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(0 < end - start <= PIECE and text[end - 1] == "." for start, end in cuts[:-1])  # sentence ends
    parsed = parse_item(text, section="INCLUSION")
    per_piece = len(extract(sentence * (cuts[0][1] // len(sentence)), section="INCLUSION"))
    assert len(parsed.constraints) == per_piece * len(cuts)
    for c in parsed.constraints:
        assert 0 <= c.span[0] < c.span[1] <= len(text) and c.target_text in text[c.span[0] : c.span[1]]
    groups = [c.group for c in parsed.constraints]  # OR-groups stay distinct across pieces
    assert len(set(groups)) == len(cuts) and groups == sorted(groups)
    starts = [c.span[0] for c in parsed.constraints]
    assert starts == sorted(starts)
    assert bisect.bisect_left(starts, cuts[1][0]) == per_piece


def test_a_sentence_longer_than_a_piece_is_cut_at_a_space() -> None:
    text = "word " * PIECE
    cuts = pieces(text)
    assert all(text[end - 1] == " " and end - start <= PIECE for start, end in cuts[:-1])
    assert pieces("x" * (PIECE + 10)) == [(0, PIECE), (PIECE, PIECE + 10)]
    assert pieces("short") == [(0, 5)]
