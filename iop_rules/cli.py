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
import re
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

# This process is ours: pydantic's plugin discovery scans every installed distribution's entry
# points (importlib.metadata, ~15 ms) on the first model; no plugin is used here.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from . import __version__  # noqa: E402
from .errors import IopError  # noqa: E402
from .safeio import display_name, write_atomically  # noqa: E402

if TYPE_CHECKING:
    from .results import Result
from .engine import BACKENDS  # noqa: E402 - the registries, which import nothing heavy
from .render import FORMATS  # noqa: E402
from .verdicts import FAIL_ON_LEVELS  # noqa: E402
from . import options  # noqa: E402 - argparse and the settings file, nothing heavy


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _as_of(text: str) -> dt.date:
    from .loader import MAX_DATE, MIN_DATE
    if text == "today":
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date, expected YYYY-MM-DD or 'today'") from None
    if not MIN_DATE <= day <= MAX_DATE:  # deadlines are looked for up to 90 days ahead of it
        raise argparse.ArgumentTypeError(f"{text!r} is outside the supported dates, expected a date from "
                                         f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}")
    return day


class _Version(argparse.Action):
    """`--version` names the engine a run would use, which depends on how iop-rules was installed."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from .engine import available_engines, default_engine
        others = [e for e in available_engines() if e != default_engine()]
        print(f"iop-rules {__version__} (engine: {default_engine()}"
              + (f"; also available: {', '.join(others)})" if others else ")"))
        parser.exit()


def _common_options() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The options `check` and `audit` share, and the rules-library options every command shares."""
    library = argparse.ArgumentParser(add_help=False)
    library.add_argument("--rulesets-dir", metavar="DIR", help="load the rulesets in DIR beside the shipped ones")
    options.add_library_options(library)
    run = argparse.ArgumentParser(add_help=False, parents=[library])
    run.add_argument("--format", choices=tuple(FORMATS), default="text", help="output format (default: text)")
    run.add_argument("--lang", choices=("sv", "en"), default="sv", help="language of messages (default: sv)")
    run.add_argument("--fail-on", choices=FAIL_ON_LEVELS, default="error",
                     help="lowest severity of a finding that makes the run exit 1 (default: error)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    run.add_argument("--engine", choices=tuple(BACKENDS), default=None,
                     help="rule engine (default: durable where it is installed, else python)")
    run.add_argument("--ruleset", metavar="ID", help="force this ruleset (and what it extends) instead of selecting")
    run.add_argument("--as-of", type=_as_of, metavar="DATE", help="check deadlines as of DATE (YYYY-MM-DD or 'today')")
    run.add_argument("--no-waivers", action="store_true",
                     help="report every waived failure as a failure, with its waiver beside it (for auditors)")
    run.add_argument("--no-cache", action="store_true",
                     help="check every file again instead of reusing results cached for unchanged files (`iop-rules cache dir`)")
    run.add_argument("--baseline", metavar="JSON",
                     help="report only findings new since this earlier `--format json` output; the exit code counts only them")
    run.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE, atomically (never a partial file)")
    options.add_run_options(run)
    return library, run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iop-rules", description="Check IOP agreements against dated rulesets.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and the engine in use, then exit")
    sub = parser.add_subparsers(dest="command", required=True)
    library, run = _common_options()

    check = sub.add_parser("check", parents=[run], help="check agreement files or directories")
    check.add_argument("paths", nargs="+", metavar="PATH", help="agreement files, or directories searched for *.yaml")

    audit = sub.add_parser("audit", parents=[run], help="check every agreement under directories, as of a date")
    audit.add_argument("paths", nargs="+", metavar="DIR", help="directories (or files) of agreements")
    audit.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    audit.add_argument("--calendar", metavar="ICS", help="also write upcoming deadlines as an iCalendar file")
    audit.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                       help="progress bar on stderr (auto: only on a terminal, never in CI)")

    test = sub.add_parser("test", parents=[library], help="run the rulesets' own examples")
    test.add_argument("rulesets", nargs="*", metavar="RULESET",
                      help="ruleset IDs, or ruleset files (loaded beside the shipped ones); default: all")
    test.add_argument("--engine", choices=tuple(BACKENDS), default=None, help="rule engine (default as for check)")

    sub.add_parser("schema", help="print the agreement file JSON Schema")

    extract = sub.add_parser(
        "extract", help="draft an agreement file from its text (.txt .md .docx .pdf)",
        description="Draft an agreement file from the agreement's own Swedish text. Every value carries the "
                    "sentence it came from; what was not found is listed in a comment at the top. Read the "
                    "draft against the text, fix it, then run `iop-rules check` on it.")
    extract.add_argument("source", metavar="SOURCE", help="the agreement text: .txt, .md, .docx or a text-based .pdf")
    extract.add_argument("-o", "--output", metavar="FILE", help="write the draft to FILE (atomically) instead of stdout")
    extract.add_argument("--force", action="store_true", help="overwrite FILE if it already exists")
    extract.add_argument("--stdin-filename", metavar="PATH", help="with SOURCE `-`: the file name the text piped in is read as")
    options.add_config_options(extract)

    review = sub.add_parser(
        "review", parents=[library], help="write a Word copy of a draft (.docx .pdf .txt .md) with the findings as comments",
        description="Extract and check a draft, then write a copy of the Word document (or a Word document of a PDF's "
                    "or text's own text) with one comment per failing or unknown rule on the sentence it quotes, and "
                    "a summary comment first. The text of the document is never changed.")
    review.add_argument("source", metavar="DRAFT", help="the draft: .docx, .pdf (with a text layer), .txt or .md")
    review.add_argument("-o", "--output", metavar="FILE", help="the commented copy (default: DRAFT-granskad.docx beside it)")
    review.add_argument("--author", default="iop-rules", help="author name of the comments (default: iop-rules)")
    review.add_argument("--lang", choices=("sv", "en"), default="sv", help="language of the comments (default: sv)")
    review.add_argument("--force", action="store_true", help="overwrite FILE if it already exists")
    review.add_argument("--engine", choices=tuple(BACKENDS), default=None, help="rule engine (default as for check)")
    review.add_argument("--ruleset", metavar="ID", help="force this ruleset (and what it extends) instead of selecting")
    review.add_argument("--as-of", type=_as_of, metavar="DATE", help="check deadlines as of DATE (YYYY-MM-DD or 'today')")

    rules = sub.add_parser("rules", help="document the rules: list, show ID, docs")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    rules_list = rules_sub.add_parser("list", parents=[library], help="a table of every rule")
    rules_list.add_argument("--lang", choices=("sv", "en"), default="sv", help="language of titles (default: sv)")
    rules_show = rules_sub.add_parser("show", parents=[library], help="everything about one rule, with its examples")
    rules_show.add_argument("rule_id", metavar="ID", help="a rule ID, e.g. IOP-PERIOD-02")
    rules_sub.add_parser("docs", help="the Markdown page docs/rules.md")
    rules_sub.add_parser("facts", help="the Markdown page docs/facts.md: every fact field a rule may read")

    cache = sub.add_parser("cache", help="the result cache that re-checks only changed files: dir, clear")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    cache_sub.add_parser("dir", help="print the folder the cache is kept in")
    cache_sub.add_parser("clear", help="remove every cached result")
    return parser


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt, so every `finally` runs (no temp file left)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


