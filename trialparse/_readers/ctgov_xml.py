"""Legacy CT.gov public XML (`<clinical_study>`, public.xsd) → Trial.

Display-string enums go through the shared vocabulary tables; `<textblock>` bodies are unwrapped into the
CT.gov Markdown a v2 record holds (see `unwrap`). Untrusted input: no DTD loading, no network, no entity
expansion, and a DOCTYPE that declares entities is rejected outright.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from lxml import etree

from trialparse._draft import Draft
from trialparse._normalize import dates, identifiers, memo, numbers, phases, vocab
from trialparse._normalize.references import doi, pmid
from trialparse._normalize.text import split_criteria
from trialparse.issues import ParseError, Severity
from trialparse.model import (
    AgencyClass,
    Allocation,
    Arm,
    ArmGroupType,
    DateType,
    Design,
    Eligibility,
    EnrollmentType,
    Identifier,
    IdentifierSource,
    Intervention,
    InterventionModel,
    InterventionType,
    Location,
    Masking,
    ObservationalModel,
    Official,
    OfficialRole,
    OverallStatus,
    PrimaryPurpose,
    RecruitmentStatus,
    Reference,
    ReferenceType,
    ResponsibleParty,
    ResponsiblePartyType,
    SamplingMethod,
    Sex,
    Source,
    SourceFormat,
    Sponsor,
    SponsorRole,
    StudyType,
    TimePerspective,
    Trial,
    TrialDate,
    WhoMasked,
    _maker,
)

Element = etree._Element

# Pure normalizers, cached by raw string (a corpus repeats its dates, ages, phases and id patterns).
_partial_date = memo(dates.partial_date, 4096)
_iso_date = memo(dates.iso_date, 4096)
_age_of = memo(numbers.age, 1024)
_phases_of = memo(phases.phases, 256)
_registry_of = memo(identifiers.registry, 4096)
# The model's constructors without attrs' per-field `object.__setattr__` calls (see `model._maker`).
_new_location = _maker(Location)
_new_trial = _maker(Trial)

# --- Safe loading -----------------------------------------------------------------------------------

_LOCAL = threading.local()  # lxml parser objects must not be shared between threads
_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")  # lxml refuses str input that declares an encoding


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        _LOCAL.parser = parser
    return parser


def _declares_entities(data: str | bytes) -> bool:
    if isinstance(data, str):
        return "<!DOCTYPE" in data and "<!ENTITY" in data
    return b"<!DOCTYPE" in data and b"<!ENTITY" in data


def load(data: str | bytes, *, name: str | None = None) -> Element:
    """The `<clinical_study>` root of `data`; ParseError for unsafe, malformed or foreign XML."""
    if _declares_entities(data):
        raise ParseError("XML with a DOCTYPE declaring entities is refused (entity expansion attack)", source=name)
    if isinstance(data, str) and (declaration := _DECLARATION.match(data)) is not None:
        data = data[declaration.end() :]  # match, not sub: sub would scan the whole text
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not well-formed XML: {exc}", source=name) from None
    except ValueError as exc:  # lxml refuses a str whose (malformed) declaration names an encoding
        raise ParseError(f"not well-formed XML: {exc}", source=name) from None
    if root is None:
        raise ParseError("empty XML document", source=name)
    dtd: Any = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # e.g. UTF-16 input the byte check missed
        raise ParseError("XML with a DOCTYPE declaring entities is refused (entity expansion attack)", source=name)
    if root.tag != "clinical_study":
        raise ParseError(f"XML root is <{etree.QName(root).localname}>, not a CT.gov <clinical_study>", source=name)
    return root


# --- Text -------------------------------------------------------------------------------------------

# CT.gov's v2 conversion escaped these Markdown characters in free text (corpus: `<>[]^~&` always escaped).
_ESCAPED = tuple((c, "\\" + c) for c in "<>[]^~&*")  # and the backslash itself, first
# A list item as the legacy renderer wrote it: `-  ` (two or more spaces) or `1. ` / `10. `.
_ITEM = re.compile(r"(-(?= {2})|\d{1,3}\.(?= ))( +)(?=\S)")
_LONE_DASH = re.compile(r"-(?: |$)")  # an author's own `- text` line: Markdown would make it a bullet
_WRAP_STEP = 5  # the renderer indents each list level by 5 columns (`-  ` plus 2)


def escape(text: str) -> str:
    """Free text as CT.gov Markdown: the characters v2 escapes get a backslash.

    One `in` scan per character (memchr speed) and a `replace` only for those present: `str.translate` with a
    dict looks every character up in Python, several times slower on the long textblocks.
    """
    if "\\" in text:  # first: the backslashes the others add must not be doubled
        text = text.replace("\\", "\\\\")
    for char, escaped in _ESCAPED:
        if char in text:
            text = text.replace(char, escaped)
    return text


def plain(text: str | None) -> str | None:
    """An element's text: CR/CRLF (`&#xD;`) as LF, outer whitespace trimmed; None when empty."""
    if not text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() or None


