"""JUnit XML, so a CI dashboard shows every rule of every agreement.

One test suite per agreement, one test case per rule: a `fail` is a
failure, an `unknown` is a failure too (missing information is a
finding), `waived` and `not_applicable` are skipped, and a file that
cannot be loaded is an errored suite, so passes show as passes and
nothing disappears silently.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..results import AgreementReport, Result
from ..runner import Run
from ..verdicts import is_finding
from . import Outputter

SKIPPED = ("waived", "not_applicable")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """XML 1.0 forbids most control characters; text pasted from PDFs carries them."""
    return _NOT_XML.sub("\ufffd", text)


def _suite(a: AgreementReport, lang: str) -> ET.Element:
    failures = sum(is_finding(r.verdict) for r in a.results)
    skipped = sum(r.verdict in SKIPPED for r in a.results)
    suite = ET.Element("testsuite", {"name": _xml(a.id), "tests": str(len(a.results)), "failures": str(failures),
                                     "errors": "0", "skipped": str(skipped), "time": "0", "file": _xml(a.path)})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "rulesets", "value": ",".join(a.rulesets)})
    for r in a.results:
        suite.append(_case(a, r, lang))
    return suite


def _case(a: AgreementReport, r: Result, lang: str) -> ET.Element:
    # the name is the stable rule ID alone, so CI history survives a --lang change or a retitled rule
    case = ET.Element("testcase", {"classname": _xml(a.id), "name": r.rule, "time": "0",
                                   "file": _xml(r.path), "line": str(r.line)})
    if is_finding(r.verdict):
        failure = ET.SubElement(case, "failure", {"type": r.verdict, "message": _xml(r.message[lang])})
        failure.text = _xml(f"{r.severity}: {r.title[lang]}\n{r.path}:{r.line}: {r.message[lang]}\n{r.citation}\n{r.remediation[lang]}")
    elif r.verdict in SKIPPED:
        note = r.message[lang]
        if r.waiver:
            note = f"{note} ({r.waiver['approved_by']}, {r.waiver['reference']})"
        ET.SubElement(case, "skipped", {"message": _xml(note)})
    return case


def _errors_suite(errors: list[Any]) -> ET.Element:
    suite = ET.Element("testsuite", {"name": "iop-rules: unreadable files", "tests": str(len(errors)), "failures": "0",
                                     "errors": str(len(errors)), "skipped": "0", "time": "0"})
    for e in errors:
        case = ET.SubElement(suite, "testcase", {"classname": "load", "name": _xml(e.path), "time": "0"})
        ET.SubElement(case, "error", {"type": "load", "message": _xml(str(e))}).text = _xml(str(e))
    return suite


class JunitOutputter(Outputter):
    def render(self, run: Run) -> str:
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
