"""The command line: argument parsing and exit codes, nothing else.

Exit codes follow ruff and conftest: 0 nothing at or above `--fail-on`,
1 findings at or above it, 2 usage errors, unreadable input or an
internal error.  A user's mistake is one `path:line:col: message` line on
stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from typing import Sequence

# This process is ours: pydantic's plugin discovery scans every installed distribution's entry
# points (importlib.metadata, ~15 ms) on the first model; no plugin is used here.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from . import __version__  # noqa: E402
from .errors import IopError  # noqa: E402

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _as_of(text: str) -> dt.date:
    if text == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date, expected YYYY-MM-DD or 'today'") from None


class _Version(argparse.Action):
    """`--version` names the engine a run would use, which depends on how iop-rules was installed."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from .engine import available_engines, default_engine
        others = [e for e in available_engines() if e != default_engine()]
        print(f"iop-rules {__version__} (engine: {default_engine()}"
              + (f"; also available: {', '.join(others)})" if others else ")"))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iop-rules", description="Check IOP agreements against dated rulesets.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and the engine in use, then exit")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check agreement files or directories")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", default="text", help="text (default), json, sarif, junit, markdown, html, csv, ics")
    check.add_argument("--lang", choices=("sv", "en"), default="sv")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    check.add_argument("--engine", choices=("durable", "python"), default=None,
                       help="rule engine (default: durable where it imports, else python)")
    check.add_argument("--ruleset", metavar="ID", help="force this ruleset (and what it extends)")
    check.add_argument("--rulesets-dir", metavar="DIR", help="load rulesets from DIR instead of the shipped ones")
    check.add_argument("--as-of", type=_as_of, metavar="DATE", help="check deadlines as of DATE (or 'today')")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")

    audit = sub.add_parser("audit", help="check every agreement under directories, as of a date")
    audit.add_argument("paths", nargs="+", metavar="DIR")
    audit.add_argument("--as-of", type=_as_of, metavar="DATE", help="deadlines as of DATE (or 'today')")
    audit.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    audit.add_argument("--format", default="text", help="text (default), json, csv, html, markdown, sarif, junit, ics")
    audit.add_argument("--lang", choices=("sv", "en"), default="sv")
    audit.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error")
    audit.add_argument("--exit-zero", action="store_true")
    audit.add_argument("--engine", choices=("durable", "python"), default=None)
    audit.add_argument("--ruleset", metavar="ID")
    audit.add_argument("--rulesets-dir", metavar="DIR")
    audit.add_argument("--baseline", metavar="JSON", help="report only findings new since this earlier JSON output")
    audit.add_argument("--calendar", metavar="ICS", help="also write upcoming deadlines as an iCalendar file")
    audit.add_argument("-o", "--output", metavar="FILE")
    audit.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                       help="progress bar on stderr (auto: only on a terminal, never in CI)")

    test = sub.add_parser("test", help="run the rulesets' own examples")
    test.add_argument("rulesets", nargs="*", metavar="RULESET",
                      help="ruleset IDs, or ruleset files (loaded beside the shipped ones); default: all")
    test.add_argument("--engine", choices=("durable", "python"), default=None)
    test.add_argument("--rulesets-dir", metavar="DIR")

    sub.add_parser("schema", help="print the agreement file JSON Schema")

    extract = sub.add_parser(
        "extract", help="draft an agreement file from its text (.txt .md .docx .pdf)",
        description="Draft an agreement file from the agreement's own Swedish text. Every value carries the "
                    "sentence it came from; what was not found is listed in a comment at the top. Read the "
                    "draft against the text, fix it, then run `iop-rules check` on it.")
    extract.add_argument("source", metavar="SOURCE", help="the agreement text: .txt, .md, .docx or a text-based .pdf")
    extract.add_argument("-o", "--output", metavar="FILE", help="write the draft to FILE (atomically) instead of stdout")
    extract.add_argument("--force", action="store_true", help="overwrite FILE if it already exists")

    rules = sub.add_parser("rules", help="document the rules: list, show ID, docs")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    rules_list = rules_sub.add_parser("list", help="a table of every rule")
    rules_list.add_argument("--lang", choices=("sv", "en"), default="sv")
    rules_show = rules_sub.add_parser("show", help="everything about one rule, with its examples")
    rules_show.add_argument("rule_id", metavar="ID")
    rules_sub.add_parser("docs", help="the Markdown page docs/rules.md")
    for p in (rules_list, rules_show):
        p.add_argument("--rulesets-dir", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"check": _check, "audit": _audit, "test": _test, "schema": _schema, "rules": _rules,
                "extract": _extract}[args.command](args)
    except IopError as exc:
        for e in exc.all_errors():
            print(e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _library(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pathlib import Path
    from .rulesets import load_rulesets
    if getattr(args, "rulesets_dir", None):
        files = sorted(Path(args.rulesets_dir).glob("*.yaml"))
        if not files:
            raise IopError("no *.yaml ruleset files here, expected a directory of rulesets", args.rulesets_dir, 0, 0)
        return load_rulesets(files)
    return load_rulesets()


def _engine(name: str | None):  # type: ignore[no-untyped-def]
    from .engine import EngineUnavailable, get_backend
    try:
        return get_backend(name)
    except EngineUnavailable as exc:
        raise IopError(f"{exc}, expected --engine python", "--engine", 0, 0) from None


def _check(args: argparse.Namespace) -> int:
    from .render import FORMATS, get_outputter
    from .runner import check
    if args.format not in FORMATS:
        raise IopError(f"unknown format {args.format!r}, expected one of: {', '.join(FORMATS)}", "--format", 0, 0)
    library = _library(args)
    backend = _engine(args.engine)
    run = check(args.paths, backend.name, library, args.as_of, args.ruleset)
    _emit(get_outputter(args.format, args.lang), run, args.output)
    for e in run.errors:  # in every format: stdout stays machine-readable
        print(e, file=sys.stderr)
    if run.errors:
        return 2
    return 0 if args.exit_zero else _exit_code(run.agreements, args.fail_on)


def _emit(outputter, run, output: str | None) -> None:  # type: ignore[no-untyped-def]
    if output:
        write_atomically(output, outputter.Output(run))
    else:
        outputter.write(run, sys.stdout)


def _exit_code(reports, fail_on: str, baseline=None) -> int:  # type: ignore[no-untyped-def]
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for a in reports:
        for r in a.results:
            if r.verdict in ("fail", "unknown") and SEVERITY_RANK[r.severity] <= threshold:
                if baseline is None or (a.id, r.rule) not in baseline.findings:
                    return 1
    return 0


def _audit(args: argparse.Namespace) -> int:
    from pathlib import Path
    from .audit import AuditOptions, Baseline, run_audit, validate_library
    from .render import FORMATS, get_outputter
    if args.format not in FORMATS:
        raise IopError(f"unknown format {args.format!r}, expected one of: {', '.join(FORMATS)}", "--format", 0, 0)
    for p in args.paths:
        if not Path(p).exists():
            raise IopError("no such file or directory, expected a directory of agreements", p, 0, 0)
    files = tuple(str(f) for f in sorted(Path(args.rulesets_dir).glob("*.yaml"))) if args.rulesets_dir else ()
    options = AuditOptions(args.as_of, args.jobs, _engine(args.engine).name, args.ruleset, files)
    validate_library(options)
    baseline = Baseline.load(args.baseline) if args.baseline else None
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty() and not os.environ.get("CI"))
    run = run_audit(args.paths, options, sys.stderr if show else None)
    run.baseline = baseline
    reports = _Tee(run.agreements, args.fail_on, baseline)
    run.agreements = reports
    _emit(get_outputter(args.format, args.lang), run, args.output)
    if args.calendar:
        write_atomically(args.calendar, get_outputter("ics", args.lang).Output(run))
    for e in run.errors:
        print(e, file=sys.stderr)
    if run.errors:
        return 2
    return 0 if args.exit_zero or not reports.failed else 1


class _Tee:
    """Passes reports through to the renderer once, noting whether any fails the run."""

    def __init__(self, reports, fail_on: str, baseline) -> None:  # type: ignore[no-untyped-def]
        self._reports, self._fail_on, self._baseline = reports, fail_on, baseline
        self.failed = False

    def __iter__(self):  # type: ignore[no-untyped-def]
        for a in self._reports:
            self.failed = self.failed or _exit_code([a], self._fail_on, self._baseline) == 1
            yield a


def write_atomically(path: str, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a partial report."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".iop-rules-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise IopError(f"cannot write the file ({exc.strerror}), expected a writable path", path, 0, 0) from None


def _extract(args: argparse.Namespace) -> int:
    """0 with a draft; 2 when the source cannot be read or the draft would overwrite a file."""
    from .extract import extract_file
    if args.output and os.path.exists(args.output) and not args.force:
        raise IopError("the file already exists (a hand-encoded agreement?), expected a new file name or --force",
                       args.output, 0, 0)
    draft = extract_file(args.source)
    if args.output:
        write_atomically(args.output, draft)
    else:
        sys.stdout.write(draft)
    return 0


def _test(args: argparse.Namespace) -> int:
    from pathlib import Path
    from .examples import run_examples
    from .rulesets import SHIPPED_DIR, load_rulesets
    files = [Path(a) for a in args.rulesets if a.endswith((".yaml", ".yml"))]
    ids = [a for a in args.rulesets if not a.endswith((".yaml", ".yml"))]
    if files:  # e.g. from a pre-commit hook: these files, over the shipped ones they may extend
        given = {f.resolve() for f in files}
        base = [f for f in sorted(SHIPPED_DIR.glob("*.yaml")) if f.resolve() not in given]
        library = load_rulesets([*base, *files])
        ids += [rs.id for rs in library.by_id.values() if Path(rs.path).resolve() in given]
    else:
        library = _library(args)
    outcomes = run_examples(library, _engine(args.engine), ids or None)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        for p in o.problems:
            print(f"{o.path}:{o.line}:1: {o.rule} example {o.example!r}: {p}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _rules(args: argparse.Namespace) -> int:
    from . import ruledocs
    library = _library(args)
    if args.rules_command == "list":
        sys.stdout.write(ruledocs.rules_table(library, args.lang))
    elif args.rules_command == "docs":
        sys.stdout.write(ruledocs.rules_page(library))
    else:
        found = ruledocs.find_rules(library, args.rule_id)
        if not found:
            raise IopError(f"unknown rule {args.rule_id!r}, expected an ID from `iop-rules rules list`", args.rule_id, 0, 0)
        sys.stdout.write("\n".join(ruledocs.rule_markdown(r, library, "#") for r in found))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .model import Agreement
    schema = Agreement.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "iop-rules/agreement.schema.json",
              **schema, "title": "IOP agreement (iop-rules)"}
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