# The regexes below read whole runs of lines in C instead of a Python step per line; every quantifier that
# could backtrack over a run of spaces is possessive, so a hostile line of spaces costs linear time.
# A pattern that opens with `\n` is searched for with a fast literal scan; one that opens with a MULTILINE `^` is
# tried at every character. So the first line is matched on its own.
_INDENT = re.compile(r"( *+)(?=[^\n]*?\S)")  # leading spaces of a non-blank line
_NEXT_INDENT = re.compile(r"\n( *+)(?=[^\n]*?\S)")  # the same for every later line
_RUN = re.compile(r"^ *+[^ \n][^\n]*+(?:\n *+[^ \n][^\n]*+)*+", re.MULTILINE)  # lines not all spaces, in a row
_FIRST_ITEM = re.compile(r"( *+)(?:(-(?= {2})|\d{1,3}\.(?= ))( +)(?=\S))?")  # `_ITEM` after the indent, or not
_NEXT_ITEM = re.compile(r"\n( *+)(-(?= {2})|\d{1,3}\.(?= ))( +)(?=\S)")  # a later line of a run opening an item
_JOIN = re.compile(r"\n *+")  # a line break and the next line's indent: one space


def _base_indent(text: str) -> int:
    """Column of the body: the `</textblock>` tag's indent plus 2, capped by the least-indented line."""
    body = text.rstrip("\n")
    tail = body[body.rfind("\n") + 1 :]
    indents = _NEXT_INDENT.findall(text)
    if (first := _INDENT.match(text)) is not None:
        indents.append(first[1])
    least = min(map(len, indents))
    if not tail or tail.strip(" "):
        return least
    return min(len(tail) + 2, least)


class _Unit:
    """One paragraph or list item of a textblock, its wrapped lines already joined."""

    __slots__ = ("level", "marker", "text")

    def __init__(self, marker: str | None, level: int, text: str) -> None:
        self.marker = marker
        self.level = level
        self.text = text


def _units(text: str, base: int) -> list[_Unit]:
    """The paragraphs and list items of `text`: a run of non-blank lines opens a unit with its first line, and
    a later line of the run opens another when it is a list item (a `-` item at any indent, a numbered one
    indented past `base`); every other line continues the unit above, joined with one space."""
    units: list[_Unit] = []
    for run in _RUN.finditer(text):
        block = run[0]
        first = _FIRST_ITEM.match(block)
        assert first is not None  # every part of the pattern is optional
        indent = len(first[1])
        marker: str | None = first[2]
        if marker is not None and (marker == "-" or indent > base):
            start = first.end()
            column = start
        else:
            marker, start, column = None, indent, indent
        for hit in _NEXT_ITEM.finditer(block, start):
            if hit[2] != "-" and len(hit[1]) <= base:
                continue  # a numbered line at the margin continues the unit above
            _unit(units, block[start : hit.start()], marker, indent=indent, column=column, base=base)
            marker, indent, start = hit[2], len(hit[1]), hit.end()
            column = indent + len(hit[2]) + len(hit[3])
        _unit(units, block[start:], marker, indent=indent, column=column, base=base)
    return units


