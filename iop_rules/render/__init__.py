"""Renderers: one small interface, one module per format, one registry.

As in conftest's `output` package: an `Outputter` turns a run into text, and `get_outputter`
maps a format name to its module.  Adding a format is one new module and one line in
`FORMATS`; modules are imported only when asked for, so a pre-commit hook never pays for the
HTML renderer.  Every renderer takes the same `Run` (a check's, or an audit's with its
portfolio), whose baseline marks are already applied.
"""
from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # the registry below is read by the CLI's parser; it must cost no import
    from ..results import AgreementReport
    from ..runner import Run

FORMATS = {
    "text": "iop_rules.render.text:TextOutputter",
    "json": "iop_rules.render.json:JsonOutputter",
    "csv": "iop_rules.render.csv:CsvOutputter",
    "ics": "iop_rules.render.ics:IcsOutputter",
    "sarif": "iop_rules.render.sarif:SarifOutputter",
    "github": "iop_rules.render.github:GithubOutputter",
    "gitlab": "iop_rules.render.gitlab:GitlabOutputter",
    "junit": "iop_rules.render.junit:JunitOutputter",
    "markdown": "iop_rules.render.markdown:MarkdownOutputter",
    "html": "iop_rules.render.html:HtmlOutputter",
}


class Outputter(ABC):
    def __init__(self, lang: str = "sv") -> None:
        self.lang = lang

    @abstractmethod
    def render(self, run: Run) -> str:
        """The whole run in this format."""

    def write(self, run: Run, out: IO[str]) -> None:
        """Write the run to `out`; formats that can stream override this."""
        out.write(self.render(run))


def get_outputter(fmt: str, lang: str = "sv") -> Outputter:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}, expected one of: {', '.join(FORMATS)}")
    module_name, _, class_name = FORMATS[fmt].partition(":")
    outputter: Outputter = getattr(importlib.import_module(module_name), class_name)(lang)
    return outputter


#: The formats whose output is made of one part per agreement that can be kept with its results
#: (a result cache entry keeps them) and copied into a later run's output unchanged.
PARTS = {
    "json": "iop_rules.render.json:agreement_json_in",
    "text": "iop_rules.render.text:agreement_text_in",
}


def agreement_parts(report: AgreementReport, fmt: str, langs: tuple[str, ...]) -> list[str]:
    """The agreement's part of the `fmt` output in each of `langs`, as that renderer writes it."""
    module_name, _, function_name = PARTS[fmt].partition(":")
    parts: list[str] = getattr(importlib.import_module(module_name), function_name)(report, langs)
    return parts


class Prerendered(ABC):
    """Results that carry their agreement's part of some outputs, written when they were made
    (a result cache entry's): a renderer copies that part instead of writing it again."""

    @abstractmethod
    def rendered(self, fmt: str, lang: str) -> str | None:
        """The part of the `fmt` output in `lang`, if these results carry it."""


def stored_part(results: object, fmt: str, lang: str) -> str | None:
    """The part of the `fmt` output that `results` carry (see `Prerendered`), else None: write it."""
    return results.rendered(fmt, lang) if isinstance(results, Prerendered) else None
