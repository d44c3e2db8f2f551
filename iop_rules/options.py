"""The options ruff, conftest and semgrep users reach for, and the settings file that gives them once.

Kept out of `cli.py` so the command line stays a list of commands.  A settings file fills in what
the command line left out and nothing else: a flag given on the command line always wins, so a
CI step can still say `--fail-on error` in a repository that sets `fail-on = "warning"`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .config import Config, find_config, load_config
from .errors import IopError
from .render import FORMATS
from .safeio import display_name

#: Formats an extra `--FORMAT-output FILE` can write (the calendar has `audit --calendar`).
EXTRA_FORMATS = tuple(f for f in FORMATS if f != "ics")
#: Options whose value is a path: one written in a settings file is read from the file's folder.
PATH_OPTIONS = frozenset({"rulesets_dir", "baseline", "calendar", "sarif_root"})
STARTED = time.perf_counter()  # imported as the command line starts: -v's timing counts loading rulesets too
#: Options a settings file cannot give: they choose the settings file, or name this one run's input; `output`
#: too, as one file for every command (check, audit, extract, review) would have each replace the last.
NOT_IN_CONFIG = frozenset({"help", "version", "config", "isolated", "stdin-filename", "force", "output"})


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE",
                        help="read settings from FILE (default: the nearest .iop-rules.toml, or pyproject.toml with "
                             "[tool.iop-rules], from here upward)")
    parser.add_argument("--isolated", action="store_true", help="ignore every settings file")


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-shipped-rulesets", action="store_true",
                        help="only the rulesets in --rulesets-dir, not the shipped library beside them")
    add_config_options(parser)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """What `check` and `audit` take beside their own options."""
    parser.add_argument("--exclude", action="append", metavar="PATTERN",
                        help="skip files and folders matching PATTERN (gitignore-style: a name anywhere, or a path "
                             "with /); repeatable")
    parser.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=True,
                        help="skip what git ignores when walking a directory inside a git work tree (default: on)")
    parser.add_argument("--stdin-filename", metavar="PATH", help="with `-`: the path findings name for the text read from stdin")
    parser.add_argument("--sarif-root", metavar="DIR",
                        help="SARIF, github and gitlab paths relative to DIR (default: the git repository root, else here)")
    for fmt in EXTRA_FORMATS:
        parser.add_argument(f"--{fmt}-output", metavar="FILE", dest=f"output_{fmt}",
                            help=f"also write the {fmt} report to FILE (repeat with other formats)")
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="no summary line; -qq: nothing at all, only the exit code")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="on stderr: the rulesets selected for each agreement and why, the engine, the time taken")


# ---- the settings file ------------------------------------------------------------------


def apply_config(parser: argparse.ArgumentParser, args: argparse.Namespace, argv: Sequence[str]) -> Config | None:
    """Fill in `args` from the settings file for every option not given on the command line."""
    if not hasattr(args, "isolated") or args.isolated:
        return None
    config = load_config(Path(args.config)) if args.config else find_config()
    if config is None:
        return None
    command = _command_parser(parser, args)
    known = _all_long_options(parser)
    for key in config.values:
        if key in NOT_IN_CONFIG:
            raise config.error(key, f"{key!r} is for the command line only, expected it there (--{key})")
        if key not in known:
            import difflib
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "expected a long option name such as fail-on"
            raise config.error(key, f"unknown setting {key!r}, {hint}")
    given = _explicit(parser, argv)
    for action in command._actions:
        name = _long_name(action)
        if name is None or name not in config.values or action.dest in given or name in NOT_IN_CONFIG:
            continue
        setattr(args, action.dest, _value(config, name, action))
    return config


def message_lang(parser: argparse.ArgumentParser, args: argparse.Namespace, argv: Sequence[str],
                 config: Config | None) -> str:
    """The language of input-error lines: English unless `--lang` or the settings file names one.

    Reports default to Swedish, but error lines are also read by scripts and CI logs that match the
    English wording, so they change language only when someone asked for one.
    """
    lang = getattr(args, "lang", None)
    if lang is None:
        return "en"
    chosen = "lang" in _explicit(parser, argv) or (config is not None and "lang" in config.values)
    return str(lang) if chosen else "en"


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser of the command this run is, whose options a settings file may fill in."""
    current = parser
    for dest in ("command", "rules_command"):
        sub = next((a for a in current._actions if isinstance(a, argparse._SubParsersAction) and a.dest == dest), None)
        if sub is None or getattr(args, dest, None) is None:
            break
        current = sub.choices[getattr(args, dest)]
    return current


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _subparsers(sub)