_CLOSED: set[int] = set()  # standard descriptors that were closed when the run started


def _guard_standard_streams() -> None:
    """Give a closed stdin/stdout/stderr /dev/null, so no file the run opens takes descriptor 0, 1 or 2.

    With stderr closed, the first file opened would become descriptor 2 and `print(file=sys.stderr)`
    (sys.stderr None) would write into stdout: error lines after the JSON.  What was closed is
    remembered: a report for a closed stdout is refused, not silently thrown away.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            if getattr(sys, name) is not None:
                continue
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        _CLOSED.add(fd)
        setattr(sys, name, open(fd, mode, encoding="utf-8", errors="backslashreplace", closefd=False))


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _say(line: str) -> None:
    """One line on stderr, whatever has become of stderr; a control character in it is shown, not obeyed."""
    line = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", line)
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a broken pipe: the rest of the output (and the flush at exit) goes nowhere, quietly."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    _guard_standard_streams()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    lang = "en"  # of input-error lines, until the command line and the settings file are read
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        config = options.apply_config(parser, args, sys.argv[1:] if argv is None else argv)
        lang = args.error_lang = options.message_lang(parser, args, sys.argv[1:] if argv is None else argv, config)
        if 1 in _CLOSED and not getattr(args, "output", None):
            raise IopError("standard output is closed, expected an open stdout or -o FILE", "<stdout>", 0, 0)
        return {"check": _check, "audit": _audit, "test": _test, "schema": _schema, "rules": _rules,
                "extract": _extract, "review": _review, "cache": _cache}[args.command](args)
    except IopError as exc:
        for e in exc.all_errors():
            _say(e.line_in(lang))
        return 2
    except KeyboardInterrupt:
        _say("iop-rules: interrupted")
        return 130
    except Terminated:
        _say("iop-rules: terminated")
        return 143
    except BrokenPipeError:  # a command with no findings to count (a reader went away)
        _silence_stdout()
        return 0
    except SystemExit:
        raise
    except RecursionError:
        _say("<input>:0:0: nested too deeply, expected flatter input")
        return 2
    except MemoryError:
        _say("<input>:0:0: out of memory, expected smaller input")
        return 2
    except Exception as exc:  # noqa: BLE001 - README: an internal error is exit 2, never a traceback
        if os.environ.get("IOP_RULES_DEBUG"):
            raise
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        _say(f"<iop-rules>:0:0: internal error ({display_name(detail)}), expected none; "
             "please report it (IOP_RULES_DEBUG=1 shows the traceback)")
        return 2


def _library(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .cache import load_library
    files: list[str | Path] = list(_ruleset_files(args))
    folder = _cache_folder(args)
    return load_library(files or None, Path(folder) if folder else None)


def _ruleset_files(args: argparse.Namespace) -> list[str]:
    from pathlib import Path
    directory = getattr(args, "rulesets_dir", None)
    if directory is None:
        if getattr(args, "no_shipped_rulesets", False):
            raise IopError("--no-shipped-rulesets leaves no rulesets, expected --rulesets-dir DIR with it",
                           "--no-shipped-rulesets", 0, 0)
        return []
    shown = display_name(directory) or "--rulesets-dir"
    if not os.path.isdir(directory):
        what = "no such directory" if not os.path.lexists(directory) else "not a directory"
        raise IopError(f"{what}, expected a directory of rulesets (--rulesets-dir)", shown, 0, 0)
    try:  # hidden files are not rulesets; a FIFO or device named *.yaml is refused by the reader, unopened
        files = sorted(str(f) for f in Path(directory).iterdir() if f.suffix == ".yaml" and not f.name.startswith("."))
    except OSError as exc:
        raise IopError(f"cannot list the directory ({exc.strerror or exc}), expected a readable directory of "
                       "rulesets", shown, 0, 0) from None
    if not files:  # checking against nothing would pass everything
        raise IopError("no *.yaml ruleset files here, expected a directory of rulesets", shown, 0, 0)
    if getattr(args, "no_shipped_rulesets", False):
        return files
    from .rulesets import SHIPPED_DIR  # beside the shipped library, so a local ruleset can `extends: iop-core`
    own = {os.path.realpath(f) for f in files}
    return [*(str(f) for f in sorted(SHIPPED_DIR.glob("*.yaml")) if os.path.realpath(f) not in own), *files]


def _engine(name: str | None):  # type: ignore[no-untyped-def]
    from .engine import EngineUnavailable, get_backend
    try:
        return get_backend(name)
    except EngineUnavailable as exc:
        raise IopError(f"{exc}, expected --engine python", "--engine", 0, 0) from None


def _check(args: argparse.Namespace) -> int:
    from .inputs import check_paths
    from .schema_cache import reusing
    library = _library(args)
    folder = _cache_folder(args)
    with reusing(Path(folder) if folder else None):  # the agreement validator, kept beside the results
        run = check_paths(args, library, _engine(args.engine), Path(folder) if folder else False)
    return _finish(args, run, library)


def _audit(args: argparse.Namespace) -> int:
    from pathlib import Path
    from .audit import AuditOptions, run_audit, validate_library
    _refuse_same_outputs(args)
    for p in args.paths:
        if not Path(p).exists():
            raise IopError("no such file or directory, expected a directory of agreements", p, 0, 0)
    audit_options = AuditOptions(args.as_of, args.jobs, _engine(args.engine).name, args.ruleset, tuple(_ruleset_files(args)),
                                 not args.no_waivers, cache=_cache_folder(args), renderings=options.renderings(args))
    library = validate_library(audit_options)
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty() and not os.environ.get("CI"))
    from .inputs import gather
    files, found_errors = gather(args)
    run = run_audit(files, audit_options, sys.stderr if show else None)
    run.errors[:0] = found_errors
    return _finish(args, run, library)


def _finish(args: argparse.Namespace, run, library=None) -> int:  # type: ignore[no-untyped-def]
    """Baseline, render, and the exit code -- the same for every command and every format."""
    from .render import get_outputter
    from .verdicts import exit_code
    if args.baseline:
        from .baseline import Baseline
        run.baseline = Baseline.load(args.baseline)
        run.agreements = run.baseline.apply(run.agreements)
    extras = options.extra_outputs(args)
    held = run.agreements = list(run.agreements) if extras else run.agreements  # each extra output reads them all
    exit_on = _ExitWatch(run.agreements, args.fail_on)
    run.agreements = options.narrated(exit_on, library, args) if args.verbose else exit_on
    calendar = getattr(args, "calendar", None)
    inputs = [*run.inputs, *_ruleset_files(args), *([args.baseline] if args.baseline else [])]
    try:
        if args.output or args.quiet < 2:  # -qq: nothing but the exit code (a file asked for is still written)
            _emit(options.outputter(args), run, args.output, [*inputs, *([calendar] if calendar else [])])
    except BrokenPipeError:  # `| head`: the reader has what it wanted; the exit code still counts every finding
        _silence_stdout()
    for fmt, path in extras:  # --sarif-output FILE and the like, as semgrep writes several reports in one run
        run.agreements = held
        _emit(options.outputter(args, fmt), run, path, [*inputs, *([calendar] if calendar else [])])
    if calendar:  # the audit's portfolio already holds every deadline; the reports were read once
        write_atomically(calendar, get_outputter("ics", args.lang).render(run), protect=inputs)
    exit_on.drain()
    for e in run.errors if args.quiet < 2 else ():  # in every format: stdout stays machine-readable
        _say(e.line_in(getattr(args, "error_lang", "en")))
    if args.verbose:
        options.say_verbose([options.timing_line(run, args)])
    return exit_code(exit_on.failing, args.fail_on, args.exit_zero, bool(run.errors))


def _refuse_same_outputs(args: argparse.Namespace) -> None:
    """`-o` and `--calendar` naming one file would have one silently replace the other."""
    output, calendar = getattr(args, "output", None), getattr(args, "calendar", None)
    if output and calendar:
        def real(p: str) -> str:
            return os.path.normcase(os.path.realpath(p))
        if real(output) == real(calendar):
            raise IopError("is also the --calendar file, expected different files for -o and --calendar",
                           display_name(output), 0, 0)


class _ExitWatch:
    """Passes reports through to the renderer once, keeping the findings that fail the run.

    An audit streams its reports from a spool, so the exit code is decided as they pass, not
    by reading them again; findings a baseline already had never fail the run.  A renderer that
    reads no reports (a calendar from the portfolio) leaves them to `drain`.
    """

    def __init__(self, reports, fail_on: str) -> None:  # type: ignore[no-untyped-def]
        self._reports, self._fail_on = iter(reports), fail_on
        self.failing: list[Result] = []

    def __iter__(self):  # type: ignore[no-untyped-def]
        from .verdicts import fails_run
        for a in self._reports:
            if not self.failing:
                self.failing.extend(r for r in a.results if r.baseline != "existing" and fails_run(r, self._fail_on))
            yield a

    def drain(self) -> None:
        for _ in self:
            pass


def _emit(outputter, run, output: str | None, protect: list[str]) -> None:  # type: ignore[no-untyped-def]
    if output:  # streamed into the temporary file: a report of any size is never held in memory
        from .safeio import open_atomically
        with open_atomically(output, protect=protect) as fh:
            outputter.write(run, fh)
    else:
        outputter.write(run, sys.stdout)


def _cache_folder(args: argparse.Namespace) -> str | None:
    """Where results are cached for this run, or None with --no-cache."""
    if getattr(args, "no_cache", False):
        return None
    from .cache import cache_dir
    return str(cache_dir())


def _cache(args: argparse.Namespace) -> int:
    from .cache import cache_dir, clear
    from .safeio import format_size
    folder = cache_dir()
    if args.cache_command == "dir":
        print(display_name(str(folder)))
    else:
        count, size = clear(folder)
        print(f"removed {count} cached results ({format_size(size)}) from {display_name(str(folder))}")
    return 0


def _review(args: argparse.Namespace) -> int:
    """0 with a commented copy written; 2 when the draft cannot be read or the copy would overwrite a file."""
    from .review.document import review_file
    library = _library(args)
    outcome = review_file(args.source, args.output, author=args.author, lang=args.lang, force=args.force,
                          library=library, engine=_engine(args.engine).name, as_of=args.as_of, ruleset=args.ruleset)
    print(f"{outcome.output}: {outcome.verdict_line} ({len(outcome.anchored)} comments on sentences, "
          f"{len(outcome.unanchored)} in the summary)")
    return 0


def _extract(args: argparse.Namespace) -> int:
    """0 with a draft; 2 when the source cannot be read or the draft would overwrite a file."""
    from .extract import extract_file
    if args.output and os.path.exists(args.output) and not args.force:
        raise IopError("the file already exists (a hand-encoded agreement?), expected a new file name or --force",
                       args.output, 0, 0)
    from .inputs import STDIN, stdin_draft
    draft = stdin_draft(args.stdin_filename) if args.source == STDIN else extract_file(args.source)
    if args.output:  # never over the source text itself, --force or not
        protect = [args.source] if args.source != STDIN else [args.stdin_filename] if args.stdin_filename else []
        write_atomically(args.output, draft, protect=protect)
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
    elif args.rules_command == "facts":
        from .fields import catalogue
        sys.stdout.write(catalogue() + "\n")
    elif args.rules_command == "docs":
        sys.stdout.write(ruledocs.rules_page(library))
    else:
        found = ruledocs.find_rules(library, args.rule_id)
        if not found:
            raise IopError(f"unknown rule {args.rule_id!r}, expected an ID from `iop-rules rules list`", args.rule_id, 0, 0)
        sys.stdout.write("\n".join(ruledocs.rule_show(r, library) for r in found))
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
