"""The parties, the decision and the document's date as agreements in many house styles write them.

Each text is a short agreement or memo the extractor has not been tuned to; the assertion is what a
reviewer reads in the draft: who the parties are, their numbers, who is non-profit, who decided and when.
"""
from __future__ import annotations

from typing import Any

import pytest

from iop_rules.extract import extract_lines
from iop_rules.loader import parse_agreement

HUDDINGE = [("public", "Huddinge kommun", "212000-0142", None),
            ("idea_based", "Brottsofferjouren Huddinge-Botkyrka", "802011-1234", None)]

PARTY_STYLES = {
    "a 'Parter:' list followed by each side's contributions under 'Kommunens insats:'": (
        "IOP – KORTVERSION\n\nParter:\n- Bodens kommun, kultur- och fritidsnämnden, 212000-2700\n"
        "- Föreningen Hjälpredan Boden, 802470-1111\n\nKommunens insats:\n- 120 tkr/år\n- lokal, hyresfri\n\n"
        "Föreningens insats:\n- drift, volontärer\n",
        [("public", "Bodens kommun", "212000-2700", None), ("idea_based", "Föreningen Hjälpredan Boden", "802470-1111", None)]),
    "running prose with numbers in brackets": (
        "Överenskommelse om idéburet offentligt partnerskap\n\nTrelleborgs kommun (212000-1215), genom socialnämnden, och "
        "Stiftelsen Fristad Söder (802010-7762) har kommit överens om följande.\n",
        [("public", "Trelleborgs kommun", "212000-1215", None), ("idea_based", "Stiftelsen Fristad Söder", "802010-7762", None)]),
    "a name that ends before the verb": (
        "IOP\n\nMellan Huddinge kommun och Brottsofferjouren Huddinge-Botkyrka har följande överenskommelse skrivits.\n",
        [("public", "Huddinge kommun", None, None), ("idea_based", "Brottsofferjouren Huddinge-Botkyrka", None, None)]),
    "two parties side by side in a markdown table": (
        "Överenskommelse om idéburet offentligt partnerskap\n\n| Offentlig part | Idéburen part |\n|---|---|\n"
        "| Huddinge kommun | Brottsofferjouren Huddinge-Botkyrka |\n| Org.nr 212000-0142 | Org.nr 802011-1234 |\n", HUDDINGE),
    "two parties side by side, cells joined with ' | '": (
        "Överenskommelse om idéburet offentligt partnerskap\n\nOffentlig part | Idéburen part\n"
        "Huddinge kommun | Brottsofferjouren Huddinge-Botkyrka\nOrg.nr 212000-0142 | Org.nr 802011-1234\n", HUDDINGE),
    "two parties side by side, cells joined with tabs": (
        "Överenskommelse om idéburet offentligt partnerskap\n\nOffentlig part\tIdéburen part\n"
        "Huddinge kommun\tBrottsofferjouren Huddinge-Botkyrka\nOrg.nr 212000-0142\tOrg.nr 802011-1234\n", HUDDINGE),
    "a form: the side on a line, the name and number below": (
        "IOP-AVTAL\n\nPARTER\nOffentlig part\nHuddinge kommun, socialnämnden\nOrg.nr: 212000-0142\nIdéburen part\n"
        "Brottsofferjouren Huddinge-Botkyrka\nOrg.nr: 802011-1234\n\nAVTALSTID\nAvtalet gäller 2024-01-01 till 2025-12-31.\n",
        HUDDINGE),
    "generic labels under Avtalsparter, numbers written without a hyphen": (
        "IOP-AVTAL\n\nAvtalsparter\nKommunen: Huddinge kommun, orgnr 2120000142\n"
        "Föreningen: Brottsofferjouren Huddinge-Botkyrka, org. nr: 802011-1234\n\nKontakt\nFöreningen: Anna Berg, ordförande\n",
        HUDDINGE),
    "§ 1 Parter with 'och' on a line of its own": (
        "AVTAL OM IDÉBURET OFFENTLIGT PARTNERSKAP\n\n§ 1 Parter\n\nLinköpings kommun, genom socialnämnden, org. nr: 212000-0449, "
        "nedan kallad Kommunen\n\noch\n\nStiftelsen Hemmet, org.nr. 802100-1234, nedan kallad Stiftelsen\n\n§ 2 Bakgrund\n"
        "Stiftelsen är en allmännyttig stiftelse som saknar vinstsyfte.\n",
        [("public", "Linköpings kommun", "212000-0449", None), ("idea_based", "Stiftelsen Hemmet", "802100-1234", True)]),
    "PARTER: with the first party on the heading's line": (
        "IOP\n\nPARTER:\nNorrtälje kommun (org.nr 212000-0019)\nFöreningen Vägen Ut (org.nr 802450-1111), en ideell förening "
        "som inte är vinstdrivande\n\nAVTALSTID\n2025-01-01--2025-12-31\n",
        [("public", "Norrtälje kommun", "212000-0019", None), ("idea_based", "Föreningen Vägen Ut", "802450-1111", True)]),
    "Artikel 1 – Parter, lines joined in a copy, short names 'här kallad'": (
        "ÖVERENSKOMMELSE\n\nArtikel 1 – Parter\nRegion Dalarna, organisationsnummer 212000-2262, här kallad Regionen.\n"
        "Föreningen Livslinjen Dalarna, organisationsnummer 802530-4417, här kallad Livslinjen.\n"
        "Livslinjen är en ideell förening utan vinstintresse.\n\nArtikel 2 – Bakgrund\nI Dalarna finns behov.\n",
        [("public", "Region Dalarna", "212000-2262", None), ("idea_based", "Föreningen Livslinjen Dalarna", "802530-4417", True)]),
    "a committee 'i' its kommun, and a parish 'inom' its church": (
        "Överenskommelse\n\nVård- och omsorgsnämnden i Alingsås kommun, organisationsnummer 212000-1959, och Alingsås församling "
        "inom Svenska kyrkan, organisationsnummer 252003-1168, ingår genom denna överenskommelse ett partnerskap.\n",
        [("public", "Alingsås kommun", "212000-1959", None), ("idea_based", "Alingsås församling", "252003-1168", None)]),
    "address blocks under Parter, the department skipped": (
        "Avtal om IOP\n\nParter\nLunds kommun\nSocialförvaltningen\n221 00 Lund\nOrg.nr 212000-1124\n\nFöreningen Bro\nBox 123\n"
        "222 22 Lund\nOrg.nr 802000-1111\n\nBakgrund\nText om verksamheten.\n",
        [("public", "Lunds kommun", "212000-1124", None), ("idea_based", "Föreningen Bro", "802000-1111", None)]),
    "Part A and Part B on lines a copy joined": (
        "Avtal\n\nPart A: Lunds kommun, org.nr 212000-1124\nPart B: Föreningen Bro, org.nr 802000-1111\n",
        [("public", "Lunds kommun", "212000-1124", None), ("idea_based", "Föreningen Bro", "802000-1111", None)]),
    "an agreement 'ingås av' its parties": (
        "Avtal om IOP\n\nDenna överenskommelse om idéburet offentligt partnerskap (IOP) ingås av Lunds kommun och Föreningen Bro.\n",
        [("public", "Lunds kommun", None, None), ("idea_based", "Föreningen Bro", None, None)]),
    "parties who 'är överens om'": (
        "Avtal om IOP\n\nLunds kommun och Föreningen Bro är överens om att samverka kring läxhjälp.\n",
        [("public", "Lunds kommun", None, None), ("idea_based", "Föreningen Bro", None, None)]),
    "parties named only where they sign": (
        "Överenskommelse om samverkan\n\nVi ska samarbeta kring läxhjälp i Gottsunda under 2025.\n\nUnderskrifter\n\n"
        "Uppsala 2025-01-10\n\nFör Uppsala kommun, socialnämnden\nAnna Berg, ordförande\n\nFör Föreningen Läxhjälpen\nBo Ek, ordförande\n",
        [("public", "Uppsala kommun", None, None), ("idea_based", "Föreningen Läxhjälpen", None, None)]),
    "a side labelled in a table's first cell, a contacts table after it": (
        "Avtal\n\n| Offentlig part | Huddinge kommun, socialnämnden | 212000-0142 |\n|---|---|---|\n"
        "| Idéburen part | Brottsofferjouren Huddinge-Botkyrka | 802011-1234 |\n\nKontaktpersoner\n\n"
        "| Kommunen | Anna Berg | enhetschef |\n|---|---|---|\n| Föreningen | Bo Ek | ordförande |\n", HUDDINGE),
    "a numbered list under a heading and a lead-in line, three parties": (
        "ÖVERENSKOMMELSE\n\n§ 1 Parter\nParter i överenskommelsen är\n1. Sundsvalls kommun, org.nr 212000-2411\n"
        "2. Region Västernorrland, org.nr 232100-0172\n3. Kvinnojouren Sundsvall, org.nr 802431-7722\n\n§ 2 Bakgrund\nText.\n",
        [("public", "Sundsvalls kommun", "212000-2411", None), ("public", "Region Västernorrland", "232100-0172", None),
         ("idea_based", "Kvinnojouren Sundsvall", "802431-7722", None)]),
    "a sentence with a colon leads the list in": (
        "Överenskommelse om samverkan\n\nFöljande parter har ingått denna överenskommelse:\n\nRegion Jönköpings län, 232100-0057\n"
        "Jönköpings kommun, 212000-0530\nRiksförbundet Attention Jönköping, 802431-7722\n\n"
        "Attention Jönköping drivs utan vinstintresse.\n",
        [("public", "Region Jönköpings län", "232100-0057", None), ("public", "Jönköpings kommun", "212000-0530", None),
         ("idea_based", "Riksförbundet Attention Jönköping", "802431-7722", True)]),
    "roman numerals end the section; a heading about a party is no party": (
        "Överenskommelse mellan Nyköpings kommun och Föreningen Bro\n\nI. Parter\nNyköpings kommun, org.nr 212000-0324.\n"
        "Föreningen Bro, org.nr 802431-7722.\n\nII. Bakgrund\nText om verksamheten.\n\nIII. Kommunens åtaganden\n"
        "Kommunen upplåter en lokal.\n",
        [("public", "Nyköpings kommun", "212000-0324", None), ("idea_based", "Föreningen Bro", "802431-7722", None)]),
    "'Parter i överenskommelsen är' in a sentence, a name ending in 'kommun'": (
        "Tjänsteutlåtande\n\nParter i överenskommelsen är Sigtuna kommun (212000-0092), genom vård- och omsorgsnämnden, och "
        "Anhörigföreningen i Sigtuna kommun (802431-7722). Föreningen är ideell och icke vinstdrivande.\n",
        [("public", "Sigtuna kommun", "212000-0092", None), ("idea_based", "Anhörigföreningen i Sigtuna kommun", "802431-7722", True)]),
    "a memo's 'partnerskap med' a name with 'i' and its place": (
        "TJÄNSTEUTLÅTANDE\nDatum: 2025-01-15\n\nSocialnämnden föreslås besluta att ingå idéburet offentligt partnerskap med "
        "Stiftelsen Stadsmissionen i Kalmar, org.nr 802017-6605. Kalmar kommun bidrar med 850 000 kronor per år.\n",
        [("public", "Kalmar kommun", None, None), ("idea_based", "Stiftelsen Stadsmissionen i Kalmar", "802017-6605", None)]),
    "the public party's number in a sentence of its own, in the genitive": (
        "IOP\n\nKristinehamns kommun ingår härmed ett idéburet offentligt partnerskap med Föreningen Ekbacken, org.nr 802431-7722, "
        "om öppen verksamhet. Kommunens org.nr är 212000-1819.\n",
        [("public", "Kristinehamns kommun", "212000-1819", None), ("idea_based", "Föreningen Ekbacken", "802431-7722", None)]),
    "an e-mail's quoted reply holds the agreement": (
        "Hej Maria!\nTack för beskedet.\n\n> Från: Maria Öhman\n>\n> ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP\n>\n"
        "> PARTER\n> 1. Piteå kommun, socialnämnden, org.nr 212000-2684\n> 2. Föreningen Matkassen i Piteå, org.nr 802470-5520, "
        "en ideell förening utan vinstsyfte\n>\n> BAKGRUND\n> Föreningen delar ut matkassar.\n",
        [("public", "Piteå kommun", "212000-2684", None), ("idea_based", "Föreningen Matkassen i Piteå", "802470-5520", True)]),
    "an association writing in the first person": (
        "Tranås den 2 mars 2026\n\nDet här är en överenskommelse om idéburet offentligt partnerskap mellan Tranås kommun och "
        "föreningen Gemensam Tråd i Tranås.\n\nVi är en ideell förening med organisationsnummer 802536-6652 och vi driver ingen "
        "verksamhet i vinstsyfte.\n",
        [("public", "Tranås kommun", None, None), ("idea_based", "Gemensam Tråd i Tranås", "802536-6652", True)]),
    "a form's rows with the side in the first cell, the short name in brackets": (
        "Överenskommelse\n\nOffentlig part\tHudiksvalls kommun, kultur- och fritidsnämnden, org.nr 212000-2189\n"
        "Idéburen part\tIggesunds Hembygdsgille, org.nr 802512-4473, ideell förening utan vinstsyfte (nedan gillet)\n",
        [("public", "Hudiksvalls kommun", "212000-2189", None), ("idea_based", "Iggesunds Hembygdsgille", "802512-4473", True)]),
    "a place in an association's name does not make it public": (
        "Överenskommelse om IOP\n\nMellan Botkyrka kommun och Kvinnojouren i Botkyrka kommun har denna överenskommelse träffats.\n",
        [("public", "Botkyrka kommun", None, None), ("idea_based", "Kvinnojouren i Botkyrka kommun", None, None)]),
}


