"""Pure `str -> value` normalizers shared by the page sections and the structured readers."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
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


def memo(fn: Callable[[str], T], size: int) -> Callable[[str], T]:
    """`fn` with its answers cached by input: the normalizers are pure, their answers immutable, and a corpus
    repeats its dates, ages and phase strings. Long (hostile) inputs are not kept."""
    cached = lru_cache(maxsize=size)(fn)

    def call(raw: str) -> T:
        return cached(raw) if len(raw) <= 64 else fn(raw)

    return call
