"""YAML reading that remembers where every value came from.

Findings and errors must name `path:line`, so we compose the YAML node
tree (with libyaml's C composer where available: ~8x faster than the
pure-Python one) and build plain Python data ourselves, recording the
position of every key and value.  Building it ourselves is also where
untrusted input is made safe: only the core YAML tags are accepted
(`!!python/object` and friends are refused), duplicate keys are errors
instead of silent overwrites, anchors/aliases are refused (no billion
laughs), and size and depth are bounded.
"""
from __future__ import annotations

import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DocPath, IopError
from .safeio import display_name, file_kind, format_size, read_regular_file

try:  # libyaml is an optional part of PyYAML
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels, expected a flat agreement file"

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SCALAR_BUILDER = yaml.constructor.SafeConstructor()
#: The largest whole number both engines compare exactly (a double's 53-bit mantissa).
MAX_EXACT_INT = 2 ** 53
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, doc_path: DocPath) -> tuple[int, int]:
        """The position of the value at `doc_path`, or of its nearest ancestor."""
        return _nearest(self.values, doc_path)

    def of_key(self, doc_path: DocPath) -> tuple[int, int]:
        """The position of the key naming `doc_path` (falls back to the value)."""
        if doc_path in self.keys:
            return self.keys[doc_path]
        return self.of_value(doc_path)


def _nearest(table: dict[DocPath, tuple[int, int]], doc_path: DocPath) -> tuple[int, int]:
    for cut in range(len(doc_path), -1, -1):
        if doc_path[:cut] in table:
            return table[doc_path[:cut]]
    return (1, 1)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into data plus positions, refusing what is unsafe."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions = Positions()
        self._seen: set[int] = set()

    def fail(self, node: yaml.Node, code: str, doc_path: DocPath, **params: str) -> IopError:
        line, column = _mark(node)
        return IopError.coded(code, self.path, line, column, doc_path, **params)

    def build(self, node: yaml.Node, doc_path: DocPath = ()) -> Any:
        if len(doc_path) > MAX_DEPTH:
            raise self.fail(node, "too_deep", doc_path, depth=str(MAX_DEPTH))
        self.positions.values[doc_path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, doc_path)
        if id(node) in self._seen:  # an alias: report where it is used, not the anchor
            line, column = self.positions.of_value(doc_path[:-1])
            raise IopError.coded("alias", self.path, line, column, doc_path)
        self._seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, f"{_CORE}seq", doc_path)
            return [self.build(item, (*doc_path, i)) for i, item in enumerate(node.value)]
        self._check_tag(node, f"{_CORE}map", doc_path)
        return self._mapping(node, doc_path)

    def _check_tag(self, node: yaml.Node, expected: str, doc_path: DocPath) -> None:
        if node.tag != expected:
            raise self.fail(node, "tag_not_allowed", doc_path, tag=repr(node.tag))

    def _mapping(self, node: yaml.MappingNode, doc_path: DocPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_CORE}merge":
                raise self.fail(key_node, "key_not_plain", doc_path)
            key = str(self._scalar(key_node, doc_path))
            child = (*doc_path, key)
            if key in out:
                first_line = self.positions.keys[child][0]
                raise self.fail(key_node, "duplicate_key", child, key=repr(key), first_line=str(first_line))
            self.positions.keys[child] = _mark(key_node)
            out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: yaml.ScalarNode, doc_path: DocPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, "tag_not_allowed", doc_path, tag=repr(node.tag))
        if node.tag.endswith(("timestamp", "str")):
            return node.value  # dates stay text: the schema parses (and rejects 2019-02-30) with a position
        if node.tag.endswith(("int", "float")) and not node.style:  # plain: None (Python) or "" (libyaml)
            self._refuse_yaml11_number(node, doc_path)
        try:  # the constructor function itself: construct_object() would cache every node forever
            value = _SCALAR_BUILDER.yaml_constructors[node.tag](_SCALAR_BUILDER, node)
        except (ValueError, KeyError, IndexError, yaml.YAMLError):  # `!!float ""`, `!!bool x`: an explicit tag on text it cannot read
            raise self.fail(node, "unreadable_value", doc_path, value=repr(node.value)) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(node, "not_finite", doc_path, value=repr(node.value))
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXACT_INT:
            limit = f"{MAX_EXACT_INT:,}".replace(",", " ")
            raise self.fail(node, "number_too_large", doc_path, value=repr(node.value), limit=limit)
        return value

    def _refuse_yaml11_number(self, node: yaml.ScalarNode, doc_path: DocPath) -> None:
        """YAML 1.1 forms nobody writing an agreement means: an octal 0100000 (32768), a base-60 1:30 (90)."""
        text = node.value
        if _OCTAL.match(text):
            meant = int(text.replace("_", ""), 10)
            read = int(text.replace("_", "").lstrip("+-") or "0", 8) * (-1 if text.startswith("-") else 1)
            raise self.fail(node, "yaml11_octal", doc_path, value=repr(text), read=str(read), meant=str(meant))
        if _SEXAGESIMAL.match(text):
            read = _SCALAR_BUILDER.yaml_constructors[node.tag](_SCALAR_BUILDER, node)
            raise self.fail(node, "yaml11_base60", doc_path, value=repr(text), read=str(read), quoted=f"'{text}'")


