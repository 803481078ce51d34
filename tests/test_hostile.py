"""The hostile corpus (tests/hostile/): every input gives the outcome written beside it, and the guarantees of
issue 4 — `parse` raises nothing but ParseError, `strict=True` turns error issues into ParseError, untrusted XML
and HTML never read a local file or open a connection, entity expansion is off."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trialparse
from tests.hostile.generate import BASE_PAGE, GENERATORS, HERE
from trialparse.issues import Severity

EXPECTS = sorted(HERE.glob("*.expect.json"))
SECRET = "TOPSECRET-7f3c9e2a-do-not-read"


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _load(expect_path: Path, secret: Path) -> tuple[bytes, dict[str, Any]]:
    expect: dict[str, Any] = json.loads(expect_path.read_text(encoding="utf-8"))
    name = expect_path.name.removesuffix(".expect.json")
    data = GENERATORS[expect["generate"]]() if "generate" in expect else (HERE / f"{name}.input").read_bytes()
    for placeholder, value in (("@SECRET_URL@", secret.as_uri()), ("@SECRET_PATH@", str(secret))):
        for codec in ("utf-8", "utf-16-le"):
            data = data.replace(placeholder.encode(codec), value.encode(codec))
    return data, expect


def _get(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def _plain(trial: trialparse.Trial) -> dict[str, Any]:
    out = trialparse.to_dict(trial)
    out.pop("source")
    return out


BASE = _plain(trialparse.parse(BASE_PAGE))


def _check_outcome(outcome: trialparse.Trial | trialparse.ParseError, expect: dict[str, Any], label: str) -> None:
    if "error" in expect:
        assert isinstance(outcome, trialparse.ParseError), f"{label}: expected a ParseError, got a record"
        assert expect["reason"] in str(outcome), f"{label}: {str(outcome)[:300]!r}"
        return
    assert isinstance(outcome, trialparse.Trial), f"{label}: expected a record, got {str(outcome)[:300]!r}"
    want = expect["record"]
    assert outcome.nct_id == want["nct_id"], label
    if want.get("issues") is not None:
        assert sorted(i.code for i in outcome.issues) == sorted(want["issues"]), f"{label}: {outcome.issues}"
    if want.get("unparsed_count") is not None:
        assert len(outcome.unparsed) == want["unparsed_count"], f"{label}: {outcome.unparsed}"
    data = trialparse.to_dict(outcome)
    for path, value in want.get("fields", {}).items():
        assert _get(data, path) == value, f"{label}: {path}"
    for path, length in want.get("min_lengths", {}).items():
        assert len(_get(data, path)) >= length, f"{label}: {path}"
    if want.get("same_as_base"):
        assert _plain(outcome) == BASE, f"{label}: differs from the clean page's record"


def _outcome(data: bytes, options: dict[str, Any]) -> trialparse.Trial | trialparse.ParseError:
    try:
        return trialparse.parse(data, **options)
    except trialparse.ParseError as exc:
        return exc


@pytest.mark.parametrize("expect_path", EXPECTS, ids=[p.name.removesuffix(".expect.json") for p in EXPECTS])
def test_hostile_input(expect_path: Path, secret_file: Path) -> None:
    data, expect = _load(expect_path, secret_file)
    outcome = _outcome(data, expect.get("options", {}))
    _check_outcome(outcome, expect, expect_path.name)
    if "many" in expect:
        got = list(trialparse.parse_many(data))
        assert len(got) == len(expect["many"])
        for n, (item, want) in enumerate(zip(got, expect["many"], strict=True)):
            _check_outcome(item, want, f"{expect_path.name} member {n}")
    shown = str(outcome) if isinstance(outcome, trialparse.ParseError) else trialparse.dumps(outcome)
    for absent in expect.get("absent", []):
        assert absent.replace("@SECRET@", SECRET) not in shown


def test_the_corpus_covers_the_issue() -> None:
    names = {p.name.removesuffix(".expect.json") for p in EXPECTS}
    assert len(names) >= 60
    committed = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    assert committed < 2_000_000
    for needed in ("empty", "whitespace_only", "binary_junk", "pdf_by_mistake", "png_by_mistake", "utf8_bom",
                   "utf16le_bom", "utf16be_bom", "latin1_accented", "cp1252_accented", "mixed_line_ends",
                   "truncated_mid_section", "truncated_mid_line", "duplicate_conditions", "reordered_sections",
                   "heading_without_sentence", "sentence_without_heading", "label_lines_empty_values",
                   "condition_named_conditions", "facility_named_locations", "criteria_10mb", "page_100k_lines",
                   "line_1mb_no_newline", "control_chars_and_nul", "rtl_and_cjk",
                   "html_scripts_styles_comments_iframes", "html_deep_10000", "html_unclosed_tags",
                   "xml_billion_laughs", "xml_external_entity_file", "xml_not_clinical_study",
                   "json_wrong_types_everywhere", "json_nulls_where_lists_belong", "json_deep_1000",
                   "json_array_one_broken_member"):
        assert needed in names
    from trialparse._split import HEADINGS

    assert {f"missing_{n}" for n in HEADINGS} <= names


# --- parse raises nothing but ParseError ------------------------------------------------------------

_SMALL_SEEDS = [(HERE / f"{p.name.removesuffix('.expect.json')}.input") for p in EXPECTS]
_SMALL_SEEDS = [p.read_bytes() for p in _SMALL_SEEDS if p.exists() and p.stat().st_size < 20_000]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A hostile seed, cut, spliced and flipped."""
    data = bytearray(draw(st.sampled_from(_SMALL_SEEDS)))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.integers(0, 3))
        at = draw(st.integers(0, len(data)))
        if op == 0:
            del data[at:]
        elif op == 1 and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == 2:
            data[at:at] = draw(st.binary(max_size=20))
        else:
            data[at:at] = draw(st.sampled_from([b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\x00", b"\xff\xfe", b"{", b"[",
                                                b"<html>", b"<clinical_study>", b"Conditions\n", b"NCT ID: ",
                                                b"\r", b"\xef\xbb\xbf"]))
    return bytes(data)


def _never_crashes(data: str | bytes) -> None:
    for strict in (False, True):
        with contextlib.suppress(trialparse.ParseError):
            trialparse.parse(data, strict=strict)
    for item in trialparse.parse_many(data):
        assert isinstance(item, trialparse.Trial | trialparse.ParseError)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(max_size=2000) | mutated() | mutated().map(
    lambda b: b.decode("utf-8", "replace")))
def test_parse_raises_only_parse_error(data: str | bytes) -> None:
    _never_crashes(data)


@pytest.mark.parametrize("value", [None, 42, 4.2, ["a"], {"a": 1}, object()])
def test_parse_of_a_non_text_value_is_a_parse_error(value: Any) -> None:
    with pytest.raises(trialparse.ParseError, match="expected str or bytes"):
        trialparse.parse(value)


# --- strict ---------------------------------------------------------------------------------------

_STRICT = {
    "an unknown status": ("Recruitment Status\n\nCOMPLETED", "Recruitment Status\n\nPaused", "overall_status"),
    "a bad date": ("2010-01-31", "31/31/2010", "start_date"),
    "a bad enrollment": ("15 participants", "fifteen", "enrollment"),
    "a bad age": ("65 Years", "sixty-five", "maximum_age"),
    "a bad NCT ID": ("NCT ID: NCT01408199", "NCT ID: NCT1", "nct_id"),
    "no NCT ID": ("NCT ID: NCT01408199", "", "NCT ID"),
}


@pytest.mark.parametrize("case", list(_STRICT))
def test_strict_turns_error_issues_into_parse_error(case: str) -> None:
    old, new, said = _STRICT[case]
    page = BASE_PAGE.replace(old, new, 1)
    loose = trialparse.parse(page)
    errors = [i for i in loose.issues if i.severity is Severity.ERROR]
    assert errors
    with pytest.raises(trialparse.ParseError) as caught:
        trialparse.parse(page, strict=True, name="p.txt")
    assert said in str(caught.value)
    assert caught.value.issues == tuple(errors)
    assert str(caught.value).startswith("p.txt: ")


def test_strict_allows_warnings() -> None:
    page = BASE_PAGE.replace("Conditions\n\nSee the medical", "See the medical") + (
        "\n\nConditions\n\nSee the medical conditions and disease areas that this research is targeting or "
        "investigating.\n\nLupus Nephritis\n")
    trial = trialparse.parse(page, strict=True)
    assert {i.code for i in trial.issues} == {"missing_heading", "duplicate_section"}
    assert all(i.severity is Severity.WARNING for i in trial.issues)


def test_strict_on_json_and_parse_many() -> None:
    study = json.loads((HERE.parent.parent / "samples" / "json" / "NCT00205894.json").read_text(encoding="utf-8"))
    study["protocolSection"]["statusModule"]["overallStatus"] = "PAUSED"
    text = json.dumps([study, study])
    outcomes = list(trialparse.parse_many(text, strict=True))
    assert all(isinstance(o, trialparse.ParseError) and "PAUSED" in str(o) for o in outcomes)
    assert all(isinstance(o, trialparse.Trial) for o in trialparse.parse_many(text))


# --- no network, no file system, no entity expansion ------------------------------------------------


class _Listener:
    """A local TCP server that counts connections: any fetch of a URL pointing at it shows up here."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nNETWORK-SECRET\n")
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[_Listener]:
    server = _Listener()
    yield server
    server.close()


XML = (HERE.parent.parent / "samples" / "xml" / "NCT00463723.xml").read_text(encoding="utf-8")
_BODY = XML.replace("<brief_title>", "<brief_title>@USE@", 1)
_FETCHES = {
    "xml SYSTEM entity": '<!DOCTYPE clinical_study [<!ENTITY e SYSTEM "@URL@">]>\n' + _BODY.replace("@USE@", "&e;"),
    "xml parameter entity": '<!DOCTYPE clinical_study [<!ENTITY % p SYSTEM "@URL@"> %p;]>\n' + _BODY.replace(
        "@USE@", ""),
    "xml external DTD": '<!DOCTYPE clinical_study SYSTEM "@URL@">\n' + _BODY.replace("@USE@", ""),
    "xml external DTD with PUBLIC id": '<!DOCTYPE clinical_study PUBLIC "-//X//Y" "@URL@">\n' + _BODY.replace(
        "@USE@", ""),
    "xml XInclude": _BODY.replace("@USE@", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="@URL@" '
                                           'parse="text"/>'),
    "xml schemaLocation": _BODY.replace("<clinical_study>", '<clinical_study xmlns:xsi="http://www.w3.org/2001/'
                                        'XMLSchema-instance" xsi:noNamespaceSchemaLocation="@URL@">', 1)
    .replace("@USE@", ""),
    "xml stylesheet PI": '<?xml-stylesheet type="text/xsl" href="@URL@"?>\n' + _BODY.replace("@USE@", ""),
    "html SYSTEM entity": '<!DOCTYPE html [<!ENTITY e SYSTEM "@URL@">]>\n<html><body><h1>Conditions</h1>'
                          "<p>&e;</p></body></html>",
    "html external DTD": '<!DOCTYPE html SYSTEM "@URL@">\n<html><body><h1>Conditions</h1><p>x</p></body></html>',
    "html resources": '<html><head><link rel="stylesheet" href="@URL@"><script src="@URL@"></script></head>'
                      '<body><iframe src="@URL@"></iframe><img src="@URL@"><h1>Conditions</h1><p>x</p></body></html>',
}


@pytest.mark.parametrize("case", list(_FETCHES))
def test_untrusted_markup_never_fetches_a_url(case: str, listener: _Listener) -> None:
    for as_bytes in (False, True):
        text = _FETCHES[case].replace("@URL@", f"http://127.0.0.1:{listener.port}/secret")
        outcome = _outcome(text.encode() if as_bytes else text, {})  # type: ignore[arg-type]
        shown = str(outcome) if isinstance(outcome, trialparse.ParseError) else trialparse.dumps(outcome)
        assert "NETWORK-SECRET" not in shown
    assert listener.connections == 0, f"{case}: the parser connected to the network"


@pytest.mark.parametrize("case", list(_FETCHES))
def test_untrusted_markup_never_reads_a_local_file(case: str, secret_file: Path) -> None:
    for url in (secret_file.as_uri(), str(secret_file)):
        text = _FETCHES[case].replace("@URL@", url)
        for data in (text, text.encode(), text.encode("utf-16")):
            outcome = _outcome(data, {})  # type: ignore[arg-type]
            shown = str(outcome) if isinstance(outcome, trialparse.ParseError) else trialparse.dumps(outcome)
            assert SECRET not in shown, case


def test_port_9_entity_is_refused_without_a_fetch() -> None:
    text = '<!DOCTYPE clinical_study [<!ENTITY e SYSTEM "http://127.0.0.1:9/">]>\n' + _BODY.replace("@USE@", "&e;")
    with pytest.raises(trialparse.ParseError, match="refused"):
        trialparse.parse(text)


@pytest.mark.parametrize("entity", ['<!ENTITY e "EXPANDED-TEXT">', '<!ENTITY e "&#69;XPANDED-TEXT">'])
def test_internal_entities_are_not_expanded(entity: str) -> None:
    """Even a harmless internal entity is refused: no entity is ever expanded."""
    text = f"<!DOCTYPE clinical_study [{entity}]>\n" + _BODY.replace("@USE@", "&e;")
    for data in (text, text.encode(), text.encode("utf-16"), text.encode("utf-16-be")):
        outcome = _outcome(data, {})  # type: ignore[arg-type]
        assert isinstance(outcome, trialparse.ParseError)
        assert "EXPANDED-TEXT" not in str(outcome)


def test_undeclared_entity_reference_is_not_expanded() -> None:
    outcome = _outcome(_BODY.replace("@USE@", "&e;").encode(), {})
    shown = str(outcome) if isinstance(outcome, trialparse.ParseError) else trialparse.dumps(outcome)
    assert SECRET not in shown
