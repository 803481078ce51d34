"""Numbers, units, ranges and references: the quantities of an item, found on length-preserving normalized text.

Every position is an index into the item text: `normalize` maps characters one to one, so spans slice the source.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Final

import attrs

from trialparse.criteria.fastre import Words, alternation, alternative, branches, guarded
from trialparse.criteria.lexicon import CMP_AFTER, CMP_BEFORE, NUMBER_WORDS, ROMAN
from trialparse.criteria.model import Bound, Comparator, Flag, Reference

_ONE_TO_ONE: Final = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "～": "~",
        "×": "x",
        "⋅": "x",
        "·": "x",
        "∙": "x",
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "。": ".",
        "µ": "u",
        "μ": "u",
        "²": "2",
        "³": "3",
        "⁹": "9",
        "¹": "1",
        "⁰": "0",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "’": "'",
        "ǂ": " ",
        "±": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "％": "%",
        "＋": "+",
    }
)

_SUPERSCRIPTS: Final = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹^eE")


def normalize(text: str) -> str:
    """Map look-alike characters to ASCII one for one (positions are kept)."""
    return text.translate(_ONE_TO_ONE)


@attrs.frozen(kw_only=True)
class Quantity:
    """One threshold expression: `≥ 1.5 x 10^9/L`, `18-65 years`, `≤ 2.5 x ULN`, `0, 1 or 2`."""

    start: int
    end: int
    bounds: tuple[Bound, ...]
    explicit: bool  # a comparator or range was written (a bare "2" is not explicit)
    flags: tuple[Flag, ...] = ()
    values: tuple[Decimal, ...] = ()  # a non-contiguous set "0 or 2": one = constraint each
    num_start: int = 0  # where the first number starts (after the comparator)
    roman: bool = False
    label: str | None = None  # "450(male)/470(female)": the population written next to the value
    pair: bool = False  # blood pressure X/Y: bounds are systolic, diastolic


# --- units (LEXICON §5) -----------------------------------------------------------------------------------
_UNITS: Final[tuple[tuple[str, str], ...]] = (
    ("mL/min/{1.73_m2}", r"ml\s*+/\s*+min(?:ute)?\s*+(?:/|per)\s*+1[.•,]73\s*+(?:m2|m\^2|sq\.? ?m|m)"),
    ("mL/min", r"ml\s*+/\s*+min(?:ute)?|cc\s*+/\s*+min"),
    ("10*3/uL", r"k\s*+/\s*+ul"),
    ("{copies}/mL", r"cop(?:y|ies)\s*+/\s*+ml"),
    ("/uL", r"(?:cells\s*+)?/\s*+ul|cells per microlit(?:re|er)|per microlit(?:re|er)"),
    ("/mm3", r"(?:cells\s*+)?/\s*+(?:mm3|mm\^3|mmc|cmm)|per (?:cubic millimet(?:re|er)|mm3)"),
    ("/mL", r"cells\s*+/\s*+ml"),
    ("mg/dL", r"mg\s*+/\s*+dl|mg\s*+%|mg\s*+/\s*+100\s*+ml"),
    ("g/dL", r"(?:g|gm|gr|gms)\s*+/\s*+dl"),
    ("g/(24.h)", r"g\s*+/\s*+24\s*+(?:h|hrs?|hours?)|g\s*+(?:/|per)\s*+day"),
    ("mg/d", r"mg\s*+(?:/|per)\s*+day|mg daily"),
    ("mg/kg", r"mg\s*+/\s*+kg"),
    ("mg/m2", r"mg\s*+/\s*+m2"),
    ("mg/g", r"mg\s*+/\s*+g"),
    ("mg/L", r"mg\s*+/\s*+l"),
    ("ug/L", r"(?:ug|mcg)\s*+/\s*+l"),
    ("g/L", r"(?:g|gm)\s*+/\s*+l"),
    ("umol/L", r"umol\s*+/\s*+l"),
    ("mmol/mol", r"mmol\s*+/\s*+mol"),
    ("mmol/L", r"mmol\s*+/\s*+l"),
    ("nmol/L", r"nmol\s*+/\s*+l"),
    ("pmol/L", r"pmol\s*+/\s*+l"),
    ("meq/L", r"meq\s*+/\s*+l"),
    ("u[iU]/mL", r"uiu\s*+/\s*+ml"),
    ("m[iU]/mL", r"miu\s*+/\s*+ml"),
    ("m[iU]/L", r"miu\s*+/\s*+l"),
    ("[iU]/mL", r"iu\s*+/\s*+ml"),
    ("[iU]/L", r"iu\s*+/\s*+l"),
    ("U/L", r"(?:u|units)\s*+/\s*+l"),
    ("ng/mL", r"ng\s*+/\s*+ml"),
    ("ng/dL", r"ng\s*+/\s*+dl"),
    ("pg/mL", r"pg\s*+/\s*+ml"),
    ("kg/m2", r"kg\s*+/\s*+(?:m2|m\^2|sqm|sq\.? ?m)"),
    ("mm[Hg]", r"mm\s*+(?:of\s*+)?hg"),
    ("/min", r"bpm|beats?\s*+(?:/|per)\s*+min(?:ute)?|breaths?\s*+(?:/|per)\s*+min(?:ute)?|/\s*+min"),
    ("{drinks}/wk", r"drinks? per week|units? of alcohol per week"),
    ("Cel", r"°\s*+c|degrees? c(?:elsius)?|℃"),
    ("[degF]", r"°\s*+f|degrees? f(?:ahrenheit)?"),
    ("%", r"%|percent|per cent"),
    ("ms", r"ms(?:ecs?)?|milliseconds?"),
    ("{half_lives}", r"half[- ]?li(?:ves|fe)"),
    ("kg", r"kgs?|kilograms?"),
    ("[lb_av]", r"lbs?|pounds?"),
    ("Gy", r"gy"),
    ("mg", r"mg|milligrams?"),
    ("ug", r"ug|mcg"),
    ("g", r"g|grams?"),
    ("cm", r"cm|centimet(?:re|er)s?"),
    ("mm", r"mm|millimet(?:re|er)s?"),
    ("mL", r"ml|cc"),
    ("L", r"l|lit(?:re|er)s?"),
    ("deg", r"°|degrees?"),
    ("a", r"years?|yrs?|y"),
    ("mo", r"months?|mos|mths?"),
    ("wk", r"weeks?|wks?"),
    ("d", r"days?|d"),
    ("h", r"hours?|hrs?|h"),
    ("min", r"minutes?|mins?"),
    ("s", r"seconds?|secs?|s"),
    ("m", r"m|met(?:re|er)s?"),
)
_UNIT_CODES: Final = [code for code, _ in _UNITS]
_UNIT_RE: Final = re.compile(
    r"\s*+-?\s*+(?:(?:consecutive|continuous|full|calendar)\s++)?(?:"
    + "|".join(f"(?P<u{i}>{rx})" for i, (_, rx) in enumerate(_UNITS))
    + r")(?![a-z0-9])",
    re.IGNORECASE,
)
_CS_UNIT_RE: Final = re.compile(r"\s*+(?:(?P<mM>mM)|(?P<uM>uM)|(?P<GL>G/L))(?![a-zA-Z0-9])")
TIME_UNITS: Final = frozenset({"a", "mo", "wk", "d", "h", "min", "{half_lives}"})
COUNT_UNITS: Final = frozenset({"10*9/L", "10*12/L", "10*3/uL", "10*3/mm3", "/uL", "/mm3", "/mL"})

# exponent tails: x 10^9/L, x10E9 cells/L, x 109/L (lost superscript), x10³/µL
_EXP_RE: Final = re.compile(
    r"\s*+[x*]\s*+10\s*+(?P<mark>\^|\*\*|e|E)?\s*+(?P<exp>12|9|3|6)\s*+(?:cells?\s*+)?"
    r"(?P<per>/\s*+(?:l|liter|litre|ul|mm3|mm\^3|ml)\b|per (?:liter|litre))?"
    r"|\s*+(?P<giga>(?-i:G)\s*+/\s*+(?-i:L))\b",
    re.IGNORECASE,
)
_EXP_CODES: Final = {
    ("9", "l"): "10*9/L",
    ("12", "l"): "10*12/L",
    ("3", "ul"): "10*3/uL",
    ("3", "mm3"): "10*3/mm3",
}

_ULN: Final = (
    r"uln|iuln|ulnr|upper (?:limit|level)s? (?:of |for )?(?:the )?(?:institutional )?(?:normal|norm)"
    r"(?: (?:range|limits?|values?))?|upper normal limits?|(?:the )?maximal normal values?"
)
_LLN: Final = (
    r"lln|lower (?:limit|level)s? (?:of )?(?:the )?(?:normal|norm)(?: (?:range|limits?))?|lower normal limits?"
)
_REF_RE: Final = re.compile(
    r"\s*+(?:x|\*|times|-?fold|folds)?\s*+(?P<higher>(?:higher|greater|more|above) than\s++)?(?:the\s++)?"
    r"(?:institutional\s++|local\s++|site\s++)?(?:(?P<uln>" + _ULN + r")|(?P<lln>" + _LLN + r")"
    r"|(?P<base>baseline(?: values?)?)|(?P<n>N)(?![\w]))(?![\w])",
    re.IGNORECASE,
)
_BARE_REF_RE: Final = guarded(
    r"(?P<cmp>≤|<=|≥|>=|<|>|(?:less|lower|greater|higher|more) than(?: or equal to)?|(?:above|below|within|under|over))"
    r"\s*(?:the\s+)?(?:institutional\s+)?(?:(?P<uln>"
    + _ULN
    + r")|(?P<lln>"
    + _LLN
    + r"))(?![\w])(?!\s*[+-]\s*\d)",
    re.IGNORECASE,
)

_REF_HINT: Final = Words("ln", "normal")
_NUMBER_RE: Final = guarded(
    r"(?<![\w.,^])(?P<neg>-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.•]\d+)?(?:,\d{1,2}(?![\d]))?)(?![\d])"
    r"|(?<![\w-])(?P<word>" + "|".join(NUMBER_WORDS) + r")(?![\w-])"
    r"|(?<![\w])(?P<roman>(?-i:IV|V|I{1,3})|[ⅠⅡⅢⅣⅤ])(?![\w])",
    re.IGNORECASE,
)
_ROMAN_CONTEXT: Final = re.compile(
    r"(?:class(?:es)?|grades?|stages?|nyha|≤|≥|<|>|=)\s*(?:of\s*)?(?:[<>≤≥=]=?\s*)?$|[ⅠⅡⅢⅣⅤIV]\s*(?:-|~|/|or|to|and)\s*$",
    re.IGNORECASE,
)
# every phrase of every comparator, in order, grouped by first character (fastre.alternation: same first match)
_CMP_PHRASES: Final = [(cmp, phrase) for cmp, rx in CMP_BEFORE for phrase in branches(rx)]
_CMP_BEFORE_RE: Final = alternation(
    [phrase for _, phrase in _CMP_PHRASES],
    re.IGNORECASE,
    before=r"(?:(?<![\w])|(?=[^\w\s]))",
    after=r"\s*+(?:of\s++|than\s++|to\s++)?(?:an?\s++|the\s++)?(?:(?:age|grade|class)\s++(?:of\s++)?)?:?\s*+$",
)
_CMP_AFTER_RE: Final = re.compile(
    r"\s*+(?:" + "|".join(f"(?P<c{i}>{rx})" for i, (_, rx) in enumerate(CMP_AFTER)) + r")",
    re.IGNORECASE,
)
_RANGE_SEP: Final = re.compile(r"\s*+(?:-|~|to|and|through)\s*+", re.IGNORECASE)
_LIST_SEP: Final = re.compile(r"\s*+(?:,\s*+(?:or\s++)?|,?\s*+or\s++|/\s*+|,?\s*+and\s++)", re.IGNORECASE)
_BP_RE: Final = re.compile(r"\s*+/\s*+(?P<dia>\d{2,3})(?![\d.])(?P<unit>\s*+mm\s*+(?:of\s*+)?hg)?", re.IGNORECASE)
_BP_CONTEXT: Final = re.compile(r"blood pressure|\bbp\b|hypertension", re.IGNORECASE)
_LABEL_RE: Final = re.compile(r"\s*+\((?P<l>males?|females?|men|women)\)\s*+/\s*+", re.IGNORECASE)
_LABEL2_RE: Final = re.compile(r"\s*+\((?P<l>males?|females?|men|women)\)", re.IGNORECASE)
_OFFSET: Final = re.compile(r"\s*+[+-]\s*+\d")  # "ULN + 4 s": an offset after a reference
_N_TIMES: Final = re.compile(r"\s*+[x*]?\s*+N")  # "2 x N", "2N": N (for ULN) only right after the number
_TIMES: Final = re.compile(r"\s*+(?:x|\*|times|-?folds?)", re.IGNORECASE)
_BETWEEN: Final = re.compile(r"(?:between|from)\s*(?:the\s+ages?\s+of\s+)?$", re.IGNORECASE)


def parse_decimal(text: str) -> tuple[Decimal, tuple[Flag, ...]]:
    """`1,500` → 1500; `3,9` → 3.9 (decimal comma, flagged); `1•73` → 1.73."""
    flags: tuple[Flag, ...] = ()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    elif "," in text:
        text, flags = text.replace(",", "."), (Flag.DECIMAL_COMMA,)
    try:
        return Decimal(text.replace("•", ".")), flags
    except InvalidOperation:  # pragma: no cover - the number regex only yields digits
        return Decimal(0), flags


def _read_number(m: re.Match[str]) -> tuple[Decimal, tuple[Flag, ...]]:
    if m.group("word"):
        return Decimal(NUMBER_WORDS[m.group("word").lower()]), ()
    if m.group("roman"):
        return Decimal(
            ROMAN[m.group("roman").upper() if m.group("roman").isascii() else m.group("roman")]
        ), ()
    value, flags = parse_decimal(m.group("num"))
    return (-value if m.group("neg") else value), flags


def comparator_before(norm: str, pos: int) -> tuple[Comparator | None, int]:
    """The comparator phrase that ends right before `pos` (and where it starts)."""
    window_start = max(0, pos - 48)
    m = _CMP_BEFORE_RE.search(norm, window_start, pos)
    if m is None:
        return None, pos
    return _CMP_PHRASES[alternative(m)][0], m.start()


def _comparator_after(norm: str, pos: int) -> tuple[Comparator | None, int]:
    m = _CMP_AFTER_RE.match(norm, pos)
    if m is None:
        return None, pos
    for i, (cmp, _) in enumerate(CMP_AFTER):
        if m.group(f"c{i}") is not None:
            return cmp, m.end()
    return None, pos  # pragma: no cover


@attrs.frozen
class _Tail:
    """What follows a number: unit, reference, multiplier."""

    end: int
    unit: str | None = None
    reference: Reference | None = None
    factor: int = 0  # a 10^n multiplied into the value
    flags: tuple[Flag, ...] = ()
    cmp: Comparator | None = None  # "2 times higher than ULN" is strict


@attrs.frozen
class _First:
    """The first number of a quantity as read so far, handed to the range and list readers."""

    value: Decimal
    cmp: Comparator | None
    cmp_start: int
    tail: _Tail
    flags: tuple[Flag, ...]


def _exp_tail(norm: str, text: str, pos: int) -> _Tail | None:
    m = _EXP_RE.match(norm, pos)
    if m is None:
        return None
    if m.group("giga"):
        return _Tail(m.end(), "10*9/L")
    if m.group("exp") is None:
        return None
    exp = m.group("exp")
    lost = m.group("mark") is None and not (_SUPERSCRIPTS & set(text[m.start("exp") - 1 : m.end("exp")]))
    flags = (Flag.SUPERSCRIPT_LOST,) if lost else ()
    per = re.sub(r"[\s^]|per|iter|itre", "", (m.group("per") or "").lower()).strip("/") or ""
    per = {"l": "l", "ul": "ul", "mm3": "mm3"}.get(per.replace("liter", "l").replace("litre", "l"), per)
    code = _EXP_CODES.get((exp, per))
    if code is not None:
        return _Tail(m.end(), code, flags=flags)
    after = _unit_at(norm, m.end())
    if m.group("per") is None and after is not None:  # 1 x 10^3 copies/mL: the power goes into the value
        return _Tail(after[1], after[0], factor=int(exp), flags=(*flags, Flag.VALUE_MULTIPLIED))
    if m.group("per") is None and m.group("mark") is None:
        return None  # "x 10" without a known unit: not an exponent we understand
    return _Tail(m.end(), None, factor=int(exp), flags=(*flags, Flag.VALUE_MULTIPLIED, Flag.UNIT_MISSING))


def _unit_at(norm: str, pos: int) -> tuple[str, int] | None:
    m = _CS_UNIT_RE.match(norm, pos)
    if m is not None:
        code = {"mM": "mmol/L", "uM": "umol/L", "GL": "10*9/L"}[str(m.lastgroup)]
        return code, m.end()
    m = _UNIT_RE.match(norm, pos)
    if m is None or m.lastgroup is None:
        return None
    return _UNIT_CODES[int(m.lastgroup[1:])], m.end()


def _ref_tail(norm: str, pos: int) -> _Tail | None:
    m = _REF_RE.match(norm, pos)
    if m is None or _OFFSET.match(norm, m.end(), m.end() + 8):
        return None  # "ULN + 4 s" is an offset, not expressible
    if m.group("n") and not _N_TIMES.match(norm, pos, m.end()):
        return None
    ref = Reference.LLN if m.group("lln") else Reference.BASELINE if m.group("base") else Reference.ULN
    if ref is Reference.BASELINE and not _TIMES.match(norm, pos):
        return None  # "at baseline" is a time, not a multiple
    return _Tail(m.end(), None, ref, cmp=Comparator.GT if m.group("higher") else None)


def read_tail(norm: str, text: str, pos: int) -> _Tail:
    """Unit or reference after the number at `pos` (nothing recognised: a tail at `pos` with no unit)."""
    for reader in (_exp_tail, None, _ref_tail):
        tail = reader(norm, text, pos) if reader is _exp_tail else _ref_tail(norm, pos) if reader else None
        if tail is not None:
            return tail
        if reader is None:
            unit = _unit_at(norm, pos)
            if unit is not None and not (unit[0] == "mm" and _REF_RE.match(norm, unit[1])):
                return _Tail(unit[1], unit[0])
    return _Tail(pos)


def _bound(cmp: Comparator, value: Decimal, tail: _Tail) -> Bound:
    if tail.factor:
        value = value * (Decimal(10) ** tail.factor)
    return Bound(cmp=cmp, value=tidy(value), unit=tail.unit, reference=tail.reference)


def tidy(value: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros (`1E+2` → `100`); others as written."""
    return Decimal(int(value)) if value == value.to_integral() else value