def read_text(path: str | Path, what: str = "a YAML file") -> str:
    """The file's text, bounded in size and decoded strictly as UTF-8 (a BOM is fine).

    Only a regular file is read (a FIFO, /dev/zero, a socket or a directory is refused without
    blocking), and never more than MAX_FILE_BYTES + 1 bytes of it: see `safeio.read_regular_file`.
    """
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES, what)
    except IopError as exc:
        raise _classified(exc, path, what) from None
    shown = display_name(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise IopError.coded("not_utf8", shown, line, column, byte=f"0x{raw[exc.start]:02x}") from None


def _classified(exc: IopError, path: str | Path, what: str) -> IopError:
    """The same error with the kind of problem the file has, found by looking at the file again
    (stat, as `read_regular_file` does first), so the kind never depends on the English wording."""
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno == errno.ENOENT:
            try:
                target = os.readlink(path)
            except OSError:
                return _with_code(exc, "file_not_found", what=what)
            return _with_code(exc, "broken_link", what=what, target=display_name(target))
        if err.errno in (errno.EACCES, errno.EPERM):
            return _with_code(exc, "permission_denied", what=what)
        return exc
    if stat.S_ISDIR(info.st_mode):
        return _with_code(exc, "is_directory", what=what)
    if not stat.S_ISREG(info.st_mode):
        return _with_code(exc, "not_regular", what=what, kind=file_kind(info.st_mode))
    if info.st_size > MAX_FILE_BYTES or exc.message.startswith("larger than"):  # the second: it grew while read
        return IopError.coded("too_large", exc.path, 1, 1, what=what, limit=format_size(MAX_FILE_BYTES))
    if not os.access(path, os.R_OK):
        return _with_code(exc, "permission_denied", what=what)
    return exc


def _with_code(exc: IopError, code: str, **params: str) -> IopError:
    """`exc` as it was (its English message unchanged), told what kind of problem it is."""
    return IopError(exc.message, exc.path, exc.line, exc.column, exc.doc_path, exc.context, code, params)


SAFE_COMPOSE_DEPTH = 2000  # libyaml's composer recurses on the C stack; it crashed here past ~10,000 levels


def _possible_depth(text: str) -> int:
    """An upper bound on collection nesting: every level needs a bracket, an indent or an indicator on a line."""
    longest = max((len(line) for line in text.splitlines()), default=0)
    return text.count("[") + text.count("{") + longest


def _too_deep(path: str, line: int, column: int) -> IopError:
    return IopError.coded("too_deep", path, line, column, depth=str(MAX_DEPTH))


def _refuse_deep_nesting(text: str, path: str) -> None:
    """Walk the event stream (iterative, no recursion) and refuse nesting before composing it.

    Levels are counted as the builder counts them: the document's own collection is level 0.
    """
    depth = -1
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(path, event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _flow_overflow(text: str) -> tuple[int, int] | None:
    """Where unclosed `[`/`{` first pass MAX_DEPTH, outside quotes and comments (1-based), if they do.

    Recent libyaml refuses deep flow nesting in its scanner, before any event reaches our walk,
    and in its own words; this lexical scan lets the refusal read the same whichever layer made it.
    """
    depth, line, line_start, i, n = 0, 1, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line, line_start = line + 1, i + 1
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, i - line_start + 1
        elif c in "]}":
            depth = max(depth - 1, 0)
        elif c == "#" and (i == line_start or text[i - 1] in " \t"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            i = _quoted_end(text, i)
            continue
        i += 1
    return None


def _quoted_end(text: str, start: int) -> int:
    """The index after a quoted scalar that opens at `start` (or the end of the text)."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)


def parse_yaml(text: str, path: str) -> tuple[Any, Positions]:
    """Data and positions of one YAML document; an empty document is an error."""
    deep = _possible_depth(text) > SAFE_COMPOSE_DEPTH
    try:
        if deep:
            _refuse_deep_nesting(text, path)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        overflow = _flow_overflow(text) if deep or _possible_depth(text) > MAX_DEPTH else None
        if overflow is not None:
            raise _too_deep(path, *overflow) from None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "invalid YAML").strip()
        raise IopError.coded("yaml_syntax", path, line, column, problem=problem) from None
    except yaml.YAMLError as exc:
        raise IopError.coded("yaml_syntax", path, 1, 1, problem=str(exc)) from None
    if node is None:
        raise IopError.coded("empty_file", path, 1, 1)
    builder = _Builder(path)
    data = builder.build(node)
    return data, builder.positions


def load_yaml_file(path: str | Path) -> tuple[Any, Positions]:
    return parse_yaml(read_text(path), display_name(path))
