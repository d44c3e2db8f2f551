"""A plain install has no durable_rules (it needs a C compiler): everything still runs, on the python engine."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import AGREEMENTS, ENGINES, ONE_ERROR_LINE, ROOT

import pytest

#: Run the CLI as it runs where durable_rules could not be installed: its C extension does not import.
_WITHOUT_DURABLE = ("import sys, runpy; sys.modules['durable_rules_engine'] = None; "
                    "sys.argv = ['iop-rules', *sys.argv[1:]]; runpy.run_module('iop_rules.cli', run_name='__main__')")


def _run_without_durable(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT_DURABLE, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_version_names_the_engine_in_use() -> None:
    run = _run_without_durable("--version")
    assert run.returncode == 0 and run.stdout.strip().endswith("(engine: python)"), run.stdout


def test_asking_for_durable_where_it_is_not_installed_is_one_line() -> None:
    run = _run_without_durable("check", str(AGREEMENTS), "--engine", "durable")
    assert run.returncode == 2 and ONE_ERROR_LINE.match(run.stderr), run.stderr
    assert "iop-rules[durable]" in run.stderr and run.stdout == ""


@pytest.mark.skipif("durable" not in ENGINES, reason="durable_rules is not installed here")
def test_without_durable_the_results_are_the_same() -> None:
    plain = _run_without_durable("check", str(AGREEMENTS), "--format", "json")
    with_durable = subprocess.run([sys.executable, "-m", "iop_rules.cli", "check", str(AGREEMENTS), "--format", "json",
                                   "--engine", "durable"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert plain.returncode == with_durable.returncode == 1
    a, b = json.loads(plain.stdout), json.loads(with_durable.stdout)
    assert (a.pop("engine"), b.pop("engine")) == ("python", "durable")
    assert a == b


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Install and run the tests", 1)[1].split("```sh\n", 1)[1].split("\n```", 1)[0]
    ci = [ln for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if ln and not ln.startswith(("#", "set ", "cd "))]
    assert ci == [block.strip()]
    assert "-c requirements-lock.txt" in block and (ROOT / "requirements-lock.txt").is_file()


def test_the_lock_pins_every_dependency_the_project_names() -> None:
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    pinned = {ln.split("==")[0].strip().lower().replace("_", "-")
              for ln in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines() if "==" in ln}
    for requirement in named:
        name = requirement.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower().replace("_", "-")
        assert name in pinned, f"{name} is not in requirements-lock.txt: run the uv command in the README"
