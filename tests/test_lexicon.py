"""The Swedish vocabulary of `extract`, phrasing by phrasing: one sentence, the draft fragment it gives.

Adding a phrasing is one line in `iop_rules/extract/lexicon.py` and one line in TABLE below.  Each
sentence is read after the same opening line (an agreement between Lunds kommun and Föreningen Bro,
so "kommunen" and "föreningen" name parties); the fragment is a few dotted paths into the draft and
the value each must have (`None`: the path must be absent).
"""
from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from iop_rules.extract import extract_lines
from iop_rules.extract.lexicon import alt, parse_number_word

OPENING = ["Överenskommelse om idéburet offentligt partnerskap mellan Lunds kommun och Föreningen Bro.", ""]

TABLE: list[tuple[str, dict[str, Any]]] = [
    # payment verbs
    ("Kommunen betalar 100 000 kronor per år.", {"funding.0.amount": 100_000, "funding.0.per": "year"}),
    ("Kommunen ersätter föreningen med 1 150 kronor per plats och dygn.",
     {"funding.0.amount": 1150, "funding.0.per": "place", "funding.0.basis": "service"}),
    ("Kommunen bidrar ekonomiskt med 1,3 mnkr årligen.", {"funding.0.amount": 1_300_000, "funding.0.per": "year"}),
    ("Kommunen tillskjuter 125 000 kronor för avtalsperioden.", {"funding.0.amount": 125_000,
     "funding.0.per": "period"}),
    ("Föreningen beviljas 80 000 kronor per år av kommunen.", {"funding.0.amount": 80_000,
     "funding.0.payer": "lunds-kommun"}),
    ("Kommunen betalar en grundersättning för driften om 2,1 mnkr per år.",
     {"funding.0.amount": 2_100_000, "funding.0.basis": "service"}),
    ("4.2 För varje placering betalar kommunen 38 500 kronor per placering.",
     {"funding.0.payer": "lunds-kommun", "funding.0.per": "placement", "funding.0.basis": "service"}),
    # numbers in words, units, caps, approximate amounts
    ("Kommunen bidrar med tvåhundratusen kronor per år.", {"funding.0.amount": 200_000}),
    ("Kommunen bidrar med trehundrafemtiotusen (350 000) kronor.", {"funding.0.amount": 350_000}),
    ("Kommunen bidrar med trehundrafemtiotusen (300 000) kronor.", {"funding": None}),
    ("Kommunen bidrar under hela perioden med upp till fyra miljoner kronor.",
     {"funding.0.amount": 4_000_000, "funding.0.cap": True}),
    ("Kommunen bidrar med högst 200 000 kr per år.", {"funding.0.cap": True}),
    ("Kommunen bidrar med cirka 95 000 kronor per år.", {"funding.0.approximate": True}),
    ("Kommunen bidrar med drygt 14 miljoner kronor årligen.",
     {"funding.0.amount": 14_000_000, "funding.0.approximate": True}),
    ("Kommunen bidrar med 60 000:- per år.", {"funding.0.amount": 60_000}),
    ("Kommunen bidrar med 350 tkr per år.", {"funding.0.amount": 350_000}),
    ("Kommunen bidrar med 45 000 kronor per termin.", {"funding.0.per": "half_year"}),
    ("Kommunen bidrar med 90 000 kronor per kvartal.", {"funding.0.per": "quarter"}),
    ("Kommunen bidrar med 500 kronor per deltagare.", {"funding.0.per": "participant"}),
    ("Kommunen bidrar med 2 000 kronor per vecka.", {"funding.0.per": "week"}),
    ("Om partnerskapet bidrar med 1,6 miljoner kronor är det lönsamt.", {"funding": None}),
    ("Kommunen upplåter lokaler i Folkets hus utan kostnad.", {"funding.0.kind": "in_kind",
     "funding.0.payer": "lunds-kommun"}),
    # period verbs, ordinal days, durations, years
    ("Partnerskapet löper fr.o.m. 2025-01-01 t.o.m. 2026-12-31.",
     {"period.start": "2025-01-01", "period.end": "2026-12-31"}),
    ("Partnerskapet varar från 2025-01-01 till och med 2026-12-31.", {"period.start": "2025-01-01",
     "period.end": "2026-12-31"}),
    ("Överenskommelsen gäller från och med den första mars 2025 till och med den sista februari 2027.",
     {"period.start": "2025-03-01", "period.end": "2027-02-28"}),
    ("Överenskommelsen gäller i tjugofyra månader från undertecknandet.", {"period.months": 24}),
    ("Det är en treårig överenskommelse.", {"period.months": 36}),
    ("Partnerskapet gäller 2015–2018.", {"period.first_year": 2015, "period.last_year": 2018}),
    ("Partnerskapet gäller under kalenderåret 2025.", {"period.first_year": 2025, "period.last_year": 2025}),
    # follow-up verbs and cadence words
    ("Föreningen ska återrapporteras senast 2025-06-30 i en delrapport.", {"follow_up.reports.0.due": "2025-06-30"}),
    ("Föreningen lämnar halvårsvis en lägesrapport.", {"follow_up.cadence.reports": 1,
     "follow_up.cadence.per": "half_year"}),
    ("Föreningen lämnar kvartalsvis en ekonomisk rapport.", {"follow_up.cadence.reports": 4}),
    ("Rapportering sker tertialvis.", {"follow_up.cadence.reports": 3, "follow_up.cadence.per": "year"}),
    ("Föreningen lämnar en rapport per termin.", {"follow_up.cadence.reports": 2, "follow_up.cadence.per": "year"}),
    ("Föreningen redovisar verksamheten [halvårsvis/årsvis – välj].", {"follow_up": None}),
    # extension phrasings
    ("Överenskommelsen kan förlängas med ett år åt gången.", {"extension.months": 12, "extension.open_ended": True}),
    ("Därefter förlängs den automatiskt med tolv (12) månader i taget om den inte sägs upp.",
     {"extension.months": 12, "extension.automatic": True, "extension.open_ended": True}),
    ("Avtalet gäller med möjlighet till förlängning utan angiven tidsbegränsning.", {"extension.open_ended": True}),
    ("Den kan efter beslut i nämnden förlängas en gång med högst tolv månader.",
     {"extension.months": 12, "extension.times": 1}),
    ("Avtalet förlängs inte.", {"extension": None}),
    # steering groups, clauses
    ("Ett partnerskapsråd med företrädare för båda parterna träffas två gånger per år.",
     {"follow_up.steering_group.meetings_per_year": 2, "follow_up.steering_group.members.1.party": "foreningen-bro"}),
    ("En styrgrupp med en företrädare för kommunen och en för föreningen möts fyra gånger per år.",
     {"follow_up.steering_group.members.0.party": "lunds-kommun",
      "follow_up.steering_group.members.1.party": "foreningen-bro"}),
    ("Kommunen får häva överenskommelsen om föreningen väsentligt åsidosätter sina åtaganden.",
     {"termination.breach.source":
      "Kommunen får häva överenskommelsen om föreningen väsentligt åsidosätter sina åtaganden."}),
    ("[Text om tvistlösning infogas efter juridisk granskning.]", {"termination": None}),
    ("Uppsägningstiden är tre (3) månader.", {"termination.notice.months": 3}),
    # market
    ("Boendet drevs tidigare efter avrop från kommunens ramavtal.", {"market.procured_before": True}),
    ("Delar av verksamheten bedrivs enligt LOV.", {"market.lov": True}),
    ("Verksamheten har inte upphandlats.", {"market": None}),
]


