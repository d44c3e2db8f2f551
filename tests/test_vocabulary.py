"""Each idea lives in one place: which verdicts are findings, the severity order, the exit code."""
from __future__ import annotations

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "iop_rules"
#: Ways the vocabulary was restated before it had one home.
RESTATED = [re.compile(p) for p in (
    r"""\(\s*["']fail["']\s*,\s*["']unknown["']\s*\)""",        # the findings
    r"""["']error["']\s*:\s*0\s*,\s*["']warning["']\s*:\s*1""",  # a severity rank
    r"""\(\s*["']error["']\s*,\s*["']warning["']\s*,\s*["']info["']\s*\)""",  # the severity order
    r"""Literal\[\s*["']pass["']""",                             # the verdicts as a type
)]


def test_the_verdict_vocabulary_is_defined_once() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "verdicts.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for p in RESTATED for m in p.finditer(text)]
    assert found == [], "use iop_rules.verdicts instead:\n" + "\n".join(found)


def test_the_exit_code_is_decided_in_one_place() -> None:
    users = [p for p in sorted(PACKAGE.rglob("*.py")) if re.search(r"\bdef exit_code\b", p.read_text(encoding="utf-8"))]
    assert [p.name for p in users] == ["verdicts.py"]