def _draft(text: str) -> Any:
    return parse_agreement(extract_lines(text.splitlines(), "x"), "x.yaml").agreement


@pytest.mark.parametrize("style", PARTY_STYLES)
def test_parties_in_every_house_style(style: str) -> None:
    text, want = PARTY_STYLES[style]
    assert [(p.role, p.name, p.org_number, p.non_profit) for p in _draft(text).parties] == want


NON_PROFIT = [
    ("Föreningen Bro är icke vinstdrivande.", True),
    ("Föreningen Bro drivs utan vinstintresse.", True),
    ("Bro är en ideell förening som inte har vinst som syfte.", True),
    ("Föreningen återinvesterar hela sitt överskott i verksamheten.", True),
    ("Föreningen Bro är en ideell förening som inte har vinstsyfte.", True),
    ("Föreningen driver ingen verksamhet i vinstsyfte.", True),
    ("Föreningen Bro, org.nr 802431-7722, syftar inte till vinst.", True),
    ("Bro är en ekonomisk förening som inte delar ut överskott till medlemmarna.", True),
    ("Föreningen Bro är en allmännyttig ideell förening.", None),  # what kind of association, not that it makes no profit
    ("Att föreningen saknar vinstsyfte saknar betydelse för bedömningen.", None),  # a court's remark, not the party's statement
]