def _unit(units: list[_Unit], body: str, marker: str | None, *, indent: int, column: int, base: int) -> None:
    text = _JOIN.sub(" ", body) if "\n" in body else body
    if marker is not None:
        level = max(0, round((column - base - _WRAP_STEP) / _WRAP_STEP))
        units.append(_Unit("*" if marker == "-" else marker, level, text))
        return
    nested = indent > base and bool(units) and units[-1].marker is not None
    units.append(_Unit(None, units[-1].level if nested else -1, text))


def _render(units: list[_Unit]) -> str:
    out: list[str] = []
    widths: list[int] = []  # marker width per open list level, for the v2 nesting indent
    previous: _Unit | None = None
    for unit in units:
        text = unit.text
        if unit.marker is None:
            if unit.level < 0 and _LONE_DASH.match(text):
                text = "\\" + text
            indent = sum(widths[: unit.level + 1]) if unit.level >= 0 else 0
            line = " " * indent + text
        else:
            del widths[unit.level :]
            widths.extend([2] * (unit.level - len(widths)))
            line = " " * sum(widths) + f"{unit.marker} {text}"
            widths.append(len(unit.marker) + 1)
        if previous is not None:
            out.append("\n" if unit.marker and previous.marker else "\n\n")
        out.append(line)
        previous = unit
    return "".join(out)


def unwrap(text: str | None) -> str | None:
    """A hard-wrapped `<textblock>` body as the Markdown a v2 record holds.

    Blank lines separate blocks; the lines of a block are joined with one space. `-  item` becomes
    `* item` and `1. item` stays, consecutive items joined by one newline (v2's tight lists), nested
    items indented by their parents' marker widths; every other block is a paragraph.
    """
    if not text or not text.strip():
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ITEM_LINE.search(text) is None and _FIRST_ITEM_LINE.match(text) is None:
        return _paragraphs(text)
    # Escaped once, before the split: escaping only puts a backslash before characters that no marker, indent or
    # line break is made of, so each unit's text comes out as if escaped on its own.
    return _render(_units(escape(text), _base_indent(text))) or None


_FIRST_ITEM_LINE = re.compile(r" *[-\d]")  # a line that could be a list item (or a lone dash): the first,
_ITEM_LINE = re.compile(r"\n *[-\d]")  # or a later one
_LEADING_SPACES = re.compile(r"\n +")
_BLANK_LINES = re.compile(r"\n{2,}")


def _paragraphs(text: str) -> str | None:
    """`unwrap` of a block with no list item (the fast path): paragraphs only, each at the left margin, their
    lines joined with one space, one blank line between them."""
    body = _LEADING_SPACES.sub("\n", text).lstrip(" ").strip("\n")  # space-only lines are now empty
    return escape("\n\n".join(part.replace("\n", " ") for part in _BLANK_LINES.split(body))) or None


# --- Element helpers ----------------------------------------------------------------------------


# `findtext` runs ElementPath in Python, and even `iterchildren(tag)` costs more per call than one pass over a
# typical element's children: `_Kids` groups them once.


def _texts(elements: Iterable[Element]) -> tuple[str, ...]:
    return tuple(t for t in (plain(e.text) for e in elements) if t)


def _block(parent: Element | None, tag: str | None) -> str | None:
    """The `<textblock>` of `parent`'s first `tag` child that has one (`tag` None: of `parent` itself)."""
    if parent is None:
        return None
    for holder in (parent,) if tag is None else parent.iterchildren(tag):
        for block in holder.iterchildren("textblock"):
            return unwrap(block.text)
    return None


# --- The study ----------------------------------------------------------------------------------


