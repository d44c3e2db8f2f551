"""What a ruff, conftest or semgrep user reaches for (issue 17): settings file, stdin, excludes, added rulesets, -q/-v."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AGREEMENTS, ONE_ERROR_LINE, ROOT, run_cli
from tests.samples import SMALL, local_ruleset

LOCAL_RULESET = local_ruleset("TEST-PCT-01", '{sv: "Rubrik: med kolon, och komma", en: "Title: with colon, and comma"}',
                               '{sv: "100 % fel\\nrad två", en: "100 % wrong\\nline two"}')

TESTKOMMUN = """\
id: testavtal
document: {kind: agreement, status: draft, date: 2024-03-01}
decision: {authority: Testkommun, body: kommunstyrelsen, date: 2024-03-01}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A team's repository: agreements/ with one agreement, a subfolder to run from."""
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


# ---- the settings file --------------------------------------------------------------------


def test_settings_file_changes_check_and_a_flag_overrides_it(repo: Path) -> None:
    plain = run_cli("check", "agreements", cwd=repo)
    assert plain.code == 1 and plain.out.startswith("agreements/small.yaml (small)")
    (repo / ".iop-rules.toml").write_text('format = "json"\nlang = "en"\nexit-zero = true\n', encoding="utf-8")
    configured = run_cli("check", "agreements", cwd=repo)
    assert configured.code == 0, configured.err
    data = json.loads(configured.out)
    fin = next(r for r in data["agreements"][0]["results"] if r["rule"] == "IOP-FIN-02")
    assert fin["verdict"] == "fail" and fin["message"].startswith("Föreningen contributes no resources")
    flagged = run_cli("check", "agreements", "--format", "text", cwd=repo)
    assert flagged.out.startswith("agreements/small.yaml (small)") and "FAIL error IOP-FIN-02" in flagged.out
    assert flagged.code == 0  # exit-zero still comes from the file
    isolated = run_cli("check", "agreements", "--isolated", cwd=repo)
    assert isolated.code == 1 and "FEL fel IOP-FIN-02" in isolated.out


def test_pyproject_table_is_found_from_a_subdirectory(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.iop-rules]\nfail-on = "info"\nformat = "csv"\n',
                                         encoding="utf-8")
    run = run_cli("check", "../agreements", cwd=repo / "sub")
    assert run.out.splitlines()[0].startswith("agreement,path,rulesets,rule"), run.err
    assert run.code == 1


