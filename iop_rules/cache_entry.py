"""One result-cache entry: an agreement's report laid out so that a warm run reads only what it shows.

A warm audit needs an agreement's summary and its counts of verdicts (for the portfolio and the
closing line) and, for the JSON and text formats, the agreement's part of the output -- which
cannot have changed, since everything it is made from is in the key.  So an entry holds, each
in its own section: the small head (id, path, rulesets, summary, counts), the pickled results,
and the JSON and text renderings the runs that read it have shown (a run in another format or
language adds its own, once).  The results are unpickled only when something reads them
(another format, a baseline, `-v`); the renderings are copied as they are.

Layout: MAGIC, the entry's own key, a table of the sections' lengths, a CRC-32 of everything after
the key, then the sections.  The CRC finds a damaged or truncated entry; the key, an entry copied
under another name; the restricted unpickler (cache.py), a planted payload.
"""
from __future__ import annotations

import functools
import io
import pickle
import struct
import zlib
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Callable, Iterator, overload

from .render import PARTS, Prerendered, agreement_parts, stored_part
from .results import CountedResults, Counts, count

if TYPE_CHECKING:
    from .results import AgreementReport, Result

MAGIC = b"iop-rules result cache 2\n"
_KEY = 32


@functools.lru_cache(maxsize=1)
def sections() -> tuple[str, ...]:
    from .messages import LANGS
    return ("head", "results", *(f"{fmt}:{lang}" for fmt in PARTS for lang in LANGS))


def _table() -> struct.Struct:
    return struct.Struct(f"<{len(sections())}I")


def lacking(results: Sequence[Result], renderings: Sequence[str]) -> tuple[str, ...]:
    """Of the outputs a run shows, those an entry can keep but these stored results do not have."""
    if not isinstance(results, StoredResults):
        return ()
    return tuple(r for r in renderings if r in sections()[2:] and r not in results.kept())


def rendered(results: Sequence[Result], fmt: str, lang: str) -> str | None:
    """The stored `fmt` output of the agreement these results are, if they come from an entry unchanged."""
    return stored_part(results, fmt, lang)


class StoredResults(CountedResults, Prerendered):
    """An agreement's results as an entry holds them: unpickled on first use, counted and rendered without it.

    A report whose results are replaced (a baseline marks them) gets a plain tuple, and with it
    loses the stored renderings, which would no longer be its output.
    """

    def __init__(self, entry: bytes, spans: dict[str, tuple[int, int]], counts: Counts,
                 decode: Callable[[bytes], tuple[Result, ...]]) -> None:
        self.entry, self._spans, self.counts, self._decode = entry, spans, counts, decode
        self._results: tuple[Result, ...] | None = None

    def kept(self) -> tuple[str, ...]:
        """The renderings this entry holds."""
        return tuple(name for name in self._spans if name != "results")

    def rendered(self, fmt: str, lang: str) -> str | None:
        """This agreement's part of the `fmt` output in `lang`, as the renderer wrote it when the entry was made."""
        span = self._spans.get(f"{fmt}:{lang}")
        return str(memoryview(self.entry)[span[0]:span[1]], "utf-8") if span is not None else None

    def _all(self) -> tuple[Result, ...]:
        if self._results is None:
            start, end = self._spans["results"]
            self._results = self._decode(self.entry[start:end])
        return self._results

    @overload
    def __getitem__(self, index: int) -> Result: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Result]: ...

    def __getitem__(self, index: int | slice) -> Result | Sequence[Result]:
        return self._all()[index]

    def __len__(self) -> int:
        return sum(n for _, n in self.counts[0])

    def __iter__(self) -> Iterator[Result]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (StoredResults, tuple)):
            return self._all() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the entry it was read from, not as the results decoded from it."""
        return (_restore, (self.entry,))


def _restore(entry: bytes) -> StoredResults:
    from .cache import stored_report
    report = stored_report(entry)
    assert isinstance(report.results, StoredResults)  # it was one when pickled
    return report.results


def encode(key: bytes, report: AgreementReport, renderings: Collection[str] | None = None) -> bytes:
    """The entry for `report`: its head, its results pickled, and its JSON and text output.

    `renderings` names the outputs the run will show (`json:sv`, `text:en`); only those are kept,
    so an entry is not four renderings' size when a run shows one (None: all).  A section left
    empty is absent: a run that wants it renders from the results.
    """
    from .messages import LANGS
    results = tuple(report.results)
    head = (report.id, report.path, report.rulesets, report.citations, report.summary, report.in_force, count(results))
    parts = [pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL), pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)]
    wanted = set(sections()[2:]) if renderings is None else set(renderings)
    for fmt in PARTS:
        langs = tuple(lang for lang in LANGS if f"{fmt}:{lang}" in wanted)
        written = dict(zip(langs, agreement_parts(report, fmt, langs))) if langs else {}
        parts += [written[lang].encode("utf-8") if lang in written else b"" for lang in LANGS]
    body = _table().pack(*map(len, parts)) + b"".join(parts)
    return MAGIC + key + struct.pack("<I", zlib.crc32(body)) + body


def decode(data: bytes, key: bytes, unpickle: Callable[[io.BytesIO], Any],
           decode_results: Callable[[bytes], tuple[Result, ...]]) -> AgreementReport | None:
    """The report an entry holds, its results left pickled; None when the entry is not this key's or not whole."""
    start = len(MAGIC) + _KEY + 4
    if (len(data) < start or not data.startswith(MAGIC) or data[len(MAGIC):len(MAGIC) + _KEY] != key
            or struct.unpack_from("<I", data, start - 4)[0] != zlib.crc32(memoryview(data)[start:])):
        return None
    return parse(data, unpickle, decode_results)


def parse(data: bytes, unpickle: Callable[[io.BytesIO], Any],
          decode_results: Callable[[bytes], tuple[Result, ...]]) -> AgreementReport | None:
    """The report of an entry already checked (by `decode`, before it went into an audit's spool)."""
    from .results import AgreementReport
    from .summary import AgreementSummary
    offset, table = len(MAGIC) + _KEY + 4, _table()
    if len(data) < offset + table.size:
        return None
    lengths = table.unpack_from(data, offset)
    offset += table.size
    if offset + sum(lengths) != len(data):
        return None
    spans = {}
    for name, length in zip(sections(), lengths):
        if length or name in ("head", "results"):  # an empty rendering was not kept (see `encode`)
            spans[name] = (offset, offset + length)
        offset += length
    try:
        start, end = spans.pop("head")
        report_id, path, rulesets, citations, summary, in_force, counts = unpickle(io.BytesIO(data[start:end]))
    except Exception:  # noqa: BLE001 - whatever a damaged or foreign head raises, it is a miss
        return None
    if not (isinstance(report_id, str) and isinstance(path, str) and isinstance(summary, AgreementSummary)
            and isinstance(counts, tuple) and len(counts) == 3):
        return None
    results = StoredResults(data, spans, counts, decode_results)
    return AgreementReport(report_id, path, rulesets, citations, results, summary, in_force)  # type: ignore[arg-type]
