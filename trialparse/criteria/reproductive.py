"""Pregnancy, lactation, contraception and childbearing potential (rule 8), with their populations."""

from __future__ import annotations

import re
from typing import Final

from trialparse.criteria.context import example_regions, inside, negated_before
from trialparse.criteria.draft import Draft, ItemText
from trialparse.criteria.fastre import Words
from trialparse.criteria.lexicon import WOCBP
from trialparse.criteria.model import Kind
from trialparse.criteria.targets import Mention, reproductive_mentions

_MALE: Final = re.compile(r"\b(?:men|males?|fathers?)\b", re.IGNORECASE)
_FEMALE: Final = re.compile(r"\b(?:women|females?)\b", re.IGNORECASE)
_WOCBP: Final = re.compile(rf"(?<![\w])(?:{WOCBP})(?![\w])", re.IGNORECASE)
_WOCBP_AFTER: Final = re.compile(
    r"if (?:there is a )?(?:risk of )?pregnancy(?: is a risk)?|for (?:women of child[- ]?bearing potential|wocbp)",
    re.IGNORECASE,
)
# searched in the 20 characters before a mention: `\w{0,24}` is `\w*` there, and keeps a search of a long word
# linear (`\w*` would run to the word's end again from every "prevent" inside it)
_NOT_PREGNANCY: Final = re.compile(
    r"(?:possibility|risk|potential|chance|capable|capability|prevent\w{0,24}|avoid\w{0,24}|test(?:ing)?|if|of)"
    r"\s++(?:of\s++)?$",
    re.IGNORECASE,
)
_NOT_A_STATE: Final = re.compile(r"\s+(?:range|status|levels?|definition|state)\b")  # "postmenopausal range"
_PREG_AFTER_SKIP: Final = re.compile(r"\s+(?:is a risk|potential|prevention|tests?)\b", re.IGNORECASE)
_KINDS: Final = {
    "pregnancy": (Kind.PREGNANCY, "pregnancy"),
    "pregnancy_test": (Kind.PREGNANCY, "pregnancy_test"),
    "wocbp": (Kind.PREGNANCY, "childbearing_potential"),
    "not_wocbp": (Kind.PREGNANCY, "childbearing_potential"),
    "lactation": (Kind.LACTATION, "lactation"),
    "contraception": (Kind.CONTRACEPTION, "contraception"),
}


def _cues(item: ItemText, lo: int, hi: int) -> list[tuple[int, str]]:
    wocbp = [(m.start(), m.end()) for m in _WOCBP.finditer(item.norm, lo, hi)]
    cues = [(s, "childbearing_potential") for s, _ in wocbp]
    cues += [(m.start(), "sex=male") for m in _MALE.finditer(item.norm, lo, hi)]
    cues += [
        (m.start(), "sex=female")
        for m in _FEMALE.finditer(item.norm, lo, hi)
        if not any(s <= m.start() < e for s, e in wocbp)
    ]
    return sorted(cues)


def populations(item: ItemText, m: Mention) -> list[str]:
    """Who the mention is about: `sex=male`, `childbearing_potential`, `sex=female` (in order), or nobody."""
    s_start, s_end = item.sentence_span(m.start)
    out: list[str] = []
    male_at = -1
    for pos, who in _cues(item, s_start, m.start):
        if who != "sex=male" and male_at >= 0 and not re.search(r"\b(?:and|or)\b", item.norm[male_at:pos]):
            continue  # "male subjects whose partners are women of reproductive age": the partner
        if who == "sex=male":
            male_at = pos
        if who not in out:
            out.append(who)
    if not out and _WOCBP_AFTER.search(item.norm, m.end, s_end):
        out.append("childbearing_potential")
    return out


def _skip(item: ItemText, m: Mention, examples: list[tuple[int, int]]) -> bool:
    if inside(m.start, examples) and m.key != "pregnancy_test":
        return True
    if m.key == "not_wocbp" and _NOT_A_STATE.match(item.norm, m.end):
        return True
    if m.key == "pregnancy":
        return bool(
            _NOT_PREGNANCY.search(item.norm, max(0, m.start - 20), m.start)
            or _PREG_AFTER_SKIP.match(item.norm, m.end)
        )
    return False


def _negated(item: ItemText, m: Mention) -> bool:
    word = item.norm[m.start : m.end].lower()
    if m.key == "not_wocbp" or word.startswith("non"):
        return True
    if m.key == "pregnancy_test":
        s_start, s_end = item.sentence_span(m.start)
        return "negative" in item.norm[s_start:s_end].lower()
    return negated_before(item, m.start, 60 if m.key == "contraception" else 45)


_ANY: Final = Words(
    "pregn", "lactat", "breast", "nursing", "contracep", "child", "fertil", "menopaus", "steril", "condom", "abstinen",
    "birth control", "wocbp", "hcg", "barrier", "reproductive",
)


def reproductive_drafts(item: ItemText) -> list[Draft]:
    if not _ANY.found(item.norm, item.low):  # a cheap test first: most items say nothing of this
        return []
    mentions = reproductive_mentions(item.norm, item.low)
    qualified = any(m.key in ("contraception", "pregnancy_test") for m in mentions)
    examples = example_regions(item)
    out: list[Draft] = []
    for m in mentions:
        if _skip(item, m, examples) or (m.key == "wocbp" and qualified):
            continue
        kind, target = _KINDS[m.key]
        whens: list[list[str]] = [[]]
        if m.key in ("contraception", "pregnancy_test"):
            pops = populations(item, m)
            if m.key == "pregnancy_test":
                pops = [p for p in pops if p == "childbearing_potential"]
            whens = [[p] for p in pops] or [[]]
        for when in whens:
            out.append(
                Draft(
                    kind=kind,
                    target=target,
                    start=m.start,
                    end=m.end,
                    mention=(m.start, m.end),
                    negated=_negated(item, m),
                    when=when,
                )
            )
    return out