def _at(d: Any, path: str) -> Any:
    for key in path.split("."):
        if isinstance(d, list):
            d = d[int(key)] if key.isdigit() and int(key) < len(d) else None
        elif isinstance(d, dict):
            d = d.get(key)
        else:
            return None
    return d


@pytest.mark.parametrize(("sentence", "fragment"), TABLE, ids=[s[:50] for s, _ in TABLE])
def test_a_phrasing_gives_its_draft_fragment(sentence: str, fragment: dict[str, Any]) -> None:
    draft = yaml.safe_load(extract_lines([*OPENING, sentence], "lexikon"))
    for path, want in fragment.items():
        got = _at(draft, path)
        assert (str(got) if hasattr(got, "isoformat") else got) == want, (path, got)


@pytest.mark.parametrize(("word", "value"), [("tvåhundratusen", 200_000), ("trehundrafemtiotusen", 350_000),
                                             ("tjugofyra", 24), ("etthundra", 100), ("tusen", 1000),
                                             ("femtiotusen", 50_000), ("kronor", None), ("tre", 3)])
def test_numbers_in_words(word: str, value: int | None) -> None:
    assert parse_number_word(word) == value


def test_a_phrase_is_matched_as_written_and_a_star_inflects() -> None:
    assert re.fullmatch(alt(["står för"]), "står  för")
    assert re.fullmatch(alt(["beviljad*"]), "beviljade")
    assert not re.match(alt(["bidrar"]) + "$", "bidrarna")