class _Kids:
    """An element's children grouped by tag, in one pass: one `iterchildren(tag)` costs more than walking
    all the children of a typical element, and the readers ask for several tags of each."""

    __slots__ = ("by_tag",)

    def __init__(self, parent: Element) -> None:
        by_tag: dict[str, list[Element]] = {}
        for child in parent:
            tag = child.tag
            found = by_tag.get(tag)
            if found is None:
                by_tag[tag] = [child]
            else:
                found.append(child)
        self.by_tag = by_tag

    def all(self, tag: str) -> list[Element]:
        return self.by_tag.get(tag, [])

    def one(self, tag: str) -> Element | None:
        found = self.by_tag.get(tag)
        return found[0] if found else None

    def text(self, tag: str) -> str | None:
        """`plain` text of the first `tag` child (what `_text` gives)."""
        found = self.by_tag.get(tag)
        return plain(found[0].text) if found else None

    def texts(self, tag: str) -> tuple[str, ...]:
        found = self.by_tag.get(tag)
        return _texts(found) if found else ()

    def markdown(self, tag: str) -> str | None:
        value = self.text(tag)
        return escape(value) if value else None

    def block(self, tag: str) -> str | None:
        """`_block(parent, tag)`: the `<textblock>` of the first `tag` child that has one."""
        for holder in self.by_tag.get(tag, ()):
            for block in holder.iterchildren("textblock"):
                return unwrap(block.text)
        return None


class _Study(_Kids):
    """The root's children grouped by tag (one pass), with the draft that collects issues."""

    __slots__ = ("draft",)

    def __init__(self, root: Element) -> None:
        super().__init__(root)
        self.draft = Draft()


def read_xml(data: str | bytes, *, name: str | None = None) -> Trial:
    """One study from a legacy `<clinical_study>` XML document."""
    study = _Study(load(data, name=name))
    f: dict[str, Any] = {}
    _identification(study, f)
    _status(study, f)
    _design(study, f)
    f["brief_summary"] = _block(study.one("brief_summary"), None)
    f["detailed_description"] = _block(study.one("detailed_description"), None)
    f["conditions"] = _texts(study.all("condition"))
    f["keywords"] = _texts(study.all("keyword"))
    _arms(study, f)
    f["eligibility"] = _eligibility(study.one("eligibility"), study.draft)
    _parties(study, f)
    _places(study, f)
    f["references"] = _references(study)
    source = _SOURCE if name is None else Source(format=SourceFormat.CTGOV_XML, name=name)
    return _new_trial(**f, unparsed=tuple(study.draft.unparsed), issues=tuple(study.draft.issues), source=source)


_SOURCE = Source(format=SourceFormat.CTGOV_XML)


def _identification(study: _Study, f: dict[str, Any]) -> None:
    f["title"] = study.text("brief_title")
    f["official_title"] = study.text("official_title")
    f["acronym"] = study.text("acronym")
    found: list[Identifier] = []
    info = study.one("id_info")
    if info is not None:
        kids = _Kids(info)
        f["nct_id"] = kids.text("nct_id")
        sources = {"org_study_id": IdentifierSource.ORG_STUDY_ID, "secondary_id": IdentifierSource.SECONDARY_ID,
                   "nct_alias": IdentifierSource.NCT_ALIAS}
        for tag, source in sources.items():  # v2 order: org study id, secondary ids, aliases
            for value in kids.texts(tag):
                found.append(Identifier(value=value, source=source, registry=_registry_of(value)))
    if f.get("nct_id") is None:
        study.draft.report("missing_nct_id", "no id_info/nct_id element", section="identifiers", field="nct_id")
    f["identifiers"] = tuple(found)


def _trial_date(study: _Study, tag: str, field: str) -> TrialDate | None:
    element = study.one(tag)
    raw = plain(element.text) if element is not None else None
    if raw is None or raw == "Unknown":  # the XSD's `Unknown` is no date
        return None
    assert element is not None
    kind = study.draft.enum(DateType, element.get("type"), section="basic", field=f"{field}.type")
    value = study.draft.value(_partial_date(raw), raw, section="basic", field=field, code="bad_date")
    return TrialDate(date=value, type=kind) if value is not None else None


def _full_date(study: _Study, field: str, *tags: str) -> Any:
    raw = next((value for tag in tags if (value := study.text(tag))), None)
    if raw is None:
        return None
    return study.draft.value(_iso_date(raw), raw, section="basic", field=field, code="bad_date")