@pytest.mark.parametrize(("sentence", "non_profit"), NON_PROFIT)
def test_only_a_statement_about_the_party_makes_it_non_profit(sentence: str, non_profit: bool | None) -> None:
    text = f"Överenskommelse om idéburet offentligt partnerskap mellan Lunds kommun och Föreningen Bro.\n\n{sentence}\n"
    assert _draft(text).parties[1].non_profit is non_profit


def test_several_associations_named_together_are_each_non_profit() -> None:
    text = ("Överenskommelse\n\nParter\n\n| Part | Roll | Organisationsnummer |\n|---|---|---|\n"
            "| Avesta kommun | offentlig part | 212000-2098 |\n| SPF Seniorerna Avesta | idéburen part | 802467-9055 |\n"
            "| PRO Avesta | idéburen part | 802433-5500 |\n\nSPF Seniorerna Avesta och PRO Avesta är ideella föreningar utan vinstsyfte.\n")
    assert [(p.name, p.non_profit) for p in _draft(text).parties] == [
        ("Avesta kommun", None), ("SPF Seniorerna Avesta", True), ("PRO Avesta", True)]


DECISIONS = {
    "a committee that decided, with its paragraph": (
        "Socialnämnden beslutade den 12 mars 2024, § 45, att godkänna överenskommelsen.", ("socialnämnden", "2024-03-12")),
    "a protocol's line": ("Beslut i socialnämnden 2024-03-12, § 45", ("socialnämnden", "2024-03-12")),
    "a reference and its date": ("Dnr SN 2024/12, beslutsdatum 2024-03-12", (None, "2024-03-12")),
    "approved in the passive": ("Överenskommelsen har godkänts av kultur- och fritidsnämnden den 27 november 2024, § 88.",
                                ("kultur- och fritidsnämnden", "2024-11-27")),
    "a district's committee, kept as written": ("Avtalet godkändes av socialnämnd Centrum 2024-05-02.",
                                                ("socialnämnd Centrum", "2024-05-02")),
    "guidelines a council adopted are background": ("Kommunfullmäktige antog riktlinjer för IOP den 12 juni 2018.", (None, None)),
    "a working committee prepares, it does not decide": (
        "Ärendet har beretts i socialnämndens arbetsutskott den 5 mars 2024.", (None, None)),
    "a form's row, the label in a cell of its own": ("Beslut\tKultur- och fritidsnämnden 2025-02-26 § 12",
                                                        ("kultur- och fritidsnämnden", "2025-02-26")),
    "a district committee of Stockholm, its name hyphenated": (
        "Rinkeby-Kista stadsdelsnämnd beslutade den 20 februari 2025 att ingå överenskommelsen.",
        ("Rinkeby-Kista stadsdelsnämnd", "2025-02-20")),
    "an earlier assignment is not this decision": (
        "Nämnden beslutade den 10 maj 2022 att ge förvaltningen i uppdrag att utreda ett partnerskap.", (None, None)),
}


