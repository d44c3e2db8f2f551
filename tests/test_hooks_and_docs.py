"""The pre-commit hook as another repository uses it, and the generated rule docs."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run_cli
from tests.samples import local_ruleset


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's repository of agreements, with one good and one bad file."""
    if shutil.which("git") is None or shutil.which("pre-commit") is None and not (Path(os.sys.executable).parent / "pre-commit").exists():
        pytest.skip("git or pre-commit is not installed")
    repo = tmp_path_factory.mktemp("user-repo")
    (repo / "agreements").mkdir()
    for name in ("good.yaml", "bad.yaml"):
        shutil.copy(DATA / "hook" / name, repo / "agreements" / name)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "agreements")
    return repo


def _try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    exe = Path(os.sys.executable).parent / "pre-commit"
    cmd = [str(exe) if exe.exists() else "pre-commit", "try-repo", str(ROOT), "iop-rules-check", "--files", *files]
    return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)})


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit home for the module: the hook's environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_pre_commit_hook_passes_good_and_fails_bad(user_repo: Path, hook_home: Path) -> None:
    home = hook_home
    good = _try_repo(user_repo, home, "agreements/good.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = _try_repo(user_repo, home, "agreements/bad.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "agreements/bad.yaml:7: FEL fel IOP-FIN-02" in bad.stdout


LOCAL_RULESET = local_ruleset("TEST-LOCAL-01", '{sv: "Perioden anges", en: "The period is stated"}',
                               '{sv: "Perioden saknas enligt Testkommunens riktlinjer.", en: "The period is missing."}')


def test_pre_commit_hook_uses_the_repositorys_own_rulesets(user_repo: Path, hook_home: Path,
                                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    """The README's way: a settings file at the repository root names `rulesets/`; the hook reads it."""
    repo = tmp_path_factory.mktemp("rules-repo")
    (repo / "agreements").mkdir()
    (repo / "rulesets").mkdir()
    (repo / "agreements" / "testavtal.yaml").write_text(
        "id: testavtal\ndocument: {kind: agreement, status: draft, date: 2024-03-01}\n"
        "decision: {authority: Testkommun, body: kommunstyrelsen, date: 2024-03-01}\n", encoding="utf-8")
    (repo / "rulesets" / "testkommun.yaml").write_text(LOCAL_RULESET, encoding="utf-8")
    (repo / ".iop-rules.toml").write_text('rulesets-dir = "rulesets"\n', encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "agreements and rulesets")
    run = _try_repo(repo, hook_home, "agreements/testavtal.yaml")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "regelverk: iop-core, testkommun-2024" in run.stdout
    assert "agreements/testavtal.yaml:1: FEL varning TEST-LOCAL-01: Perioden saknas" in run.stdout


def test_rules_docs_are_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == run_cli("rules", "docs").out, "regenerate: iop-rules rules docs > docs/rules.md"


def test_rules_list_and_show() -> None:
    listing = run_cli("rules", "list").out.splitlines()
    assert listing[0].split() == ["ID", "SEVERITY", "TITLE", "RULESET", "CITATION"]
    ids = [line.split()[0] for line in listing[1:]]
    assert "IOP-PERIOD-02" in ids and "LUND-SN-BUDGET-01" in ids
    shown = run_cli("rules", "show", "IOP-PERIOD-02")
    assert shown.code == 0 and "max_duration_months" in shown.out and "Examples:" in shown.out
    missing = run_cli("rules", "show", "IOP-NOPE-01")
    assert missing.code == 2 and "unknown rule 'IOP-NOPE-01'" in missing.err


def test_ruleset_hook_entry_runs_examples_of_the_given_file() -> None:
    run = run_cli("test", "rulesets/lund-socialnamnd-2020.yaml")
    assert run.code == 0 and run.out.strip().endswith("4 passed, 0 failed")


def test_fact_catalogue_is_current() -> None:
    committed = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    assert committed == run_cli("rules", "facts").out, "regenerate: iop-rules rules facts > docs/facts.md"


def test_every_field_the_facts_set_is_declared() -> None:
    """Each fact field is declared once (fields.py): the code may set nothing the catalogue does not name."""
    from iop_rules.facts import FACT_FIELDS, derive_facts
    from iop_rules.loader import load_agreement
    files = [*sorted((ROOT / "agreements").glob("*.yaml")), *sorted((ROOT / "tests" / "data" / "scenarios").glob("*/agreement.yaml"))]
    seen: dict[str, set[str]] = {}
    for f in files:
        for fact in derive_facts(load_agreement(str(f)), dt.date(2022, 1, 1)):
            seen.setdefault(fact.type, set()).update(fact.values)
    for fact_type, names in seen.items():
        assert names <= set(FACT_FIELDS[fact_type]), f"{fact_type}: undeclared {sorted(names - set(FACT_FIELDS[fact_type]))}"
