"""safeio: what a hostile or unlucky path does to reading inputs and writing reports."""
from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from iop_rules.errors import IopError
from iop_rules.safeio import _escape, display_name, read_regular_file, read_text_limited, write_atomically

WHAT = "an agreement file"
LIMIT = 2 * 1024 * 1024
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Hung(BaseException):
    """Raised by the deadline; not an OSError, so the code under test cannot swallow it."""


@contextlib.contextmanager
def deadline(seconds: float = 2.0) -> Iterator[None]:
    """Fail, rather than hang the suite, when a call blocks (on a FIFO, on /dev/zero)."""
    def expire(signum: int, frame: object) -> None:
        raise Hung(f"still blocked after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(path: object, limit: int = LIMIT) -> IopError:
    with deadline(), pytest.raises(IopError) as info:
        read_regular_file(path, limit, WHAT)  # type: ignore[arg-type]
    error = info.value
    assert (error.line, error.column) == (0, 0)
    str(error).encode("utf-8")  # printable on a UTF-8 stderr
    return error


def listing(directory: Path) -> list[bytes]:
    return sorted(os.listdir(os.fsencode(directory)))


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes asked of every os.read from now on."""
    asked: list[int] = []
    real_read = os.read

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)
    monkeypatch.setattr(os, "read", read)
    return asked


# --- reading -----------------------------------------------------------------------------------------------------

def test_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: x\n" * 50_000)  # several chunks
    assert read_regular_file(path, LIMIT, WHAT) == b"id: x\n" * 50_000


def test_fifo_is_refused_promptly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    error = refused(fifo)
    assert error.message == "not a regular file (a FIFO), expected an agreement file"


def test_fifo_swapped_in_after_the_check_is_caught_by_fstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real_stat = os.stat
    looks_regular = os.stat_result((stat.S_IFREG | 0o644, *real_stat(fifo)[1:]))
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: looks_regular if p == fifo else real_stat(p, *a, **k))
    assert refused(fifo).message == "not a regular file (a FIFO), expected an agreement file"


def test_dev_zero_is_refused_without_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    reads = record_reads(monkeypatch)
    assert refused("/dev/zero").message == "not a regular file (a character device), expected an agreement file"
    assert reads == []


def test_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    link = tmp_path / "agreement.yaml"
    link.symlink_to("/dev/zero")
    assert "(a character device)" in refused(link).message


def test_symlink_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"id: x\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert read_regular_file(tmp_path / "link.yaml", LIMIT, WHAT) == b"id: x\n"


def test_broken_symlink_is_reported_as_such(tmp_path: Path) -> None:
    link = tmp_path / "agreement.yaml"
    link.symlink_to("gone.yaml")
    assert refused(link).message == ("broken symbolic link (to gone.yaml, which does not exist), "
                                     "expected an agreement file")


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.yaml").message == "no such file, expected an agreement file"


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    assert refused(tmp_path / "a").message.startswith("symbolic link loop")


def test_directory(tmp_path: Path) -> None:
    assert refused(tmp_path).message == "is a directory, expected an agreement file"


def test_socket(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert refused(path).message == "not a regular file (a socket), expected an agreement file"


def test_over_the_limit_is_refused_and_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 11)
    assert refused(path, limit=10).message == "larger than 10 bytes, expected an agreement file of at most 10 bytes"
    assert read_regular_file(path, 11, WHAT) == b"x" * 11


def test_huge_sparse_file_is_refused_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(8 * 1024 * 1024 * 1024)
    assert refused(path).message == "larger than 2 MB, expected an agreement file of at most 2 MB"


def test_read_is_bounded_even_when_stat_says_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    proc = "/proc/self/status"  # a regular file whose st_size is 0 but which has content
    if not os.path.exists(proc) or os.stat(proc).st_size != 0:
        pytest.skip("no /proc file with a zero size here")
    asked = record_reads(monkeypatch)
    assert refused(proc, limit=16).message.startswith("larger than 16 bytes")
    assert sum(asked) <= 17


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: x\n")

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "open", deny)
    assert refused(path).message == "permission denied, expected an agreement file this user can read"


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: x\n")
    path.chmod(0)
    try:
        assert refused(path).message.startswith("permission denied")
    finally:
        path.chmod(0o600)


def test_non_utf8_and_control_characters_in_a_name_are_escaped(tmp_path: Path) -> None:
    missing = os.path.join(os.fsdecode(tmp_path), os.fsdecode(b"r\xe9sultat\n.yaml"))
    error = refused(missing)
    assert error.path.endswith("r\\xe9sultat\\x0a.yaml")
    assert "\n" not in str(error)
    assert display_name(b"a\xe2\x80\xaeb") == "a\\u202eb"  # a bidi override cannot reorder the message


def test_text_is_decoded_strictly(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffnamn: Malmö\n".encode())
    assert read_text_limited(path, LIMIT, WHAT) == "namn: Malmö\n"
    path.write_bytes(b"\xef\xbb\xbfid: x\nnamn: Malm\xf6\n")
    with pytest.raises(IopError) as info:
        read_text_limited(path, LIMIT, WHAT)
    assert info.value.message == "not UTF-8 at byte 19 (0xf6), expected UTF-8 text"
    assert (info.value.line, info.value.column) == (2, 11)


# --- writing -----------------------------------------------------------------------------------------------------

def test_write_creates_the_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomically(target, "{\"tid\": \"Malmö stad\"}\n")
    assert target.read_text(encoding="utf-8") == "{\"tid\": \"Malmö stad\"}\n"
    write_atomically(target, b"\x00binary")
    assert target.read_bytes() == b"\x00binary"
    assert listing(tmp_path) == [b"report.json"]


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:1])))
    write_atomically(tmp_path / "r.txt", "abcdef")
    assert (tmp_path / "r.txt").read_text() == "abcdef"


@pytest.mark.parametrize("alias", ["same", "dot", "symlink", "hardlink"])
def test_target_that_is_an_input_is_refused(tmp_path: Path, alias: str) -> None:
    source = tmp_path / "agreement.yaml"
    original = b"id: lund\nparter: []\n"
    source.write_bytes(original)
    protect = {"same": str(source), "dot": str(tmp_path / "sub" / ".." / "agreement.yaml")}.get(alias, str(source))
    target = source
    if alias == "symlink":  # the input was named through a link; -o names the file itself
        (tmp_path / "via-link.yaml").symlink_to(source)
        protect = str(tmp_path / "via-link.yaml")
    if alias == "hardlink":
        target = tmp_path / "other-name.yaml"
        os.link(source, target)
    with pytest.raises(IopError) as info:
        write_atomically(target, "report", protect=[protect])
    assert info.value.message.startswith("would overwrite the input ")
    assert source.read_bytes() == original


def test_new_target_equal_to_a_missing_input_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IopError):
        write_atomically(tmp_path / "calendar.ics", "x", protect=[str(tmp_path / "." / "calendar.ics")])
    assert listing(tmp_path) == []


def test_target_that_is_not_an_input_is_written(tmp_path: Path) -> None:
    (tmp_path / "agreement.yaml").write_text("id: x\n")
    write_atomically(tmp_path / "report.json", "{}", protect=[str(tmp_path / "agreement.yaml")])
    assert (tmp_path / "report.json").read_text() == "{}"


@pytest.mark.parametrize("dangling", [False, True])
def test_target_symlink_is_refused_and_unchanged(tmp_path: Path, dangling: bool) -> None:
    pointee = tmp_path / "elsewhere.json"
    if not dangling:
        pointee.write_text("keep")
    link = tmp_path / "report.json"
    link.symlink_to(pointee)
    with pytest.raises(IopError) as info:
        write_atomically(link, "new")
    assert info.value.message.startswith("is a symbolic link, expected a regular file or a new file name")
    assert link.is_symlink() and os.readlink(link) == str(pointee)
    assert dangling or pointee.read_text() == "keep"
    assert len(listing(tmp_path)) == (1 if dangling else 2)


def test_target_fifo_is_refused_promptly(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    with deadline(), pytest.raises(IopError) as info:
        write_atomically(fifo, "new")
    assert info.value.message == "not a regular file (a FIFO), expected a regular file or a new file name"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == [b"report.json"]


def test_target_character_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot create a character device here (the FIFO test covers the rule)")
    with pytest.raises(IopError) as info:
        write_atomically(device, "new")
    assert "(a character device)" in info.value.message
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_target_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IopError) as info:
        write_atomically(tmp_path, "new")
    assert info.value.message == "is a directory, expected a file name to write"


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(IopError) as info:
        write_atomically(tmp_path / "no" / "r.json", "x")
    assert info.value.message.startswith("no such directory ")


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
@pytest.mark.parametrize("exists", [False, True])
def test_umask_is_honoured(tmp_path: Path, mask: int, exists: bool) -> None:
    target = tmp_path / "report.json"
    if exists:
        target.write_text("old")
        target.chmod(0o600 if mask != 0o077 else 0o644)
    previous = os.umask(mask)
    try:
        write_atomically(target, "new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~mask


@pytest.mark.parametrize(("name", "failure"), [
    ("write", OSError(errno.ENOSPC, "No space left on device")),
    ("write", KeyboardInterrupt()),
    ("fsync", OSError(errno.EIO, "Input/output error")),
    ("replace", OSError(errno.EXDEV, "Invalid cross-device link")),
])
def test_failure_leaves_no_temp_file_and_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             name: str, failure: BaseException) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report")

    def fail(*args: object, **kwargs: object) -> None:
        raise failure
    monkeypatch.setattr(os, name, fail)
    expected = KeyboardInterrupt if isinstance(failure, KeyboardInterrupt) else IopError
    with pytest.raises(expected) as info:
        write_atomically(target, "new report " * 1000)
    monkeypatch.undo()
    assert target.read_text() == "old report"
    assert listing(tmp_path) == [b"report.json"]
    if isinstance(failure, OSError) and failure.errno == errno.ENOSPC:
        assert isinstance(info.value, IopError)
        assert info.value.message == "cannot write the file (no space left on device), expected room for it on the disk"


def test_non_utf8_file_name_is_written_and_read_back(tmp_path: Path) -> None:
    raw_name = b"r\xe9sultat.json"
    target = os.path.join(os.fsdecode(tmp_path), os.fsdecode(raw_name))
    try:
        write_atomically(target, "{\"ok\": true}")
    except IopError as exc:
        if "Illegal byte sequence" in exc.message or "Invalid argument" in exc.message:
            pytest.skip("this file system refuses names that are not UTF-8")
        raise
    assert listing(tmp_path) == [raw_name]
    assert read_text_limited(target, LIMIT, WHAT) == "{\"ok\": true}"
    assert read_regular_file(os.fsencode(target), LIMIT, WHAT) == b"{\"ok\": true}"
    with pytest.raises(IopError) as info:
        write_atomically(target, "x", protect=[target])
    str(info.value).encode("utf-8")
    assert "r\\xe9sultat.json" in info.value.message and "r\\xe9sultat.json" in info.value.path


_NAMES = (st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))
          | st.binary().map(lambda raw: raw.replace(b"\x00", b"").decode("utf-8", "surrogateescape")))  # names as the OS gives them


@given(_NAMES)
def test_a_printable_name_is_shown_as_it_is_and_any_other_char_by_char(name: str) -> None:
    # the shortcut for printable names must show exactly what escaping every character would
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    assert display_name(name) == "".join(_escape(char) for char in text)
