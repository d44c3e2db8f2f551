"""GitLab's code quality report: the findings in the merge request widget, one JSON array.

The fields are those GitLab documents for a code quality artifact: `description`, `check_name`,
`fingerprint`, `severity` (info, minor, major, critical, blocker) and `location.path` with
`location.lines.begin`.  The fingerprint must be unique per finding and stable between runs so
GitLab can tell new findings from fixed ones: it hashes the file, the agreement and the rule,
never the line, which moves when someone edits the file.
"""
from __future__ import annotations

import hashlib
from typing import Any

from ..results import Result
from ..runner import Run
from ..verdicts import is_finding
from . import Outputter
from .json import dumps
from .sarif import finding_message, relative_path, repository_root

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class GitlabOutputter(Outputter):
    root: str | None = None  # --sarif-root; None: the repository root

    def render(self, run: Run) -> str:
        root = self.root or repository_root()
        issues: list[dict[str, Any]] = []
        for a in run.agreements:
            for r in a.results:
                if is_finding(r.verdict) and r.baseline != "existing":
                    issues.append(self._issue(a.id, r, relative_path(r.path, root)))
        for e in run.errors:
            path = relative_path(e.path, root) if e.path else "<input>"
            issues.append({"type": "issue", "description": e.message, "check_name": "iop-rules-input-error",
                           "fingerprint": fingerprint(path, "input-error", e.message), "severity": "blocker",
                           "location": {"path": path, "lines": {"begin": max(1, e.line)}}})
        issues.sort(key=lambda i: (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]))
        return dumps(issues, indent=2) + "\n"

    def _issue(self, agreement_id: str, r: Result, path: str) -> dict[str, Any]:
        message = finding_message(r, self.lang)
        return {"type": "issue", "description": f"{r.rule}: {message} [{r.citation}]", "check_name": r.rule,
                "fingerprint": fingerprint(path, agreement_id, r.rule), "severity": SEVERITY[r.severity],
                "location": {"path": path, "lines": {"begin": max(1, r.line)}}}
