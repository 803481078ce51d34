"""Type-checked access to decoded JSON: a value of the wrong type is an issue naming its path, not a crash.

Speed: a study has a few hundred values, so every getter first tries the common case (the value already has
its type: `value.__class__ is str`), and only a value of another type takes the checking path that reports.
Enum lookups that succeeded are cached by (enum, raw string): a corpus repeats a few dozen raw values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar, cast

from trialparse._draft import Draft

E = TypeVar("E", bound=StrEnum)

_EMPTY: dict[str, Any] = {}  # the data of an absent or wrong-typed object (never written to)
_ENUM_HITS: dict[tuple[type[StrEnum], str], StrEnum] = {}  # (enum, raw) → member, for raw values that name one
_ENUM_HITS_MAX = 4096


class Node:
    """A JSON object at `path`; getters return None (and report) when a value has the wrong type."""

    __slots__ = ("data", "draft", "path", "section")

    def __init__(self, data: Any, path: str, draft: Draft, section: str) -> None:
        self.path = path
        self.draft = draft
        self.section = section
        if data.__class__ is dict:
            self.data: dict[str, Any] = data
            return
        self.data = data if isinstance(data, dict) else _EMPTY
        if data is not None and not isinstance(data, dict):
            self._wrong(path, "an object", data)

    def _wrong(self, path: str, expected: str, value: Any) -> None:
        self.draft.report("wrong_type", f"{path}: expected {expected}, got {type(value).__name__}",
                          section=self.section, field=path, excerpt=repr(value)[:200])

    def node(self, key: str, section: str | None = None) -> Node:
        return Node(self.data.get(key), f"{self.path}.{key}", self.draft, section or self.section)

    def nodes(self, key: str) -> list[Node]:
        items = self.data.get(key)
        if not items and (items is None or items.__class__ is list):
            return []
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
        if value.__class__ is str:
            return value or None
        if value is None or isinstance(value, str):
            return value or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # numbers where text belongs (org ids, zips) keep their digits
        self._wrong(f"{self.path}.{key}", "a string", value)
        return None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        out = []
        for i, item in enumerate(self._list(key)):
            if item.__class__ is str or isinstance(item, str):
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
        raw = self.data.get(key)
        if raw is None:
            return None
        if raw.__class__ is str:
            found = _ENUM_HITS.get((enum, raw))
            if found is not None:
                return cast(E, found)
        value = self.draft.enum(enum, self.text(key), section=self.section, field=field or f"{self.path}.{key}")
        if value is not None and raw.__class__ is str and len(_ENUM_HITS) < _ENUM_HITS_MAX:
            _ENUM_HITS[(enum, raw)] = value
        return value

    def enums(self, enum: type[E], key: str, field: str | None = None) -> tuple[E, ...]:
        raws = self.texts(key)
        if not raws:
            return ()
        out = []
        for raw in raws:
            found = _ENUM_HITS.get((enum, raw)) if raw.__class__ is str else None
            if found is None:
                found = self.draft.enum(enum, raw, section=self.section, field=field or f"{self.path}.{key}")
                if found is None:
                    continue
                if raw.__class__ is str and len(_ENUM_HITS) < _ENUM_HITS_MAX:
                    _ENUM_HITS[(enum, raw)] = found
            out.append(cast(E, found))
        return tuple(out)


def string(value: Any) -> str | None:
    """`value` when it is a non-empty str, else None (callers fall back to `Node.text` for other types)."""
    return value if value.__class__ is str and value else None