def _all_long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {name for p in _subparsers(parser) for a in p._actions
            if (name := _long_name(a)) is not None and name not in NOT_IN_CONFIG}


def _long_name(action: argparse.Action) -> str | None:
    """The key a settings file uses: `--fail-on` -> fail-on; `--respect-gitignore/--no-…` -> respect-gitignore."""
    longs = [o[2:] for o in action.option_strings if o.startswith("--")]
    return longs[0] if longs else None


def _explicit(parser: argparse.ArgumentParser, argv: Sequence[str]) -> set[str]:
    """The dests the command line set itself: parsed again with every default suppressed."""
    actions = [a for p in _subparsers(parser) for a in p._actions if a.option_strings]
    saved = [(a, a.default) for a in actions]
    try:
        for a in actions:
            a.default = argparse.SUPPRESS
        return set(vars(parser.parse_args(list(argv))))
    finally:
        for a, default in saved:
            a.default = default


def _value(config: Config, key: str, action: argparse.Action) -> Any:
    """The setting as the option would have it from the command line, or a located error line."""
    value = config.values[key]
    flag = isinstance(action, (argparse._StoreTrueAction, argparse.BooleanOptionalAction))
    if flag or isinstance(action, argparse._CountAction):
        wanted = bool if flag else int
        if type(value) is not wanted:
            raise config.error(key, f"{key} = {value!r}, expected {'true or false' if flag else 'a whole number'}")
        return value
    if isinstance(action, argparse._AppendAction):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise config.error(key, f"{key} = {value!r}, expected a list of strings")
        return [_anchor(i, config.directory) for i in items] if action.dest == "exclude" else items
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise config.error(key, f"{key} = {value!r}, expected a string")
    text = str(value)
    if action.choices is not None and text not in action.choices:
        raise config.error(key, f"{key} = {value!r}, expected one of: {', '.join(map(str, action.choices))}")
    if action.type is not None:
        try:
            return action.type(text)  # type: ignore[operator]
        except argparse.ArgumentTypeError as exc:
            raise config.error(key, f"{key}: {exc}") from None
    if action.dest in PATH_OPTIONS or action.dest.startswith("output_"):
        return os.path.relpath(config.directory / text) if not os.path.isabs(text) else text
    return text


def renderings(args: argparse.Namespace) -> tuple[str, ...]:
    """The outputs this run shows, as `format:language` (what a result-cache entry keeps ready to copy)."""
    return tuple(sorted({f"{fmt}:{args.lang}" for fmt in (args.format, *(fmt for fmt, _ in extra_outputs(args)))}))


