"""The agreement validator kept in the cache validates exactly as pydantic's own, or it is not used."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from iop_rules import cache as result_cache
from iop_rules import schema_cache
from iop_rules.model import Agreement
from tests.conftest import AGREEMENTS, run_cli

GOOD = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted(AGREEMENTS.glob("*.yaml"))]
BAD: list[Any] = [
    {},
    {"id": "Versaler"},
    {"id": "x", "parties": [{"id": "k", "role": "kommun", "name": ""}]},
    {"id": "x", "funding": [{"payer": "k", "kind": "cash", "amount": -5, "per": "decennium"}]},
    {"id": "x", "period": {"start": "2019-13-01", "months": 0}, "okänd": 1},
    {"id": "x", "commitments": [{"party": "k", "text": "t", "quantity": "tio"}], "signatures": "alla"},
    {"id": 7, "waivers": [{"rule": "iop", "reason": "r", "approved_by": "a", "expires": "snart"}]},
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No validator kept from an earlier test in this process."""
    monkeypatch.setattr(schema_cache, "_built", {})


def _outcome(validate: Any, data: Any) -> Any:
    try:
        return ("ok", validate(data).model_dump(mode="json"))
    except ValidationError as exc:
        return ("errors", exc.errors(include_url=False))


def _entry(folder: Path) -> Path:
    (entry,) = (folder / schema_cache.FOLDER).iterdir()
    return entry


def test_a_kept_validator_accepts_and_refuses_exactly_what_pydantic_does(tmp_path: Path, fresh: None) -> None:
    with schema_cache.reusing(tmp_path):
        schema_cache.validator(Agreement)  # built by pydantic and stored
    schema_cache._built.clear()
    with schema_cache.reusing(tmp_path):
        kept = schema_cache.validator(Agreement)  # read back from the entry
    assert kept is not Agreement.__pydantic_validator__
    for data in [*GOOD, *BAD]:
        assert _outcome(kept.validate_python, data) == _outcome(Agreement.model_validate, data)
    assert isinstance(kept.validate_python(GOOD[0]), Agreement)


def test_the_entry_is_read_instead_of_building(tmp_path: Path, fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with schema_cache.reusing(tmp_path):
        schema_cache.validator(Agreement)
    schema_cache._built.clear()

    def refuse(*_: Any) -> None:
        raise AssertionError("built again although an entry was there")
    monkeypatch.setattr(schema_cache, "_build_and_store", refuse)
    with schema_cache.reusing(tmp_path):
        assert schema_cache.validator(Agreement).validate_python(GOOD[0]) == Agreement.model_validate(GOOD[0])


@pytest.mark.parametrize("reference", [{"$model": "dt"}, {"$model": "Annotated"}, {"$builtin": "eval"}])
def test_a_damaged_or_planted_entry_is_built_again(tmp_path: Path, fresh: None, reference: dict[str, str]) -> None:
    with schema_cache.reusing(tmp_path):
        schema_cache.validator(Agreement)
    entry = _entry(tmp_path)
    data = entry.read_bytes()
    key = data[len(result_cache.MAGIC):len(result_cache.MAGIC) + 32]
    planted = json.dumps([{"type": "model", "cls": reference, "schema": {"type": "any"}}, {}, False]).encode()
    for damaged in (data[:-9], result_cache.MAGIC + key + hashlib.blake2b(planted, digest_size=32).digest() + planted):
        entry.write_bytes(damaged)
        schema_cache._built.clear()
        with schema_cache.reusing(tmp_path):
            validator = schema_cache.validator(Agreement)
        for case in [GOOD[0], *BAD]:
            assert _outcome(validator.validate_python, case) == _outcome(Agreement.model_validate, case)


def test_outside_reusing_pydantic_validates(tmp_path: Path, fresh: None) -> None:
    assert schema_cache.validator(Agreement) is Agreement.__pydantic_validator__
    assert not (tmp_path / schema_cache.FOLDER).exists()


def test_check_stores_the_validator_and_no_cache_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    one = AGREEMENTS / "lund-im-radrum-2019.yaml"
    fresh = run_cli("check", str(one), "--format", "json", "--no-cache")
    assert not (xdg / "iop-rules" / schema_cache.FOLDER).exists()
    runs = [run_cli("check", str(one), "--format", "json") for _ in range(2)]  # the first stores, the second reads
    assert len(list((xdg / "iop-rules" / schema_cache.FOLDER).iterdir())) == 1
    assert {(r.code, r.out, r.err) for r in runs} == {(fresh.code, fresh.out, fresh.err)}