def test_a_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    (repo / ".iop-rules.toml").write_text('format = "json"\n', encoding="utf-8")
    (repo / "sub" / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    run = run_cli("check", "../agreements", cwd=repo / "sub")
    assert json.loads(run.out)["agreements"][0]["id"] == "small"


def test_config_option_names_the_file(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("settings") / "ci.toml"
    elsewhere.write_text('format = "sarif"\n', encoding="utf-8")
    run = run_cli("check", "agreements", "--config", str(elsewhere), cwd=repo)
    assert json.loads(run.out)["version"] == "2.1.0"


def test_unknown_setting_is_one_located_line(repo: Path) -> None:
    (repo / ".iop-rules.toml").write_text('# team settings\nlang = "en"\nfail_on = "warning"\n', encoding="utf-8")
    run = run_cli("check", "agreements", cwd=repo)
    assert run.code == 2 and run.out == ""
    assert ONE_ERROR_LINE.match(run.err), run.err
    assert run.err.startswith(".iop-rules.toml:3:1: unknown setting 'fail_on', did you mean 'fail-on'?")


@pytest.mark.parametrize(("text", "expected"), [
    ('fail-on = "fatal"\n', ".iop-rules.toml:1:1: fail-on = 'fatal', expected one of: error, warning, info, never"),
    ("exit-zero = 1\n", ".iop-rules.toml:1:1: exit-zero = 1, expected true or false"),
    ("as-of = 2026-13-01\n", ".iop-rules.toml:1:"),
    ('as-of = "tomorrow"\n', ".iop-rules.toml:1:1: as-of: 'tomorrow' is not a date"),
    ('lang = "en"\noutput = "r.txt"\n', ".iop-rules.toml:2:1: 'output' is for the command line only"),
    ('[extra]\nfail-on = "info"\n', ".iop-rules.toml:1:"),
])
def test_bad_setting_values_are_located(repo: Path, text: str, expected: str) -> None:
    (repo / ".iop-rules.toml").write_text(text, encoding="utf-8")
    run = run_cli("check", "agreements", cwd=repo)
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err), run.err
    assert run.err.startswith(expected), run.err


def test_every_option_a_team_repeats_is_a_setting(repo: Path) -> None:
    (repo / ".iop-rules.toml").write_text(
        'fail-on = "never"\nengine = "python"\nlang = "en"\nno-waivers = true\nrespect-gitignore = false\n'
        'exclude = ["drafts"]\njobs = 1\nquiet = 1\nas-of = "today"\n', encoding="utf-8")
    run = run_cli("check", "agreements", cwd=repo)
    assert run.code == 0 and run.err == "", run.err
    assert "FAIL error IOP-FIN-02" in run.out and "agreements:" not in run.out  # English, and -q: no summary
    audit = run_cli("audit", "agreements", cwd=repo)
    assert audit.code == 0 and audit.err == "", audit.err


def test_settings_paths_are_read_from_the_files_folder(repo: Path) -> None:
    (repo / "rulesets").mkdir()
    (repo / "rulesets" / "testkommun.yaml").write_text(LOCAL_RULESET, encoding="utf-8")
    (repo / "agreements" / "testavtal.yaml").write_text(TESTKOMMUN, encoding="utf-8")
    (repo / ".iop-rules.toml").write_text('rulesets-dir = "rulesets"\nformat = "json"\n', encoding="utf-8")
    run = run_cli("check", "../agreements/testavtal.yaml", cwd=repo / "sub")
    (a,) = json.loads(run.out)["agreements"]
    assert a["rulesets"] == ["iop-core", "testkommun-2024"], run.err


def test_as_of_written_as_a_toml_date(repo: Path) -> None:
    (repo / ".iop-rules.toml").write_text("as-of = 2026-11-22\n", encoding="utf-8")
    configured = run_cli("check", "agreements", cwd=repo)
    flagged = run_cli("check", "agreements", "--isolated", "--as-of", "2026-11-22", cwd=repo)
    assert configured.out == flagged.out != run_cli("check", "agreements", "--isolated", cwd=repo).out


# ---- standard input -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_stdin_gives_the_same_report_as_the_file(fmt: str) -> None:
    name = "agreements/lund-im-radrum-2019.yaml"
    text = (ROOT / name).read_text(encoding="utf-8")
    piped = run_cli("check", "-", "--stdin-filename", name, "--format", fmt, stdin=text)
    named = run_cli("check", name, "--format", fmt)
    assert piped.out == named.out and piped.code == named.code and piped.err == named.err
    assert name in piped.out


def test_stdin_errors_name_the_stdin_filename() -> None:
    run = run_cli("check", "-", "--stdin-filename", "agreements/ny.yaml", stdin="id: x\nperiod: {start: 2019-02-30}\n")
    assert run.code == 2 and run.err.startswith("agreements/ny.yaml:2:"), run.err


def test_stdin_is_bounded_like_a_file() -> None:
    run = run_cli("check", "-", stdin="#" * (3 * 1024 * 1024))
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "larger than" in run.err, run.err


@pytest.mark.parametrize("command", ["check", "extract"])
def test_empty_stdin_is_said_as_such(command: str) -> None:
    run = run_cli(command, "-", stdin="")
    assert run.code == 2 and run.err == "<stdin>:0:0: nothing on standard input, expected " + (
        "an agreement file piped in\n" if command == "check" else "an agreement text piped in\n")


def test_stdin_with_other_paths_is_refused() -> None:
    run = run_cli("check", "-", "agreements", stdin=SMALL)
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "`-`" in run.err


def test_extract_from_stdin_matches_the_file(tmp_path: Path) -> None:
    source = AGREEMENTS / "lund-im-radrum-2019.txt"
    named = run_cli("extract", str(source.relative_to(ROOT)))
    piped = run_cli("extract", "-", "--stdin-filename", "agreements/lund-im-radrum-2019.txt",
                    stdin=source.read_text(encoding="utf-8"))
    assert piped.code == named.code == 0, piped.err
    assert piped.out == named.out


# ---- discovery: excludes, hidden files, .gitignore ---------------------------------------------


def _ids(run_out: str) -> list[str]:
    return [a["id"] for a in json.loads(run_out)["agreements"]]


def _tree(repo: Path) -> None:
    for folder, ident in (("drafts", "draft"), ("2019", "old"), ("2019/drafts", "olddraft")):
        (repo / "agreements" / folder).mkdir(parents=True, exist_ok=True)
        (repo / "agreements" / folder / f"{ident}.yaml").write_text(SMALL.replace("id: small", f"id: {ident}"),
                                                                     encoding="utf-8")


def test_exclude_by_name_and_by_path(repo: Path) -> None:
    _tree(repo)
    every = run_cli("check", "agreements", "--format", "json", cwd=repo)
    assert sorted(_ids(every.out)) == ["draft", "old", "olddraft", "small"]
    by_name = run_cli("check", "agreements", "--format", "json", "--exclude", "drafts", cwd=repo)
    assert sorted(_ids(by_name.out)) == ["old", "small"]
    by_path = run_cli("check", "agreements", "--format", "json", "--exclude", "agreements/drafts/", cwd=repo)
    assert sorted(_ids(by_path.out)) == ["old", "olddraft", "small"]
    glob = run_cli("check", "agreements", "--format", "json", "--exclude", "old*.yaml", "--exclude", "draft.yaml",
                   cwd=repo)
    assert sorted(_ids(glob.out)) == ["small"]


def test_exclude_applies_to_files_a_hook_names(repo: Path) -> None:
    _tree(repo)
    run = run_cli("check", "agreements/small.yaml", "agreements/drafts/draft.yaml", "--format", "json",
                  "--exclude", "drafts", cwd=repo)
    assert _ids(run.out) == ["small"]


def test_exclude_from_settings_is_anchored_at_the_files_folder(repo: Path) -> None:
    _tree(repo)
    (repo / ".iop-rules.toml").write_text('exclude = ["agreements/2019"]\nformat = "json"\n', encoding="utf-8")
    run = run_cli("check", "../agreements", cwd=repo / "sub")
    assert sorted(_ids(run.out)) == ["draft", "small"], run.err


def test_hidden_files_and_folders_are_skipped_unless_named(repo: Path) -> None:
    (repo / "agreements" / ".cache").mkdir()
    (repo / "agreements" / ".cache" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    (repo / "agreements" / ".#small.yaml").write_text("not: [yaml\n", encoding="utf-8")
    walked = run_cli("check", "agreements", cwd=repo)
    assert walked.code == 1 and walked.err == ""
    named = run_cli("check", "agreements/.cache/broken.yaml", cwd=repo)
    assert named.code == 2 and "broken.yaml" in named.err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_respected_inside_a_work_tree(repo: Path) -> None:
    _tree(repo)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".gitignore").write_text("2019/\n", encoding="utf-8")
    run = run_cli("check", "agreements", "--format", "json", cwd=repo)
    assert sorted(_ids(run.out)) == ["draft", "small"], run.err
    unignored = run_cli("check", "agreements", "--format", "json", "--no-respect-gitignore", cwd=repo)
    assert sorted(_ids(unignored.out)) == ["draft", "old", "olddraft", "small"]
    named = run_cli("check", "agreements/2019/old.yaml", "--format", "json", cwd=repo)
    assert _ids(named.out) == ["old"]  # a file named is read even when git ignores it


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_directory_git_ignores_entirely_is_an_error_not_an_empty_pass(repo: Path, command: str) -> None:
    _tree(repo)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".gitignore").write_text("*.yaml\n", encoding="utf-8")
    run = run_cli(command, "agreements", cwd=repo)
    assert run.code == 2
    assert "every agreement file in this directory is ignored by git" in run.err


