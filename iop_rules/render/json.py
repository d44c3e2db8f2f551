"""The JSON contract: stable keys, stable order, every result including passes.

Written as a stream, one agreement at a time, so an audit of fifty
thousand agreements never holds them all in memory.
"""
from __future__ import annotations

import io
import json
import math
from json.encoder import c_make_encoder  # type: ignore[attr-defined]
from json.encoder import encode_basestring as _encode_str  # C, as json.dumps uses it
from typing import IO, Any, Callable

from .. import __version__
from ..results import AgreementReport, Result, tally_into
from ..runner import Run
from ..verdicts import Tally
from . import Outputter, stored_part


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
    """json.dumps that always gives JSON: NaN and infinities (not JSON) become the strings "NaN", "Infinity".

    With `indent=2` alone (every report here) the text is built by `_indent2`, byte for byte what
    json.dumps writes, because json.dumps with an indent runs Python's pure-Python encoder."""
    encode = (lambda v: _indent2(v, 0)) if options == {"indent": 2} else (
        lambda v: json.dumps(v, ensure_ascii=False, allow_nan=False, **options))
    try:
        return encode(value)
    except ValueError:
        return encode(_finite(value))


_CONTAINERS = (dict, list, tuple)
_STEP = "  "
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _indent2(value: Any, level: int) -> str:
    """`json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2)` as written at nesting `level`.

    A container holding no container is written by the C encoder in one call, its item separator
    carrying the newline and the indent: a JSON string never holds a raw newline, so the only
    newlines are the ones json.dumps would indent.  Containers of containers are walked here,
    their strings and whole numbers written directly (what json.dumps calls for them, in C).
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + _STEP * (level + 1)
        if not any(isinstance(v, _CONTAINERS) for v in value.values()):
            return "{" + inner + _flat(value, "," + inner)[1:-1] + inner[:-2] + "}"
        parts = [(_encode_str(k) if type(k) is str else _key(k)) + ": "
                 + (_encode_str(v) if type(v) is str else _indent2(v, level + 1)) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(parts) + inner[:-2] + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + _STEP * (level + 1)
        if not any(isinstance(v, _CONTAINERS) for v in value):
            return "[" + inner + _flat(value, "," + inner)[1:-1] + inner[:-2] + "]"
        return "[" + inner + ("," + inner).join(_indent2(v, level + 1) for v in value) + inner[:-2] + "]"
    if type(value) is int:
        return int.__repr__(value)
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    return _flat(value, ", ")


def _flat(value: Any, separator: str) -> str:
    encode = _FLAT_ENCODERS.get(separator)
    if encode is None:  # one per depth: setting an encoder up costs more than most values it writes
        encode = _FLAT_ENCODERS[separator] = _flat_encoder(separator)
    return encode(value)


def _flat_encoder(separator: str) -> Callable[[Any], str]:
    """What json.dumps(separators=(separator, ": ")) runs, set up once; values here are never circular."""
    plain = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(separator, ": "))
    if c_make_encoder is None:  # an interpreter without json's C accelerator
        return plain.encode
    chunks = c_make_encoder(None, plain.default, _encode_str, None, ": ", separator, False, False, False)
    return lambda value: _encode_str(value) if type(value) is str else "".join(chunks(value, 0))


_FLAT_ENCODERS: dict[str, Callable[[Any], str]] = {}


def _key(key: Any) -> str:
    """A key that is not a string as json.dumps writes it: a number, boolean or null turned into one."""
    return _flat({key: 0}, ", ")[1:-4]


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


def agreement_json(a: AgreementReport, lang: str) -> str:
    """`_dump(agreement_dict(a, lang))` with every line indented by four spaces, as the document lists it."""
    return agreement_json_in(a, (lang,))[0]


def agreement_json_in(a: AgreementReport, langs: tuple[str, ...]) -> list[str]:
    """`agreement_json` in each of `langs`, what does not depend on the language written once.

    Written by hand around the C encoder, one call for the plain fields of each result: this is
    most of what a report costs to render.  Anything `_result_json` does not expect (a value
    that is not JSON, NaN in the evidence) takes the general path, which says what json.dumps says.
    """
    try:
        per_result = [_result_json(r, langs) for r in a.results]
        start = ("    {\n      \"id\": " + _encode_str(a.id) + ",\n      \"path\": " + _encode_str(a.path)
                 + ",\n      \"rulesets\": " + _indent2(list(a.rulesets), 3) + ",\n      \"results\": ")
        return [start + ("[\n        " + ",\n        ".join(r[i] for r in per_result) + "\n      ]" if a.results else "[]")
                + "\n    }" for i in range(len(langs))]
    except (ValueError, TypeError):
        return [_general(agreement_dict(a, lang)) for lang in langs]


def _general(value: dict[str, Any]) -> str:
    try:
        return "    " + _indent2(value, 2)
    except ValueError:
        return "    " + _indent2(_finite(value), 2)


_FIELD = ",\n          "


def _result_json(r: Result, langs: tuple[str, ...]) -> list[str]:
    """`result_dict` (and its baseline mark) in each of `langs`, as `_indent2` writes it at the depth of a result in a report."""
    tail = _FIELD + '"evidence": ' + _indent2(r.evidence, 5)
    if r.source is not None:
        tail += _FIELD + '"source": ' + _indent2(r.source, 5)
    if r.waiver is not None:
        tail += _FIELD + '"waiver": ' + _indent2(r.waiver, 5)
    if r.baseline is not None:
        tail += _FIELD + '"baseline": ' + _indent2(r.baseline, 5)
    tail += "\n        }"
    return ["{" + _FIELD[1:] + _flat({"rule": r.rule, "ruleset": r.ruleset, "verdict": r.verdict, "severity": r.severity,
                                      "title": r.title[lang], "message": r.message[lang], "citation": r.citation,
                                      "remediation": r.remediation[lang], "line": r.line}, _FIELD)[1:-1] + tail
            for lang in langs]


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
            out.write(("," if n > 1 else "") + "\n" + (stored_part(a.results, "json", self.lang) or agreement_json(a, self.lang)))
            tally_into(tally, a.results)
        out.write("\n  ],\n  \"errors\": " + _dump([e.to_dict() for e in run.errors]).replace("\n", "\n  "))
        summary = run.portfolio.summary() if run.portfolio is not None else {
            "agreements": n, "verdicts": tally.verdicts, "failing_by_severity": tally.failing_by_severity,
            "errors": len(run.errors)}
        out.write(",\n  \"summary\": " + _dump(summary).replace("\n", "\n  "))
        if run.baseline is not None:
            info = {"path": run.baseline.path, "resolved": run.baseline.resolved()}
            out.write(",\n  \"baseline\": " + _dump(info).replace("\n", "\n  "))
        out.write("\n}\n")
