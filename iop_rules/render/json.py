"""The JSON contract: stable keys, stable order, every result including passes."""
from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..results import AgreementReport, Result
from ..runner import RunReport
from . import Outputter


def result_dict(r: Result, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": r.rule, "ruleset": r.ruleset, "verdict": r.verdict, "severity": r.severity,
        "title": r.title[lang], "message": r.message[lang], "citation": r.citation,
        "remediation": r.remediation[lang], "line": r.line, "evidence": r.evidence,
    }
    if r.source is not None:
        out["source"] = r.source
    if r.waiver is not None:
        out["waiver"] = r.waiver
    return out


def agreement_dict(a: AgreementReport, lang: str) -> dict[str, Any]:
    return {"id": a.id, "path": a.path, "rulesets": list(a.rulesets),
            "results": [result_dict(r, lang) for r in a.results]}


def run_dict(run: RunReport, lang: str) -> dict[str, Any]:
    from .. import results
    return {
        "tool": {"name": "iop-rules", "version": __version__},
        "engine": run.engine,
        "agreements": [agreement_dict(a, lang) for a in run.agreements],
        "errors": [e.to_dict() for e in run.errors],
        "summary": results.counts(run.agreements) | {"errors": len(run.errors)},
    }


class JsonOutputter(Outputter):
    def Output(self, run: RunReport) -> str:  # noqa: N802
        return json.dumps(run_dict(run, self.lang), ensure_ascii=False, indent=2) + "\n"