def extra_outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The `--FORMAT-output FILE` pairs; two outputs naming one file would have one silently replace the other."""
    extras = [(fmt, path) for fmt in EXTRA_FORMATS if (path := getattr(args, f"output_{fmt}", None))]
    named = [("-o", args.output)] if getattr(args, "output", None) else []
    named += [("--calendar", args.calendar)] if getattr(args, "calendar", None) else []
    seen: dict[str, str] = {}
    for option, path in [*named, *((f"--{fmt}-output", path) for fmt, path in extras)]:
        real = os.path.normcase(os.path.realpath(path))
        if real in seen:
            raise IopError(f"is named by both {seen[real]} and {option}, expected a different file for each output",
                           display_name(path), 0, 0)
        seen[real] = option
    return extras


def _anchor(pattern: str, directory: Path) -> str:
    """A pattern with a slash is read from the settings file's folder, as git reads a .gitignore's."""
    return str(directory / pattern.lstrip("/")) if "/" in pattern.rstrip("/") else pattern


def anchored_excludes(args: argparse.Namespace) -> list[str]:
    """The --exclude patterns, those with a slash made absolute (from here, or from the settings file's folder)."""
    return [_anchor(p, Path.cwd()) if not os.path.isabs(p) else p for p in getattr(args, "exclude", None) or []]


# ---- how much is said ---------------------------------------------------------------------


def verbose_lines(report: Any, library: Any, forced: str | None) -> list[str]:
    """Which rulesets a report was checked against, and why each was chosen."""
    count = len(report.rulesets)
    lines = [f"{report.path}: {len(report.results)} rules from {count} ruleset{'' if count == 1 else 's'}"]
    for rid in report.rulesets:
        lines.append(f"  {rid}: {_reason(library.by_id.get(rid), report.summary, forced)}")
    return lines


def _reason(rs: Any, summary: Any, forced: str | None) -> str:
    if rs is None:
        return "selected"
    if forced is not None:
        return "named by --ruleset" if rs.id == forced else f"extended by {forced} (--ruleset)"
    spec = rs.spec
    if spec.authority is None:
        return "always applies" if rs.id == "iop-core" else "extended by a selected ruleset"
    start = spec.in_force.start.isoformat() if spec.in_force else "?"
    until = spec.in_force.until.isoformat() if spec.in_force and spec.in_force.until else "open"
    return (f"authority {summary.authority!r}" + (f", body {summary.body!r}" if spec.body else "")
            + f" match; in force {start}..{until} contains its {_dated_by(summary)}")


def _dated_by(summary: Any) -> str:
    """The date selection read: the decision's, or for a draft its own date (facts.decision_date)."""
    if summary.decision_date:
        return f"decision date {summary.decision_date}"
    return f"document date {summary.document_date}" if summary.document_date else "date"


def narrated(reports: Iterable[Any], library: Any, args: argparse.Namespace) -> Iterator[Any]:
    """The reports, each told on stderr (-v) as it passes to the renderer: an audit's stream stays a stream."""
    for report in reports:
        if library is not None:
            say_verbose(verbose_lines(report, library, args.ruleset))
        yield report


def timing_line(run: Any, args: argparse.Namespace) -> str:
    files = len(run.inputs)
    return f"iop-rules: engine {run.engine}, {files} file{'' if files == 1 else 's'} read, {time.perf_counter() - STARTED:.2f} s"


def outputter(args: argparse.Namespace, fmt: str | None = None) -> Any:
    """The renderer for --format (or an extra output's `fmt`), told the root paths are relative to and how quiet to be."""
    from .render import get_outputter
    if fmt is None and args.format == "text" and args.quiet:
        return _quiet_text(args.lang)
    out = get_outputter(fmt or args.format, args.lang)
    if hasattr(out, "root"):
        out.root = args.sarif_root
    if hasattr(out, "fail_on"):  # JUnit counts as failures only what fails the run
        out.fail_on = args.fail_on
    return out


def _quiet_text(lang: str) -> Any:
    """-q: the text report without its closing summary line."""
    from .render.text import TextOutputter

    class QuietText(TextOutputter):
        def write(self, run: Any, out: Any) -> None:
            for chunk in self._chunks(run, with_summary=False):
                out.write(chunk)

        def render(self, run: Any) -> str:
            return "".join(self._chunks(run, with_summary=False))
    return QuietText(lang)


def say_verbose(lines: Iterable[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr, flush=True)


def refuse_stdin_mix(paths: Sequence[str]) -> None:
    if "-" in paths and len(paths) > 1:
        raise IopError("`-` (standard input) together with other paths, expected `-` alone or only file names", "-", 0, 0)
