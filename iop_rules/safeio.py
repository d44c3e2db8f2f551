"""Reading inputs and writing reports without the ways files go wrong.

A path on the command line can name anything: a FIFO (opening it for
reading blocks until a writer appears), /dev/zero (an endless read), a
socket, a directory, a broken or looping symbolic link, a name that is
not UTF-8.  Reading opens only regular files, never blocks, re-checks
the opened descriptor (not the path, so nothing can be swapped in
between) and reads a bounded number of bytes.  Writing goes to a temporary
file beside the target, is synced and renamed into place, so a report is
either complete or absent; it refuses to replace an input, a symbolic
link or anything that is not a regular file, honours the umask, and
leaves no temporary file behind on any failure, Ctrl-C included.

Every problem becomes an `IopError` (line 0, column 0: the whole file)
whose path is printable: undecodable bytes and control characters in a
file name are shown as escapes, never as a `UnicodeEncodeError`.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from typing import IO

from .errors import IopError

PathArg = str | bytes | os.PathLike[str] | os.PathLike[bytes]

CHUNK_BYTES = 64 * 1024
_KIB = 1024
_MIB = 1024 * 1024
# O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_TEMP_PREFIX = b".iop-rules-"
_TEMP_SUFFIX = b".tmp"


def display_name(path: PathArg) -> str:
    """The path as printable text: bytes that are not UTF-8 become `\\xe9`, control characters `\\n`-style escapes.

    Messages go to a UTF-8 stderr or into JSON; a raw surrogate-escaped name would raise
    `UnicodeEncodeError` there, and a newline in a name would forge a second error line.
    """
    raw = os.fsencode(path)
    text = raw.decode("utf-8", "backslashreplace")
    if text.isprintable():  # no character of category C (nor a separator other than space): nothing to escape
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if not unicodedata.category(char).startswith("C"):  # Cc control, Cf format (bidi overrides), Cs, Co, Cn
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a message: "a FIFO", "a character device", …"""
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"))
    for test, kind in kinds:
        if test(mode):
            return kind
    return "an unusual kind of file"


def format_size(size: int) -> str:
    """2097152 -> "2 MB"; small limits stay exact so the message is true."""
    if size >= _MIB:
        return f"{size // _MIB} MB" if size % _MIB == 0 else f"{size / _MIB:.1f} MB"
    if size >= _KIB and size % _KIB == 0:
        return f"{size // _KIB} KB"
    return f"{size} bytes"


def _not_regular(mode: int, shown: str, what: str) -> IopError:
    if stat.S_ISDIR(mode):
        return IopError(f"is a directory, expected {what}", shown, 0, 0)
    return IopError(f"not a regular file ({file_kind(mode)}), expected {what}", shown, 0, 0)


def _too_large(limit: int, shown: str, what: str) -> IopError:
    size = format_size(limit)
    return IopError(f"larger than {size}, expected {what} of at most {size}", shown, 0, 0)


def _read_error(exc: OSError, path: PathArg, shown: str, what: str) -> IopError:
    """An OSError from stat/open/read as a sentence; a broken link is told apart from a missing file."""
    code = exc.errno
    if code == errno.ENOENT:
        try:
            target = os.readlink(os.fsencode(path))
        except OSError:
            return IopError(f"no such file, expected {what}", shown, 0, 0)
        return IopError(f"broken symbolic link (to {display_name(target)}, which does not exist), expected {what}",
                        shown, 0, 0)
    if code == errno.ELOOP:
        return IopError(f"symbolic link loop (too many levels of symbolic links), expected {what}", shown, 0, 0)
    if code in (errno.EACCES, errno.EPERM):
        return IopError(f"permission denied, expected {what} this user can read", shown, 0, 0)
    if code == errno.EISDIR:
        return IopError(f"is a directory, expected {what}", shown, 0, 0)
    if code == errno.ENOTDIR:
        return IopError(f"a part of the path is not a directory, expected {what}", shown, 0, 0)
    if code == errno.ENXIO:  # open() of a socket, or a device with nothing behind it
        return IopError(f"not a regular file (a socket or a device), expected {what}", shown, 0, 0)
    return IopError(f"cannot read ({exc.strerror or exc}), expected {what}", shown, 0, 0)


