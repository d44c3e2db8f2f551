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
    # who pays, what is a part, a sum, a past or a sought amount, what a value put on a thing given is for
    ("Kommunen bidrar årligen med 500 000 kronor.", {"funding.0.per": "year", "funding.0.payer": "lunds-kommun"}),
    ("Kommunen lämnar ett årligt bidrag om 300 000 kronor.", {"funding.0.amount": 300_000, "funding.0.per": "year"}),
    ("Kommunens bidrag: 420 000 kronor per år, varav 260 000 kronor till läxhjälpen.",
     {"funding.0.amount": 420_000, "funding.1": None}),
    ("Kommunen och Föreningen Bro bidrar vardera med 150 000 kronor per år.",
     {"funding.0.payer": "lunds-kommun", "funding.1.payer": "foreningen-bro", "funding.1.amount": 150_000}),
    ("Kommunen ställer scenen till förfogande och bidrar med 275 000 kronor under 2025.",
     {"funding.0.payer": "lunds-kommun", "funding.0.covers.start": "2025-01-01", "funding.1.kind": "in_kind"}),
    ("Kommunen bidrar med 40 000 kronor per månad (480 000 kronor per år).", {"funding.0.per": "month", "funding.1": None}),
    ("Kommunen bidrar med 200 000 kronor per år, totalt 600 000 kronor för avtalsperioden.", {"funding.1": None}),
    ("Föreningen söker 500 000 kronor från Allmänna arvsfonden.", {"funding": None}),
    ("Verksamheten finansierades 2022–2024 av Allmänna arvsfonden med sammanlagt 1,9 miljoner kronor.", {"funding": None}),
    ("Föreningen bidrar med 1 200 ideella timmar per år, vilket motsvarar ungefär 300 000 kronor.",
     {"funding.0.kind": "in_kind", "funding.0.per": "year", "funding.0.approximate": True}),
    ("Föreningen bidrar med 50 ideella timmar à 250 kr.", {"funding.0.kind": "in_kind", "funding.0.amount": None}),
    ("Kommunen ersätter föreningen med 385 kronor per utförd timme.", {"funding.0.per": "hour"}),
    # contributions in kind: an adverb after the verb, a duty verb over a resource, a second verb, money beside it
    ("Kommunen bidrar därutöver med lokaler i Folkets hus utan kostnad.", {"funding.0.kind": "in_kind"}),
    ("Kommunen ansvarar för lokalerna i Folkets hus.", {"funding.0.payer": "lunds-kommun", "funding.0.kind": "in_kind"}),
    ("Kommunen ansvarar för uppföljningen.", {"funding": None}),
    ("Föreningen ordnar sorgegrupper och står för lokaler i församlingshemmet.",
     {"funding.0.payer": "foreningen-bro", "funding.0.kind": "in_kind"}),
    ("Föreningen bidrar med egna medel om minst 500 000 kronor per år samt med ideella ledare.",
     {"funding.0.kind": "cash", "funding.1.kind": "in_kind", "funding.1.description": "bidrar med ideella ledare"}),
    ("Kommunen bidrar med 50 procent av kostnaderna, dock högst 200 000 kr per år.",
     {"funding.0.cap": True, "funding.1": None}),
    # a budget's total in prose, its parts after "varav"; whether the budget frame holds it
    ("Projektets totala budget är 1 030 000 kronor, varav 680 000 kronor från kommunen.", {"budget.total": 1_030_000}),
    ("Kostnaden ryms inom nämndens budgetram.", {"budget_increase.needed": False}),
    ("Kostnaden kan inte rymmas inom nämndens budgetram för 2026.", {"budget_increase.years": [2026]}),
    ("Överenskommelser ska rymmas inom befintlig budgetram.", {"budget_increase": None}),
    # how often money is paid: a count, a rhythm word, the months; money paid back is no payment
    ("Bidraget betalas ut i fyra lika stora delar per år.", {"payment.installments_per_year": 4}),
    ("Utbet.: 2 ggr/år (jan, jul).", {"payment.installments_per_year": 2}),
    ("Bidraget betalas ut i januari och juli.", {"payment.installments_per_year": 2}),
    ("Kommunens bidrag betalas ut i maj varje år.", {"payment.installments_per_year": 1}),
    ("Ersättningen betalas månadsvis i efterskott mot faktura.", {"payment.installments_per_year": 12}),
    ("Bidraget betalas i förskott en gång per år.", {"payment.installments_per_year": 1}),
    ("Föreningen fakturerar kommunen kvartalsvis i efterskott.", {"payment.installments_per_year": 4}),
    ("Bidraget för respektive år betalas ut i en klumpsumma senast den 31 mars.", {"payment.installments_per_year": 1}),
    ("Beloppet betalas ut i sin helhet den 15 februari 2025.", {"payment.installments_per_year": None}),
    ("Medel som inte förbrukats ska betalas tillbaka senast i mars.", {"payment": None}),
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
    # contacts: in a sentence, labelled lines (run together or not), tables; a neighbour's e-mail is no value
    ("Kommunens kontaktperson är Anna Berg, enhetschef, anna.berg@lund.se.",
     {"contacts.0.party": "lunds-kommun", "contacts.0.title": "enhetschef", "contacts.0.email": "anna.berg@lund.se"}),
    ("Kontaktperson för föreningen är verksamhetsledare Bo Ek, bo.ek@bro.se.",
     {"contacts.0.party": "foreningen-bro", "contacts.0.name": "Bo Ek", "contacts.0.title": "verksamhetsledare"}),
    ("Kommunens kontaktperson under avtalstiden är fritidskonsulenten Anna Berg, som nås på 046-35 50 00, och "
     "föreningens kontaktperson är ordföranden Bo Ek.",
     {"contacts.0.title": "fritidskonsulent", "contacts.0.phone": "046-35 50 00", "contacts.1.party": "foreningen-bro",
      "contacts.1.title": "ordförande"}),
    ("Som kontaktperson hos kommunen utses Anna Berg, samordnare.", {"contacts.0.party": "lunds-kommun",
     "contacts.0.title": "samordnare"}),
    ("Ansvarig handläggare: Anna Berg, utredare", {"contacts.0.party": "lunds-kommun", "contacts.0.name": "Anna Berg"}),
    ("Kontaktpersoner\nFör kommunen: Anna Berg, enhetschef, anna.berg@lund.se För föreningen: Bo Ek, ordförande, bo.ek@bro.se",
     {"contacts.0.email": "anna.berg@lund.se", "contacts.1.party": "foreningen-bro", "contacts.1.email": "bo.ek@bro.se"}),
    ("Kontaktpersoner\nKommunen: Anna Berg, enhetschef, bo.ek@bro.se", {"contacts.0.name": "Anna Berg",
                                                                       "contacts.0.email": None}),
    ("Kontaktpersoner\n| Part | Namn | Roll | E-post |\n|---|---|---|---|\n| Lunds kommun | Anna Berg | Enhetschef | "
     "anna.berg@lund.se |\n| Föreningen Bro | Bo Ek | Ordförande | bo.ek@bro.se |",
     {"contacts.1.party": "foreningen-bro", "contacts.1.title": "Ordförande", "contacts.1.email": "bo.ek@bro.se"}),
    ("Kontaktpersoner\nLunds kommun\tAnna Berg\tenhetschef\tanna.berg@lund.se\nFöreningen Bro\tBo Ek\tordförande\t070-123 45 67",
     {"contacts.0.title": "enhetschef", "contacts.1.party": "foreningen-bro", "contacts.1.phone": "070-123 45 67"}),
    ("Kontakt: Kommun – Anna Berg, enhetschef; Förening – Bo Ek, ordf.", {"contacts.0.party": "lunds-kommun",
     "contacts.1.party": "foreningen-bro", "contacts.1.title": "ordf"}),
    ("KONTAKTUPPGIFTER\nKommunen: Anna Berg, enhetschef", {"contacts.0.party": "lunds-kommun"}),
    ("Kontaktpersoner\nFör styrgruppen: Anna Berg, enhetschef", {"contacts": None}),
    ("Kontaktpersoner\nKommunen: Anna Berg, enhetschef\n\nLund den 3 mars 2025\n\nFör Lunds kommun\nEva Ek\nkommundirektör",
     {"contacts.1": None, "signatures.0.name": "Eva Ek", "signatures.0.place": "Lund"}),
    # signatures: place and date, the party above or under, a form's labels, tables, prose, blanks left to fill in
    ("Underskrifter\nOrt och datum: Umeå den 3 mars 2025\nFör Lunds kommun\nAnna Berg\nkommundirektör",
     {"signatures.0.place": "Umeå", "signatures.0.date_as_written": "3 mars 2025", "signatures.0.title": "kommundirektör"}),
    ("Lund 2025-03-03\nFör Lunds kommun: Anna Berg, ordförande\nFör Föreningen Bro: Bo Ek, ordförande",
     {"signatures.1.party": "foreningen-bro", "signatures.1.date_as_written": "2025-03-03"}),
    ("Underskrifter\n| För Lunds kommun | För Föreningen Bro |\n|---|---|\n| Lund 2025-03-03 | Lund 2025-03-05 |\n"
     "| Anna Berg | Bo Ek |\n| Kommundirektör | Ordförande |",
     {"signatures.1.name": "Bo Ek", "signatures.1.date_as_written": "2025-03-05", "signatures.1.title": "Ordförande"}),
    ("Underskrifter\nPart\tNamn\tBefattning\tOrt och datum\nLunds kommun\tAnna Berg\tkommundirektör\tLund 2025-03-03\n"
     "Föreningen Bro\tBo Ek\tordförande\tLund 2025-03-05",
     {"signatures.1.party": "foreningen-bro", "signatures.1.title": "ordförande", "signatures.1.place": "Lund"}),
    ("Underskrifter\nFör Föreningen Bro\nUnderskrift: ______\nNamnförtydligande: Bo Ek\nTitel: Ordförande",
     {"signatures.0.name": "Bo Ek", "signatures.0.title": "Ordförande"}),
    ("Underskrifter\nFör Lunds kommun\nDigitalt signerad av Anna Berg", {"signatures.0.name": "Anna Berg"}),
    ("Undertecknat i Lund den 3 mars 2025 av Anna Berg för Lunds kommun och av Bo Ek för Föreningen Bro.",
     {"signatures.1.party": "foreningen-bro", "signatures.1.place": "Lund", "signatures.1.date_as_written": "3 mars 2025"}),
    ("Underskrifter\nLund ____________\nFör Lunds kommun\n____________", {"signatures.0.place": "Lund",
     "signatures.0.name": None, "signatures.0.date_as_written": None}),
    ("Umeå den ..........\nFör Lunds kommun\nAnna Berg, kommundirektör", {"signatures.0.place": "Umeå",
     "signatures.0.date_as_written": None}),
    ("Underskrifter\nAnna Berg\nKommundirektör\nLunds kommun", {"signatures.0.party": "lunds-kommun",
     "signatures.0.title": "Kommundirektör"}),
    ("Lund 2025-03-03\nAnna Berg\nKultur- och fritidschef, Lunds kommun", {"signatures.0.party": "lunds-kommun",
     "signatures.0.title": "Kultur- och fritidschef"}),
    ("§ 12 Underskrifter\nFör Lunds kommun\nAnna Berg, ordförande", {"signatures.0.name": "Anna Berg"}),
    ("Underskrifter\nLund 2025-03-03 Anna Berg, fritidschef, för KFN", {"signatures.0.party": "lunds-kommun",
     "signatures.0.title": "fritidschef"}),
    ("Underskrifter\nFör Lunds kommun\nAnna Berg\nLund 2025-03-03\nFör Föreningen Bro\nBo Ek\nLund 2025-03-05",
     {"signatures.0.date_as_written": "2025-03-03", "signatures.1.date_as_written": "2025-03-05"}),
    ("Tjänsteutlåtande 2025-10-01\nFör Lunds kommun\nAnna Berg, socialchef", {"signatures.0.place": None}),
    ("Underskrifter\nLund den\n..................\nFör Lunds kommun\nAnna Berg (S)\nKommunstyrelsens ordförande",
     {"signatures.0.place": "Lund", "signatures.0.date_as_written": None, "signatures.0.name": "Anna Berg",
      "signatures.0.title": "Kommunstyrelsens ordförande"}),
    ("Underskrifter\nLunds kommun, 2025-02-01\nAnna Berg\nKommundirektör", {"signatures.0.party": "lunds-kommun",
     "signatures.0.date_as_written": "2025-02-01", "signatures.0.place": None}),
    ("Underskrifter\nFör Lunds kommun\nOrt och datum\nLund 2025-02-01\nAnna Berg", {"signatures.0.party": "lunds-kommun",
     "signatures.0.place": "Lund"}),
    ("Lund den tjugoåttonde mars 2025\nFör Föreningen Bro\nBo Ek, ordförande",
     {"signatures.0.date_as_written": "tjugoåttonde mars 2025"}),
    ("Underskrifter\nFör Lunds kommun genom socialnämnden\nAnna Berg, ordförande", {"signatures.0.party": "lunds-kommun"}),
    ("Underskrifter\nFör Lunds kommun\nAnna Berg\tKommundirektör", {"signatures.0.name": "Anna Berg",
     "signatures.0.title": "Kommundirektör"}),
    ("Per-Erik Nyhus (SD) reserverar sig mot beslutet till förmån för eget yrkande om avslag.", {"signatures": None}),
    ("Kontaktpersoner\nLunds kommun\nNamn: Anna Berg\nTitel: Enhetschef\nE-post: anna.berg@lund.se",
     {"contacts.0.party": "lunds-kommun", "contacts.0.title": "Enhetschef", "contacts.0.email": "anna.berg@lund.se"}),
    ("Kontaktpersoner: För kommunen är kontaktperson Anna Berg, utvecklare. För föreningen är kontaktperson Bo Ek.",
     {"contacts.0.party": "lunds-kommun", "contacts.1.party": "foreningen-bro"}),
    ("Kontaktpersoner är Anna Berg (kommunen), anna.berg@lund.se, och Bo Ek (föreningen), bo.ek@bro.se.",
     {"contacts.0.party": "lunds-kommun", "contacts.0.title": None, "contacts.1.email": "bo.ek@bro.se"}),
    ("Kommunens kontaktpersoner är enhetschef Anna Berg och samordnare Eva Lind.",
     {"contacts.1.name": "Eva Lind", "contacts.1.party": "lunds-kommun", "contacts.1.title": "samordnare"}),
    ("Kontaktperson för kommunen är Anna Berg, som nås på anna.berg@lund.se eller 046-35 50 00.",
     {"contacts.0.email": "anna.berg@lund.se", "contacts.0.phone": "046-35 50 00"}),
    ("Kontaktpersoner\nAnna Lind, enhetschef, Lunds kommun, anna.lind@lund.se Bo Ström, ordförande, Föreningen Bro, "
     "bo.strom@bro.se", {"contacts.0.email": "anna.lind@lund.se", "contacts.1.party": "foreningen-bro"}),
    ("Handläggare: Anna Berg, utredare", {"contacts": None}),  # the memo's author, not the partnership's contact
    ("Kontaktpersoner\nFöreningen Bro\nAnna Berg, enhetschef, anna.berg@lund.se", {"contacts": None}),  # kommunen's address
    ("## Kontaktpersoner\n### Föreningen Bro\nBo Ek, ordförande, bo.ek@bro.se", {"contacts.0.party": "foreningen-bro"}),
    ("Underskrifter\nLund 2025-01-02\nBo Ek, ordförande Föreningen Bro", {"signatures.0.party": "foreningen-bro",
                                                                          "signatures.0.title": "ordförande"}),
    ("Underskrifter\nFör Lunds kommun\nAnna Berg\nSocialnämnden\nOrdförande", {"signatures.0.title": "Ordförande",
                                                                                 "signatures.1": None}),
    # market
    ("Boendet drevs tidigare efter avrop från kommunens ramavtal.", {"market.procured_before": True}),
    ("Delar av verksamheten bedrivs enligt LOV.", {"market.lov": True}),
    ("Verksamheten har inte upphandlats.", {"market": None}),
    ("Ledsagning utförs även av privata utförare som är godkända enligt LOV.",
     {"market.lov": True, "iop_criteria.also_procured": True}),
    # the reasons for IOP: the idea-based side by a generic word or its name; a requirement is no statement
    ("Verksamheten har vuxit fram ur föreningens eget initiativ.", {"iop_criteria.initiative_from_idea_based": True}),
    ("Initiativet till partnerskapet kommer från föreningens styrelse.", {"iop_criteria.initiative_from_idea_based": True}),
    ("Föreningen har i en skrivelse i februari föreslagit ett partnerskap.",
     {"iop_criteria.initiative_from_idea_based": True}),
    ("Initiativet kommer från kommunen.", {"iop_criteria": None}),
    ("Verksamheten finns inte att köpa på någon marknad.", {"iop_criteria.no_market": True}),
    ("Det finns inte någon konkurrenssituation att vårda.", {"iop_criteria.no_market": True}),
    ("För IOP krävs att det inte finns någon marknad.", {"iop_criteria": None}),
    ("Verksamheten passar inte inom ramen för det normerade föreningsbidraget.", {"iop_criteria.not_normed_grant": True}),
    ("Båda sidor bidrar med resurser.", {"iop_criteria.both_finance": True}),
    ("Verksamheten är samfinansierad.", {"iop_criteria.both_finance": True}),
    ("Kommunen detaljstyr inte hur föreningen utformar stödet.", {"iop_criteria.not_detail_regulated": True}),
    ("Föreningen beslutar själv om innehållet i aktiviteterna.", {"iop_criteria.not_detail_regulated": True}),
    # steering groups: members by each party, in a list, or named in groups; meetings in words
    ("En ledningsgrupp med en företrädare för var och en av parterna möts varje kvartal.",
     {"follow_up.steering_group.members.1.party": "foreningen-bro", "follow_up.steering_group.meetings_per_year": 4}),
    ("Parterna utser varsin representant till styrgruppen.", {"follow_up.steering_group.members.0.party": "lunds-kommun"}),
    ("Kommunens fritidschef och föreningens ordförande utgör styrgruppen.",
     {"follow_up.steering_group.members.1.party": "foreningen-bro"}),
    ("Styrgruppen består av Eva Strand, chef, och Per Tell, strateg, från kommunen samt Anna Holm från föreningen.",
     {"follow_up.steering_group.members.1.party": "lunds-kommun", "follow_up.steering_group.members.2.party": "foreningen-bro"}),
    ("Styrgruppen består av:\n- Anna Berg, enhetschef, Lunds kommun\n- Per Ek, ordförande, Föreningen Bro",
     {"follow_up.steering_group.members.1.party": "foreningen-bro"}),
    ("Styrgruppen sammanträder varje termin.", {"follow_up.steering_group.meetings_per_year": 2}),
    ("Styrgrupp: fritidschef + föreningens ordförande. 2 möten/år.", {"follow_up.steering_group.meetings_per_year": 2}),
    ("Styrgruppen träffas i februari, juni och oktober.", {"follow_up.steering_group.meetings_per_year": 3}),
    # termination: notice, repayment, dispute in other words
    ("Båda parter kan säga upp avtalet med en månads varsel.", {"termination.notice.months": 1}),
    ("Uppsägning: 6 mån.", {"termination.notice.months": 6}),
    ("Medel som inte har använts ska föreningen betala tillbaka till kommunen.",
     {"termination.repayment.source": "Medel som inte har använts ska föreningen betala tillbaka till kommunen."}),
    ("Oanvända medel ska betalas tillbaka till Länsstyrelsen.", {"termination": None}),
    ("Meningsskiljaktigheter ska i första hand lösas i styrgruppen.",
     {"termination.dispute.source": "Meningsskiljaktigheter ska i första hand lösas i styrgruppen."}),
    ("Om parterna inte är överens ska frågan först tas upp i styrgruppen.",
     {"termination.dispute.source": "Om parterna inte är överens ska frågan först tas upp i styrgruppen."}),
    # reports: counted from the period's end, a day in several years, several days of a year
    ("Avtalet gäller 2025-01-01 – 2025-12-31. Föreningen lämnar en redovisning senast en månad efter avtalstidens slut.",
     {"follow_up.reports.0.due": "2026-01-31", "follow_up.reports.0.kind": "final"}),
    ("Föreningen lämnar en årsrapport senast den 31 mars 2026, 2027 respektive 2028.",
     {"follow_up.reports.2.due": "2028-03-31", "follow_up.reports.2.kind": "annual"}),
    ("Avtalet gäller 2025-04-01 – 2026-03-31. Föreningen lämnar en redovisning senast den 30 september och senast den 31 mars.",
     {"follow_up.reports.0.due": "2025-09-30", "follow_up.reports.1.due": "2026-03-31"}),
    # commitments: under a party's heading, per week, several in one sentence
    ("Föreningens åtaganden:\n- minst 3 öppetdagar/vecka\n- minst 40 ideella ledare varje sommar",
     {"commitments.0.per": "week", "commitments.1.quantity": 40, "commitments.1.per": "year"}),
    ("Föreningen håller öppet minst tre kvällar i veckan och chatten minst fem kvällar i veckan.",
     {"commitments.1.quantity": 5, "commitments.1.party": "foreningen-bro"}),
    ("Föreningen har minst 20 aktiva besöksvänner under avtalstiden.", {"commitments.0.per": "period"}),
    ("Kommunen upplåter lokalen tre kvällar i veckan.", {"commitments": None}),
    ("Föreningen ska\na) genomföra tre (3) lägerveckor varje sommar,\nb) ta emot minst etthundratjugo (120) barn varje sommar.",
     {"commitments.0.quantity": 3, "commitments.1.quantity": 120, "commitments.1.per": "year"}),
    # review: the date after "senast", or the one date of a review sentence; an evaluation report is no review
    ("Senast den 31 maj 2027 prövar parterna gemensamt om partnerskapet bör fortsätta.", {"review.date": "2027-05-31"}),
    ("Avtalet ska omprövas senast 2026-03-31.", {"review.date": "2026-03-31"}),
    ("Översyn av överenskommelsen sker 2026-06-30.", {"review.date": "2026-06-30"}),
    ("En samlad utvärdering ska vara klar senast den 28 februari 2028, inför ställningstagande om en förlängning.",
     {"review": None, "follow_up.reports.0.kind": "evaluation"}),
    # contents: a sentence that is the section, a heading that names it among other things
    ("Målet är att fler unga ska delta i föreningslivet.",
     {"contents.goals.source": "Målet är att fler unga ska delta i föreningslivet."}),
    ("Om förutsättningarna ändras väsentligt får vardera parten begära omförhandling.",
     {"contents.renegotiation.source": "Om förutsättningarna ändras väsentligt får vardera parten begära omförhandling."}),
    ("8. Ändring, uppsägning och hävning\nÄndringar i överenskommelsen ska göras skriftligen.",
     {"contents.amendments.source": "Ändringar i överenskommelsen ska göras skriftligen."}),
    ("§ 2 Utgångspunkter\nMånga äldre i byarna lever ensamma.", {"contents.background.source": "Många äldre i byarna lever ensamma."}),
    ("SAMHÄLLSVINSTER\nParterna bedömer att insatsen minskar antalet akuta besök.",
     {"contents.cost_analysis.source": "Parterna bedömer att insatsen minskar antalet akuta besök."}),
    # durations said with "är", prolongations said otherwise; tacit renewal is not unlimited unless "i taget"
    ("Avtalsperioden är två år räknat från och med 2025-02-01.", {"period.months": 24, "period.start": "2025-02-01"}),
    ("Överenskommelsen är treårig och gäller från den 1 januari 2026.", {"period.months": 36}),
    ("Kommunen har rätt att förlänga avtalet med ett år i taget, högst två gånger.",
     {"extension.months": 12, "extension.times": 2, "extension.open_ended": None}),
    ("Om ingen part säger upp överenskommelsen senast sex månader före periodens slut förlängs den automatiskt med ett år.",
     {"extension.automatic": True, "extension.open_ended": None}),
    ("Avtalet förlängs därefter med tolv månader om inte uppsägning sker.", {"extension.automatic": True}),
    ("[Ska vi skriva in en möjlighet till förlängning? Diskuteras i mars.]", {"extension": None}),
    # parties: what makes one non-profit (a statement of no profit, not "ideell förening" alone)
    ("Föreningen Bro drivs utan vinstintresse.", {"parties.1.non_profit": True}),
    ("Föreningen återinvesterar hela sitt överskott i verksamheten.", {"parties.1.non_profit": True}),
    ("Föreningen Bro är en allmännyttig ideell förening.", {"parties.1.non_profit": None}),
    # the decision: cues, labels, what is someone else's decision, committees' names
    ("Socialnämnden beslutade den 12 mars 2024 att godkänna överenskommelsen.",
     {"decision.date": "2024-03-12", "decision.body": "socialnämnden"}),
    ("Ärendet behandlas av socialnämnden den 19 mars 2024.", {"decision.date": "2024-03-19"}),
    ("Kommunfullmäktige antog riktlinjer för IOP den 12 juni 2018.", {"decision.date": None}),
    ("Beslutsdatum: 2024-03-12", {"decision.date": "2024-03-12"}),
    ("Tekniska nämnden godkände överenskommelsen 2024-04-02.", {"decision.body": "tekniska nämnden"}),
    ("Överenskommelsen har godkänts av nämnden för arbete och välfärd den 2 april 2024.",
     {"decision.body": "nämnden för arbete och välfärd"}),
    ("Socialnämnden Nordost beslutade den 2 april 2024 att godkänna avtalet.", {"decision.body": "socialnämnden Nordost"}),
    # the document's header
    ("Version 2.1, 2024-10-02", {"document.date": "2024-10-02"}),
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
    draft = yaml.safe_load(extract_lines([*OPENING, *sentence.split("\n")], "lexikon"))  # "\n": lines of a layout
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
