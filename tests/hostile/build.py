# ruff: noqa: E501  (a table of inputs: long literal lines read better whole)
"""Writes the committed hostile inputs (`NAME.input`) and their expected outcomes (`NAME.expect.json`).

Run `python -m tests.hostile.build` after changing a case here; review the diff of the expectations. The
outcomes below are written by hand: what a user should get, not what the code happened to do. Large inputs are
not written here: their `expect.json` names a generator of tests/hostile/generate.py.

Expectation keys: `record` (`nct_id`, `issues`: the issue codes in any order, `unparsed_count`, `fields`:
dotted JSON paths of `to_dict` → value, `min_lengths`: path → minimum length, `same_as_base`: the record
equals that of the clean base page) or `error` + `reason` (a substring of the ParseError message); `many`:
the outcomes of `parse_many`, in order; `options`: keyword arguments of `parse`; `absent`: strings that must
appear nowhere in the record or the message (`@SECRET@` is the content of a local file the input names).
"""

from __future__ import annotations

import codecs
import itertools
import json
import random
from typing import Any

from tests.hostile.generate import BASE_PAGE, HERE
from trialparse._split import HEADINGS

SAMPLES = HERE.parent.parent / "samples"
NCT = "NCT01408199"
JSON_STUDY = json.loads((SAMPLES / "json" / "NCT00205894.json").read_text(encoding="utf-8"))
XML_STUDY = (SAMPLES / "xml" / "NCT00463723.xml").read_bytes()
XML_NCT = "NCT00463723"


def ok(nct: str | None = NCT, issues: list[str] | None = None, unparsed: int = 0, **extra: Any) -> dict[str, Any]:
    return {"record": {"nct_id": nct, "issues": [] if issues is None else issues, "unparsed_count": unparsed,
                       **extra}}


def err(reason: str) -> dict[str, Any]:
    return {"error": "ParseError", "reason": reason}


def heading_block(name: str) -> str:
    heading, sentence = HEADINGS[name]
    return f"{heading}\n\n{sentence}\n\n" if sentence else f"{heading}\n\n"


def sections(page: str) -> list[str]:
    """The page cut before every heading line: [header, section, section, ...]."""
    starts = [i for i, line in enumerate(page.split("\n")) if line in {h for h, _ in HEADINGS.values()}]
    lines = page.split("\n")
    cuts = [0, *starts, len(lines)]
    return ["\n".join(lines[a:b]) + "\n" for a, b in itertools.pairwise(cuts)]


PAGE_PARTS = sections(BASE_PAGE)


def without(name: str) -> str:
    heading = HEADINGS[name][0]
    return "".join(p for p in PAGE_PARTS if not p.startswith(heading + "\n"))


# Per removed section: the field that must be empty then.
MISSING = {
    "results": ("has_results", None), "basic": ("overall_status", None), "summary": ("brief_summary", None),
    "description": ("detailed_description", None), "conditions": ("conditions", []), "design": ("design", None),
    "arms": ("arms", []), "interventions": ("interventions", []),
    "eligibility": ("eligibility", None), "sponsors": ("sponsors", []),
    "responsible_party": ("responsible_party", None), "officials": ("officials", []),
    "locations": ("locations", []), "countries": ("countries", []), "references": ("references", []),
    "identifiers": ("identifiers", []), "related": ("related_trials", []),
}

ACCENTED = (BASE_PAGE.replace("Hospital Universitari Vall d'Hebron Research Institute", "Hôpital Saint-Éloi de Montréal")
            .replace("JOSEP ORDI-ROS, M", "José Núñez Ibáñez, MD").replace("Barcelona, Barcelona, Spain",
                                                                          "Málaga, Andalucía, Spain"))
ACCENTED_FIELDS = {"sponsors.0.name": "Hôpital Saint-Éloi de Montréal", "officials.0.name": "José Núñez Ibáñez, MD",
                   "locations.0.city": "Málaga", "locations.0.state": "Andalucía"}