# ---- rulesets added to the shipped library --------------------------------------------------


def test_a_local_ruleset_extends_iop_core(repo: Path) -> None:
    (repo / "rulesets").mkdir()
    (repo / "rulesets" / "testkommun.yaml").write_text(LOCAL_RULESET, encoding="utf-8")
    (repo / "agreements" / "testavtal.yaml").write_text(TESTKOMMUN, encoding="utf-8")
    run = run_cli("check", "agreements", "--rulesets-dir", "rulesets", "--format", "json", cwd=repo)
    by_id = {a["id"]: a for a in json.loads(run.out)["agreements"]}
    assert by_id["testavtal"]["rulesets"] == ["iop-core", "testkommun-2024"], run.err
    assert by_id["small"]["rulesets"] == ["iop-core"]
    local = next(r for r in by_id["testavtal"]["results"] if r["rule"] == "TEST-PCT-01")
    assert local["verdict"] == "fail"
    only_own = run_cli("check", "agreements", "--rulesets-dir", "rulesets", "--no-shipped-rulesets", cwd=repo)
    assert only_own.code == 2 and "`extends: iop-core` names no loaded ruleset" in only_own.err


def test_an_agreement_no_ruleset_applies_to_is_an_error(repo: Path) -> None:
    (repo / "rulesets").mkdir()
    standalone = LOCAL_RULESET.replace("extends: iop-core\n", "")
    (repo / "rulesets" / "testkommun.yaml").write_text(standalone, encoding="utf-8")
    (repo / "agreements" / "testavtal.yaml").write_text(TESTKOMMUN, encoding="utf-8")
    run = run_cli("check", "agreements", "--rulesets-dir", "rulesets", "--no-shipped-rulesets", "--format", "json",
                  cwd=repo)
    assert run.code == 2
    assert [a["id"] for a in json.loads(run.out)["agreements"]] == ["testavtal"]
    assert "agreements/small.yaml:0:0: no ruleset applies (authority None" in run.err
    assert "testavtal" not in run.err


