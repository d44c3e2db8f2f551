"""Parties, contacts and signatures in house styles the corpus's development half does not have: how a
small municipality, a region, a stadsdelsförvaltning and a hembygdsförening each write them.

Each text is written here, in full, the way such a document is laid out; the draft is read as a user reads
it (names, parties, offices, places and dates), and a memo's own signers must never become the agreement's.
"""
from __future__ import annotations

from typing import Any

import yaml

from iop_rules.extract import extract_lines


def _draft(text: str) -> dict[str, Any]:
    return yaml.safe_load(extract_lines(text.split("\n"), "stil")) or {}


def _names(draft: dict[str, Any]) -> list[str]:
    return [p["name"] for p in draft.get("parties", [])]


def _people(draft: dict[str, Any], key: str, *fields: str) -> list[tuple[Any, ...]]:
    return [tuple(x.get(k) for k in fields) for x in draft.get(key, [])]


def test_a_memo_signed_by_its_officials_records_no_signature_but_says_who_signed() -> None:
    """Convention 15: the förvaltningschef signs the tjänsteskrivelse, not the agreement it proposes."""
    text = ("Tjänsteskrivelse 2026-02-10\nSocialnämnden i Gällivare kommun\n\n"
            "Idéburet offentligt partnerskap med Malmbergets hembygdsförening\n\n"
            "Förslag till beslut\nSocialnämnden godkänner överenskommelsen med Malmbergets hembygdsförening, "
            "org.nr 897600-1234, för perioden 2026-04-01 till 2027-12-31.\n\n"
            "Ärendet\nFöreningen driver en träffpunkt för äldre i Malmberget sedan 2019 och har sökt ett partnerskap.\n\n"
            "Socialförvaltningen\n\nKarin Lantto\nFörvaltningschef\n\nNiklas Rova\nEnhetschef äldreomsorg")
    draft = _draft(text)
    assert "signatures" not in draft
    assert "Karin Lantto, Niklas Rova undertecknar tjänsteskrivelsen" in extract_lines(text.split("\n"), "stil")


def test_a_regions_party_lines_run_together_are_two_parties() -> None:
    text = ("Överenskommelse om idéburet offentligt partnerskap\n\nParter\n"
            "Region Skåne (232100-0255), genom regionala utvecklingsnämnden Stiftelsen Hem för Alla i Skåne (802012-3456)\n\n"
            "Bakgrund\nStiftelsen har sedan 2015 erbjudit boende och stöd till unga vuxna i hemlöshet i Skåne.")
    draft = _draft(text)
    assert _names(draft) == ["Region Skåne", "Stiftelsen Hem för Alla i Skåne"]
    assert [p.get("org_number") for p in draft["parties"]] == ["232100-0255", "802012-3456"]


def test_a_name_written_short_in_the_heading_is_the_full_name_its_number_stands_after() -> None:
    text = ("Tjänsteskrivelse\n\nIdéburet offentligt partnerskap med Byalaget Sörbo\n\n"
            "Förslag till beslut\nKultur- och fritidsnämnden i Ydre kommun ingår ett idéburet offentligt partnerskap "
            "med Byalaget Sörbo om bygdegården.\n\n"
            "Ärendet\nByalaget Sörbo Ekonomiska Förening, organisationsnummer 769611-2233, driver bygdegården sedan 1998.")
    draft = _draft(text)
    assert "Byalaget Sörbo Ekonomiska Förening" in _names(draft)


def test_a_hembygdsforening_writing_in_the_first_person_keeps_its_name_without_we() -> None:
    text = ("Vi i Hede hembygdsförening (organisationsnummer 893201-4455) och Härjedalens kommun har kommit överens om att "
            "samarbeta om sommarcaféet på hembygdsgården. Föreningen går inte med vinst.\n\n"
            "Kontakt\nFör föreningen: Gun Olsson, ordförande, gun.olsson@hedehembygd.se\n"
            "För kommunen: Per Ek, kulturchef, per.ek@herjedalen.se")
    draft = _draft(text)
    assert "Hede hembygdsförening" in _names(draft)
    assert _people(draft, "contacts", "name", "title") == [("Gun Olsson", "ordförande"), ("Per Ek", "kulturchef")]


def test_contact_lines_with_no_label_take_the_party_their_work_address_names() -> None:
    text = ("Överenskommelse om idéburet offentligt partnerskap mellan Stockholms stad och Föreningen Kvinnors Röst i Rinkeby.\n\n"
            "Kontaktuppgifter\nAmina Warsame, enhetschef, amina.warsame@stockholm.se\nLeyla Demir, ordförande, kvinnorsrost@gmail.com\n\n"
            "Avtalstid\nAvtalet gäller från den 1 januari 2026 till den 31 december 2027.")
    draft = _draft(text)
    assert _people(draft, "contacts", "name", "party") == [("Amina Warsame", "stockholms-stad")]  # a gmail address names no party


def test_signatures_after_the_contacts_with_no_heading_skip_the_contact_lines() -> None:
    text = ("Överenskommelse om idéburet offentligt partnerskap mellan Gislaveds kommun och Föreningen Kvinnocaféet.\n\n"
            "Kontaktpersoner\nFör kommunen: Sara Lind, folkhälsostrateg, sara.lind@gislaved.se\n"
            "För föreningen: Mona Ali, samordnare, 070-555 12 12\n\n"
            "Gislaved den 3 mars 2026\nFör Gislaveds kommun\n\nEva Berg\nEva Berg, kommunstyrelsens ordförande\n\n"
            "Anderstorp i mars 2026\nFör Föreningen Kvinnocaféet\n\nMona Ali, ordförande")
    draft = _draft(text)
    assert _people(draft, "signatures", "name", "title", "place", "date_as_written") == [
        ("Eva Berg", "kommunstyrelsens ordförande", "Gislaved", "3 mars 2026"), ("Mona Ali", "ordförande", "Anderstorp", "mars 2026")]


def test_signing_lines_a_copy_ran_together_are_read_apart() -> None:
    text = ("Överenskommelse om idéburet offentligt partnerskap mellan Kungälvs kommun och Föreningen Mötesplats Ytterby.\n\n"
            "§ 10 Underskrifter\nDetta avtal är upprättat i två likalydande exemplar.\nOrt och datum: Kungälv den 1 mars 2026\n"
            "Kungälvs kommun\n_______________________\nAnna Berg, socialnämndens ordförande\n\nOrt och datum: Ytterby 2026-03-05 "
            "..........................\nFöreningen Mötesplats Ytterby\n_______________________\nBo Ek, ordförande")
    draft = _draft(text)
    assert _people(draft, "signatures", "name", "party", "place", "date_as_written") == [
        ("Anna Berg", "kungalvs-kommun", "Kungälv", "1 mars 2026"),
        ("Bo Ek", "foreningen-motesplats-ytterby", "Ytterby", "2026-03-05")]
