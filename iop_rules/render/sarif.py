"""SARIF 2.1.0, for code scanning of agreements kept in git.

Code scanning tracks a finding between runs by rule ID, file and
fingerprint, so the IDs are the stable catalogue IDs, paths are relative
to the repository root (a run from a subdirectory names the same files;
`--sarif-root` chooses another root), and the fingerprint is the agreement
id and rule -- never the line, which moves when someone edits the file.
"""
from __future__ import annotations

import os
from pathlib import PurePath
from urllib.parse import quote
from typing import Any

from .. import __version__
from ..results import Result
from ..runner import Run
from ..verdicts import is_finding
from . import Outputter
from .json import dumps

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_UNKNOWN = {"sv": "Kan inte avgöras", "en": "Cannot be decided"}


def repository_root(start: str | None = None) -> str:
    """The nearest folder from `start` (default: here) upward that holds `.git`, else `start` itself.

    Code scanning and CI annotations resolve a path from the repository root; found by looking
    for `.git` (a folder, or a worktree's file), so no git process is started for it.
    """
    here = os.path.abspath(start or os.curdir)
    for folder in (here, *map(str, PurePath(here).parents)):
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
    return here


def relative_path(path: str, root: str | None = None) -> str:
    """`path` relative to `root` (default: the repository root), with forward slashes."""
    try:
        rel = os.path.relpath(path, root or repository_root())
    except ValueError:  # another drive on Windows
        rel = path
    return PurePath(rel).as_posix()


def relative_uri(path: str, root: str | None = None) -> str:
    """A relative URI reference (RFC 3986): forward slashes, spaces and å/ä/ö percent-encoded."""
    return quote(relative_path(path, root), safe="/")


def finding_message(r: Result, lang: str) -> str:
    """The message, said to be undecided where it is unknown and does not already say so."""
    message = r.message[lang]
    if r.verdict == "unknown" and not message.startswith(_UNKNOWN[lang]):  # most messages already say so
        message = f"{_UNKNOWN[lang]}: {message}"
    return message


def _suppression(waiver: dict[str, Any]) -> dict[str, Any]:
    """An approved waiver, as code scanning shows a dismissed alert: external, accepted, with its reason."""
    reference = waiver.get("reference")
    who = waiver.get("approved_by", "")
    return {"kind": "external", "status": "accepted",
            "justification": f"{waiver.get('reason', '')} ({who}{', ' + reference if reference and reference != '-' else ''})"}


class SarifOutputter(Outputter):
    root: str | None = None  # --sarif-root; None: the repository root

    def render(self, run: Run) -> str:
        self.root = self.root or repository_root()
        seen: dict[str, Result] = {}
        results: list[dict[str, Any]] = []
        for a in run.agreements:
            for r in a.results:
                # one descriptor per rule ID, whatever order the files came in: the most general ruleset's
                if r.rule not in seen or (r.ruleset, r.citation) < (seen[r.rule].ruleset, seen[r.rule].citation):
                    seen[r.rule] = r
                if is_finding(r.verdict) or r.verdict == "waived":  # a waived failure is a suppressed result
                    results.append(self._result(a.id, r))
        rules = {rule_id: self._rule(r) for rule_id, r in seen.items()}
        ordered = sorted(rules)
        index = {rule_id: i for i, rule_id in enumerate(ordered)}
        for res in results:
            res["ruleIndex"] = index[res["ruleId"]]
        results.sort(key=lambda res: (res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                                      not res["properties"].get("lead", False), res["ruleId"]))
        doc = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "iop-rules", "version": __version__, "semanticVersion": __version__,
                                    "rules": [rules[k] for k in ordered]}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [{"executionSuccessful": not run.errors,
                                 "toolExecutionNotifications": [self._notification(e) for e in run.errors]}],
            }],
        }
        return dumps(doc, indent=2) + "\n"

    def _rule(self, r: Result) -> dict[str, Any]:
        lang = self.lang
        help_text = f"{r.citation}\n\n{r.remediation[lang]}"
        return {
            "id": r.rule,
            "name": r.rule.replace("-", ""),
            "shortDescription": {"text": r.title[lang]},
            "fullDescription": {"text": f"{r.title[lang]} ({r.citation})"},
            "help": {"text": help_text, "markdown": f"**{r.citation}**\n\n{r.remediation[lang]}"},
            "defaultConfiguration": {"level": LEVEL[r.rule_severity or r.severity]},
            "properties": {"tags": ["iop", r.ruleset], "ruleset": r.ruleset},
        }

    def _result(self, agreement_id: str, r: Result) -> dict[str, Any]:
        message = finding_message(r, self.lang)
        return {
            "ruleId": r.rule,
            "level": LEVEL[r.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": relative_uri(r.path, self.root)},
                "region": {"startLine": max(1, r.line)}}}],
            "partialFingerprints": {"iopRulesFinding/v1": f"{agreement_id}:{r.rule}"},
            "properties": {"verdict": r.verdict, "agreement": agreement_id, "citation": r.citation,
                           **({"lead": True} if r.lead else {})},
            **({"suppressions": [_suppression(r.waiver)]} if r.verdict == "waived" and r.waiver else {}),
        }

    def _notification(self, e: Any) -> dict[str, Any]:
        return {"level": "error", "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": relative_uri(e.path, self.root)},
                                                    "region": {"startLine": max(1, e.line), "startColumn": max(1, e.column)}}}]}
