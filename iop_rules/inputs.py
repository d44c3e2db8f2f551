"""Which agreements a run reads: `-` for standard input, `--exclude`, and what git ignores.

An editor integration or a `git show rev:path | iop-rules check -` pipes the text in and names
the file with `--stdin-filename`, so the report reads as if the file had been named.  Standard
input is read with the same bound as a file, so `iop-rules check - < /dev/zero` ends.
Directory walks skip what `--exclude` names and, inside a git work tree, what git ignores
(asked of `git check-ignore`, so every .gitignore rule git has is honoured exactly); a file
named on the command line is still subject to `--exclude`, as a pre-commit hook passes names.
"""
from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePath
from typing import Any, Callable, Sequence

from . import options
from .errors import IopError
from .safeio import display_name, read_stream_limited

STDIN = "-"
_GIT_TIMEOUT_S = 30


def read_stdin(limit: int, what: str, shown: str) -> bytes:
    """At most `limit` bytes of standard input; more is an error, like a file that is too large.

    Nothing at all (an empty pipe, or a closed stdin, which the CLI gives /dev/null) is said as
    such: an empty agreement would otherwise read as "not a mapping".
    """
    raw = read_stream_limited(0, limit, what, shown)
    if not raw:
        raise IopError(f"nothing on standard input, expected {what} piped in", shown, 0, 0)
    return raw


def stdin_agreement(name: str | None):  # type: ignore[no-untyped-def]
    """The agreement piped in, loaded and located under `name` (default `<stdin>`)."""
    from .loader import parse_agreement
    from .yamlpos import MAX_FILE_BYTES
    shown = display_name(name) if name else "<stdin>"
    raw = read_stdin(MAX_FILE_BYTES, "an agreement file", shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise IopError(f"byte 0x{raw[exc.start]:02x} is not UTF-8, expected UTF-8 text", shown, line, column) from None
    return parse_agreement(text, shown)


def stdin_draft(name: str | None) -> str:
    """`extract -`: the source piped in, read as the format `--stdin-filename`'s suffix names (default .txt).

    The readers of Word and PDF need a file; the bytes go to a private temporary one, and every
    message and the draft itself name `name`, never the temporary file.
    """
    from .extract import agreement_id, extract_lines
    from .extract.read import MAX_FILE_BYTES, read_source
    shown = name or "<stdin>"
    suffix = PurePath(name).suffix.lower() if name else ".txt"
    raw = read_stdin(MAX_FILE_BYTES, "an agreement text", display_name(shown))
    with tempfile.TemporaryDirectory(prefix="iop-rules-stdin-") as folder:
        temp = Path(folder) / f"stdin{suffix}"
        temp.write_bytes(raw)
        try:
            source = read_source(temp)
        except IopError as exc:
            raise exc.relocated(display_name(shown)) from None
        return extract_lines(source.lines, agreement_id(name or "stdin"), shown, source.where, source.notes)


# ---- excludes ----------------------------------------------------------------------------


def exclude_matcher(patterns: Sequence[str]) -> Callable[[str], bool] | None:
    """A test for paths to skip, gitignore-style, or None when nothing is excluded.

    A pattern without a slash (`drafts`, `*.tmp.yaml`) matches a file or folder of that name at
    any depth; one with a slash was anchored to an absolute folder by the caller and matches that
    path or anything under it.  A trailing slash is accepted and means the same.
    """
    names = [p.rstrip("/") for p in patterns if not os.path.isabs(p)]
    anchored = [p.rstrip("/") for p in patterns if os.path.isabs(p)]
    if not names and not anchored:
        return None

    def excluded(path: str) -> bool:
        parts = PurePath(path).parts
        if any(fnmatch.fnmatchcase(part, n) for part in parts for n in names):
            return True
        full = PurePath(os.path.abspath(path))
        within = [full.as_posix(), *(p.as_posix() for p in full.parents)]
        return any(fnmatch.fnmatchcase(p, a) for p in within for a in anchored)
    return excluded


def git_ignored(directory: str, files: list[str]) -> set[str]:
    """Those of `files` (found under `directory`) that git ignores; none when git or a work tree is absent."""
    git = shutil.which("git")
    if git is None or not files:
        return set()
    try:
        proc = subprocess.run([git, "-C", directory, "check-ignore", "-z", "--stdin"],
                              input=b"".join(os.fsencode(os.path.abspath(f)) + b"\0" for f in files),
                              capture_output=True, timeout=_GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    ignored = {os.fsdecode(p) for p in proc.stdout.split(b"\0") if p}
    return {f for f in files if os.path.abspath(f) in ignored}


# ---- a check run's inputs ----------------------------------------------------------------


def gather(args: Any) -> tuple[list[str], list[IopError]]:
    """The agreement files the command line and settings name, after --exclude and .gitignore."""
    from .runner import discover
    options.refuse_stdin_mix(args.paths)
    ignored = git_ignored if getattr(args, "respect_gitignore", True) else None
    return discover(args.paths, exclude_matcher(options.anchored_excludes(args)), ignored)


def check_paths(args: Any, library: Any, backend: Any, cache: bool | Path = False) -> Any:
    """`check`'s run: standard input when the only path is `-` (never cached: it has no file to key on),
    else the files gathered, through the result cache when `cache` is given (runner.check)."""
    from .runner import Run, check, check_loaded
    if args.paths != [STDIN]:
        files, errors = gather(args)
        run = check(files, backend.name, library, args.as_of, args.ruleset, not args.no_waivers, cache,
                    options.renderings(args))
        run.errors[:0] = errors
        return run
    if args.ruleset is not None and args.ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {args.ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}",
                       "--ruleset", 0, 0)
    named = [args.stdin_filename] if args.stdin_filename else []
    try:
        report = check_loaded(stdin_agreement(args.stdin_filename), library, backend, args.as_of, args.ruleset,
                              not args.no_waivers)
    except IopError as exc:
        return Run(backend.name, [], exc.all_errors(), args.as_of, inputs=named)
    return Run(backend.name, [report], [], args.as_of, inputs=named)