def find_bare_references(norm: str) -> list[Quantity]:
    """`≤ ULN`, `less than lower limit of normal`: value 1 of the reference."""
    out: list[Quantity] = []
    if not _REF_HINT.found(norm):
        return out
    cmps = {
        "≤": "<=",
        "≥": ">=",
        "<": "<",
        ">": ">",
        "<=": "<=",
        ">=": ">=",
        "above": ">",
        "over": ">",
        "below": "<",
        "under": "<",
        "within": "<=",
    }
    for m in _BARE_REF_RE.finditer(norm):
        word = m.group("cmp").lower()
        key = cmps.get(word) or ("<" if word.startswith(("less", "lower")) else ">")
        if "or equal" in word:
            key += "="
        ref = Reference.LLN if m.group("lln") else Reference.ULN
        bound = Bound(cmp=Comparator(key), value=Decimal(1), reference=ref)
        out.append(
            Quantity(start=m.start(), end=m.end(), bounds=(bound,), explicit=True, num_start=m.start())
        )
    return out


_COUNTING: Final = Words(*"0123456789", *NUMBER_WORDS)


def _may_count(norm: str) -> bool:
    """False when `_NUMBER_RE` cannot match: an ASCII text without a digit, a number word or a Roman I or V."""
    return not norm.isascii() or "I" in norm or "V" in norm or _COUNTING.found(norm)


