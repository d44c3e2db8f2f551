"""Where each quote of a draft stands in the file the reviewer has open: `# rad 12`, `# stycke 7`, `# sida 2`.

The place is a YAML comment after the `source:` line, so the draft stays a plain
agreement file; it names the paragraph a quote starts in, found by looking the
quote up among the text's sentences and paragraphs.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .found import Findings


_SOURCE_KEY = re.compile(r"^\s*(?:- )?source: ")


def _sources(node: Any) -> list[str]:
    """Every `source` value of `d`, in the order `yaml.dump` writes them (insertion order)."""
    if isinstance(node, dict):
        return [v for k, x in node.items() for v in ([str(x)] if k == "source" else _sources(x))]
    if isinstance(node, list):
        return [v for x in node for v in _sources(x)]
    return []


def locate_sources(body: str, d: dict[str, Any], f: Findings, where: Callable[[int], str]) -> str:
    """End each `source:` line with where its quote stands in the file (`# rad 12`), for the reviewer to look."""
    lines = body.split("\n")
    at = [i for i, line in enumerate(lines) if _SOURCE_KEY.match(line)]
    quotes = _sources(d)
    if len(at) != len(quotes):  # a value dumped over several lines; never mislabel, leave them all bare
        return body
    index = _QuoteIndex(f)
    for i, quote in zip(at, quotes):
        found = index.lines(quote)
        if found:
            lines[i] += "  # " + ", ".join(dict.fromkeys(where(n) for n in found))
    return "\n".join(lines)


class _QuoteIndex:
    """The line each sentence and paragraph of the text starts on: a quote is found by lookup, not by scanning."""

    def __init__(self, f: Findings) -> None:
        self._at: dict[str, int] = {}
        for b in f.blocks:
            self._at.setdefault(b.text, b.line)
            for sentence in b.sentences:
                self._at.setdefault(sentence, b.line)

    def lines(self, quote: str) -> list[int]:
        """The lines of each part of a quote (parts joined with ` … `); a part made of several
        paragraphs (a name, then a title) is found by its first paragraph."""
        out = []
        for part in quote.split(" … "):
            line = self._at.get(part)
            cut = len(part)
            while line is None and cut > 0:
                cut = part.rfind(" ", 0, cut)
                line = self._at.get(part[:cut]) if cut > 0 else None
            if line is not None:
                out.append(line)
        return sorted(set(out))
