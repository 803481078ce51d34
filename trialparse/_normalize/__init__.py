"""Pure `str -> value` normalizers shared by the page sections and the structured readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import attrs

T = TypeVar("T")


@attrs.frozen
class Parsed(Generic[T]):
    """A normalizer's answer. `problem` set with a value: read with a loss; without: not understood."""

    value: T | None
    problem: str | None = None

    @property
    def failed(self) -> bool:
        return self.value is None and self.problem is not None


# The longest input whose answer a `memo` keeps.
_MEMO_LENGTH = 64


class _Memo(dict[str, T]):
    """Answers by input; a missing one is computed, and kept while the input is short and the memo not full."""

    __slots__ = ("fn", "size")

    def __init__(self, fn: Callable[[str], T], size: int) -> None:
        super().__init__()
        self.fn = fn
        self.size = size

    def __missing__(self, raw: str) -> T:
        value = self.fn(raw)
        if len(raw) <= _MEMO_LENGTH and len(self) < self.size:
            self[raw] = value
        return value


def memo(fn: Callable[[str], T], size: int) -> Callable[[str], T]:
    """`fn` with its answers cached by input: the normalizers are pure, their answers immutable, and a corpus
    repeats its dates, ages and phase strings. Long (hostile) inputs are not kept, and at most `size` answers.

    The memo's own `__getitem__` is the function: an input seen before is answered in C, with no Python call
    (about half the cost of an `lru_cache` behind a length check, on every date, age and phase of a record)."""
    return _Memo(fn, size).__getitem__
