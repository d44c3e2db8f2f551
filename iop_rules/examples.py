"""`iop-rules test`: every rule's examples, run like `conftest verify`.

A ruleset carries small agreement fragments with the verdicts they must
get, so a change to a rule that breaks its own intent is caught by the
ruleset author, not by a reviewer months later.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from .engine import Backend
from .errors import IopError
from .loader import LoadedAgreement, pydantic_errors
from .model import Agreement
from .runner import check_loaded
from .rulesets import RulesetLibrary
from .yamlpos import Positions


@dataclass(frozen=True)
class ExampleOutcome:
    ruleset: str
    rule: str
    example: str
    path: str
    line: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def run_examples(library: RulesetLibrary, backend: Backend, only: list[str] | None = None) -> list[ExampleOutcome]:
    out = []
    for rid in sorted(only or library.by_id):
        if rid not in library.by_id:
            raise IopError(f"unknown ruleset {rid!r}, expected one of: {', '.join(sorted(library.by_id))}", rid, 0, 0)
        for rule in library.by_id[rid].rules:
            for ex in rule.spec.examples:
                out.append(_run_one(library, backend, rid, rule.id, ex, rule.path, rule.line))
            if rid == CORE and rule.is_presence_rule:
                out.append(_has_fix(rid, rule))
    return out


CORE = "iop-core"


def _has_fix(rid: str, rule) -> ExampleOutcome:  # type: ignore[no-untyped-def]
    """Every presence rule of iop-core proposes the clause it misses, in Swedish, with its source."""
    fix = rule.spec.fix
    problems = () if fix and fix.sv.strip() and fix.source.strip() else (
        "a presence rule needs `fix:` with the model clause in Swedish (`sv`) and its `source`",)
    return ExampleOutcome(rid, rule.id, "fix", rule.path, rule.line, problems)


def _run_one(library: RulesetLibrary, backend: Backend, rid: str, rule_id: str, ex, path: str, line: int) -> ExampleOutcome:  # type: ignore[no-untyped-def]
    data = {"id": "example", **ex.agreement}
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        problems = tuple(str(e.message) for e in pydantic_errors(exc, Positions(), path, Agreement))
        return ExampleOutcome(rid, rule_id, ex.name, path, line, ("the example is not a valid agreement: " + "; ".join(problems),))
    report = check_loaded(LoadedAgreement(agreement, path, Positions()), library, backend, ex.as_of, rid)
    got = {r.rule: r.verdict for r in report.results}
    problems = tuple(f"{rule}: expected {want}, got {got.get(rule, 'no result')}"
                     for rule, want in sorted(ex.expect.items()) if got.get(rule) != want)
    return ExampleOutcome(rid, rule_id, ex.name, path, line, problems)
