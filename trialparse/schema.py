"""JSON Schema (draft 2020-12) of the trialparse record, generated from the attrs model.

No maintained attrs → JSON Schema library exists, so this walks `attrs.fields` and the resolved type hints.
Regenerate the committed copy with `python -m trialparse.schema > docs/trial.schema.json`.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from trialparse.model import PartialDate, Trial

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
_OWNERS = " owners"  # bookkeeping key in the defs being built (not a valid class name, so never a real def)

_SCALARS: dict[type, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
    # PartialDate serializes as its isoformat string (see serialize.py), never as an object.
    PartialDate: {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
    # Decimals serialize as positional-notation strings (exact; JSON numbers would go through float).
    Decimal: {"type": "string", "pattern": DECIMAL_PATTERN},
}


def json_schema() -> dict[str, Any]:
    """The schema of `trialparse.to_dict(trial)` output: every key required, no extra keys."""
    defs: dict[str, Any] = {}
    root = _schema_of(Trial, defs)
    return {
        "$schema": DIALECT,
        "title": "trialparse Trial record",
        "description": "A clinical-trial registry record as written by trialparse (to_dict / dumps).",
        **root,
        "$defs": {k: v for k, v in sorted(defs.items()) if k != _OWNERS},
    }


def _schema_of(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _ref(hint, defs, _enum_def)
    if attrs.has(hint):
        return _ref(hint, defs, _class_def)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(args, defs)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _schema_of(args[0], defs)}
    if origin is tuple:
        return {"type": "array", "prefixItems": [_schema_of(a, defs) for a in args], "items": False}
    if origin is list:
        return {"type": "array", "items": _schema_of(args[0], defs)}
    if origin is dict and args[0] is str:
        return {"type": "object", "additionalProperties": _schema_of(args[1], defs)}
    if origin is typing.Literal:
        return {"enum": list(args)}
    # Fail loudly: a new model field of an unknown kind must extend this generator, not vanish from the schema.
    raise TypeError(f"no JSON Schema mapping for type hint {hint!r}")


_Build = typing.Callable[[Any, dict[str, Any]], dict[str, Any]]


def _ref(cls: type, defs: dict[str, Any], build: _Build) -> dict[str, Any]:
    name = getattr(cls, "__schema_name__", cls.__name__)  # a class may rename itself to avoid a clash
    owner = defs.setdefault(_OWNERS, {})
    if name not in owner:
        owner[name] = cls
        defs[name] = {}  # placeholder first: a recursive class refers to itself
        defs[name] = build(cls, defs)
    elif owner[name] is not cls:
        raise TypeError(f"two model classes named {name}: {owner[name]!r} and {cls!r}")
    return {"$ref": f"#/$defs/{name}"}


def _enum_def(cls: type[Enum], _: dict[str, Any]) -> dict[str, Any]:
    return {**_described(cls), "type": "string", "enum": [m.value for m in cls]}


def _class_def(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    # Derived properties the serializer writes too (`__derived__`, see serialize.py), typed by their return hint.
    for name in derived_names(cls):
        hints[name] = typing.get_type_hints(getattr(cls, name).fget)["return"]
    names = [f.name for f in attrs.fields(cls)] + list(derived_names(cls))
    return {
        **_described(cls),
        "type": "object",
        "properties": {n: _schema_of(hints[n], defs) for n in names},
        # The serializer writes every key, nulls and empty lists included.
        "required": names,
        "additionalProperties": False,
    }


def derived_names(cls: type) -> tuple[str, ...]:
    """Names of the read-only properties a model class lists in `__derived__` (written, never read back)."""
    return tuple(getattr(cls, "__derived__", ()))


def _described(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    doc = cls.__doc__
    # Enum subclasses inherit Enum's generic docstring; only a class's own one says something.
    if doc and "__doc__" in vars(cls) and not doc.startswith("An enumeration"):
        out["description"] = doc.strip().split("\n\n")[0].replace("\n", " ")
    return out


def _union(args: tuple[Any, ...], defs: dict[str, Any]) -> dict[str, Any]:
    members = [a for a in args if a is not type(None)]
    nullable = len(members) < len(args)
    inner = _schema_of(members[0], defs) if len(members) == 1 else {"anyOf": [_schema_of(m, defs) for m in members]}
    if not nullable:
        return inner
    if isinstance(inner.get("type"), str) and "enum" not in inner:
        return {**inner, "type": [inner["type"], "null"]}
    return {"anyOf": [inner, {"type": "null"}]}


def main() -> None:
    """Print the schema (the text of `docs/trial.schema.json`)."""
    print(dumps_schema(), end="")


def dumps_schema() -> str:
    """The schema as the committed file's text: 2-space indent, UTF-8 kept, trailing newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    main()
