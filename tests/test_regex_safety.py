"""No regular expression of the package takes more than linear time on long adversarial input.

Which patterns: every compiled pattern of every `trialparse` module (module globals and class attributes, also
inside tuples, lists and dicts and held by the package's own objects, such as `criteria.targets._Table`), and every
string literal given to a `re.*` call in the source (`re.match(r"...", s)`).

How each one runs: the way the code runs it. `finditer` (a search from every position: what `search`, `finditer`,
`findall`, `sub` and `split` do), `match` and `fullmatch` (anchored at one position) as the code calls them:
`NAME.method` in the package source, and, for a pattern the source only passes around (an argument, a table, a
loop over a tuple), the methods called on it while a fresh interpreter parses every file of `samples/` (also as
HTML), exports and serializes the records and reads the development criteria items. A pattern used in a way
neither finds runs all three ways.

Inputs: `prefix + unit * n + "!"`: runs of one short unit (spaces, digits, separators such as `, ` `/` `-`,
words of the pattern's own literal text) after nothing or after one or two of those words (`x 10` then spaces),
spoiled at the end so that the run never completes a match. The check compares work, not seconds against a
limit: CPU time (`time.process_time`) on the 4x longer input (8,000 characters against 2,000) must stay under
10x (linear is 4x, quadratic 16x); an input that takes under 5 ms at 8,000 characters is not timed further (a
quadratic pattern does ~3x10^7 steps there, well above it). A suspect ratio is measured again, best of five
interleaved runs, before it counts, so a burst of load on the machine does not fail the test alone. A pattern
still running after two seconds (exponential backtracking) is interrupted by a timer signal (`re` checks for
signals while it matches) and fails the test instead of hanging it.
"""

from __future__ import annotations

import ast
import functools
import importlib
import itertools
import json
import pkgutil
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import trialparse

PACKAGE = Path(trialparse.__file__).resolve().parent
ROOT = PACKAGE.parent
SMALL, LARGE = 2_000, 8_000
RATIO = 10.0  # linear: 4x; quadratic: 16x
FLOOR = 0.005  # seconds (CPU) at LARGE: below it a run is too cheap to be super-linear
TIMEOUT = 2.0  # seconds (wall) for one pattern on one input

SEARCHING = frozenset({"search", "finditer", "findall", "sub", "subn", "split", "scanner"})
RUNNING = SEARCHING | {"match", "fullmatch"}
EVERY_WAY = frozenset({"finditer", "match", "fullmatch"})
Key = tuple[str, int]  # (pattern source, flags)


# --- which patterns -------------------------------------------------------------------------------------------


def _modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages([str(PACKAGE)], "trialparse."):
        if not info.name.endswith("__main__"):
            yield importlib.import_module(info.name)


def _ours(value: Any) -> bool:
    """An instance of a class of the package (a holder such as `criteria.targets._Table`)."""
    return (type(value).__module__.startswith("trialparse.") and not isinstance(value, type | ModuleType)
            and not callable(value))


def _attributes(value: Any) -> list[str]:
    return [*getattr(type(value), "__slots__", ()), *getattr(value, "__dict__", {})]


Holder = tuple[str, str] | None  # (module of the holder's class, attribute name) of a pattern an object holds


