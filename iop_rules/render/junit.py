"""JUnit XML, so a CI dashboard shows every rule of every agreement.

One test suite per agreement, one test case per rule: a `fail` is a
failure, an `unknown` is a failure too (missing information is a
finding), `waived` and `not_applicable` are skipped, and a file that
cannot be loaded is an errored suite, so passes show as passes and
nothing disappears silently.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from ..results import AgreementReport, Result
from . import Outputter

SKIPPED = ("waived", "not_applicable")
FAILED = ("fail", "unknown")


def _suite(a: AgreementReport, lang: str) -> ET.Element:
    failures = sum(r.verdict in FAILED for r in a.results)
    skipped = sum(r.verdict in SKIPPED for r in a.results)
    suite = ET.Element("testsuite", {"name": a.id, "tests": str(len(a.results)), "failures": str(failures),
                                     "errors": "0", "skipped": str(skipped), "time": "0", "file": a.path})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "rulesets", "value": ",".join(a.rulesets)})
    for r in a.results:
        suite.append(_case(a, r, lang))
    return suite


def _case(a: AgreementReport, r: Result, lang: str) -> ET.Element:
    case = ET.Element("testcase", {"classname": a.id, "name": f"{r.rule} {r.title[lang]}", "time": "0",
                                   "file": r.path, "line": str(r.line)})
    if r.verdict in FAILED:
        failure = ET.SubElement(case, "failure", {"type": f"{r.verdict}:{r.severity}", "message": r.message[lang]})
        failure.text = f"{r.path}:{r.line}: {r.message[lang]}\n{r.citation}\n{r.remediation[lang]}"
    elif r.verdict in SKIPPED:
        note = r.message[lang]
        if r.waiver:
            note = f"{note} ({r.waiver['approved_by']}, {r.waiver['reference']})"
        ET.SubElement(case, "skipped", {"message": note})
    return case


def _errors_suite(errors: list[Any]) -> ET.Element:
    suite = ET.Element("testsuite", {"name": "iop-rules: unreadable files", "tests": str(len(errors)), "failures": "0",
                                     "errors": str(len(errors)), "skipped": "0", "time": "0"})
    for e in errors:
        case = ET.SubElement(suite, "testcase", {"classname": "load", "name": e.path, "time": "0"})
        ET.SubElement(case, "error", {"type": "load", "message": str(e)}).text = str(e)
    return suite


class JunitOutputter(Outputter):
    def Output(self, run: Any) -> str:  # noqa: N802
        root = ET.Element("testsuites", {"name": "iop-rules"})
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for a in run.agreements:
            suite = _suite(a, self.lang)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        if run.errors:
            suite = _errors_suite(run.errors)
            root.append(suite)
            totals["tests"] += len(run.errors)
            totals["errors"] += len(run.errors)
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
