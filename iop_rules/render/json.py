"""The JSON contract: stable keys, stable order, every result including passes.

Written as a stream, one agreement at a time, so an audit of fifty
thousand agreements never holds them all in memory.
"""
from __future__ import annotations

import io
import json
from typing import IO, Any

from .. import __version__
from ..results import AgreementReport, Result, counts
from . import Outputter

FINDINGS = ("fail", "unknown")


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


def agreement_dict(a: AgreementReport, lang: str, baseline: Any = None) -> dict[str, Any]:
    results = []
    for r in a.results:
        d = result_dict(r, lang)
        if baseline is not None and r.verdict in FINDINGS:
            d["baseline"] = "new" if baseline.is_new(a.id, r.rule) else "existing"
        results.append(d)
    return {"id": a.id, "path": a.path, "rulesets": list(a.rulesets), "results": results}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _indented(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


class JsonOutputter(Outputter):
    def Output(self, run: Any) -> str:  # noqa: N802
        buffer = io.StringIO()
        self.write(run, buffer)
        return buffer.getvalue()

    def write(self, run: Any, out: IO[str]) -> None:
        """Stream the document: the agreements are read once, in order."""
        out.write('{\n  "tool": ' + _dump({"name": "iop-rules", "version": __version__}).replace("\n", "\n  "))
        out.write(',\n  "engine": ' + _dump(run.engine) + ',\n  "agreements": [')
        baseline = getattr(run, "baseline", None)
        seen = []
        for n, a in enumerate(run.agreements):
            out.write(("," if n else "") + "\n" + _indented(_dump(agreement_dict(a, self.lang, baseline))))
            if getattr(run, "portfolio", None) is None:
                seen.append(a)
        out.write("\n  ],\n  \"errors\": " + _dump([e.to_dict() for e in run.errors]).replace("\n", "\n  "))
        portfolio = getattr(run, "portfolio", None)
        summary = portfolio.summary() if portfolio is not None else counts(seen) | {"errors": len(run.errors)}
        out.write(",\n  \"summary\": " + _dump(summary).replace("\n", "\n  "))
        if baseline is not None:
            info = {"path": baseline.path, "resolved": baseline.resolved()}
            out.write(",\n  \"baseline\": " + _dump(info).replace("\n", "\n  "))
        out.write("\n}\n")
