"""A study's parsed items as a plain-text table (`trialparse criteria PATH`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from trialparse.criteria.model import Bound, Constraint, ParsedCriterion, TimeWindow

_HEADER: Final = ("section", "item", "kind", "target", "bounds", "effect", "time", "flags")
_TEXT_WIDTH: Final = 48


def _trim(text: str, width: int = _TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _bound(b: Bound) -> str:
    unit = f" {b.reference}" if b.reference else f" {b.unit}" if b.unit else ""
    return f"{b.cmp}{b.value}{unit}"


def _bounds(bounds: Iterable[Bound]) -> str:
    return " & ".join(_bound(b) for b in bounds)


def _time(t: TimeWindow | None) -> str:
    if t is None:
        return ""
    return " ".join(p for p in (_bounds(t.bounds), t.direction or "", t.anchor or "") if p)


def _row(pc: ParsedCriterion, c: Constraint | None, first: bool) -> tuple[str, ...]:
    head = (pc.section[:3], _trim(pc.text)) if first else ("", "")
    if c is None:
        return (*head, f"({pc.status})", "", "", "", "", "")
    target = c.target or ""
    if c.when:
        target += f" [{', '.join(c.when)}]"
    effect = f"{c.effect}{' (negated)' if c.negated else ''}{f' or#{c.group}' if c.group is not None else ''}"
    return (*head, c.kind, target, _bounds(c.bounds), effect, _time(c.time), ",".join(c.flags))


def format_items(items: Sequence[ParsedCriterion]) -> list[str]:
    """One line per constraint (an item without constraints gets one line with its status), columns aligned."""
    rows: list[tuple[str, ...]] = [_HEADER]
    for pc in items:
        rows.extend(_row(pc, c, i == 0) for i, c in enumerate(pc.constraints or (None,)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADER))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