# What an HTML rendering of the page must give (its criteria text has other blank lines than the page's).
HTML_FIELDS = {"title": "Study To Evaluate The Safety And Efficacy Of Lenalidomide For Refractory Cutaneous Lupus",
               "conditions": ["Cutaneous Lupus"], "overall_status": "COMPLETED", "eligibility.minimum_age.value": 18,
               "eligibility.exclusion.9": "HIV, B or C hepatitis", "sponsors.0.agency_class": "OTHER",
               "locations.0.city": "Barcelona", "countries": ["Spain"], "references.0.pmid": "23217273",
               "identifiers.0.value": "2009-016508-21", "related_trials.1.nct_id": "NCT06189157"}
CP1252 = ACCENTED.replace("Cutaneous Lupus\n\nStudy Design", "Lupus “cutané” – forme réfractaire €\n\nStudy Design")


def html_page(page: str, extra_head: str = "", extra_body: str = "", wrap: tuple[str, str] = ("", "")) -> bytes:
    body = "".join(f"<p>{line}</p>\n" for line in page.split("\n") if line.strip())
    return (f"<!doctype html>\n<html><head><title>t</title>{extra_head}</head><body>{extra_body}{wrap[0]}\n"
            f"{body}{wrap[1]}</body></html>\n").encode()


def study(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(JSON_STUDY))
    for path, value in changes.items():
        node = data
        keys = path.split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    return data


def jbytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def wrong_types() -> dict[str, Any]:
    """Every field of a study given the wrong type: objects as strings, lists as objects, strings as lists."""
    p = "protocolSection"
    return study(**{
        f"{p}.identificationModule": {"nctId": ["NCT00205894"], "briefTitle": {"x": 1}, "officialTitle": True,
                                      "acronym": [], "orgStudyIdInfo": "ABC", "secondaryIdInfos": {"id": 1},
                                      "nctIdAliases": "NCT1"},
        f"{p}.statusModule": {"overallStatus": 7, "whyStopped": ["x"], "startDateStruct": "2004-01",
                              "completionDateStruct": {"date": 2004}, "lastUpdatePostDateStruct": [],
                              "studyFirstPostDateStruct": {"date": {"y": 1}}},
        f"{p}.designModule": {"studyType": ["INTERVENTIONAL"], "phases": "PHASE2", "enrollmentInfo": {"count": "many"},
                              "designInfo": {"allocation": 1, "maskingInfo": "NONE"}, "patientRegistry": "yes"},
        f"{p}.descriptionModule": {"briefSummary": {"text": "x"}, "detailedDescription": False},
        f"{p}.conditionsModule": {"conditions": "Cancer", "keywords": [1, None, "ok"]},
        f"{p}.armsInterventionsModule": {"armGroups": [{"label": 5, "type": [], "interventionNames": "Drug: X"}],
                                          "interventions": {"name": "x"}},
        f"{p}.eligibilityModule": {"eligibilityCriteria": ["a"], "minimumAge": 18, "maximumAge": {"v": 1},
                                   "sex": True, "healthyVolunteers": "no", "stdAges": "ADULT"},
        f"{p}.sponsorCollaboratorsModule": {"leadSponsor": "Acme", "collaborators": [None, 3],
                                            "responsibleParty": []},
        f"{p}.contactsLocationsModule": {"overallOfficials": "Dr X", "locations": [{"facility": [], "geoPoint":
                                                                                   {"lat": "1", "lon": None}}]},
        f"{p}.referencesModule": {"references": [{"pmid": 123, "citation": {"t": 1}, "type": 0}]},
        "hasResults": "false", "derivedSection": [],
    })


def nulls() -> dict[str, Any]:
    p = "protocolSection"
    return study(**{
        f"{p}.conditionsModule.conditions": None, f"{p}.conditionsModule.keywords": None,
        f"{p}.armsInterventionsModule.armGroups": None, f"{p}.armsInterventionsModule.interventions": None,
        f"{p}.designModule.phases": None, f"{p}.contactsLocationsModule.locations": None,
        f"{p}.contactsLocationsModule.overallOfficials": None, f"{p}.referencesModule.references": None,
        f"{p}.identificationModule.secondaryIdInfos": None, f"{p}.identificationModule.nctIdAliases": None,
        f"{p}.sponsorCollaboratorsModule.collaborators": None, f"{p}.eligibilityModule.stdAges": None,
    })


SECRET_DOCTYPE = '<!DOCTYPE clinical_study [<!ENTITY secret SYSTEM "@SECRET_URL@">]>\n'
XML_BODY = XML_STUDY.split(b"?>", 1)[-1]