def _compiled(value: Any, depth: int = 0, holder: Holder = None) -> Iterator[tuple[re.Pattern[str], Holder]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value, holder
    elif depth < 3 and isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _compiled(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in (*value.keys(), *value.values()):
            yield from _compiled(item, depth + 1)
    elif depth < 3 and _ours(value):
        for name in _attributes(value):
            yield from _compiled(getattr(value, name, None), depth + 1, (type(value).__module__, name))


def _bindings() -> Iterator[tuple[ModuleType | type, str, Any]]:
    """(owner, name, value) of every module global and class attribute of the package."""
    for module in _modules():
        for name, value in list(vars(module).items()):
            yield module, name, value
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, inner in list(vars(value).items()):
                    yield value, attr, inner


def _flags(node: ast.expr | None) -> int:
    """`re.IGNORECASE | re.M` of an inline call (0 when absent or not made of `re.` names)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr, 0))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


_FLAG_POSITION = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "finditer": 2, "findall": 2, "split": 3,
                  "sub": 4, "subn": 4}


def _inline(source: str) -> Iterator[tuple[str, int, str]]:
    """(pattern, flags, function) of every `re.f("literal", ...)` call of a module's source."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _FLAG_POSITION and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re" and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            continue
        pos = _FLAG_POSITION[node.func.attr]
        flag_node = node.args[pos] if len(node.args) > pos else next(
            (k.value for k in node.keywords if k.arg == "flags"), None)
        yield node.args[0].value, _flags(flag_node), node.func.attr


# --- how the code runs them -----------------------------------------------------------------------------------


_IMPORT = re.compile(r"^(?:from \S+ )?import (?:\([^)]*\)|[^\n]*)", re.MULTILINE)


@functools.cache
def _without_imports(source: str) -> str:
    return _IMPORT.sub("", source)


def source_uses(name: str, source: str, attribute: bool = False) -> set[str]:
    """What the source does with a global `name` (or, `attribute=True`, with `.name` of an object): the methods
    it calls (`name.search(`, `map(name.match, ...)`), `?` for any other use (an argument, a table), definitions
    and reads of `.pattern`/`.flags` aside."""
    head = rf"\.{re.escape(name)}" if attribute else rf"(?<![\w]){re.escape(name)}"
    uses = set()
    if name not in source:
        return uses
    source = _without_imports(source)
    for m in re.finditer(head + r"(?![\w])(?P<define>\s*(?::[^=\n]*)?=(?!=))?(?:\.(?P<method>\w+))?", source):
        if m["define"] is None and m["method"] not in ("pattern", "flags", "groups", "groupindex"):
            uses.add(m["method"] or "?")
    return uses


def global_uses(module: str, name: str, sources: dict[str, str]) -> set[str]:
    """`source_uses` of the global `name` of `module`: in its own source, in the modules that import it by
    name, and as `module.name` anywhere."""
    uses = source_uses(name, sources[module])
    imported = re.compile(rf"^from {re.escape(module)} import (?:\([^)]*|[^\n]*)\b{re.escape(name)}\b", re.MULTILINE)
    for other, source in sources.items():
        if other != module:
            uses |= source_uses(name, source) if imported.search(source) else source_uses(name, source, True)
    return uses


class _Recorder:
    """Stands for a pattern while the workload runs and records the methods called on it."""

    __slots__ = ("_pattern", "_uses")

    def __init__(self, pattern: re.Pattern[str], uses: set[str]) -> None:
        self._pattern, self._uses = pattern, uses

    def __getattr__(self, name: str) -> Any:
        if name in RUNNING:
            self._uses.add(name)
        return getattr(self._pattern, name)


def _wrapped(value: Any, seen: dict[Key, set[str]], depth: int = 0) -> Any:
    """`value` with its patterns replaced by recorders: containers rebuilt, the package's objects patched."""
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return _Recorder(value, seen.setdefault((value.pattern, value.flags), set()))
    if depth >= 3:
        return value
    if isinstance(value, tuple | list):
        items = [_wrapped(v, seen, depth + 1) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if isinstance(value, dict):
        pairs = {k: _wrapped(v, seen, depth + 1) for k, v in value.items()}
        return value if all(pairs[k] is v for k, v in value.items()) else pairs
    if _ours(value):
        for name in _attributes(value):
            inner = getattr(value, name, None)
            new = _wrapped(inner, seen, depth + 1)
            if new is not inner:
                object.__setattr__(value, name, new)
    return value


def _workload() -> None:
    from trialparse import dumps, loads, parse
    from trialparse.criteria import annotate
    from trialparse.export import EXPORTERS

    for path in sorted((ROOT / "samples").rglob("*.*")):
        data = path.read_bytes()
        trials = [parse(data)]
        if path.suffix == ".txt":
            lines = "".join(f"<p>{line}</p>\n" for line in data.decode("utf-8").split("\n") if line.strip())
            trials.append(parse(f"<!doctype html><html><body><main>{lines}</main></body></html>".encode()))
        for trial in trials:
            loads(dumps(trial))
            for export in EXPORTERS.values():
                export(trial)
    for line in (ROOT / "tests" / "data" / "criteria" / "dev-items.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        annotate(item["text"], section=item["section"], lead_in=item.get("lead_in"))


def record_uses() -> dict[str, list[str]]:
    """Run the workload with every pattern the package holds replaced by a recorder (in a fresh interpreter:
    `_recorded_uses`), and return the methods called on each pattern (key: `repr((pattern, flags))`)."""
    seen: dict[Key, set[str]] = {}
    for owner, name, value in list(_bindings()):
        if vars(owner).get(name) is value:
            new = _wrapped(value, seen)
            if new is not value:
                setattr(owner, name, new)
    _workload()
    return {repr(key): sorted(uses) for key, uses in seen.items()}


def _recorded_uses() -> dict[Key, set[str]]:
    code = "import json, tests.test_regex_safety as t; print(json.dumps(t.record_uses()))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return {ast.literal_eval(key): set(uses) for key, uses in json.loads(run.stdout).items()}


def _ways(uses: set[str], recorded: set[str]) -> frozenset[str]:
    """How to run a pattern the source uses so (`?`: unknown, then what the workload did with it, else all)."""
    if "?" in uses or not uses:
        if not recorded:
            return EVERY_WAY
        uses = (uses - {"?"}) | recorded
    ways = {"finditer"} if uses & SEARCHING else set()
    return frozenset(ways | (uses & {"match", "fullmatch"}))


Found = tuple[str, re.Pattern[str], frozenset[str]]  # (module that defines it, pattern, ways the code runs it)


def patterns(recorded: dict[Key, set[str]] | None = None) -> list[Found]:
    """Every distinct compiled pattern of the package with the module that defines it and the ways the code runs
    it."""
    recorded = _recorded_uses() if recorded is None else recorded
    sources = {m.__name__: Path(m.__file__ or "").read_text(encoding="utf-8") for m in _modules()}
    found: dict[Key, Found] = {}
    module = ""

    def add(pattern: re.Pattern[str], ways: frozenset[str]) -> None:
        key = (pattern.pattern, pattern.flags)
        found[key] = (found[key][0], pattern, ways | found[key][2]) if key in found else (module, pattern, ways)

    for owner, name, value in _bindings():
        module = owner.__name__ if isinstance(owner, ModuleType) else owner.__module__
        for pattern, holder in _compiled(value):
            seen = recorded.get((pattern.pattern, pattern.flags), set())
            if isinstance(value, re.Pattern):
                add(pattern, _ways(global_uses(module, name, sources), seen))
            elif holder is not None:
                source = Path(sys.modules[holder[0]].__file__ or "").read_text(encoding="utf-8")
                add(pattern, _ways(source_uses(holder[1], source, attribute=True), seen))
            else:  # in a table
                add(pattern, _ways({"?"}, seen))
    for each in _modules():
        module = each.__name__
        for literal, flags, function in _inline(Path(each.__file__ or "").read_text(encoding="utf-8")):
            compiled = re.compile(literal, flags)
            if function != "compile":
                add(compiled, _ways({function}, set()))
            elif (compiled.pattern, compiled.flags) not in found:  # compiled inside a function: unknown use
                add(compiled, EVERY_WAY)
    return list(found.values())


# --- adversarial inputs and the check -------------------------------------------------------------------------

_UNITS = (" ", "1", "a", "a ", " 1", "1 ", "1.", "1,", ", ", ",", "-", " -", "/", " / ", "(", " (", ") ", "x ", "\t",
          " \n", ".", "\\", "<", "1a", "aA ", "a1 ")
_HEADS = ("1", "a", "x", "(")
_GROUP_OPENER = re.compile(r"\(\?(?:P<\w+>|P=\w+\)|[:=!>]|<[=!]|[aiLmsux]*(?:-[imsx]+)?[:)])")


def literal_words(pattern: str) -> list[str]:
    """The words of a pattern's literal text: `(?P<x>upper|lower)\\s+limit` gives upper, lower, limit."""
    text = _GROUP_OPENER.sub(" ", pattern)
    text = re.sub(r"\\[a-zA-Z]|\{\d*,?\d*\}|[\^$*+?{}()|\[\]\\.]", " ", text)
    return [w for w in dict.fromkeys(text.split()) if w.isprintable()]


def adversarial(pattern: str) -> list[tuple[str, str]]:
    """(prefix, unit) of the inputs `prefix + unit * n + "!"` for `pattern`. Units: generic runs (spaces, digits,
    separators, words) and the words of the pattern's literal text; prefixes: nothing, or a digit, a letter, or
    one or two of those words, followed by a run of spaces, digits or separators (`x 10` then spaces)."""
    words = literal_words(pattern)[:16]
    units = [*_UNITS, *words, *(w + " " for w in words), " ".join(words[:6]) + " "]
    heads = [*_HEADS, *words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]
    prefixed = [(h, run) for h in heads for run in (" ", "1", ", ", " / ")]
    return list(dict.fromkeys([*(("", u) for u in units), *prefixed]))


def _build(prefix: str, unit: str, size: int) -> str:
    return prefix + (unit * (size // len(unit) + 1))[:size] + "!"


def _runner(pattern: re.Pattern[str], ways: frozenset[str]) -> Callable[[str], None]:
    searched, match, fullmatch = "finditer" in ways, "match" in ways, "fullmatch" in ways

    def run(text: str) -> None:
        if searched:
            for _ in pattern.finditer(text):
                pass
        if match:
            pattern.match(text)
        if fullmatch:
            pattern.fullmatch(text)

    return run


class _Timeout(Exception):
    pass


def _cpu(run: Callable[[str], None], text: str) -> float:
    start = time.process_time()
    run(text)
    return time.process_time() - start


def _ratio(run: Callable[[str], None], small: str, large: str, repeat: int) -> tuple[float, float]:
    """(best large time, best large / best small), the runs of both sizes interleaved."""
    t_small, t_large = float("inf"), float("inf")
    for _ in range(repeat):
        t_small = min(t_small, _cpu(run, small))
        t_large = min(t_large, _cpu(run, large))
    return t_large, t_large / max(t_small, 1e-6)


def check(pattern: re.Pattern[str], ways: frozenset[str] = EVERY_WAY, sizes: tuple[int, int] = (SMALL, LARGE),
          timeout: float = TIMEOUT) -> str | None:
    """None, or why `pattern` run these ways is slower than linear on one of its adversarial inputs."""
    def alarm(_signum: int, _frame: Any) -> None:
        raise _Timeout

    run = _runner(pattern, ways)
    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        for prefix, unit in adversarial(pattern.pattern):
            small, large = _build(prefix, unit, sizes[0]), _build(prefix, unit, sizes[1])
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                t_large = _cpu(run, large)
                if t_large < FLOOR or t_large / max(_cpu(run, small), 1e-6) < RATIO:
                    continue
                t_large, ratio = _ratio(run, small, large, 5)  # measure again: one slow run is not a verdict
            except _Timeout:
                return f"over {timeout:.0f} s on {prefix + unit!r}... x {sizes[1]} ({', '.join(sorted(ways))})"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if t_large >= FLOOR and ratio >= RATIO:
                return (f"{ratio:.1f}x the time on {prefix + unit!r}... x {sizes[1]} as x {sizes[0]} ({t_large:.3f} s, "
                        f"{', '.join(sorted(ways))})")
    finally:
        signal.signal(signal.SIGALRM, previous)
    return None


# --- tests ----------------------------------------------------------------------------------------------------


MODULES = sorted(info.name for info in pkgutil.walk_packages([str(PACKAGE)], "trialparse."))


@pytest.fixture(scope="module")
def found() -> list[Found]:
    return patterns()


def test_every_pattern_is_found(found: list[Found]) -> None:
    ways = {p.pattern: w for _, p, w in found}
    assert len(ways) >= 100
    assert {m for m, _, _ in found} <= set(MODULES)
    assert ways[r"\s*+(?:-|~|to|and|through)\s*+"] == {"match", "fullmatch"}  # criteria/numbers.py _RANGE_SEP
    assert any(p.startswith(r"(?P<r0>NCT") for p in ways)  # _normalize/identifiers.py
    assert ways[r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"] == {"fullmatch"}  # an inline re.fullmatch literal
    tables = [w for p, w in ways.items() if "(?P<k0_" in p]  # held by criteria.targets._Table objects
    assert tables and all(w == {"finditer"} for w in tables)
    assert sum("finditer" in w for w in ways.values()) > 40
    assert sum(w == {"match"} for w in ways.values()) > 20


def test_source_uses() -> None:
    source = ("_A: Final = re.compile('x')\n_A.match(s)\nf(_A.fullmatch(s, 3))\nmap(_A.match, x)\nk = _A.pattern\n"
              "_B = 1\n_B.search(s)\ng(_B)\nx._B.sub(s)\nself.p = re.compile(x)\nself.p.match(s)\n")
    assert source_uses("_A", source) == {"match", "fullmatch"}
    assert source_uses("_B", source) == {"search", "sub", "?"}
    assert source_uses("_C", source) == set()
    assert source_uses("p", source, attribute=True) == {"match"}
    sources = {"a": "_X = re.compile('x')\n_X.match(s)\n", "b": "from a import (\n    _X,\n)\n_X.search(s)\n",
               "c": "_X = 1\n_X.split(s)\n", "d": "import a\na._X.fullmatch(s)\n"}
    assert global_uses("a", "_X", sources) == {"match", "search", "fullmatch"}
    assert _ways({"match", "?"}, set()) == EVERY_WAY
    assert _ways({"match", "?"}, {"split"}) == {"match", "finditer"}
    assert _ways({"fullmatch"}, {"search"}) == {"fullmatch"}


def test_adversarial_inputs() -> None:
    assert literal_words(r"(?P<x>upper|lower)\s+limit(?:s)?(?-i:N)\d{2,3}") == ["upper", "lower", "limit", "s", "N"]
    inputs = adversarial(r"\s*(?:x|times)?\s*(?:upper limit)")
    assert ("", " ") in inputs and ("", "times ") in inputs and ("upper", " ") in inputs
    assert ("x times", " ") in inputs and ("1", " ") in inputs
    assert _build("x", "ab", 5) == "xababa!"


@pytest.mark.parametrize("module", MODULES)
def test_no_pattern_is_slower_than_linear(found: list[Found], module: str) -> None:
    bad = [f"  {why}: {p.pattern[:150]!r}" for m, p, ways in found if m == module and (why := check(p, ways))]
    assert not bad, f"patterns of {module} slower than linear on long input:\n" + "\n".join(bad)


@pytest.mark.parametrize(("source", "ways"), [
    (r"(?:a|a)*$", {"match"}),  # exponential: interrupted
    (r"\s*,?\s*x", {"match"}),  # two runs sharing the spaces: quadratic anchored
    (r"\s*x", {"finditer"}),  # linear anchored, quadratic searched
    (r"(?:[a-z]+ )*?end", {"finditer"}),
])
def test_the_check_catches_backtracking(source: str, ways: set[str]) -> None:
    assert check(re.compile(source), frozenset(ways), (1_500, 6_000), timeout=0.5) is not None


@pytest.mark.parametrize(("source", "ways"), [
    (r"\s*+,?\s*+x", {"match", "fullmatch"}),
    (r"(?<!\s)\s*+x", {"finditer", "match", "fullmatch"}),
    (r"\d+(?:\.\d+)?", {"finditer", "match", "fullmatch"}),
])
def test_the_check_passes_linear_patterns(source: str, ways: set[str]) -> None:
    assert check(re.compile(source), frozenset(ways)) is None