@pytest.mark.parametrize("case", DECISIONS)
def test_the_decision_and_its_date(case: str) -> None:
    sentence, (body, date) = DECISIONS[case]
    text = f"Överenskommelse om IOP mellan Uppsala kommun och Föreningen Trappan\n\n{sentence}\n"
    decision = _draft(text).decision
    assert (decision.body if body else None, str(decision.date) if decision.date else None) == (body, date)


HEADERS = [
    ("Datum: 2024-08-27", "2024-08-27"),
    ("Tjänsteutlåtande 2025-10-01", "2025-10-01"),
    ("Version 0.3, 2024-10-02", "2024-10-02"),
    ("Dnr 2024-HSN-0871 · Version 1.0 · 2024-11-18", "2024-11-18"),
    ("UTKAST 2025-04-22 – ej undertecknat", "2025-04-22"),
    ("UTKAST 2025-11-20 – ej för spridning", "2025-11-20"),
    ("Socialnämnden 2018-09-10", None),  # a protocol's meeting: the decision's date, not the document's
]


@pytest.mark.parametrize(("header", "date"), HEADERS)
def test_the_document_date_from_its_header(header: str, date: str | None) -> None:
    text = (f"Lunds kommun\n{header}\n\nÖverenskommelse om idéburet offentligt partnerskap\n\nMellan Lunds kommun och Föreningen Bro "
            "har denna överenskommelse träffats, och den gäller från och med 2025-01-01 till och med 2025-12-31 för alla.\n\n"
            "Lund 2024-12-12\n")
    got = _draft(text).document.date
    assert (str(got) if got else None) == date


