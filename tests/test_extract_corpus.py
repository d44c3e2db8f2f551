"""`iop-rules extract` on the independent corpus (`tests/data/extract/corpus/`), split once into two halves.

The development half may be read and tuned to; the test half is measured only in aggregate.  So no
assertion here ever shows a test-half text, truth, draft or per-text miss: its messages are counts.
"""
from __future__ import annotations

import hashlib

import pytest

from bench.extract_accuracy import (CORPUS, HALVES, PINNED, AgreementResult, corpus_half, corpus_texts, measure,
                                    summed, total)


@pytest.fixture(scope="module")
def results() -> dict[str, list[AgreementResult]]:
    return {half: measure(texts=corpus_texts(half)) for half in HALVES}


def test_the_split_is_the_fixed_rule_on_the_stem() -> None:
    assert corpus_half("x") == ("test" if int(hashlib.sha256(b"x").hexdigest(), 16) % 2 else "dev")
    stems = set()
    for half in HALVES:
        for path in (CORPUS / half).iterdir():
            assert corpus_half(path.stem) == half, f"a file stands in the wrong half: {half}"
            stems.add(path.stem)
            if path.suffix != ".yaml":
                assert path.with_suffix(".yaml").exists()
    assert not [p for p in CORPUS.iterdir() if p.is_file()], "every corpus file stands in dev/ or test/"
    assert len(stems) >= 40
    assert sum(len(corpus_texts(h)) for h in HALVES) == len(stems)


#: Rules on the test half that fail on the truth file and pass on the draft by a value the draft has.
#: The aim is none, as on the development half; the measured count is pinned so that it can only fall
#: (the test half is not read, so its cases are found by making the extractor stricter in general).
#: 3 on 61 texts; 4 since the half grew to 80; 3 on 97 texts (the code of the stop before gives 6 on them).
TEST_HALF_VALUE_FLIPS = 3


def test_no_draft_value_turns_a_failing_rule_into_a_pass(results) -> None:  # type: ignore[no-untyped-def]
    """A rule that fails on the truth file never passes on the draft because of a value the draft has:
    on the draft cut down to the values the truth confirms it no longer passes.

    (A rule that passes on what the draft lacks, e.g. "every party has an organisation number" on a
    draft that found one party, is the rules' reading of silence, counted apart by the bench.)"""
    dev = {r.id: sorted(r.by_values) for r in results["dev"] if r.by_values}
    assert dev == {}
    test = sum(len(r.by_values) for r in results["test"])
    assert test <= TEST_HALF_VALUE_FLIPS, f"{test} rules on the test half pass on the draft by a value it has"


#: Floors from the last measurement (precision, recall over the issue's fields): a change that lowers
#: either on either half fails here; raise them as the extractor improves.
FLOORS = {"dev": (0.985, 0.97), "test": (0.955, 0.805)}


@pytest.mark.parametrize("half", HALVES)
def test_accuracy_on_each_half_does_not_fall(results, half: str) -> None:  # type: ignore[no-untyped-def]
    overall = total(summed(results[half]), PINNED)
    floor_p, floor_r = FLOORS[half]
    assert overall.precision >= floor_p, f"{half}: precision {overall.precision:.1%}"
    assert overall.recall >= floor_r, f"{half}: recall {overall.recall:.1%}"
