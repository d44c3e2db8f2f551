"""JUnit XML, so a CI dashboard shows every rule of every agreement.

One test suite per agreement, one test case per rule.  A dashboard counts
`<failure>`s, so only a finding that fails the run (`verdicts.fails_run` at
`--fail-on`, and not already in the baseline) is one: the dashboard then
agrees with the exit code.  A finding below `--fail-on` still shows, as
the case's `<system-out>`; `waived` and `not_applicable` are skipped; a
file that cannot be loaded is an errored suite, so nothing disappears.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..results import AgreementReport, Result
from ..runner import Run
from ..verdicts import fails_run, is_finding
from . import Outputter

SKIPPED = ("waived", "not_applicable")
#: Why a finding shown in `<system-out>` is not a failure, in the report's language.
_BELOW = {"sv": "räknas inte som fel: under --fail-on {fail_on}", "en": "not counted as a failure: below --fail-on {fail_on}"}
_KNOWN = {"sv": "räknas inte som fel: fanns redan i baslinjen", "en": "not counted as a failure: already in the baseline"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """XML 1.0 forbids most control characters; text pasted from PDFs carries them."""
    return _NOT_XML.sub("\ufffd", text)


def _fails(r: Result, fail_on: str) -> bool:
    """The same test the exit code makes (cli._ExitWatch): a finding at --fail-on that the baseline did not have."""
    return r.baseline != "existing" and fails_run(r, fail_on)


def _suite(a: AgreementReport, lang: str, fail_on: str) -> ET.Element:
    failures = sum(_fails(r, fail_on) for r in a.results)
    skipped = sum(r.verdict in SKIPPED for r in a.results)
    suite = ET.Element("testsuite", {"name": _xml(a.id), "tests": str(len(a.results)), "failures": str(failures),
                                     "errors": "0", "skipped": str(skipped), "time": "0", "file": _xml(a.path)})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "rulesets", "value": ",".join(a.rulesets)})
    for r in a.results:
        suite.append(_case(a, r, lang, fail_on))
    return suite


def _case(a: AgreementReport, r: Result, lang: str, fail_on: str) -> ET.Element:
    # the name is the stable rule ID alone, so CI history survives a --lang change or a retitled rule
    case = ET.Element("testcase", {"classname": _xml(a.id), "name": r.rule, "time": "0",
                                   "file": _xml(r.path), "line": str(r.line)})
    detail = f"{r.severity}: {r.title[lang]}\n{r.path}:{r.line}: {r.message[lang]}\n{r.citation}\n{r.remediation[lang]}"
    if _fails(r, fail_on):
        failure = ET.SubElement(case, "failure", {"type": r.verdict, "message": _xml(r.message[lang])})
        failure.text = _xml(detail)
    elif is_finding(r.verdict):  # shown on the case, counted as a pass, as the exit code counts it
        why = (_KNOWN if r.baseline == "existing" else _BELOW)[lang].format(fail_on=fail_on)
        ET.SubElement(case, "system-out").text = _xml(f"{r.verdict} ({why})\n{detail}")
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
    fail_on = "error"  # set from --fail-on by the CLI, so failures are what the exit code counts

    def render(self, run: Run) -> str:
        root = ET.Element("testsuites", {"name": "iop-rules"})
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for a in run.agreements:
            suite = _suite(a, self.lang, self.fail_on)
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
