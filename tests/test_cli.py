"""Command line: convert (files, directories, stdin, errors, exit codes, atomic output) and show."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_PAGE, SAMPLES
from trialparse.cli import main


def test_convert_directory_writes_one_line_per_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(SAMPLES / "pages"), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list((SAMPLES / "pages").glob("*.txt")))
    assert all(json.loads(line)["nct_id"] for line in lines)


def test_failures_are_reported_and_do_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not a study page\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main(["convert", str(bad), str(REAL_PAGE), "--errors", str(errors)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["nct_id"] == "NCT01408199"
    assert "bad.txt" in captured.err
    (row,) = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert row["source"] == str(bad) and row["error"] == "ParseError" and "not a trial page" in row["message"]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REAL_PAGE.read_bytes())))
    assert main(["convert", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["nct_id"] == "NCT01408199"


def test_json_array_gives_one_record_per_study(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    studies = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SAMPLES / "json").glob("*.json"))[:3]]
    bundle = tmp_path / "ctg-studies.json"
    bundle.write_text(json.dumps([*studies, {"broken": True}]), encoding="utf-8")
    assert main(["convert", str(bundle)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert "[3]" in captured.err


def test_output_is_not_written_until_the_run_ends(tmp_path: Path) -> None:
    """OUT is written through a temporary file that replaces it when the run ends."""
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert main(["convert", str(REAL_PAGE), "-o", str(out)]) == 0
    assert "old" not in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".trialparse-")]


def test_show_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(REAL_PAGE)]) == 0
    assert json.loads(capsys.readouterr().out)["nct_id"] == "NCT01408199"
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2


def test_strict_fails_on_error_issues(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(REAL_PAGE.read_text(encoding="utf-8").replace("\nCOMPLETED\n", "\nPAUSED\n"), encoding="utf-8")
    assert main(["convert", str(page)]) == 0
    assert main(["convert", "--strict", str(page)]) == 1


@pytest.mark.parametrize(("target", "key", "value"), [("ctgov", "protocolSection", None),
                                                      ("fhir-r5", "resourceType", "ResearchStudy"),
                                                      ("fhir-r4b", "resourceType", "ResearchStudy"),
                                                      ("who-trds", None, None)])
def test_convert_to_each_export(target: str, key: str | None, value: str | None,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """--to composes with every input: a page and a v2 JSON study each give one exported line."""
    source = sorted((SAMPLES / "json").glob("*.json"))[0]
    assert main(["convert", "--to", target, str(REAL_PAGE), str(source)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2
    if key is not None:
        assert all(key in row and (value is None or row[key] == value) for row in rows)


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (SAMPLES.parent / "docs" / "trial.schema.json").read_text(encoding="utf-8")


def test_unwritable_output_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(REAL_PAGE), "-o", str(tmp_path / "missing" / "out.jsonl")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_an_interrupted_run_leaves_the_output_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")

    def boom(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("trialparse.cli._read_all", boom)
    with pytest.raises(KeyboardInterrupt):
        main(["convert", str(REAL_PAGE), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_criteria_prints_items_and_constraints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["criteria", str(REAL_PAGE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("NCT01408199: ") and "constraints" in lines[0]
    assert lines[1].split()[:4] == ["section", "item", "kind", "target"]
    assert any(line.startswith(("INC", "EXC")) for line in lines[2:])


def test_no_criteria_leaves_items_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(REAL_PAGE)]) == 0
    assert json.loads(capsys.readouterr().out)["eligibility"]["items"]
    assert main(["convert", "--no-criteria", str(REAL_PAGE)]) == 0
    assert json.loads(capsys.readouterr().out)["eligibility"]["items"] == []