def test_a_memo_takes_its_own_date_and_the_meeting_not_the_background() -> None:
    text = ("Tjänsteskrivelse\n2024-02-20\nDnr SN 2024/55\n\nIdéburet offentligt partnerskap med Föreningen Trappan\n\n"
            "Förslag till beslut\nSocialnämnden föreslås besluta att ingå överenskommelse om idéburet offentligt partnerskap med "
            "Föreningen Trappan, org.nr 802400-1234.\n\nÄrendet har beretts i socialnämndens arbetsutskott den 5 mars 2024. Nämnden "
            "beslutade den 10 maj 2022 att ge förvaltningen i uppdrag att utreda ett IOP. Ärendet behandlas vid socialnämndens "
            "sammanträde den 19 mars 2024.\n\nUppsala kommun bidrar med 200 000 kronor.\n")
    a = _draft(text)
    assert (a.document.kind, str(a.document.date)) == ("decision_memo", "2024-02-20")
    # the meeting of 19 mars is still to come: no decision has been taken (truth convention 2)
    assert (a.decision.authority, a.decision.body, a.decision.date) == ("Uppsala kommun", "socialnämnden", None)
    assert [(p.role, p.name, p.org_number) for p in a.parties] == [
        ("public", "Uppsala kommun", None), ("idea_based", "Föreningen Trappan", "802400-1234")]


@pytest.mark.parametrize(("line", "authority"), [
    ("Upplands Väsby kommun", "Upplands Väsby kommun"), ("Region Jönköpings län", "Region Jönköpings län"),
    ("Region Jämtland Härjedalen", "Region Jämtland Härjedalen"), ("Västra Götalandsregionen", "Västra Götalandsregionen"),
    ("SALA KOMMUN                 PROTOKOLLSUTDRAG", "Sala kommun")])
def test_authorities_of_more_than_one_word(line: str, authority: str) -> None:
    text = f"{line}\n\nÖverenskommelse om idéburet offentligt partnerskap\n\nNämnden godkänner överenskommelsen.\n"
    assert _draft(text).decision.authority == authority
