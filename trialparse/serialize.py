"""The one cattrs converter: Trial ↔ dict ↔ JSON. Unknown keys and wrong types are errors naming the JSON path."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from trialparse._normalize.dates import make_date
from trialparse.issues import ParseError
from trialparse.model import PartialDate, Trial
from trialparse.schema import DECIMAL_PATTERN, derived_names

T = TypeVar("T")

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECIMAL = re.compile(DECIMAL_PATTERN)

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _partial_date(value: Any, _: type) -> PartialDate:
    hit = _PARTIAL.fullmatch(value) if isinstance(value, str) else None
    if hit is None:
        raise ValueError(f"expected a date string YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    parsed = make_date(int(hit[1]), int(hit[2]) if hit[2] else None, int(hit[3]) if hit[3] else None)
    if parsed.value is None:
        raise ValueError(parsed.problem)
    return parsed.value


def _date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {value!r}")
    return dt.date.fromisoformat(value)


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")  # positional notation: "1000", never "1E+3" (the schema pattern)


def _decimal(value: Any, _: type) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.match(value):
        raise TypeError(f"expected a decimal string such as '1.5', got {type(value).__name__} {value!r}")
    return Decimal(value)


def _unstructure_fn(cls: type) -> Callable[[Any], dict[str, Any]]:
    """Every field, then the derived properties (`__derived__`, e.g. a constraint's effect)."""
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)
    names = derived_names(cls)
    if not names:
        return base

    def hook(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = base(obj)
        out.update((n, converter.unstructure(getattr(obj, n))) for n in names)
        return out

    return hook


def _structure_fn(cls: type) -> Callable[[Any, type], Any]:
    """Strict fields; derived properties must be present and agree with the fields, then are dropped."""
    base: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
    names = derived_names(cls)
    if not names:
        return base

    def hook(value: Any, kind: type) -> Any:
        if not isinstance(value, dict):
            return base(value, kind)
        data = dict(value)
        given = {n: data.pop(n, None) for n in names}
        obj = base(data, kind)
        for n, v in given.items():
            if v != converter.unstructure(getattr(obj, n)):
                raise ValueError(f"{cls.__name__}.{n}: {v!r} disagrees with the other fields")
        return obj

    return hook


def _is_fixed_tuple(hint: Any) -> bool:
    return typing.get_origin(hint) is tuple and Ellipsis not in typing.get_args(hint)


def _fixed_tuple_fn(hint: Any) -> Callable[[Any], list[Any]]:
    """`tuple[int, int]` (a span) as a JSON list: cattrs would keep the tuple, which is no JSON Schema array."""
    args = typing.get_args(hint)
    return lambda value: [converter.unstructure(v, a) for v, a in zip(value, args, strict=True)]


def _strict(kind: type[T]) -> Any:
    """A structure hook that accepts only `kind` itself (cattrs would otherwise call `str(5)` or `int("5")`)."""

    def hook(value: Any, _: type) -> T:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return kind(value)  # type: ignore[call-arg]

    return hook


def _enum(value: Any, kind: type[Enum]) -> Enum:
    if not isinstance(value, str):
        raise TypeError(f"expected a {kind.__name__} value string, got {type(value).__name__} {value!r}")
    return kind(value)


for _kind in (str, int, float, bool):
    converter.register_structure_hook(_kind, _strict(_kind))
# StrEnum precedes str in every enum's MRO, so this hook (not the str one) structures the enums.
converter.register_structure_hook(StrEnum, _enum)
converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)
converter.register_structure_hook(PartialDate, _partial_date)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_structure_hook(dt.date, _date)
converter.register_unstructure_hook(Decimal, _decimal_text)
converter.register_structure_hook(Decimal, _decimal)
converter.register_unstructure_hook_factory(_is_fixed_tuple, _fixed_tuple_fn)
# Records keep every key (nulls and empty lists included): the JSON shape is the public contract.
converter.register_unstructure_hook_factory(
    lambda cls: hasattr(cls, "__attrs_attrs__") and cls is not PartialDate,
    _unstructure_fn,
)
converter.register_structure_hook_factory(
    lambda cls: hasattr(cls, "__attrs_attrs__") and cls is not PartialDate,
    _structure_fn,
)


def to_dict(trial: Trial) -> dict[str, Any]:
    """The record as plain JSON-ready data."""
    out: dict[str, Any] = converter.unstructure(trial)
    return out


def from_dict(data: Any) -> Trial:
    """A record from `to_dict` data; `ParseError` names the JSON path of every problem."""
    try:
        return converter.structure(data, Trial)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        raise ParseError("invalid trialparse record: " + "; ".join(_messages(exc))) from None


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc, path="$")
    return [str(exc)]


def dumps(trial: Trial, *, indent: int | None = None) -> str:
    """The record as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(to_dict(trial), ensure_ascii=False, indent=indent)


def loads(text: str | bytes) -> Trial:
    """A record from `dumps` output."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"not JSON: {exc}") from None
    return from_dict(data)
