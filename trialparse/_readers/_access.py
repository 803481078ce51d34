"""Type-checked access to decoded JSON: a value of the wrong type is an issue naming its path, not a crash."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from trialparse._draft import Draft

E = TypeVar("E", bound=StrEnum)


class Node:
    """A JSON object at `path`; getters return None (and report) when a value has the wrong type."""

    __slots__ = ("data", "draft", "path", "section")

    def __init__(self, data: Any, path: str, draft: Draft, section: str) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.draft = draft
        self.section = section
        if data is not None and not isinstance(data, dict):
            self._wrong(path, "an object", data)

    def _wrong(self, path: str, expected: str, value: Any) -> None:
        self.draft.report("wrong_type", f"{path}: expected {expected}, got {type(value).__name__}",
                          section=self.section, field=path, excerpt=repr(value)[:200])

    def node(self, key: str, section: str | None = None) -> Node:
        return Node(self.data.get(key), f"{self.path}.{key}", self.draft, section or self.section)

    def nodes(self, key: str) -> list[Node]:
        path = f"{self.path}.{key}"
        return [Node(item, f"{path}[{i}]", self.draft, self.section) for i, item in enumerate(self._list(key))]

    def _list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(f"{self.path}.{key}", "a list", value)
            return []
        return value

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # numbers where text belongs (org ids, zips) keep their digits
        self._wrong(f"{self.path}.{key}", "a string", value)
        return None

    def texts(self, key: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self._list(key)):
            if isinstance(item, str):
                if item:
                    out.append(item)
            else:
                self._wrong(f"{self.path}.{key}[{i}]", "a string", item)
        return tuple(out)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        self._wrong(f"{self.path}.{key}", "an integer", value)
        return None

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if value is not None:
            self._wrong(f"{self.path}.{key}", "a number", value)
        return None

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self._wrong(f"{self.path}.{key}", "a boolean", value)
        return None

    def enum(self, enum: type[E], key: str, field: str | None = None) -> E | None:
        return self.draft.enum(enum, self.text(key), section=self.section, field=field or f"{self.path}.{key}")

    def enums(self, enum: type[E], key: str, field: str | None = None) -> tuple[E, ...]:
        found = (self.draft.enum(enum, raw, section=self.section, field=field or f"{self.path}.{key}")
                 for raw in self.texts(key))
        return tuple(value for value in found if value is not None)