def xml_with(doctype: str, entity_use: str = "&secret;") -> bytes:
    body = XML_BODY.replace(b"<brief_title>", f"<brief_title>{entity_use}".encode(), 1)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype.encode() + body


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>\n")


def cases() -> dict[str, tuple[bytes, dict[str, Any]]]:
    page = BASE_PAGE
    rng = random.Random(4)
    out: dict[str, tuple[bytes, dict[str, Any]]] = {
        # --- not a record at all ---
        "empty": (b"", err("empty input")),
        "whitespace_only": (b" \n\t \r\n   \n", err("empty input")),
        "binary_junk": (bytes(rng.randrange(256) for _ in range(2048)), err("not a trial")),
        "pdf_by_mistake": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                           b"stream\n\x78\x9c\x00\xff\xfe\nendstream\n%%EOF\n", err("a PDF document")),
        "png_by_mistake": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
                           b"\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01", err("a PNG image")),
        "jpeg_by_mistake": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb",
                            err("a JPEG image")),
        "gif_by_mistake": (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04", err("a GIF image")),
        "zip_by_mistake": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", err("a ZIP archive")),
        "gzip_by_mistake": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00", err("gzip")),
        "plain_prose": (b"Dear colleague,\nplease find the trial attached.\n", err("no section heading")),
        "title_and_nct_only": (f"A trial\n\nNCT ID: {NCT}\n".encode(), err("no section heading")),
        "utf16_without_bom": (page.encode("utf-16-le"), err("not a trial page")),
        "bad_utf16_after_bom": (codecs.BOM_UTF16_LE + b"\x00", err("bad utf-16-le after its byte-order mark")),
        # --- encodings ---
        "utf8_bom": (codecs.BOM_UTF8 + page.encode(), ok(same_as_base=True)),
        "utf16le_bom": (codecs.BOM_UTF16_LE + page.encode("utf-16-le"), ok(same_as_base=True)),
        "utf16be_bom": (codecs.BOM_UTF16_BE + page.encode("utf-16-be"), ok(same_as_base=True)),
        "utf16le_bom_accented": (codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"), ok(fields=ACCENTED_FIELDS)),
        "latin1_accented": (ACCENTED.encode("latin-1"), ok(fields=ACCENTED_FIELDS)),
        "cp1252_accented": (CP1252.encode("cp1252"), ok(fields={
            **ACCENTED_FIELDS, "conditions": ["Lupus “cutané” – forme réfractaire €"]})),
        "utf8_accented": (ACCENTED.encode(), ok(fields=ACCENTED_FIELDS)),
        # --- line ends and debris ---
        "mixed_line_ends": ("".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(page.split("\n")))
                            .encode(), ok(same_as_base=True)),
        "control_chars_and_nul": (page.replace("Cutaneous Lupus\n\nStudy Design", "Cutaneous\x00 Lupus\x07\x1b[0m\n\n"
                                               "Study Design").replace("Lenalidomide For", "Lenalidomide\x01 For")
                                  .encode(), ok(fields={"conditions": ["Cutaneous\x00 Lupus\x07\x1b[0m"]})),
        "nul_bytes_between_lines": (page.replace("\n\n", "\n\x00\n").encode(), ok(fields=HTML_FIELDS)),
        "rtl_and_cjk": (page.replace("Cutaneous Lupus\n\nStudy Design",
                                     "\u05d6\u05d0\u05d1\u05ea \u05e2\u05d5\u05e8\u05d9\u05ea\n\n"
                                     "\u0630\u0626\u0628\u0629 \u062c\u0644\u062f\u064a\u0629 \u202e\u200f\n\n"
                                     "皮肤红斑狼疮\n\nStudy Design")
                        .replace("Vall D'Hebron Hospital\n", "北京协和医院 \u200fمستشفى\n").encode(),
                        ok(fields={"conditions": ["\u05d6\u05d0\u05d1\u05ea \u05e2\u05d5\u05e8\u05d9\u05ea",
                                                  "\u0630\u0626\u0628\u0629 \u062c\u0644\u062f\u064a\u0629 \u202e\u200f",
                                                  "皮肤红斑狼疮"],
                                   "locations.0.facility": "北京协和医院 \u200fمستشفى"})),
        "unicode_line_separators": (page.replace("Cutaneous Lupus\n\nStudy", "Cutaneous\u2028Lupus\x0cSLE\x85"
                                                 "Skin\n\nStudy").encode(),
                                    ok(fields={"conditions": ["Cutaneous", "Lupus", "SLE", "Skin"]})),
        # --- truncated ---
        "truncated_mid_section": (page[: page.index("* Previous history")].encode(), ok(fields={
            "sponsors": [], "eligibility.minimum_age": None, "eligibility.exclusion.1":
                "Severe thrombocytopenia (<30x10E9 cells/L) or leucopoenia (<1500x10E9), known at least 30 days "
                "prior to the onset of the study,"})),
        "truncated_mid_line": (page[: page.index("participants") + 5].encode(), ok(
            issues=["bad_enrollment"], fields={"enrollment": None, "overall_status": "COMPLETED"})),
        "truncated_in_heading": (page[: page.index("Study Design") + 7].encode(), ok(fields={
            "conditions": ["Cutaneous Lupus", "Study D"], "design": None})),
        # --- sections ---
        **{f"missing_{name}": (without(name).encode(), ok(fields={MISSING[name][0]: MISSING[name][1]}))
           for name in HEADINGS},
        "missing_header": ("".join(PAGE_PARTS[1:]).encode(), ok(nct=None, issues=["missing_nct_id"],
                                                                fields={"title": None})),
        "only_headings": ("".join(heading_block(n) for n in HEADINGS).encode(), ok(nct=None,
                                                                                issues=["missing_nct_id"])),
        "duplicate_conditions": ((page + "\n\n" + heading_block("conditions") + "Lupus Nephritis\n").encode(),
                                 ok(issues=["duplicate_section"], unparsed=1, fields={"conditions": ["Cutaneous Lupus"],
                                                                                      "unparsed.0.text": "Lupus Nephritis"})),
        "duplicate_locations": ((page + "\n\n" + PAGE_PARTS[[p.split("\n")[0] for p in PAGE_PARTS].index("Locations")])
                                .encode(), ok(issues=["duplicate_section"], unparsed=3)),
        "reordered_sections": ((PAGE_PARTS[0] + "".join(rng.sample(PAGE_PARTS[1:], len(PAGE_PARTS) - 1))).encode(),
                               ok(same_as_base=True)),
        "reversed_sections": ((PAGE_PARTS[0] + "".join(reversed(PAGE_PARTS[1:]))).encode(), ok(same_as_base=True)),
        "heading_without_sentence": (page.replace(heading_block("conditions"), "Conditions\n\n").encode(),
                                     ok(same_as_base=True)),
        "sentence_without_heading": (page.replace(heading_block("conditions"), HEADINGS["conditions"][1] + "\n\n")
                                     .encode(), ok(issues=["missing_heading"], fields={"conditions":
                                                                                       ["Cutaneous Lupus"]})),
        "every_heading_without_sentence": ("".join(p.replace(f"\n\n{s}\n", "\n", 1) if s else p
                                                   for p in PAGE_PARTS for _, s in [_sentence_of(p)]).encode(),
                                           ok(same_as_base=True)),
        "label_lines_empty_values": (page.replace("NCT ID: NCT01408199", "NCT ID:")
                                     .replace("Last Updated: 2011-08-03", "Last Updated:")
                                     .replace("Recruitment Status\n\nCOMPLETED", "Recruitment Status\n\n")
                                     .replace("Group Type EXPERIMENTAL", "Group Type")
                                     .replace("Intervention Type DRUG\n\nEligibility", "Intervention Type\n\nEligibility")
                                     .replace("Role: PRINCIPAL_INVESTIGATOR", "Role:")
                                     .replace("Reference Type DERIVED", "Reference Type")
                                     .replace("Sponsor Role lead", "Sponsor Role").encode(),
                                     ok(nct=None, issues=["missing_nct_id"], fields={
                                         "last_updated": None, "overall_status": None, "arms.0.type": None,
                                         "interventions.0.type": None, "officials.0.role": None,
                                         "references.0.type": None, "sponsors.0.role": "LEAD",
                                         "arms.0.label": "Lenalidomide Group"})),
        "condition_named_conditions": (page.replace("\nCutaneous Lupus\n", "\nConditions\n\nCutaneous Lupus\n\n"
                                                    "Locations\n", 1).encode(),
                                       ok(fields={"conditions": ["Conditions", "Cutaneous Lupus", "Locations"]})),
        "facility_named_locations": (page.replace("Vall D'Hebron Hospital\n", "Locations\n").encode(),
                                     ok(fields={"locations.0.facility": "Locations", "locations.0.city": "Barcelona"})),
        "arm_named_study_groups": (page.replace("Lenalidomide Group", "Study Groups").encode(),
                                   ok(fields={"arms.0.label": "Study Groups",
                                              "interventions.0.arm_labels": ["Study Groups"]})),
        "heading_text_in_summary": (page.replace("Cutaneous Lupus is frequent.", "Eligibility Criteria\n\n"
                                                 "Cutaneous Lupus is frequent.").encode(),
                                    ok(min_lengths={"brief_summary": 1000}, fields={"eligibility.minimum_age.value": 18})),
        "bad_values": (page.replace("Recruitment Status\n\nCOMPLETED", "Recruitment Status\n\nPaused for lunch")
                       .replace("PHASE4", "Not Specified").replace("2010-01-31", "03/08/2010")
                       .replace("15 participants", "about fifteen").replace("65 Years", "sixty-five").encode(),
                       ok(issues=["unknown_value", "phase_not_specified", "bad_date", "bad_enrollment", "bad_age"])),
        "bad_nct_id": (page.replace("NCT ID: NCT01408199", "NCT ID: NCT-oops").encode(),
                       ok(nct=None, issues=["bad_nct_id"])),
        "unknown_label_rows": (page.replace("Blinding Strategy\n\nNONE", "Blinding Strategy\n\nNONE\n\n"
                                            "Enrollment Window\n\nOpen").encode(),
                               ok(unparsed=2, fields={"unparsed.0.text": "Enrollment Window"})),
        "strict_errors": (page.replace("15 participants", "about fifteen").encode(),
                          {**err("not an enrollment count: 'about fifteen'"), "options": {"strict": True}}),
        "strict_warnings_only": (page.replace(heading_block("conditions"), HEADINGS["conditions"][1] + "\n\n")
                                 .encode(), {**ok(issues=["missing_heading"]), "options": {"strict": True}}),
        "long_heading_like_line": (page.replace("Cutaneous Lupus\n\nStudy", "Conditions " * 5000 + "\n\nStudy")
                                   .encode(), ok(min_lengths={"conditions.0": 50000})),
        "sentence_repeated_on_one_line": (page.replace("Cutaneous Lupus\n\nStudy", HEADINGS["conditions"][1] * 50
                                                       + "\n\nStudy").encode(), ok(min_lengths={"conditions.0": 4000})),
        # --- HTML ---
        "html_page": (html_page(page), ok(fields=HTML_FIELDS)),
        "html_scripts_styles_comments_iframes": (html_page(
            page, extra_head="<style>p{color:red} /* SECRET-STYLE */</style><script>var x='SECRET-SCRIPT';</script>",
            extra_body="<!-- SECRET-COMMENT Conditions -->"
                       "<iframe src='http://127.0.0.1:9/'>SECRET-IFRAME</iframe>"
                       "<script>document.write('<p>Conditions</p><p>SECRET-SCRIPT2</p>')</script>"
                       "<noscript>SECRET-NOSCRIPT</noscript><template><p>SECRET-TEMPLATE</p></template>"),
            {**ok(fields=HTML_FIELDS), "absent": ["SECRET-STYLE", "SECRET-SCRIPT", "SECRET-COMMENT", "SECRET-IFRAME",
                                                 "SECRET-NOSCRIPT", "SECRET-TEMPLATE"]}),
        "html_unclosed_tags": (html_page(page).replace(b"</p>", b"").replace(b"<p>Spain", b"<p><b><i>Spain")
                               .replace(b"</body></html>", b"<div><span><table><tr><td>"),
                               ok(fields={"countries": ["Spain"], "conditions": ["Cutaneous Lupus"]})),
        "html_external_entity": (b'<!DOCTYPE html [<!ENTITY secret SYSTEM "@SECRET_URL@">]>\n' + html_page(page)
                                 .replace(b"<p>Cutaneous Lupus</p>", b"<p>Cutaneous Lupus</p><p>&secret;</p>"),
                                 {**ok(unparsed=None), "absent": ["@SECRET@"]}),
        "html_external_resources": (html_page(page, extra_head='<link rel="stylesheet" href="@SECRET_URL@">'
                                              '<base href="http://127.0.0.1:9/">',
                                              extra_body='<img src="@SECRET_URL@"><object data="@SECRET_URL@">'
                                                         '</object><embed src="http://127.0.0.1:9/x"></embed>'),
                                    {**ok(fields=HTML_FIELDS), "absent": ["@SECRET@"]}),
        "html_not_a_trial": (b"<html><body><h1>Welcome</h1><p>Nothing here.</p></body></html>",
                             err("no study page heading")),
        "html_empty_body": (b"<html><body></body></html>", err("not a trial page")),
        "html_binary_tail": (html_page(page) + bytes(range(256)) * 4, ok(unparsed=None)),
        # --- XML ---
        "xml_study": (XML_STUDY, ok(nct=XML_NCT, issues=None)),
        "xml_billion_laughs": (xml_with(LAUGHS, "&lol9;"), err("refused")),
        "xml_external_entity_file": (xml_with(SECRET_DOCTYPE), {**err("refused"), "absent": ["@SECRET@"]}),
        "xml_external_entity_http": (xml_with('<!DOCTYPE clinical_study [<!ENTITY secret SYSTEM '
                                              '"http://127.0.0.1:9/secret">]>\n'), err("refused")),
        "xml_parameter_entity": (xml_with('<!DOCTYPE clinical_study [<!ENTITY % p SYSTEM "@SECRET_URL@"> %p;]>\n',
                                          ""), {**err("refused"), "absent": ["@SECRET@"]}),
        "xml_external_dtd": (xml_with('<!DOCTYPE clinical_study SYSTEM "@SECRET_URL@">\n', ""),
                             {**ok(nct=XML_NCT, issues=None), "absent": ["@SECRET@"]}),
        "xml_external_dtd_http": (xml_with('<!DOCTYPE clinical_study SYSTEM "http://127.0.0.1:9/x.dtd">\n', ""),
                                  ok(nct=XML_NCT, issues=None)),
        "xml_utf16_external_entity": (xml_with(SECRET_DOCTYPE).replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
                                      .decode().encode("utf-16"), {**err("refused"), "absent": ["@SECRET@"]}),
        "xml_xinclude": (XML_STUDY.replace(b"<brief_title>", b'<brief_title><xi:include xmlns:xi='
                                           b'"http://www.w3.org/2001/XInclude" href="@SECRET_URL@" parse="text"/>', 1),
                         {**ok(nct=XML_NCT, issues=None), "absent": ["@SECRET@"]}),
        "xml_not_clinical_study": (b'<?xml version="1.0"?>\n<feed><entry><id>NCT01408199</id></entry></feed>\n',
                                   err("not a CT.gov <clinical_study>")),
        "xml_truncated": (XML_STUDY[: len(XML_STUDY) // 2], err("not well-formed XML")),
        "xml_empty_clinical_study": (b"<clinical_study/>", ok(nct=None, issues=["missing_nct_id"])),
        # --- JSON ---
        "json_study": (jbytes(JSON_STUDY), ok(nct="NCT00205894")),
        "json_wrong_types_everywhere": (jbytes(wrong_types()), ok(
            nct=None, issues=["wrong_type"] * 38 + ["unknown_value"] * 3 + ["bad_age"],
            fields={"title": None, "conditions": [], "sponsors": [], "interventions": [], "eligibility.criteria": None,
                    "enrollment": None, "arms.0.label": "5", "start_date": None, "has_results": None})),
        "json_nulls_where_lists_belong": (jbytes(nulls()), ok(nct="NCT00205894", fields={
            "conditions": [], "arms": [], "locations": [], "phases": [], "references": []})),
        "json_modules_wrong_types": (jbytes({"protocolSection": dict(zip(
            ("identificationModule", "statusModule", "designModule", "conditionsModule", "eligibilityModule",
             "contactsLocationsModule", "sponsorCollaboratorsModule", "armsInterventionsModule", "referencesModule",
             "descriptionModule"), ("x", 1, [], True, 2.5, "y", [1], "z", 0, False), strict=True))}),
            ok(nct=None, issues=["wrong_type"] * 10)),
        "json_array_one_broken_member": (jbytes([JSON_STUDY, {"protocolSection": 5}, study(**{
            "protocolSection.identificationModule.nctId": "NCT00000002"})]),
            {**err("use trialparse.parse_many"), "many": [ok(nct="NCT00205894"), err("[1]: JSON is not a CT.gov"),
                                                          ok(nct="NCT00000002")]}),
        "json_studies_page_one_broken_member": (jbytes({"studies": [JSON_STUDY, "oops", None]}), {
            **err("use trialparse.parse_many"), "many": [ok(nct="NCT00205894"), err("[1]: JSON is not"),
                                                         err("[2]: JSON is not")]}),
        "json_lines_one_broken": (jbytes(JSON_STUDY) + b"\n{broken\n" + jbytes(JSON_STUDY) + b"\n", {
            **err("not valid JSON"), "many": [ok(nct="NCT00205894"), err(":2: not valid JSON"),
                                             ok(nct="NCT00205894")]}),
        "json_truncated": (jbytes(JSON_STUDY)[:500], err("not valid JSON")),
        "json_not_a_study": (b'{"foo": 1}', err("no protocolSection object")),
        "json_classic_api": (b'{"FullStudiesResponse": {"FullStudies": []}}', err("classic ClinicalTrials.gov")),
        "json_protocol_section_list": (b'{"protocolSection": []}', err("no protocolSection object")),
        "json_huge_integer": (b'{"protocolSection": {"designModule": {"enrollmentInfo": {"count": '
                              + b"9" * 5000 + b"}}}}", err("not valid JSON")),
        "json_nan_and_infinity": (jbytes(study(**{"protocolSection.designModule.enrollmentInfo.count": 1.5})).replace(
            b"1.5", b"NaN", 1).replace(b'"protocolSection"', b'"x": Infinity, "protocolSection"', 1),
            ok(nct="NCT00205894", issues=["wrong_type"], fields={"enrollment.count": None})),
        "json_lone_surrogate": (b'{"protocolSection": {"identificationModule": {"nctId": "NCT00205894", '
                                b'"briefTitle": "bad \\ud800 title"}}}', ok(nct="NCT00205894",
                                                                           fields={"title": "bad \ud800 title"})),
        "json_bom_utf16": (codecs.BOM_UTF16_LE + json.dumps(JSON_STUDY).encode("utf-16-le"), ok(nct="NCT00205894")),
    }
    return out


# Inputs built at test time by tests/hostile/generate.py: only their expectation is written here.
GENERATED: dict[str, dict[str, Any]] = {
    "criteria_10mb": {**ok(min_lengths={"eligibility.criteria": 10_000_000, "eligibility.inclusion": 100_000},
                           fields={"eligibility.maximum_age.value": 65}), "options": {"criteria": False}},
    "page_100k_lines": ok(min_lengths={"conditions": 100_000}, fields={"conditions.99999": "Condition number 99999"}),
    "line_1mb_no_newline": err("no section heading"),
    "page_summary_1mb_line": ok(min_lengths={"brief_summary": 1_000_000}),
    "html_deep_10000": ok(fields=HTML_FIELDS),
    "html_deep_unclosed_10000": ok(fields=HTML_FIELDS),
    "json_deep_100000": err("JSON nested too deeply"),
    "json_deep_1000": err("JSON nested too deeply"),
    "xml_deep_10000": err("not well-formed XML"),
}


def _sentence_of(part: str) -> tuple[str, str | None]:
    first = part.split("\n", 1)[0]
    for heading, sentence in HEADINGS.values():
        if heading == first:
            return heading, sentence
    return first, None


def main() -> None:
    for old in HERE.glob("*.input"):
        old.unlink()
    for old in HERE.glob("*.expect.json"):
        old.unlink()
    written = [(name, data, expect) for name, (data, expect) in cases().items()]
    written += [(name, None, {"generate": name, **expect}) for name, expect in GENERATED.items()]
    for name, data, expect in written:
        if data is not None:
            (HERE / f"{name}.input").write_bytes(data)
        try:
            text = json.dumps(expect, ensure_ascii=False, indent=1)
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: only escaped JSON can hold it
            text = json.dumps(expect, indent=1)
        (HERE / f"{name}.expect.json").write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(written)} cases to {HERE}")


if __name__ == "__main__":
    main()