def read_regular_file(path: PathArg, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is an `IopError`.

    `what` completes the message ("expected an agreement file").  Symbolic links are followed.
    The path is checked before opening (so a device is never even opened), opened non-blocking
    (so a FIFO cannot hang the run) and the descriptor is checked again with fstat, which is the
    check that counts: the path may have been replaced in between.  At most `limit + 1` bytes are
    read, in chunks, because a size from stat can be wrong (/proc files say 0) or change.
    """
    if limit < 0:
        raise ValueError("limit must be zero or more bytes")
    shown = display_name(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _read_error(exc, path, shown, what) from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(info.st_mode, shown, what)
    if info.st_size > limit:
        raise _too_large(limit, shown, what)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise _read_error(exc, path, shown, what) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode, shown, what)
        return _read_bounded(fd, limit, shown, what)
    except OSError as exc:
        raise _read_error(exc, path, shown, what) from None
    finally:
        os.close(fd)


def _read_bounded(fd: int, limit: int, shown: str, what: str) -> bytes:
    """Read until end of file or one byte past `limit`, whichever comes first."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(CHUNK_BYTES, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise _too_large(limit, shown, what)
    return b"".join(chunks)


def read_stream_limited(fd: int, limit: int, what: str, shown: str) -> bytes:
    """An open descriptor (standard input) read to its end, bounded like a file: `- < /dev/zero` ends."""
    try:
        return _read_bounded(fd, limit, shown, what)
    except OSError as exc:
        raise IopError(f"cannot read ({exc.strerror or exc}), expected {what}", shown, 0, 0) from None


def read_text_limited(path: PathArg, limit: int, what: str) -> str:
    """The file's text, decoded strictly as UTF-8 (a leading BOM is dropped).

    A bad byte is reported with its offset from the start of the file (counting from 0, as
    iconv and Python do) and with the line and column where it sits, so it can be found.
    """
    raw = read_regular_file(path, limit, what)
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise IopError(f"not UTF-8 at byte {offset} (0x{raw[offset]:02x}), expected UTF-8 text",
                       display_name(path), line, column) from None


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (/proc), else set and restored."""
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _real(path: bytes) -> bytes:
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def _refuse_protected(target: bytes, existing: os.stat_result | None, protect: Iterable[PathArg], shown: str) -> None:
    """Refuse a target that is one of the inputs: the same inode where it exists, else the same real path."""
    target_real = _real(target)
    for item in protect:
        candidate = os.fsencode(item)
        same = False
        if existing is not None:
            with contextlib.suppress(OSError):
                info = os.stat(candidate)
                same = (info.st_dev, info.st_ino) == (existing.st_dev, existing.st_ino)
        if same or _real(candidate) == target_real:
            raise IopError(f"would overwrite the input {display_name(item)}, expected an output file that is not "
                           "one of the inputs", shown, 0, 0)


def _write_error(exc: OSError, shown: str, directory: bytes) -> IopError:
    code = exc.errno
    if code == errno.ENOSPC:
        return IopError("cannot write the file (no space left on device), expected room for it on the disk",
                        shown, 0, 0)
    if code == getattr(errno, "EDQUOT", None):
        return IopError("cannot write the file (disk quota exceeded), expected room for it in the quota",
                        shown, 0, 0)
    if code in (errno.EACCES, errno.EPERM):
        return IopError(f"permission denied, expected a directory this user can write ({display_name(directory)})",
                        shown, 0, 0)
    if code in (errno.ENOENT, errno.ENOTDIR):
        return IopError(f"no such directory {display_name(directory)}, expected an existing directory", shown, 0, 0)
    if code == errno.EROFS:
        return IopError("cannot write the file (read-only file system), expected a writable path", shown, 0, 0)
    return IopError(f"cannot write the file ({exc.strerror or exc}), expected a writable path", shown, 0, 0)


def _check_target(target: bytes, shown: str, directory: bytes) -> os.stat_result | None:
    """The target's own lstat, or None when it does not exist; refuse what must not be replaced."""
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _write_error(exc, shown, directory) from None
    if stat.S_ISLNK(existing.st_mode):
        raise IopError("is a symbolic link, expected a regular file or a new file name (a link is refused, "
                       "not replaced)", shown, 0, 0)
    if stat.S_ISDIR(existing.st_mode):
        raise IopError("is a directory, expected a file name to write", shown, 0, 0)
    if not stat.S_ISREG(existing.st_mode):
        raise IopError(f"not a regular file ({file_kind(existing.st_mode)}), expected a regular file or a new "
                       "file name", shown, 0, 0)
    return existing


def _write_all(fd: int, payload: bytes) -> None:
    """os.write may write less than asked; loop until everything is written."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view = view[written:]


def _sync_directory(directory: bytes) -> None:
    """Make the rename itself durable; not every platform or file system allows it, so it is best effort."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(directory, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _replacing(path: PathArg, protect: Iterable[PathArg]) -> Iterator[int]:
    """A new file's descriptor beside `path`, renamed over it when the block ends without an error.

    Both writers below share it, so they refuse and guarantee the same things: the target is
    complete or untouched, the temporary file never outlives a failure (KeyboardInterrupt included),
    and every OSError becomes one line naming the file.
    """
    shown = display_name(path)
    target = os.fsencode(path)
    directory = os.path.dirname(os.path.abspath(target))
    existing = _check_target(target, shown, directory)
    _refuse_protected(target, existing, protect, shown)
    mode = 0o666 & ~current_umask()
    temp: bytes | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=directory)
        try:
            os.fchmod(fd, mode)
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
        temp = None
    except OSError as exc:  # a write inside the block (disk full), the sync, the close or the rename
        raise _write_error(exc, shown, directory) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _sync_directory(directory)


@contextlib.contextmanager
def open_atomically(path: PathArg, protect: Iterable[PathArg] = ()) -> Iterator[IO[str]]:
    """A text file (UTF-8, no newline translation) that becomes `path` when the block ends without an error.

    The streaming form of `write_atomically`: a renderer writes a report of any size without
    holding it in memory, and the target is complete or untouched.
    """
    with _replacing(path, protect) as fd, open(fd, "w", encoding="utf-8", newline="", closefd=False) as text:
        yield text


def write_atomically(path: PathArg, data: str | bytes, protect: Iterable[PathArg] = ()) -> None:
    """Write `data` (text as UTF-8) to `path` so that it is complete or untouched, never partial.

    `protect` names the inputs of the run (agreements, rulesets, baseline, calendar): `-o` naming
    one of them would destroy it, so it is refused.  An existing target must be a regular file: a
    symbolic link, FIFO, device or directory is refused rather than replaced.  The new file gets
    0666 minus the umask, as from any other tool (mkstemp alone would leave it 0600).  Paths are
    handled as bytes, so a file name that is not UTF-8 works.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    with _replacing(path, protect) as fd:
        _write_all(fd, payload)
