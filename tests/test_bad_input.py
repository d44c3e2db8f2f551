"""Bad input: one clear `path:line:col: message` line, exit 2, never a traceback."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

GOOD = """\
id: good
document: {kind: agreement, status: draft, date: 2019-06-10}
parties:
  - {id: kommun, role: public, name: Kommunen}
  - {id: forening, role: idea_based, name: Föreningen, non_profit: true}
period: {start: 2019-07-01, end: 2021-06-30}
"""
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")

CASES = {
    "malformed": ("id: x\nperiod: start: 2019-01-01\n", 2, "invalid YAML"),
    "truncated": ("id: x\nparties: [\n  {id: a\n", 4, "invalid YAML"),
    "tab_indent": ("id: x\nperiod:\n\tstart: 2019-01-01\n", 3, "invalid YAML"),
    "unknown_key": ("id: x\nperiod:\n  start: 2019-01-01\n  ends: 2019-06-30\n", 4,
                    "unknown key 'ends' in period, expected one of its keys: did you mean 'end'?"),
    "string_for_date": ("id: x\nperiod:\n  start: snart\n", 3, "period.start: 'snart' is not a valid date"),
    "impossible_date": ("id: x\nperiod:\n  start: 2019-02-30\n", 3, "is not a valid date"),
    "empty": ("", 1, "file is empty"),
    "duplicate_key": ("id: x\nid: y\n", 2, "duplicate key 'id'"),
    "number_as_text": ("id: x\nfunding:\n  - {payer: k, kind: cash, amount: '125000'}\n", 3, "is not a whole number"),
    "negative_amount": ("id: x\nfunding:\n  - {payer: k, kind: cash, amount: -5}\n", 3, "too small"),
    "python_tag": ("id: !!python/object:os.system x\n", 1, "not allowed"),
    "alias_bomb": ("a: &a [1, 2]\nb: [*a, *a]\n", 2, "anchors and aliases"),
    "not_a_mapping": ("- 1\n- 2\n", 1, "not a mapping"),
}


def _one_error_line(stderr: str) -> re.Match[str]:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    match = LINE.match(lines[0])
    assert match, lines[0]
    return match


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_located_line(tmp_path: Path, name: str) -> None:
    text, line, fragment = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_cli("check", str(path))
    assert run.code == 2
    m = _one_error_line(run.err)
    assert m["path"] == str(path)
    assert int(m["line"]) == line
    assert fragment in m["msg"]


def test_missing_file(tmp_path: Path) -> None:
    run = run_cli("check", str(tmp_path / "nope.yaml"))
    assert run.code == 2
    m = _one_error_line(run.err)
    assert "no such file" in m["msg"]


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\nname: F\xf6reningen\n".encode("latin-1"))
    run = run_cli("check", str(path))
    assert run.code == 2
    m = _one_error_line(run.err)
    assert (m["line"], "not UTF-8" in m["msg"]) == ("2", True)


def test_bom_and_crlf_load_like_any_file(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    run = run_cli("check", str(path), "--format", "json", "--fail-on", "never")
    assert run.code == 0, run.err
    assert json.loads(run.out)["agreements"][0]["id"] == "good"


def test_directory_with_one_broken_file_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nperiod: {start: 2019-13-01}\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD.replace("id: good", "id: good-too"), encoding="utf-8")
    run = run_cli("check", str(tmp_path), "--format", "json")
    assert run.code == 2
    data = json.loads(run.out)
    assert [a["id"] for a in data["agreements"]] == ["good", "good-too"]
    assert len(data["errors"]) == 1
    assert data["errors"][0]["path"].endswith("b.yaml") and data["errors"][0]["line"] == 2
    _one_error_line(run.err)


def test_output_file_not_written_on_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = run_cli("check", str(tmp_path / "missing.yaml"), "--ruleset", "no-such-ruleset", "-o", str(out))
    assert run.code == 2
    assert not out.exists()
    assert "unknown ruleset 'no-such-ruleset'" in run.err


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    run = run_cli("check", str(path), "--format", "pdf")
    assert run.code == 2
    assert "'pdf'" in run.err and "--format" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_directory_without_agreements_is_not_a_pass(tmp_path: Path, command: str) -> None:
    (tmp_path / "notes.txt").write_text("inget här", encoding="utf-8")
    run = run_cli(command, str(tmp_path))
    assert run.code == 2
    m = _one_error_line(run.err)
    assert m["path"] == str(tmp_path) and "no agreement files" in m["msg"]
