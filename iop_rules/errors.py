"""The one error type users see.

Every problem with an input file -- agreement or ruleset -- becomes an
`IopError`: a message, the file, a path into the document and the YAML
line and column.  Like jsonschema's `ValidationError`, several problems
found at once are ranked and the most specific one is raised, carrying
the others in `context`, so a caller that wants one line gets the best
one and a caller that wants all of them still has them.

An error made with `coded` also carries its kind and parameters, so the
CLI can print it in Swedish (`error_texts`); `message` and `str()` stay
English, what scripts and the JSON report read.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

DocPath = tuple[str | int, ...]


def format_doc_path(doc_path: Sequence[str | int]) -> str:
    """`("parties", 1, "name")` -> `parties[1].name`, the way users write it."""
    out = ""
    for part in doc_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class IopError(Exception):
    """A problem with an input, located as precisely as we can."""

    def __init__(
        self,
        message: str,
        path: str = "",
        line: int = 0,
        column: int = 0,
        doc_path: DocPath = (),
        context: Sequence["IopError"] = (),
        code: str = "",
        params: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.doc_path = tuple(doc_path)
        self.context = list(context)
        self.code = code
        self.params = dict(params or {})

    @classmethod
    def coded(cls, code: str, path: str = "", line: int = 0, column: int = 0, doc_path: DocPath = (),
              **params: str) -> "IopError":
        """An error of a kind `error_texts` words in every language; its `message` is the English one."""
        from .error_texts import render
        return cls(render(code, params), path, line, column, doc_path, code=code, params=params)

    def __str__(self) -> str:
        return self.line_in("en")

    def text(self, lang: str = "en") -> str:
        """The message in `lang`: Swedish where the kind has a Swedish text, else the English message."""
        if lang == "en" or not self.code:
            return self.message
        from .error_texts import render
        return render(self.code, self.params, lang)

    def line_in(self, lang: str) -> str:
        """`path:line:col: message`, the position numeric in every language."""
        return f"{self.path or '<input>'}:{self.line}:{self.column}: {self.text(lang)}"

    def all_errors(self) -> list["IopError"]:
        """This error first, then the others found with it."""
        return [self, *self.context]

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}

    def relocated(self, path: str) -> "IopError":
        """The same problem, reported against another file name."""
        return IopError(self.message, path, self.line, self.column, self.doc_path,
                        [e.relocated(path) for e in self.context], self.code, self.params)


def _specificity(error: IopError) -> tuple[int, int, int]:
    """Deeper document paths are more specific; ties go to the earlier line."""
    return (-len(error.doc_path), error.line, error.column)


def ranked(errors: Iterable[IopError]) -> IopError:
    """One error to raise for many: the most specific, with the rest as context."""
    ordered = sorted(errors, key=_specificity)
    if not ordered:
        raise ValueError("ranked() needs at least one error")
    best = ordered[0]
    return IopError(best.message, best.path, best.line, best.column, best.doc_path, ordered[1:], best.code, best.params)
