"""Atheris fuzz harness: `trialparse.parse` and `parse_many` on arbitrary bytes must raise nothing but
ParseError (any other exception is a crash atheris reports, with the input saved as crash-*). See README.md."""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import trialparse


def test_one_input(data: bytes) -> None:
    for payload in (data, data.decode("utf-8", "replace")):
        with contextlib.suppress(trialparse.ParseError):
            trialparse.parse(payload, criteria=len(data) < 4096)
    for item in trialparse.parse_many(data, criteria=False):
        if not isinstance(item, trialparse.Trial | trialparse.ParseError):
            raise TypeError(f"parse_many yielded {type(item).__name__}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
