"""The result cache: a cached report is the report a fresh check gives, byte for byte, or it is not used.

Each test has its own cache folder (XDG_CACHE_HOME), so no test sees another's entries and the
user's real cache is never touched.
"""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from iop_rules import cache as result_cache
from tests.conftest import AGREEMENTS, RULESETS, run_cli

AS_OF = "2026-11-22"


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped agreements, free to edit."""
    copy = tmp_path / "agreements"
    copy.mkdir()
    for f in AGREEMENTS.glob("*.yaml"):
        shutil.copy(f, copy / f.name)
    return copy


def entries(xdg: Path) -> list[Path]:
    return sorted(result_cache.entries(xdg / "iop-rules"))


def audit(path: Path, *extra: str) -> str:
    run = run_cli("audit", str(path), "--as-of", AS_OF, "--format", "json", "--jobs", "1", *extra)
    assert run.code in (0, 1), run.err
    return run.out


def test_cold_warm_and_corrupted_runs_print_the_same_bytes_as_no_cache(xdg: Path, folder: Path) -> None:
    fresh = audit(folder, "--no-cache")
    assert entries(xdg) == []  # --no-cache writes nothing either
    assert audit(folder) == fresh  # cold: computed, and stored
    stored = entries(xdg)
    assert len(stored) == len(list(folder.glob("*.yaml")))
    assert audit(folder) == fresh  # warm: read back
    damages = [lambda b: b[: len(b) // 2], lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b"", lambda b: os.urandom(len(b))]
    for entry, damage in zip(stored, damages * 2):
        entry.write_bytes(damage(entry.read_bytes()))
    assert audit(folder) == fresh  # corrupted: ignored and recomputed
    assert [result_cache._decode(e.read_bytes(), bytes.fromhex(e.name)) is not None for e in entries(xdg)] == [True] * len(stored)


def test_a_warm_run_reads_the_cache_instead_of_checking(xdg: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iop_rules import runner
    first = runner.check([str(folder)], "python", cache=xdg)
    expected = [(a.id, [(r.rule, r.verdict, r.message["sv"]) for r in a.results]) for a in first.agreements]

    def must_not_run(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("checked again although nothing changed")

    monkeypatch.setattr(runner, "check_loaded", must_not_run)
    again = runner.check([str(folder)], "python", cache=xdg)
    assert again.errors == []
    assert [(a.id, [(r.rule, r.verdict, r.message["sv"]) for r in a.results]) for a in again.agreements] == expected
    assert [a.results for a in again.agreements] == [a.results for a in first.agreements]


def test_an_edited_agreement_is_checked_again(xdg: Path, folder: Path) -> None:
    audit(folder)
    target = folder / "lund-im-radrum-2019.yaml"
    text = target.read_text(encoding="utf-8")
    assert "    name: Individuell människohjälp\n" in text
    target.write_text(text.replace("    name: Individuell människohjälp\n", "    name: Människohjälpen\n", 1), encoding="utf-8")
    after = audit(folder)
    assert "Människohjälpen" in after
    assert after == audit(folder, "--no-cache")


def test_an_edited_ruleset_is_applied_not_the_cached_results(xdg: Path, folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rulesets"
    shutil.copytree(RULESETS, rules)
    own = ("--rulesets-dir", str(rules), "--no-shipped-rulesets")
    before = audit(folder, *own)
    core = rules / "iop-core.yaml"
    text = core.read_text(encoding="utf-8")
    assert '    citation: "SKL 2017, definitionen' in text
    core.write_text(text.replace('    citation: "SKL 2017, definitionen', '    citation: "ÄNDRAD, definitionen', 1), encoding="utf-8")
    after = audit(folder, *own)
    assert after != before and "ÄNDRAD" in after
    assert after == audit(folder, *own, "--no-cache")


@pytest.mark.parametrize("changed", [("--as-of", "2019-06-01"), ("--no-waivers",), ("--ruleset", "iop-core"), ("--engine", "python")])
def test_every_option_that_changes_a_result_is_part_of_the_key(xdg: Path, folder: Path, changed: tuple[str, ...]) -> None:
    audit(folder)
    args = list(changed)
    if "--as-of" in args:  # it replaces the default date
        run = run_cli("audit", str(folder), *args, "--format", "json", "--jobs", "1")
        fresh = run_cli("audit", str(folder), *args, "--format", "json", "--jobs", "1", "--no-cache")
        assert run.out == fresh.out
    else:
        assert audit(folder, *args) == audit(folder, *args, "--no-cache")


def test_a_renamed_entry_is_foreign_and_never_used(xdg: Path, folder: Path) -> None:
    fresh = audit(folder, "--no-cache")
    audit(folder)
    stored = entries(xdg)
    donor = stored[0].read_bytes()
    for entry in stored[1:]:
        entry.write_bytes(donor)  # a well-formed entry, under another file's key
    assert audit(folder) == fresh


def test_a_planted_entry_is_not_run(xdg: Path, folder: Path, tmp_path: Path) -> None:
    """An entry with a correct header and checksum whose payload would run a command is refused, not unpickled."""
    fresh = audit(folder, "--no-cache")
    audit(folder)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    for entry in entries(xdg):
        key = bytes.fromhex(entry.name)
        payload = pickle.dumps(Evil())
        import hashlib
        entry.write_bytes(result_cache.MAGIC + key + hashlib.blake2b(payload, digest_size=32).digest() + payload)
    assert audit(folder) == fresh
    assert not marker.exists()


def test_an_unwritable_cache_makes_a_run_slower_not_different(xdg: Path, folder: Path) -> None:
    xdg.mkdir()
    (xdg / "iop-rules").write_text("not a folder", encoding="utf-8")
    fresh = audit(folder, "--no-cache")
    assert audit(folder) == fresh
    assert audit(folder) == fresh


def test_cache_dir_and_clear(xdg: Path, folder: Path) -> None:
    shown = run_cli("cache", "dir")
    assert shown.code == 0 and shown.out == f"{xdg / 'iop-rules'}\n"
    audit(folder)
    assert entries(xdg)
    cleared = run_cli("cache", "clear")
    assert cleared.code == 0 and cleared.out.startswith(f"removed {len(list(folder.glob('*.yaml')))} cached results (")
    assert entries(xdg) == []
    (xdg / "iop-rules" / "results-1" / "ab").mkdir(parents=True)  # an older layout's folder goes too
    run_cli("check", str(next(folder.glob("*.yaml"))))  # keeps a library and a schema entry
    assert run_cli("cache", "clear").out.startswith("removed 1 cached results")
    assert not (xdg / "iop-rules").exists()  # nothing of ours is left, so neither is the folder


def test_a_broken_file_is_reported_the_same_and_not_cached(xdg: Path, folder: Path) -> None:
    (folder / "trasig.yaml").write_bytes(b"id: [unclosed\n")
    (folder / "latin1.yaml").write_bytes("id: å\n".encode("latin-1"))
    first = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "1")
    second = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "1")
    fresh = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "1", "--no-cache")
    assert (first.code, first.out, first.err) == (second.code, second.out, second.err) == (fresh.code, fresh.out, fresh.err)
    assert "trasig.yaml" in fresh.err and "latin1.yaml" in fresh.err
    assert len(entries(xdg)) == len(list(folder.glob("*.yaml"))) - 2


def test_two_workers_fill_and_read_the_cache_alike(xdg: Path, folder: Path) -> None:
    fresh = audit(folder, "--no-cache")
    for _ in range(2):
        run = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "2")
        assert run.out == fresh
    (folder / "lund-im-radrum-2019.yaml").write_text(
        (folder / "lund-im-radrum-2019.yaml").read_text(encoding="utf-8") + "\n# en kommentar\n", encoding="utf-8")
    run = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "2")  # one miss among hits
    assert run.out == fresh


# ---- the ruleset library ------------------------------------------------------------

def _library_entries(xdg: Path) -> list[Path]:
    return sorted((xdg / "iop-rules" / result_cache.LIBRARIES).glob("*"))


def test_the_cached_library_documents_and_checks_like_the_parsed_one(xdg: Path, folder: Path) -> None:
    fresh = [run_cli("rules", "list", "--lang=en").out]  # the first run parses the rulesets and stores the library
    assert _library_entries(xdg), "a rules run stores the library"
    assert run_cli("rules", "list", "--lang=en").out == fresh[0]
    check = run_cli("check", str(folder), "--format", "json", "--as-of", AS_OF)
    assert check.out == run_cli("check", str(folder), "--format", "json", "--as-of", AS_OF, "--no-cache").out


def test_a_damaged_or_planted_library_entry_is_parsed_again(xdg: Path, folder: Path, tmp_path: Path) -> None:
    import hashlib
    fresh = audit(folder, "--no-cache")
    audit(folder)
    (entry,) = _library_entries(xdg)
    key = bytes.fromhex(entry.name)
    entry.write_bytes(entry.read_bytes()[:-7])
    assert audit(folder) == fresh
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Evil())
    entry.write_bytes(result_cache.MAGIC + key + hashlib.blake2b(payload, digest_size=32).digest() + payload)
    for entry in entries(xdg):  # every report must be rebuilt from the library
        entry.unlink()
    assert audit(folder) == fresh
    assert not marker.exists()


def test_a_broken_ruleset_is_reported_and_never_stored(xdg: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rulesets"
    shutil.copytree(RULESETS, rules)
    core = rules / "iop-core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("severity: error", "severity: ödesdiger", 1), encoding="utf-8")
    own = ("--rulesets-dir", str(rules), "--no-shipped-rulesets")
    runs = [run_cli("check", str(AGREEMENTS), *own, *extra) for extra in ((), (), ("--no-cache",))]
    assert runs[0].code == 2 and "iop-core.yaml" in runs[0].err
    assert len({(r.code, r.out, r.err) for r in runs}) == 1
    assert _library_entries(xdg) == []


def test_an_entry_damaged_after_the_lookup_is_checked_where_it_is_read(tmp_path: Path, folder: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    from iop_rules.audit import AuditOptions, run_audit
    options = AuditOptions(as_of=dt.date(2026, 11, 22), jobs=1, engine="python", cache=str(tmp_path / "cache"))
    first = list(run_audit([str(folder)], options).agreements)
    assert len(first) == 5
    monkeypatch.setattr(result_cache.ResultCache, "get", lambda self, key: None)  # present when looked up, unusable when read
    other = AuditOptions(as_of=dt.date(2026, 11, 22), jobs=1, engine="python", cache=str(tmp_path / "cache"))
    assert list(run_audit([str(folder)], other).agreements) == first


def test_check_on_many_files_reads_and_fills_the_same_cache(xdg: Path, folder: Path) -> None:
    def check(*extra: str) -> tuple[int, str, str]:
        run = run_cli("check", str(folder), "--format", "json", "--as-of", AS_OF, *extra)
        return run.code, run.out, run.err
    fresh = check("--no-cache")
    assert entries(xdg) == []
    assert check() == fresh
    assert len(entries(xdg)) == len(list(folder.glob("*.yaml")))
    for entry in entries(xdg):
        entry.write_bytes(entry.read_bytes()[:100])
    assert check() == fresh == check()


def test_an_entry_keeps_only_the_outputs_its_run_showed_and_serves_any_other(xdg: Path, folder: Path) -> None:
    """An entry is not four renderings' size when a run shows one; another format or language renders from the results."""
    from iop_rules import cache_entry
    text_en = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "text", "--lang", "en", "--jobs", "1", "--no-cache")
    assert audit(folder) == audit(folder, "--no-cache")  # fills the cache from a JSON run in Swedish
    entry = entries(xdg)[0]
    key = bytes.fromhex(entry.name)
    report = result_cache._decode(entry.read_bytes(), key)
    assert report is not None and cache_entry.rendered(report.results, "json", "sv") is not None
    assert cache_entry.rendered(report.results, "json", "en") is None and cache_entry.rendered(report.results, "text", "sv") is None
    assert len(cache_entry.encode(key, report)) > 1.5 * entry.stat().st_size  # all four renderings
    warm_other = run_cli("audit", str(folder), "--as-of", AS_OF, "--format", "text", "--lang", "en", "--jobs", "1")
    assert (warm_other.code, warm_other.out) == (text_en.code, text_en.out)