def test_no_shipped_rulesets_alone_is_a_usage_error() -> None:
    run = run_cli("check", "agreements", "--no-shipped-rulesets")
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "--rulesets-dir" in run.err


# ---- how much is said -----------------------------------------------------------------------


def test_quiet_drops_the_summary_and_qq_says_nothing() -> None:
    loud = run_cli("check", "agreements")
    quiet = run_cli("check", "agreements", "-q")
    silent = run_cli("check", "agreements", "-qq")
    assert loud.out.splitlines()[-1].startswith("5 överenskommelser:")
    assert quiet.out == loud.out[: loud.out.rstrip("\n").rfind("\n") + 1]
    assert "överenskommelser:" not in quiet.out and "FEL fel" in quiet.out
    assert silent.out == "" and silent.err == "" and silent.code == loud.code == quiet.code == 1


def test_qq_still_writes_the_file_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = run_cli("check", "agreements", "-qq", "--format", "json", "-o", str(out))
    assert run.out == run.err == "" and len(json.loads(out.read_text(encoding="utf-8"))["agreements"]) == 5


def test_verbose_names_rulesets_reasons_engine_and_time() -> None:
    run = run_cli("check", "agreements/lund-vanskapens-hus-2021.yaml", "-v", "--engine", "python")
    err = run.err.splitlines()
    assert err[0].startswith("agreements/lund-vanskapens-hus-2021.yaml: ") and "rules from 2 rulesets" in err[0]
    assert err[1] == "  iop-core: always applies"
    assert err[2].startswith("  lund-socialnamnd-2020: authority 'Lunds kommun', body 'socialnämnden' match; "
                             "in force 2020-11-11..open contains its document date 2021-")
    assert err[3].startswith("iop-rules: engine python, 1 file read, ") and err[3].endswith(" s")
    assert run.out == run_cli("check", "agreements/lund-vanskapens-hus-2021.yaml", "--engine", "python").out


def test_verbose_says_a_forced_ruleset_was_named() -> None:
    run = run_cli("check", "agreements/lund-im-radrum-2019.yaml", "-v", "--ruleset", "lund-socialnamnd-2020")
    assert "  lund-socialnamnd-2020: named by --ruleset" in run.err.splitlines()
    assert "  iop-core: extended by lund-socialnamnd-2020 (--ruleset)" in run.err.splitlines()


# ---- several outputs in one run ------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "audit"])
def test_several_outputs_in_one_run_match_separate_runs(command: str, tmp_path: Path) -> None:
    extra = ("--engine", "python", *(["--jobs", "1"] if command == "audit" else []))
    run = run_cli(command, "agreements", *extra, "--sarif-output", str(tmp_path / "r.sarif"),
                  "--junit-output", str(tmp_path / "r.xml"), "--github-output", str(tmp_path / "r.gh"))
    assert run.out == run_cli(command, "agreements", *extra).out and run.code == 1
    for fmt, name in (("sarif", "r.sarif"), ("junit", "r.xml"), ("github", "r.gh")):
        alone = run_cli(command, "agreements", *extra, "--format", fmt).out
        assert (tmp_path / name).read_text(encoding="utf-8") == alone, fmt


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    run = run_cli("check", "agreements", "-o", str(tmp_path / "r"), "--json-output", str(tmp_path / "r"))
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "both -o and --json-output" in run.err
    assert not (tmp_path / "r").exists()


# ---- smaller items --------------------------------------------------------------------------


def test_output_file_honours_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    subprocess.run([sys.executable, "-m", "iop_rules.cli", "check", "agreements", "-o", str(out)], cwd=ROOT,
                   capture_output=True, timeout=120, preexec_fn=lambda: os.umask(0o027), check=False)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    subprocess.run([sys.executable, "-m", "iop_rules.cli", "check", "agreements", "-o", str(out)], cwd=ROOT,
                   capture_output=True, timeout=120, preexec_fn=lambda: os.umask(0o002), check=False)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664


def test_same_files_in_any_order_give_identical_output() -> None:
    names = sorted(str(p.relative_to(ROOT)) for p in AGREEMENTS.glob("*.yaml"))
    for fmt in ("text", "json", "sarif", "github"):
        forward = run_cli("check", *names, "--format", fmt)
        backward = run_cli("check", *reversed(names), "agreements", "--format", fmt)
        assert forward.out == backward.out, fmt