def _status(study: _Study, f: dict[str, Any]) -> None:
    draft = study.draft
    f["overall_status"] = draft.enum(OverallStatus, study.text("overall_status"), section="basic",
                                     field="overall_status")
    f["why_stopped"] = study.text("why_stopped")
    f["start_date"] = _trial_date(study, "start_date", "start_date")
    f["primary_completion_date"] = _trial_date(study, "primary_completion_date", "primary_completion_date")
    f["completion_date"] = _trial_date(study, "completion_date", "completion_date")
    f["first_posted"] = _full_date(study, "first_posted", "study_first_posted", "firstreceived_date")
    f["last_updated"] = _full_date(study, "last_updated", "last_update_posted", "lastchanged_date")
    # No <clinical_results> means nothing posted (pending_results is results under QC: v2 says false too).
    f["has_results"] = study.one("clinical_results") is not None
    raw_phase = study.text("phase")
    if raw_phase is not None:
        f["phases"] = draft.value(_phases_of(raw_phase), raw_phase, section="basic", field="phases",
                                  code="unknown_value") or ()
    enrollment = study.one("enrollment")
    raw_count = plain(enrollment.text) if enrollment is not None else None
    if enrollment is not None and raw_count is not None:
        kind = vocab.lookup(EnrollmentType, enrollment.get("type"))
        f["enrollment"] = draft.value(numbers.enrollment(raw_count, kind), raw_count, section="basic",
                                      field="enrollment", code="bad_enrollment")


def _study_type(study: _Study) -> tuple[StudyType | None, bool | None]:
    raw = study.text("study_type")
    if raw is None:
        return None, None
    if raw == "N/A":  # redacted unapproved-device records: no type to give
        study.draft.report("unknown_value", "study_type: 'N/A' (a redacted record) has no study type",
                           section="basic", field="study_type", excerpt=raw, severity=Severity.WARNING)
        return None, None
    kind = study.draft.enum(StudyType, raw, section="basic", field="study_type")
    registry = "[patient registry]" in raw.casefold()
    return kind, (registry if kind is StudyType.OBSERVATIONAL else None)


_DESIGN_ENUMS: dict[str, tuple[str, type[Any]]] = {
    "allocation": ("allocation", Allocation),
    "intervention_model": ("intervention_model", InterventionModel),
    "primary_purpose": ("primary_purpose", PrimaryPurpose),
    "observational_model": ("observational_model", ObservationalModel),
    "time_perspective": ("time_perspective", TimePerspective),
}
# The 2014 schema's one-line `<study_design>`: `Label: value` pairs joined by `, ` (values may hold commas).
_OLD_DESIGN_LABELS = {"Allocation": "allocation", "Intervention Model": "intervention_model",
                      "Primary Purpose": "primary_purpose", "Masking": "masking",
                      "Observational Model": "observational_model", "Time Perspective": "time_perspective"}
_OLD_DESIGN = re.compile(r"(?:^|,\s*)([A-Z][A-Za-z ]+?):\s+")
_MASKING = re.compile(r"\s*([^(]*?)\s*(?:\((.*)\))?\s*")


def _design(study: _Study, f: dict[str, Any]) -> None:
    f["study_type"], registry = _study_type(study)
    raw: dict[str, str] = {}
    info = study.one("study_design_info")
    if info is not None:
        raw = {child.tag: value for child in info if (value := plain(child.text))}
    elif (old := study.text("study_design")) is not None:
        raw = _old_design(old, study.draft)
    if not raw and registry is None:
        return
    draft = study.draft
    values: dict[str, Any] = {"patient_registry": registry}
    for tag, (field, enum) in _DESIGN_ENUMS.items():
        if tag in raw:
            values[field] = draft.enum(enum, raw[tag], section="design", field=f"design.{field}")
    if "masking" in raw:
        values["masking"], values["who_masked"] = _masking(raw["masking"], draft)
    for tag in ("intervention_model_description", "masking_description"):
        if tag in raw:
            values[tag] = escape(raw[tag])
    for tag in raw.keys() - {*_DESIGN_ENUMS, "masking", "intervention_model_description", "masking_description"}:
        draft.keep("design", f"{tag}: {raw[tag]}")
    f["design"] = Design(**values)


