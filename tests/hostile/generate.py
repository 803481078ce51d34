"""Hostile inputs too big to commit, built at test time. Each `*.expect.json` with a `"generate": NAME` key
has no `.input` file beside it: `GENERATORS[NAME]()` makes its bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_PAGE = (HERE.parent.parent / "samples" / "pages" / "NCT01408199.txt").read_text(encoding="utf-8")
CRITERION = "* Serum creatinine \\<1.5 x ULN and no history of (x|y)+ patterns, aaaaaaaaaaaaaaaaaaaa!\n"


def base_page() -> str:
    return BASE_PAGE


def criteria_10mb() -> bytes:
    """10 MB of criteria: the inclusion list repeated until the eligibility section holds 10 MB."""
    block = CRITERION * (10_000_000 // len(CRITERION) + 1)
    page = BASE_PAGE.replace("* Age over 18 years\n", "* Age over 18 years\n" + block, 1)
    return page.encode("utf-8")


def page_100k_lines() -> bytes:
    """A page of 100,000+ lines: 100,000 conditions, one per line."""
    conditions = "\n".join(f"Condition number {i}" for i in range(100_000))
    return BASE_PAGE.replace("\nCutaneous Lupus\n", "\n" + conditions + "\n", 1).encode("utf-8")


def line_1mb_no_newline() -> bytes:
    """One line of 1 MB, no newline anywhere: not a page."""
    return (b"Basic Information Get a concise snapshot " * 30_000)[:1_048_576]


def page_summary_1mb_line() -> bytes:
    """A page whose brief summary is one line of 1 MB, the page ending in it with no newline."""
    head, _, _ = BASE_PAGE.partition("Cutaneous Lupus is frequent.")
    tail = "Conditions\n\nSee the medical conditions and disease areas that this research is targeting or " \
           "investigating.\n\nCutaneous Lupus\n\nBrief Summary\n\nReview the sponsor-provided synopsis that " \
           "highlights what the study is about and why it is being conducted.\n\n"
    body = ("word " * 210_000)[:1_048_576]
    return (head.replace("Brief Summary\n\nReview the sponsor-provided synopsis that highlights what the study "
                         "is about and why it is being conducted.\n\n", "") + tail + body).encode("utf-8")


def html_deep_10000() -> bytes:
    """The page as HTML inside 10,000 nested <div>s."""
    body = "".join(f"<p>{line}</p>" for line in BASE_PAGE.split("\n") if line.strip())
    return f"<html><body>{'<div>' * 10_000}{body}{'</div>' * 10_000}</body></html>".encode()


def html_deep_unclosed_10000() -> bytes:
    """10,000 nested elements never closed, the page text at the bottom."""
    body = "".join(f"<p>{line}</p>" for line in BASE_PAGE.split("\n") if line.strip())
    return f"<html><body>{'<div><span>' * 5_000}{body}".encode()


def json_deep_100000() -> bytes:
    """100,000 nested arrays inside a study."""
    return b'{"protocolSection": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"


def json_deep_1000() -> bytes:
    """1,000 nested objects and arrays inside an unknown key of a study: read, the nesting ignored."""
    study = json.loads((HERE.parent.parent / "samples" / "json" / "NCT00205894.json").read_text(encoding="utf-8"))
    text = json.dumps(study)
    return (text[:-1] + ', "deep": ' + '{"a": [' * 500 + "1" + "]}" * 500 + "}").encode()


def xml_deep_10000() -> bytes:
    """10,000 nested elements inside a <clinical_study>."""
    return b"<clinical_study>" + b"<x>" * 10_000 + b"</x>" * 10_000 + b"</clinical_study>"


GENERATORS: dict[str, Callable[[], bytes]] = {
    f.__name__: f for f in (criteria_10mb, page_100k_lines, line_1mb_no_newline, page_summary_1mb_line,
                            html_deep_10000, html_deep_unclosed_10000, json_deep_100000, json_deep_1000,
                            xml_deep_10000)
}
