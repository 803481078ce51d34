"""Pure `str -> value` normalizers shared by the page sections and the structured readers."""

from __future__ import annotations

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
