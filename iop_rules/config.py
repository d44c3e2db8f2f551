"""The project's settings file, so a team writes `--fail-on warning` once and not in every CI step and hook.

Found the way ruff finds its own: from the current directory upward, the first `.iop-rules.toml`
(its top level holds the options) or `pyproject.toml` with a `[tool.iop-rules]` table; a
pyproject without that table is passed over.  `--config FILE` names one, `--isolated` ignores
every one.  Keys are the commands' long option names (`fail-on`, `rulesets-dir`, ...); what a key
means is decided by the command that reads it (see `options.py`), this module only finds, reads
and locates.  Read with the standard library's `tomllib`, bounded like every other input.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import IopError
from .safeio import display_name, read_regular_file

OWN_NAME = ".iop-rules.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "iop-rules")
MAX_CONFIG_BYTES = 1024 * 1024
_WHAT = "a TOML settings file"
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


@dataclass(frozen=True)
class Config:
    """The options one settings file gives, with where each key was written (for error lines)."""

    path: Path
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return shown_path(self.path)

    @property
    def directory(self) -> Path:
        """Relative paths in the file are read from here, wherever the command is run from."""
        return self.path.resolve().parent

    def error(self, key: str, message: str) -> IopError:
        """One `path:line:col:` line about `key`, or `path:0:0:` when the key cannot be found in the text."""
        line = self.lines.get(key, 0)
        return IopError(message, self.shown, line, 1 if line else 0)


def shown_path(path: Path) -> str:
    """As a user would type it from here: `../.iop-rules.toml` from a subfolder."""
    try:
        return display_name(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return display_name(str(path))


def find_config(start: Path | None = None) -> Config | None:
    """The settings file that applies in `start` (default: the current directory), or None."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        own = directory / OWN_NAME
        if own.is_file():
            return load_config(own)
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            found = load_config(pyproject, required=False)
            if found is not None:
                return found
    return None


def load_config(path: Path, required: bool = True) -> Config | None:
    """A settings file: a pyproject's `[tool.iop-rules]` table, or any other file's top level.

    `required=False` (a pyproject met on the way up) gives None where the table is absent;
    `--config pyproject.toml` without it is an error, since the user asked for settings there.
    """
    shown = shown_path(path)
    try:
        raw = read_regular_file(path, MAX_CONFIG_BYTES, _WHAT)
    except IopError as exc:
        raise exc.relocated(shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IopError(f"byte 0x{raw[exc.start]:02x} is not UTF-8, expected UTF-8 text", shown,
                       raw[: exc.start].count(b"\n") + 1, 0) from None
    import tomllib  # only where a settings file exists: a hook's start-up pays nothing for it
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (0, 0)
        reason = _TOML_AT.sub("", str(exc)).strip()
        raise IopError(f"not valid TOML ({reason}), expected {_WHAT}", shown, line, column) from None
    in_pyproject = path.name == PYPROJECT
    table: Any = document.get("tool", {}).get("iop-rules") if in_pyproject else document
    if table is None:
        if required:
            raise IopError("has no [tool.iop-rules] table, expected the iop-rules settings there", shown, 0, 0)
        return None
    if not isinstance(table, dict):
        raise IopError("tool.iop-rules is not a table, expected [tool.iop-rules] with the options under it", shown,
                       key_lines(text, ("tool",)).get("iop-rules", 0), 0)
    return Config(path, table, key_lines(text, TABLE if in_pyproject else ()))


def key_lines(text: str, table: tuple[str, ...]) -> dict[str, int]:
    """The line each key of `table` is written on (1-based), read off the text: tomllib keeps no positions."""
    current: tuple[str, ...] = ()
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            if len(current) > len(table) and current[: len(table)] == table:  # a sub-table is a key of the table
                found.setdefault(current[len(table)], number)
            continue
        key = _KEY.match(line)
        if key and current == table:
            found.setdefault(next(g for g in key.groups() if g), number)
    return found