def _old_design(text: str, draft: Draft) -> dict[str, str]:
    hits = list(_OLD_DESIGN.finditer(text))
    if not hits:
        if text != "N/A":
            draft.keep("design", text)
        return {}
    out: dict[str, str] = {}
    for n, hit in enumerate(hits):
        end = hits[n + 1].start() if n + 1 < len(hits) else len(text)
        value = text[hit.end() : end].strip()
        tag = _OLD_DESIGN_LABELS.get(hit[1].strip())
        if tag is None:  # e.g. `Endpoint Classification`, which v2 dropped
            draft.keep("design", f"{hit[1].strip()}: {value}")
        else:
            out[tag] = value
    return out


def _masking(raw: str, draft: Draft) -> tuple[Masking | None, tuple[WhoMasked, ...]]:
    """`Double (Participant, Investigator)` / `Double Blind (Subject, Caregiver)` → (DOUBLE, who)."""
    hit = _MASKING.fullmatch(raw)
    head, who = (hit[1], hit[2]) if hit is not None else (raw, None)
    if head.casefold().startswith("none"):  # `None (Open Label)`: the parentheses are not who-masked
        return draft.enum(Masking, raw, section="design", field="design.masking"), ()
    masking = draft.enum(Masking, head, section="design", field="design.masking")
    found = (draft.enum(WhoMasked, part, section="design", field="design.who_masked")
             for part in (who or "").split(","))
    return masking, tuple(w for w in found if w is not None)


def _arms(study: _Study, f: dict[str, Any]) -> None:
    draft = study.draft
    interventions = []
    for item in study.all("intervention"):
        kids = _Kids(item)
        interventions.append(Intervention(
            name=kids.text("intervention_name") or "",
            type=draft.enum(InterventionType, kids.text("intervention_type"), section="interventions",
                            field="interventions.type"),
            description=kids.markdown("description"),
            arm_labels=kids.texts("arm_group_label"),
            other_names=kids.texts("other_name"),
        ))
    arms = []
    for group in study.all("arm_group"):
        kids = _Kids(group)
        label = kids.text("arm_group_label") or ""
        arms.append(Arm(
            label=label,
            type=draft.enum(ArmGroupType, kids.text("arm_group_type"), section="arms", field="arms.type"),
            description=kids.markdown("description"),
            # XML links interventions to arms on the intervention side only; v2 lists them on both sides.
            intervention_names=tuple(i.name for i in interventions if label in i.arm_labels),
        ))
    f["arms"] = tuple(arms)
    f["interventions"] = tuple(interventions)


def _eligibility(element: Element | None, draft: Draft) -> Eligibility | None:
    if element is None:
        return None
    kids = _Kids(element)
    criteria = kids.block("criteria")
    inclusion, exclusion = split_criteria(criteria)
    healthy_raw = kids.text("healthy_volunteers")
    healthy = vocab.boolean(healthy_raw)
    if healthy is None and healthy_raw:
        draft.report("unknown_value", f"healthy_volunteers: {healthy_raw[:80]!r} is not yes/no",
                     section="eligibility", field="eligibility.healthy_volunteers", excerpt=healthy_raw)
    return Eligibility(
        criteria=criteria, inclusion=inclusion, exclusion=exclusion,
        minimum_age=_age(kids, "minimum_age", draft), maximum_age=_age(kids, "maximum_age", draft),
        sex=draft.enum(Sex, kids.text("gender"), section="eligibility", field="eligibility.sex"),
        healthy_volunteers=healthy,
        study_population=kids.block("study_pop"),
        sampling_method=draft.enum(SamplingMethod, kids.text("sampling_method"), section="eligibility",
                                   field="eligibility.sampling_method"),
    )


def _age(kids: _Kids, tag: str, draft: Draft) -> Any:
    raw = kids.text(tag)
    if raw is None:
        return None
    return draft.value(_age_of(raw), raw, section="eligibility", field=f"eligibility.{tag}", code="bad_age")


def _parties(study: _Study, f: dict[str, Any]) -> None:
    draft = study.draft
    sponsors = []
    block = study.one("sponsors")
    if block is not None:
        for element in block:
            role = {"lead_sponsor": SponsorRole.LEAD, "collaborator": SponsorRole.COLLABORATOR}.get(element.tag)
            kids = _Kids(element) if role is not None else None
            name = kids.text("agency") if kids is not None else None
            if kids is not None and role is not None and name:
                kind = draft.enum(AgencyClass, kids.text("agency_class"), section="sponsors",
                                  field="sponsors.agency_class")
                sponsors.append(Sponsor(name=name, agency_class=kind, role=role))
    f["sponsors"] = tuple(sponsors)
    f["responsible_party"] = _responsible_party(study.one("responsible_party"), draft)
    f["officials"] = tuple(_official(o, draft) for o in study.all("overall_official"))


