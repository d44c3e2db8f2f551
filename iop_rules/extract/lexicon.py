"""The Swedish vocabulary `extract` reads, as data: one place for every cue word and phrase.

Each table is plain Swedish, one phrasing a line.  Adding a phrasing is one line here and one line
in `tests/test_lexicon.py` (a sentence and the draft fragment it gives); the extractors build their
patterns from these tables with `alt`, never from words of their own.

A phrase is matched as written, case-insensitively, with any run of spaces for a space; a phrase
ending in `*` also matches the word's inflected forms (`beviljad*`: beviljad, beviljade, beviljat).
"""
from __future__ import annotations

import re
from typing import Iterable


def alt(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases` (longest first, so a longer phrasing wins), as a group."""
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        stem = p[:-1] if p.endswith("*") else p
        rx = r"\s+".join(re.escape(w) for w in stem.split())
        out.append(rx + (r"\w*" if p.endswith("*") else r"(?!\w)"))
    return "(?:" + "|".join(out) + ")"


def cue(phrases: Iterable[str]) -> re.Pattern[str]:
    """The phrases as one compiled, case-insensitive pattern that starts at a word boundary."""
    return re.compile(r"(?<!\w)" + alt(phrases), re.IGNORECASE)


# -- money -----------------------------------------------------------------------------------------
#: Words that make a sentence with an amount a funding sentence.
FINANCE_WORDS = (
    "finansier*", "beviljad", "beviljat", "beviljar", "beviljas", "bidrar med", "bidra med", "bidrar ekonomiskt med",
    "bidra ekonomiskt med", "bidrag", "ersättning*", "ersätter", "utbetal*", "betalar", "betalas", "står för",
    "egen insats", "egeninsats", "tillskjuter", "tillskjuts", "anslår", "avsätter", "skjuter till", "verksamhetsbidrag",
    "stöd med", "bidrar",
)
#: What a payer does, in `X <verb> …`: the sentence's subject is then the payer.
PAYER_VERBS = (
    "bidrar", "finansierar", "betalar", "står för", "beviljar", "ersätter", "tillskjuter", "anslår", "avsätter",
    "skjuter till", "bidrar ekonomiskt med",
)
#: Remuneration for a service rather than a contribution (`basis: service`).
SERVICE_WORDS = (
    "ersätter", "ersättning för driften", "ersättning för drift", "grundersättning", "dygnsersättning",
    "ersättning per", "per plats och dygn", "per placering", "för driften av", "driftersättning", "vårddygn",
)
#: Before an amount: a ceiling (`cap: true`).
CAP_WORDS = ("högst", "maximalt", "max", "max.", "upp till", "som mest", "maximalt upp till", "intill")
#: Before an amount: approximate (`approximate: true`).
APPROXIMATE_WORDS = ("cirka", "ca", "ca.", "omkring", "ungefär", "drygt", "knappt", "runt", "uppskattningsvis",
                     "beräknade till", "beräknat till", "beräknas till")
#: Before an amount: a value put on a contribution in kind.
VALUED_WORDS = ("motsvarande", "värderad till", "värderade till", "värderat till", "till ett värde av", "värde",
                "värde cirka", "värde ca")
#: Year words: `per år`, `per verksamhetsår`; also what a year-span prefix (`för år 2024`) starts with.
YEAR_WORDS = ("kalenderår", "verksamhetsår", "budgetår", "året", "år")
#: After an amount: what it is for (the file's `per`).  Longest phrasing first wins.
PER_UNITS = {
    "year": ("per år", "/år", "i år", "om året", "per kalenderår", "per verksamhetsår", "per budgetår", "per året",
             "årligen", "i årligt bidrag", "varje år", "per år och"),
    "half_year": ("per halvår", "/halvår", "varje halvår", "per termin", "varje termin"),
    "quarter": ("per kvartal", "/kvartal", "varje kvartal", "kvartalsvis"),
    "month": ("per månad", "/månad", "/mån", "per mån", "i månaden", "om månaden", "månatligen", "per månaden"),
    "week": ("per vecka", "/vecka", "i veckan", "per veckan"),
    "day": ("per dygn", "/dygn", "per dag", "/dag", "per vårddygn"),
    "place": ("per plats", "/plats", "per plats och dygn", "per plats och år", "per boendeplats",
              "per utökad boendeplats"),
    "hour": ("per timme", "/timme", "/tim", "per tim", "/h"),
    "client": ("per brukare", "per klient", "per person"),
    "participant": ("per deltagare", "/deltagare"),
    "placement": ("per placering", "/placering"),
}
#: How often money is paid, as installments per year.
PAYMENT_RHYTHM = {"kvartalsvis": 4, "halvårsvis": 2, "månadsvis": 12, "årsvis": 1, "årligen": 1, "en gång per år": 1,
                  "tertialvis": 3, "per termin": 2, "i sin helhet": None}

# -- when -----------------------------------------------------------------------------------------
#: Verbs that state the agreement's term: `gäller från …`, `löper fr.o.m. …`.
PERIOD_VERBS = ("gäller", "gällde", "löper", "löpte", "pågår", "pågick", "sträcker sig", "avser", "omfattar", "varar")
#: Nouns that name the term.
PERIOD_NOUNS = ("projekttid", "projekttiden", "avtalstid", "avtalstiden", "avtalsperiod", "avtalsperioden",
                "giltighetstid", "giltighetstiden", "partnerskapsperiod", "partnerskapsperioden", "period", "perioden")
#: What the term is of (the subject of a period verb).
AGREEMENT_WORDS = ("överenskommelsen", "avtalet", "partnerskapet", "överenskommelse", "avtal", "partnerskap",
                   "iop-avtalet", "iop:n", "samarbetet",
                   "överenskommelsen om idéburet offentligt partnerskap", "projektet", "tilläggsavtalet")
#: A duration in one word: `treårig`, `tvåårigt` (years).
DURATION_ADJECTIVES = {"ettårig": 1, "tvåårig": 2, "treårig": 3, "fyraårig": 4, "femårig": 5, "sexårig": 6}
#: Words for when something starts that are not a date: a note with the words quoted.
RELATIVE_STARTS = ("från och med årsskiftet", "fr.o.m. årsskiftet", "från årsskiftet", "efter årsskiftet",
                   "från undertecknandet", "från och med undertecknandet", "när avtalet undertecknats",
                   "från det att avtalet undertecknats", "från beslutsdatum", "från och med beslutsdatum")

# -- follow-up ------------------------------------------------------------------------------------
#: A sentence about reporting names one of these.
REPORT_WORDS = ("rapport*", "redovis*", "uppföljning*", "utvärdering*", "återrapport*", "följas upp", "följs upp",
                "verksamhetsberättelse*")
#: A reporting rhythm is of these (a follow-up meeting twice a year is the steering group's, not a report's).
CADENCE_SUBJECTS = ("rapport*", "redovis*", "verksamhetsberättelse*", "återrapport*", "lägesrapport*", "rapportering*")
#: ... and one of these, so it is a duty with a date, not a mention.
REPORT_VERBS = ("lämna", "lämnar", "redovisa", "redovisar", "inkomma", "redovisas", "lämnas", "ska vara", "senast",
                "rapporteras", "rapporterar", "rapportera", "följas upp", "följs upp", "återrapporteras",
                "återrapportera", "återrapporterar", "ska ges in", "skickas", "skicka", "inkommer")
#: One word for a reporting rhythm: (reports, per).
CADENCE_WORDS = {"halvårsvis": (1, "half_year"), "varje halvår": (1, "half_year"), "en gång per halvår": (1,
                 "half_year"),
                 "kvartalsvis": (4, "year"), "varje kvartal": (4, "year"), "per kvartal": (4, "year"),
                 "per termin": (2, "year"), "varje termin": (2, "year"), "terminsvis": (2, "year"),
                 "tertialvis": (3, "year"), "per tertial": (3, "year"), "varje tertial": (3, "year"),
                 "månadsvis": (12, "year"), "varje månad": (12, "year"),
                 "årligen": (1, "year"), "varje år": (1, "year"), "en gång per år": (1, "year"),
                 "en gång om året": (1, "year"), "en gång varje år": (1, "year"), "årsvis": (1, "year")}
#: Groups that steer the partnership (RULES.md, IOP-GOV-01); a reference group only advises.
STEERING_GROUPS = ("styrgrupp", "samverkansgrupp", "samrådsgrupp", "ledningsgrupp", "partnerskapsgrupp",
                   "partnerskapsråd", "samverkansråd", "partsgrupp", "gemensam styrgrupp", "styrgruppen")
#: How a text says who sits in the group.
STEERING_MEMBERS = ("utgörs av", "består av", "med", "där", "med representanter från", "med företrädare för",
                    "bestående av", "som består av")

# -- extension ------------------------------------------------------------------------------------
#: A prolongation clause.
EXTENSION_PHRASES = ("kan förlängas", "får förlängas", "ska förlängas", "kan därefter förlängas",
                     "kan efter beslut förlängas", "förlängs med", "förlängs automatiskt", "förlängs därefter",
                     "option om förlängning", "option på förlängning", "möjlighet till förlängning",
                     "möjlighet att förlänga", "kan förlänga", "med möjlighet till förlängning", "förlängning med",
                     "förlängas en gång", "förlängs den automatiskt", "förlängs sedan")
#: Said of a clause: no limit to how long or how often (`open_ended: true`).
OPEN_ENDED_PHRASES = ("utan angiven tidsbegränsning", "utan tidsbegränsning", "i taget", "åt gången",
                      "tills vidare", "tillsvidare", "utan begränsning")
#: Said of a clause: prolonged unless someone gives notice (`automatic: true`).
AUTOMATIC_PHRASES = ("förlängs automatiskt", "automatiskt förlängd", "förlängs den automatiskt",
                     "om den inte sägs upp", "om ingen part säger upp", "om inte någon part säger upp",
                     "om ingen av parterna säger upp", "om den inte sägs upp", "om avtalet inte sägs upp")
#: Said of a clause: no extension at all.
NO_EXTENSION_PHRASES = ("förlängs inte", "kan inte förlängas", "ingen förlängning", "ska inte förlängas")

# -- parties --------------------------------------------------------------------------------------
#: How a text labels the public side (`Offentlig part: Region Gotland`).
PUBLIC_LABELS = tuple(f"{a} {n}" for a in ("offentlig", "kommunal") for n in ("part", "sektor", "organisation",
                      "aktör"))
#: ... and the idea-based side ("Ideell och icke-vinstdrivande part:", "Idéburen organisation:").
IDEA_LABELS = (*(f"{a}{mid} {n}" for a in ("ideell", "ideella", "idéburen", "idéburna")
                 for mid in ("", " icke-vinstdrivande", " icke vinstdrivande", " och icke-vinstdrivande",
                             " och icke vinstdrivande")
                 for n in ("part", "sektor", "organisation", "aktör", "förening")),
               "icke-vinstdrivande part", "icke vinstdrivande part", "icke-vinstdrivande organisation",
               "icke vinstdrivande organisation")
#: A co-financier of the partnership.
FUNDER_LABELS = ("finansiär", "medfinansiär", "finansiärer")
#: How a text refers to a party without naming it.
GENERIC_PUBLIC = ("kommunen", "kommunens", "regionen", "regionens", "staden", "stadens")
GENERIC_IDEA = ("föreningen", "föreningens", "stiftelsen", "stiftelsens", "organisationen", "organisationens",
                "föreningarna", "kretsen", "kretsens", "jouren", "jourens", "lokalföreningen")
#: Words after which a party's name in running prose has ended ("… mellan X och Y skrivits").
NAME_ENDS = ("skrivits", "tecknats", "ingåtts", "slutits", "upprättats", "träffats", "har", "om", "gällande",
             "avseende", "angående", "för", "kring", "rörande", "i syfte", "nedan", "genom")
#: Leading words that are never a payer's name: "Om partnerskapet bidrar …" is a supposition.
NOT_A_PAYER = ("om", "eftersom", "då", "när", "även", "det", "detta", "denna", "den", "som", "att", "men",
               "partnerskapet", "överenskommelsen", "avtalet", "verksamheten", "projektet", "insatsen", "beloppet")

# -- termination and clauses ----------------------------------------------------------------------
#: Hävning: ending the agreement for breach.
BREACH_PHRASES = ("häva", "hävas", "hävning", "hävs", "häver", "med omedelbar verkan")
#: Sections some guidelines require (`contents`), by the heading that opens them.
CONTENTS_HEADINGS = {
    "background": ("bakgrund", "bakgrund och syfte", "om verksamheten", "bakgrundsförutsättningar",
                   "bakgrund och behov"),
    "values": ("värdegrund", "gemensam värdegrund", "värderingar"),
    "goals": ("mål", "mål och syfte", "syfte och mål", "målsättning", "vad vi vill uppnå", "mål för partnerskapet"),
    "renegotiation": ("omförhandling", "omförhandling och ändringar"),
    "amendments": ("ändringar och tillägg", "ändringar", "tillägg och ändringar"),
    "cost_analysis": ("analys av samhälleliga vinster", "analys av samhälleliga vinster och kostnadseffektivitet",
                      "samhällsekonomisk analys", "kostnadseffektivitet"),
}
#: A text left to be written: `[Text om tvistlösning infogas …]`, `[datum]`.  Never a clause, never a value.
PLACEHOLDER = re.compile(r"\[[^\]\n]{1,300}\]|(?<!\w)(?:XX+|xx+)(?!\w)|\binfogas\s+(?:senare|efter)\b")

# -- the reasons for IOP (SKR's criteria), as the text gives them ----------------------------------
#: Each criterion by the patterns that state it; a pattern per line.
CRITERIA_PATTERNS = {
    "initiative_from_idea_based": "|".join((
        r"på\s+initiativ\s+av\s+(?:den\s+)?idéburna",
        r"(?:initiativet|idén)\s+(?:till\s+[^.]{0,60}?\s+)?(?:kommer|har\s+kommit|kom)\s+från",
        r"initiativet\s+(?:till\s+\w+\s+)?har\s+tagits\s+av\s+(?:föreningen|den\s+idéburna|organisationen)",
        r"(?:föreningen|stiftelsen|organisationen|kretsen|föreningarna)\s+har\s+(?:själv\s+)?(?:föreslagit|tagit\s+initiativ)",
    )),
    "no_market": "|".join((
        r"inte\s+(?:på\s+)?(?:en|någon)\s+marknad", r"ingen\s+(?:fungerande\s+)?marknad",
        r"inte\s+(?:ett\s+)?köp\s+av\s+(?:en\s+)?tjänst", r"inte\s+innebär\s+köp\s+av\s+en\s+tjänst",
                  r"inte\s+är\s+ett\s+köp",
    )),
    "not_normed_grant": r"normera(?:de|d|t)\s+föreningsbidrag",
    "both_finance": "|".join((
        r"båda\s+parter\s+(?:är\s+med\s+och\s+)?finansierar", r"samfinansierad",
        r"^både\s+.{2,60}\s+och\s+.{2,60}\s+bidrar\s+med\s+resurser", r"(?:alla|båda)\s+parter(?:na)?\s+bidrar",
    )),
    "not_detail_regulated": r"detaljregleras\s+(?:inte|ej)|inte\s+detaljregleras",
}


# -- market ---------------------------------------------------------------------------------------
#: The activity, or part of it, is run under LOV (`market.lov: true`).
LOV_PHRASES = ("enligt lov", "lov-utförare", "utförare inom lov", "kundval", "inom lov",
               "enligt lagen om valfrihetssystem", "i valfrihetssystem", "valfrihetssystem enligt lov",
               "är godkänd enligt lov", "godkänd utförare enligt lov")
#: The same service was bought by procurement before (`market.procured_before: true`).
PROCURED_BEFORE_PHRASES = ("avrop från kommunens ramavtal", "avrop från ramavtal", "efter avrop", "ramavtalet löpte ut",
                           "tidigare upphandlat", "tidigare upphandlad", "annonserad upphandling", "efter upphandling",
                           "tilldelats kontraktet", "har tidigare köpts", "köptes tidigare", "upphandlades",
                           "har upphandlats", "var upphandlad", "tidigare upphandling", "genom upphandling",
                           "upphandlat avtal", "tidigare avtal enligt lou")
#: Other providers offer the same service on a market (`market.other_providers: true`).
OTHER_PROVIDERS_PHRASES = ("etablerad marknad", "flera privata utförare", "andra utförare erbjuder",
                           "andra aktörer erbjuder",
                           "finns flera utförare", "finns andra utförare", "privata utförare är verksamma",
                               "konkurrerande utförare",
                           "tilldelats kontraktet i en annonserad upphandling", "finns en marknad",
                               "finns en fungerande marknad",
                           "andra leverantörer", "privata aktörer erbjuder", "privata alternativ", "flera utförare",
                           "andra anordnare")


# -- numbers --------------------------------------------------------------------------------------
_UNITS = {"noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
          "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
          "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19}
_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90}
_ORDINAL_UNITS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
                  "nionde": 9, "tionde": 10, "elfte": 11, "tolfte": 12, "trettonde": 13, "fjortonde": 14,
                  "femtonde": 15, "sextonde": 16, "sjuttonde": 17, "artonde": 18, "nittonde": 19}


def _small_numbers() -> dict[str, int]:
    out = {w: v for w, v in _UNITS.items() if v}
    for t, tv in _TENS.items():
        out[t] = tv
        for u, uv in _UNITS.items():
            if 1 <= uv <= 9 and u != "en":
                out[t + u] = tv + uv
    return out


#: Every number word from one to ninety-nine ("tjugofyra"): counts, months, days.
NUMBER_WORDS = _small_numbers()


def _ordinals() -> dict[str, int]:
    out = dict(_ORDINAL_UNITS)
    out["tjugonde"], out["trettionde"] = 20, 30
    for u, uv in _ORDINAL_UNITS.items():
        if uv <= 9:
            out["tjugo" + u] = 20 + uv
    out["trettioförsta"] = 31
    return out


#: Ordinal days in words ("den första mars").
ORDINAL_DAYS = _ordinals()
_MORPHEMES = sorted({**_UNITS, **_TENS, "hundra": 100, "tusen": 1000}.items(), key=lambda kv: -len(kv[0]))


def parse_number_word(word: str) -> int | None:
    """A Swedish number written as one word, up to 999 999: `tvåhundratusen` 200 000,
    `trehundrafemtiotusen` 350 000, `tjugofyra` 24; None when it is not one."""
    w = word.casefold()
    if not w or len(w) > 60:
        return None
    total = current = 0
    i = 0
    seen_any = False
    while i < len(w):
        for morpheme, value in _MORPHEMES:
            if w.startswith(morpheme, i):
                break
        else:
            return None
        i += len(morpheme)
        seen_any = True
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            if total:
                return None
            total, current = (current or 1) * 1000, 0
        else:
            current += value
    return total + current if seen_any else None


#: Multipliers written as separate words after a number ("fyra miljoner", "1,5 miljard").
BIG_WORDS = {"miljoner": 1_000_000, "miljon": 1_000_000, "miljarder": 1_000_000_000, "miljard": 1_000_000_000}