def _after_digit(norm: str, pos: int) -> bool:
    """Whether the last non-space character before `pos` is a digit (`norm[:pos].rstrip()` without the copy)."""
    i = pos - 1
    while i >= 0 and norm[i].isspace():
        i -= 1
    return i >= 0 and norm[i] in "0123456789"


class _Scanner:
    """Walks the numbers of one item left to right and groups them into quantities."""

    def __init__(self, text: str, norm: str) -> None:
        self.text, self.norm = text, norm
        self.numbers = [m for m in _NUMBER_RE.finditer(norm) if self._usable(m)] if _may_count(norm) else []

    def _usable(self, m: re.Match[str]) -> bool:
        if m.group("roman"):
            return bool(_ROMAN_CONTEXT.search(self.norm, max(0, m.start() - 24), m.start()))
        return not (m.group("neg") and m.start() > 0 and self.norm[m.start() - 1].isalnum())

    def scan(self) -> list[Quantity]:
        out: list[Quantity] = []
        i, done = 0, 0
        while i < len(self.numbers):
            if self.numbers[i].start() < done:  # inside a previous tail: "x 109 /L", "/1.73 m2"
                i += 1
                continue
            special = self._pair(i) or self._labelled(i)
            qs, used = special if special else self._quantity(i)
            i += used
            for q in qs:
                out.append(q)
                done = max(done, q.end)
        return out

    def _pair(self, i: int) -> tuple[list[Quantity], int] | None:
        """Blood pressure `140/90 mmHg`: systolic and diastolic with one comparator."""
        m = self.numbers[i]
        bp = _BP_RE.match(self.norm, m.end())
        if bp is None or not (
            bp.group("unit") or _BP_CONTEXT.search(self.norm, max(0, m.start() - 40), m.start())
        ):
            return None
        cmp, cmp_start = comparator_before(self.norm, m.start())
        unit = "mm[Hg]" if bp.group("unit") else None
        bounds = tuple(
            Bound(cmp=cmp or Comparator.EQ, value=tidy(parse_decimal(v)[0]), unit=unit)
            for v in (m.group(0), bp.group("dia"))
        )
        q = Quantity(
            start=cmp_start if cmp else m.start(),
            end=bp.end(),
            bounds=bounds,
            explicit=cmp is not None,
            num_start=m.start(),
            pair=True,
        )
        return [q], 2

    def _labelled(self, i: int) -> tuple[list[Quantity], int] | None:
        """`≥ 450(male)/470(female) msec`: one quantity per labelled value, sharing comparator and unit."""
        m = self.numbers[i]
        lab = _LABEL_RE.match(self.norm, m.end())
        if lab is None or i + 1 >= len(self.numbers) or self.numbers[i + 1].start() != lab.end():
            return None
        nxt = self.numbers[i + 1]
        lab2 = _LABEL2_RE.match(self.norm, nxt.end())
        if lab2 is None:
            return None
        cmp, cmp_start = comparator_before(self.norm, m.start())
        tail = read_tail(self.norm, self.text, lab2.end())
        out = []
        for num, label, start in ((m, lab.group("l"), cmp_start), (nxt, lab2.group("l"), nxt.start())):
            bound = _bound(cmp or Comparator.EQ, _read_number(num)[0], tail)
            out.append(
                Quantity(
                    start=start,
                    end=tail.end if num is nxt else lab.end(),
                    bounds=(bound,),
                    explicit=cmp is not None,
                    num_start=num.start(),
                    label=label.lower(),
                )
            )
        return out, 2

    def _quantity(self, i: int) -> tuple[list[Quantity], int]:
        m = self.numbers[i]
        value, flags = _read_number(m)
        if m.group("neg") and _after_digit(self.norm, m.start()):
            value = -value  # "18-65": the dash is a range, handled by the previous number
            return [], 1
        cmp, cmp_start = comparator_before(self.norm, m.start())
        tail = read_tail(self.norm, self.text, m.end())
        flags = (*flags, *tail.flags)
        first = _First(value=value, cmp=cmp, cmp_start=cmp_start, tail=tail, flags=flags)
        ranged = self._range(i, first) or self._list(i, first)
        if ranged is not None:
            return [ranged[0]], ranged[1]
        after_cmp, end = _comparator_after(self.norm, tail.end)
        if after_cmp is None and tail.unit is None and tail.reference is None:
            after_cmp, end2 = _comparator_after(self.norm, m.end())
            if after_cmp is not None:  # "6 or more weeks"
                tail = read_tail(self.norm, self.text, end2)
                end = tail.end
        cmp = cmp or tail.cmp or after_cmp
        if tail.unit in COUNT_UNITS and re.fullmatch(r"\d{1,3}\.\d{3}", m.group("num") or ""):
            value, flags = value * 1000, (*flags, Flag.THOUSANDS_DOT)
        q = Quantity(
            start=cmp_start if cmp else m.start(),
            end=max(end, tail.end),
            bounds=(_bound(cmp or Comparator.EQ, value, tail),),
            explicit=cmp is not None,
            flags=tuple(dict.fromkeys(flags)),
            num_start=m.start(),
            roman=bool(m.group("roman")),
        )
        return [q], 1

    def _range(self, i: int, first: _First) -> tuple[Quantity, int] | None:
        """`18-65 years`, `between 18 and 65`, `4 to < 8`, `7 days to 1 year`."""
        value, cmp, tail, flags, cmp_start = first.value, first.cmp, first.tail, first.flags, first.cmp_start
        if i + 1 >= len(self.numbers) or tail.reference is not None:
            return None
        m, nxt = self.numbers[i], self.numbers[i + 1]
        sep = _RANGE_SEP.fullmatch(self.norm, tail.end, nxt.start())
        cmp2, _ = comparator_before(self.norm, nxt.start())
        if sep is None and cmp2 is not None:
            sep = _RANGE_SEP.match(self.norm, tail.end)
        if sep is None or (m.group("roman") is None) != (nxt.group("roman") is None):
            return None
        word = sep.group(0).strip().lower()
        between = _BETWEEN.search(
            self.norm, max(0, (cmp_start if cmp else m.start()) - 30), cmp_start if cmp else m.start()
        )
        if word == "and" and between is None:
            return None
        if word == "-" and nxt.group("neg"):
            pass
        elif cmp2 is not None and sep.end() > nxt.start():
            return None
        value2, flags2 = _read_number(nxt)
        if nxt.group("neg"):
            value2 = -value2
        tail2 = read_tail(self.norm, self.text, nxt.end())
        if cmp in (Comparator.LE, Comparator.LT) and cmp2 is None:
            return None  # "< 5 - 10" is not a range
        lo_tail = (
            tail
            if tail.unit or tail.reference
            else attrs.evolve(tail, unit=tail2.unit, reference=tail2.reference)
        )
        extra: tuple[Flag, ...] = (Flag.INCLUSIVE_ASSUMED,) if cmp is None or cmp2 is None else ()
        if lo_tail.unit != tail.unit:
            extra += (Flag.UNIT_SHARED,)
        bounds = (_bound(cmp or Comparator.GE, value, lo_tail), _bound(cmp2 or Comparator.LE, value2, tail2))
        start = cmp_start if cmp else (between.start() if between else m.start())
        q = Quantity(
            start=start,
            end=tail2.end,
            bounds=bounds,
            explicit=True,
            flags=tuple(dict.fromkeys((*flags, *flags2, *tail2.flags, *extra))),
            num_start=m.start(),
            roman=bool(m.group("roman")),
        )
        return q, 2

    def _list(self, i: int, first: _First) -> tuple[Quantity, int] | None:
        """Score sets without units: `0, 1, or 2` (contiguous: a range), `0 or 2` (one = each)."""
        value, cmp, tail = first.value, first.cmp, first.tail
        if cmp is not None or tail.unit or tail.reference or value != value.to_integral() or value > 10:
            return None
        values, j, pos = [value], i + 1, tail.end
        while j < len(self.numbers):
            nxt = self.numbers[j]
            sep = _LIST_SEP.fullmatch(self.norm, pos, nxt.start())
            if sep is None or ("/" in sep.group(0) and not nxt.group("roman")):
                break
            v, _ = _read_number(nxt)
            if v != v.to_integral() or v > 10 or read_tail(self.norm, self.text, nxt.end()).unit:
                break
            values.append(v)
            pos, j = nxt.end(), j + 1
        if len(values) < 2:
            return None
        m = self.numbers[i]
        vs = sorted(values)
        contiguous = all(b - a == 1 for a, b in pairwise(vs))
        if contiguous:
            bounds = (Bound(cmp=Comparator.GE, value=vs[0]), Bound(cmp=Comparator.LE, value=vs[-1]))
            return Quantity(
                start=m.start(),
                end=pos,
                bounds=bounds,
                explicit=True,
                num_start=m.start(),
                roman=bool(m.group("roman")),
            ), j - i
        return Quantity(
            start=m.start(),
            end=pos,
            bounds=(Bound(cmp=Comparator.EQ, value=vs[0]),),
            explicit=True,
            values=tuple(vs),
            num_start=m.start(),
            roman=bool(m.group("roman")),
        ), j - i


def find_quantities(text: str, norm: str | None = None) -> list[Quantity]:
    """All quantities of `text`, sorted by position; bare ULN/LLN references included."""
    norm = normalize(text) if norm is None else norm
    found = _Scanner(text, norm).scan()
    taken = [(q.start, q.end) for q in found]
    for q in find_bare_references(norm):
        if not any(s < q.end and q.start < e for s, e in taken):
            found.append(q)
    return sorted(found, key=lambda q: q.start)