def _responsible_party(element: Element | None, draft: Draft) -> ResponsibleParty | None:
    if element is None:
        return None
    kids = _Kids(element)
    kind = draft.enum(ResponsiblePartyType, kids.text("responsible_party_type"), section="responsible_party",
                      field="responsible_party.type")
    party = ResponsibleParty(
        type=kind,
        name=kids.text("investigator_full_name") or kids.text("name_title"),  # new or old style
        title=kids.text("investigator_title"),
        affiliation=kids.text("investigator_affiliation"),
        organization=kids.text("organization"),
    )
    return None if party == ResponsibleParty() else party


def _official(element: Element, draft: Draft) -> Official:
    # Most files put the full name (with degrees) in last_name; older ones split it.
    kids = _Kids(element)
    parts = [p for p in (kids.text(t) for t in ("first_name", "middle_name", "last_name")) if p]
    name = " ".join(parts)
    degrees = kids.text("degrees")
    if degrees:
        name = f"{name}, {degrees}" if name else degrees
    role = draft.enum(OfficialRole, kids.text("role"), section="officials", field="officials.role")
    return Official(name=name, role=role, affiliation=kids.text("affiliation"))


def _places(study: _Study, f: dict[str, Any]) -> None:
    f["locations"] = tuple(_location(loc, study.draft) for loc in study.all("location"))
    countries = study.one("location_countries")
    f["countries"] = _texts(countries.iterchildren("country")) if countries is not None else ()
    removed = study.one("removed_countries")
    f["removed_countries"] = _texts(removed.iterchildren("country")) if removed is not None else ()


_SITE_STATUS: dict[str, RecruitmentStatus] = {}  # raw → status; a study repeats a handful of values


def _location(element: Element, draft: Draft) -> Location:
    # One pass over children (not findtext per field): a large study has thousands of sites. A later
    # duplicate element wins, as it always has. `plain` inlined for the common text (no CR).
    facility = city = state = zip_ = country = None
    status = None
    for child in element:
        tag = child.tag
        if tag == "facility":
            for part in child:
                tag = part.tag
                if tag == "name":
                    t = part.text
                    facility = (t.strip() or None) if t and "\r" not in t else plain(t)
                elif tag == "address":
                    for a in part:
                        tag = a.tag
                        t = a.text
                        value = (t.strip() or None) if t and "\r" not in t else plain(t)
                        if tag == "city":
                            city = value
                        elif tag == "state":
                            state = value
                        elif tag == "zip":
                            zip_ = value
                        elif tag == "country":
                            country = value
        elif tag == "status" and (raw := plain(child.text)):
            status = _SITE_STATUS.get(raw) or _site_status(raw, draft)
    return _new_location(facility=facility, city=city, state=state, zip=zip_, country=country, status=status)


def _site_status(raw: str, draft: Draft) -> RecruitmentStatus | None:
    found = _SITE_STATUS.get(raw)
    if found is None:
        found = draft.enum(RecruitmentStatus, raw, section="locations", field="locations.status")
        if found is not None:
            _SITE_STATUS[raw] = found
    return found


def _references(study: _Study) -> tuple[Reference, ...]:
    out = []
    for tag, kind in (("reference", ReferenceType.BACKGROUND), ("results_reference", ReferenceType.RESULT)):
        for element in study.all(tag):
            kids = _Kids(element)
            citation = kids.text("citation")
            raw_pmid = kids.text("PMID")
            found = pmid(raw_pmid)
            if raw_pmid and found is None:
                study.draft.report("bad_pmid", f"references.pmid: {raw_pmid[:80]!r} is not a PMID",
                                   section="references", field="references.pmid", excerpt=raw_pmid)
            out.append(Reference(citation=citation, type=kind, pmid=found, doi=doi(citation)))
    return tuple(out)
