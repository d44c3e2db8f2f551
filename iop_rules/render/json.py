"""The JSON contract: stable keys, stable order, every result including passes.

Written as a stream, one agreement at a time, so an audit of fifty
thousand agreements never holds them all in memory.
"""
from __future__ import annotations

import io
import json
import math
from typing import IO, Any

from .. import __version__
from ..results import AgreementReport, Result
from ..runner import Run
from ..verdicts import Tally
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
    results = []
    for r in a.results:
        d = result_dict(r, lang)
        if r.baseline is not None:
            d["baseline"] = r.baseline
        results.append(d)
    return {"id": a.id, "path": a.path, "rulesets": list(a.rulesets), "results": results}


def dumps(value: Any, **options: Any) -> str:
    """json.dumps that always gives JSON: NaN and infinities (not JSON) become the strings "NaN", "Infinity"."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, **options)
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, **options)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _dump(value: Any) -> str:
    return dumps(value, indent=2)


def _indented(text: str, prefix: str = "    ") -> str:
    # split("\n"), never splitlines(): that also splits at U+2028, U+2029, U+0085 and \x1c-\x1e,
    # which json.dumps leaves raw inside strings, and an indent there would change the string.
    return "\n".join(prefix + line for line in text.split("\n"))


class JsonOutputter(Outputter):
    def render(self, run: Run) -> str:
        buffer = io.StringIO()
        self.write(run, buffer)
        return buffer.getvalue()

    def write(self, run: Run, out: IO[str]) -> None:
        """Stream the document: the agreements are read once, in order."""
        out.write('{\n  "tool": ' + _dump({"name": "iop-rules", "version": __version__}).replace("\n", "\n  "))
        out.write(',\n  "engine": ' + _dump(run.engine) + ',\n  "agreements": [')
        tally, n = Tally(), 0
        for n, a in enumerate(run.agreements, 1):
            out.write(("," if n > 1 else "") + "\n" + _indented(_dump(agreement_dict(a, self.lang))))
            tally.add_all(a.results)
        out.write("\n  ],\n  \"errors\": " + _dump([e.to_dict() for e in run.errors]).replace("\n", "\n  "))
        summary = run.portfolio.summary() if run.portfolio is not None else {
            "agreements": n, "verdicts": tally.verdicts, "failing_by_severity": tally.failing_by_severity,
            "errors": len(run.errors)}
        out.write(",\n  \"summary\": " + _dump(summary).replace("\n", "\n  "))
        if run.baseline is not None:
            info = {"path": run.baseline.path, "resolved": run.baseline.resolved()}
            out.write(",\n  \"baseline\": " + _dump(info).replace("\n", "\n  "))
        out.write("\n}\n")
