"""GitHub Actions workflow commands: annotations on the pull request without code scanning.

SARIF upload needs GitHub Advanced Security on a private repository; a line such as
`::error file=agreements/a.yaml,line=7,title=IOP-FIN-02 …::message` printed by any step is shown
on the file's line everywhere.  GitHub reads the command up to the first `::` and splits the
properties on `,`, so a property escapes `%`, CR, LF, `:` and `,` and the message escapes `%`,
CR and LF, as GitHub's own toolkit does; any other control character is shown, not obeyed.
"""
from __future__ import annotations

from typing import IO, Iterator

from ..results import Result
from ..runner import Run
from ..verdicts import is_finding
from . import Outputter
from .sarif import finding_message, relative_path, repository_root
from .text import visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int) -> str:
    """One workflow command line; other control characters (ESC, a bidi override) become visible escapes."""
    props = ",".join(f"{key}={visible(escape_property(str(value)))}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{visible(escape_data(message))}"


class GithubOutputter(Outputter):
    root: str | None = None  # --sarif-root; None: the repository root

    def render(self, run: Run) -> str:
        return "".join(line + "\n" for line in self._lines(run))

    def write(self, run: Run, out: IO[str]) -> None:
        """Streamed: an audit's reports pass one at a time."""
        for line in self._lines(run):
            out.write(line + "\n")

    def _lines(self, run: Run) -> Iterator[str]:
        root = self.root or repository_root()
        for a in run.agreements:
            findings = [r for r in a.results if is_finding(r.verdict) and r.baseline != "existing"]
            for r in sorted(findings, key=lambda r: (max(1, r.line), r.rule)):
                yield self._annotation(r, relative_path(r.path, root))
        for e in run.errors:
            yield command("error", e.message, file=relative_path(e.path, root) if e.path else "<input>",
                          line=max(1, e.line), col=max(1, e.column), title="iop-rules: input error")

    def _annotation(self, r: Result, path: str) -> str:
        message = finding_message(r, self.lang)
        return command(COMMAND[r.severity], f"{message} [{r.citation}]", file=path, line=max(1, r.line),
                       title=f"{r.rule} {r.title[self.lang]}")
