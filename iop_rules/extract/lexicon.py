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
    out, firsts = [], set()
    for p in sorted(set(phrases), key=len, reverse=True):
        stem = p[:-1] if p.endswith("*") else p
        rx = r"\s+".join(re.escape(w) for w in stem.split())
        out.append(rx + (r"\w*" if p.endswith("*") else r"(?!\w)"))
        firsts |= {c for c in (stem.strip()[:1].lower(), stem.strip()[:1].upper()) if len(c) == 1} if stem.strip() else {""}
    # the first letters ahead: the engine then skips a position none of the phrases can start at (linear, not 100 tries)
    head = "" if "" in firsts or not firsts else "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"
    return "(?:" + head + "(?:" + "|".join(out) + "))"


def cue(phrases: Iterable[str]) -> re.Pattern[str]:
    """The phrases as one compiled, case-insensitive pattern that starts at a word boundary."""
    return re.compile(r"(?<!\w)" + alt(phrases), re.IGNORECASE)


# -- money -----------------------------------------------------------------------------------------
#: Words that make a sentence with an amount a funding sentence.
FINANCE_WORDS = (
    "finansier*", "bevilja*", "bidrar med", "bidra med", "bidrar ekonomiskt med",
    "bidra ekonomiskt med", "bidrag", "ersättning*", "ersätter", "utbetal*", "betalar", "betalas", "står för",
    "egen insats", "egeninsats", "tillskjuter", "tillskjuts", "anslår", "avsätter", "skjuter till", "verksamhetsbidrag",
    "stöd med", "bidrar", "medel från", "utvecklingsmedel", "projektmedel", "lämnar ett bidrag", "tilldela*", "erhåller",
    "erhålla", "bidraget", "bidragen", "betala", "tillför",
)
#: Before an amendment's new wording (`Punkt 5 får följande lydelse: Kommunens bidrag …`).
AMENDMENT_CUES = ("följande lydelse", "ny lydelse", "ändras till", "ersätts med", "ska lyda", "ska nu lyda", "lyder numera",
                  "får lydelsen", "ändras enligt följande", "ändras så att den lyder", "ändras och lyder")
#: What a payer does, in `X <verb> …`: the sentence's subject is then the payer.
PAYER_VERBS = (
    "bidrar", "finansierar", "betalar", "står för", "beviljar", "ersätter", "tillskjuter", "anslår", "avsätter",
    "skjuter till", "bidrar ekonomiskt med",
)
#: Verbs that give money only when a party says them (`Kommunen ger oss 45 000 kronor`, `Föreningen satsar 15 000
#: kronor ur egna medel`); with another subject they give nothing (`Insatsen ger en vinst om …`).
PARTY_MONEY_VERBS = ("ger", "satsar", "går in med", "medfinansierar", "medfinansierar med", "skjuter in", "lägger in",
                     "lägger till", "investerar", "står själv för", "bekostar", "täcker")
#: Remuneration for a service rather than a contribution (`basis: service`).
SERVICE_WORDS = (
    "ersätter", "ersättning för driften", "ersättning för drift", "grundersättning", "dygnsersättning",
    "ersättning per", "per plats och dygn", "per placering", "för driften av", "driftersättning", "vårddygn",
    "som ersättning för", "timersättning", "ersättning per timme",
)
#: Before an amount: a ceiling (`cap: true`).
CAP_WORDS = ("högst", "maximalt", "max", "max.", "upp till", "som mest", "maximalt upp till", "intill", "får inte överstiga",
             "får ej överstiga", "ska inte överstiga", "inte överstiga", "får inte överskrida", "inte överskrida", "ett tak på",
             "ett tak om", "ett maxbelopp om", "ett maxbelopp på", "ett högsta belopp om", "ett högsta belopp på")
#: Per unit of a rate when the phrasing is not listed: the last word of `per dokumenterad handledningstimme`, by its end.
PER_WORD_ENDINGS = {"timme": "hour", "timmar": "hour", "dygn": "day", "deltagare": "participant", "placering": "placement",
                    "avtalsår": "year", "verksamhetsår": "year", "månad": "month", "vecka": "week", "brukare": "client"}
#: Before an amount: approximate (`approximate: true`).
APPROXIMATE_WORDS = ("cirka", "ca", "ca.", "omkring", "ungefär", "drygt", "knappt", "runt", "uppskattningsvis",
                     "beräknade till", "beräknat till", "beräknas till")
#: Before an amount: a value put on a contribution in kind.
VALUED_WORDS = ("motsvarande", "värderad till", "värderade till", "värderat till", "till ett värde av", "värde",
                "värde cirka", "värde ca", "motsvarar", "vilket motsvarar", "som motsvarar", "värderas till",
                "med ett värde av", "ett värde om",
                "ett beräknat värde av", "värderat", "motsvarande ett värde av", "motsvarar ett värde av", "ett värde av",
                "ett värde på", "ett uppskattat värde av", "värdet beräknas till", "värdet uppgår till")
#: A giver's verb for what is not money: `Kommunen upplåter lokaler`, `Föreningen bidrar med ideella ledare`.
IN_KIND_VERBS = ("bidrar med", "bidrar även med", "bidrar också med", "står för", "upplåter", "tillhandahåller", "satsar",
                 "bekostar", "bistår med", "tillför", "avsätter", "ställer upp med", "delar med sig av")
#: After what is offered: it costs the receiver nothing (`erbjuder lokaler kostnadsfritt`, `upplåter lokalen hyresfritt`).
FREE_OF_CHARGE = ("utan kostnad", "kostnadsfritt", "kostnadsfri", "avgiftsfritt", "avgiftsfri", "hyresfritt", "hyresfri",
                  "utan hyra", "gratis", "utan ersättning", "utan avgift", "vederlagsfritt")
#: A giver's verb in the passive, the giver after `av`: `Lokaler tillhandahålls av kommunen`.
IN_KIND_PASSIVES = ("tillhandahålls", "upplåts", "ställs till förfogande", "bekostas", "erbjuds", "tillförs", "lånas ut",
                    "bidras med", "står till förfogande")
#: ... as a list item under `Kommunen åtar sig att`: `- upplåta lokaler`, `- bidra med handledning`.
IN_KIND_INFINITIVES = ("bidra med", "upplåta", "tillhandahålla", "stå för", "bistå med", "bekosta", "tillföra",
                       "avsätta", "låna ut", "ställa upp med")
#: In a label after a giver's genitive: `Föreningens insats: …`, `Kommunens bidrag: …`.
CONTRIBUTION_NOUNS = ("bidrag", "insats", "insatser", "åtagande", "åtaganden", "resurser", "bidrag till partnerskapet",
                      "ekonomiska åtagande", "ekonomiska åtaganden", "medverkan", "del")
#: What is given in kind even when a money word stands beside it (`lokaler och personal`).
IN_KIND_WORDS = ("ideell*", "lokal*", "utrustning", "personal", "tid", "timmar", "material", "volontär*", "kompetens",
                 "arbetstid", "ledare", "handledning", "nätverk", "kunskap", "erfarenhet")
#: A party's staff present in the activity, its time given: `Kommunens anhörigkonsulent finns på plats …`.
PRESENCE_VERBS = ("finns på plats", "är på plats", "finns tillgänglig", "finns tillgängliga", "deltar", "medverkar", "kommer ut",
                  "besöker", "närvarar", "är med", "finns med", "bemannar")
#: Things a party gives that a duty verb may name (`Kommunen svarar för lokaler`, `… står för marknadsföringen`).
RESOURCE_WORDS = ("lokal*", "hyr*", "utrustning*", "material*", "personal*", "arbetstid*", "lokalkostnad*", "marknadsför*",
                  "annonser*", "transport*", "städning*", "lokalvård*", "vaktmästeri*", "fika", "förtäring*", "trycksaker*",
                  "lokalhyr*", "uppvärmning*", "bussresor*", "skjuts*")
#: Adverbs between a giver and its verb: `Kommunen bidrar därutöver med lokaler`.
GIVER_ADVERBS = ("även", "också", "dessutom", "därutöver", "härutöver", "vidare", "likaså", "själv", "själva", "därtill")
#: One amount paid by each of a joint payer: `Kommunen och regionen bidrar vardera med 150 000 kronor`.
EACH_WORDS = ("vardera", "var för sig", "var och en", "varsin", "vardera part", "respektive part", "varje part")
#: All the idea-based parties at once.
GENERIC_IDEA_PLURAL = ("föreningarna", "de idéburna parterna", "de idéburna organisationerna", "organisationerna",
                       "de ideella parterna", "de ideella föreningarna", "de idéburna aktörerna")
#: A table of what each party brings: its first column names the party, another the contribution.
TABLE_PARTY_HEADERS = ("part", "parter", "part/organisation", "organisation", "aktör", "finansiär", "parterna")
TABLE_CONTRIBUTION_HEADERS = ("bidrag", "insats", "insatser", "resurser", "åtagande", "åtaganden", "bidrar med",
                              "belopp", "ekonomiskt bidrag", "finansiering", "resurs")
#: Receiving, not paying: `Föreningen erhåller 200 000 kronor` names the payee as the subject.
RECEIVE_VERBS = ("erhåller", "får", "tilldelas", "mottar", "tar emot", "beviljas", "söker", "ansöker om", "har sökt",
                 "har ansökt")
#: A fact of the past or of the present before the agreement (a memo's background), not this agreement's money.
HISTORY_WORDS = ("finansierades", "har finansierats", "har hittills", "hittills", "sedan tidigare", "beviljades",
                 "erhöll", "har erhållit", "uppgick", "tilldelades", "betalades", "bidrog", "finansieras i dag",
                 "finansieras idag", "fick", "har fått", "tidigare år", "föregående år", "förra året", "har tidigare",
                 "drev", "drevs", "bedrev", "bedrevs", "genomfördes", "genomförde", "har gett", "har getts")
#: A sentence stating a sum of contributions stated one by one.
SUM_WORDS = ("totalt", "sammanlagt", "sammantaget", "totala", "sammanlagda", "i allt", "tillsammans", "summa",
             "under hela avtalsperioden", "för hela avtalsperioden", "under hela perioden", "för perioden",
             "för avtalsperioden", "under avtalsperioden", "under överenskommelsens löptid", "under löptiden",
             "för hela överenskommelsen", "för hela partnerskapet")
#: Before an amount, with no unit after it: what it is for (`Kommunen bidrar årligen med …`).
PER_BEFORE = {"year": ("årligen", "årligt bidrag", "årliga bidrag", "årliga bidraget", "årligt belopp", "årlig ersättning",
                       "årliga ersättningen", "årligt stöd", "årliga stödet", "varje år", "per år", "om året",
                       "per kalenderår", "för vart och ett av åren", "för varje år", "varje kalenderår",
                       "per verksamhetsår", "årsvis", "årligt verksamhetsbidrag", "årliga verksamhetsbidraget",
                       "årligt driftbidrag", "årligt föreningsbidrag", "årligt ekonomiskt bidrag", "årligt grundbidrag",
                       "årlig driftersättning", "årligt tillskott"),
              "month": ("månatligen", "varje månad", "per månad", "månatligt bidrag", "månatlig ersättning")}
#: Money applied for, not granted: `Föreningen söker 500 000 kronor från Arvsfonden`.
APPLIED_WORDS = ("söker", "ansöker", "har sökt", "har ansökt", "ansökt om", "ansökte om", "sökte", "begär", "begärt",
                 "begärde", "äskar", "äskat", "äskade", "avser att söka", "kommer att söka",
                 "planerar att söka", "ansökan om", "sökta medel")
GRANTED_WORDS = ("beviljats", "beviljat", "beviljades", "har fått", "fått", "beviljas", "tilldelats")
#: Before an amount after another: a part of the first, not a contribution of its own (`varav 260 000 kronor till …`).
BREAKDOWN_WORDS = ("varav", "därav", "av vilka", "av detta", "fördelat på", "fördelas med", "varav till")
#: Before a second amount: a difference or a figure compared with, not a contribution (`en ökning med 50 000 kronor`).
COMPARISON_BEFORE = ("en ökning med", "en höjning med", "en minskning med", "en sänkning med", "jämfört med",
                     "i jämförelse med", "att jämföra med", "mot tidigare", "en ökning på", "en höjning på",
                     "en skillnad på", "en skillnad om", "från tidigare", "i stället för", "istället för")
#: Before the old amount of a change to a new one (`höjs från 300 000 kronor till 350 000 kronor`).
CHANGED_FROM = ("höjs från", "höjas från", "ökas från", "ökar från", "sänks från", "sänkas från", "minskas från",
                "minskar från", "ändras från", "ändras därmed från", "justeras från", "justeras upp från", "går från")
#: After an amount: it is a difference (`100 000 kronor mer än tidigare`).
COMPARISON_AFTER = ("mer än", "mindre än", "högre än", "lägre än", "fler än", "färre än", "utöver det tidigare")
#: Before an amount, after a share of it: the whole the share is of, not a contribution
#: (`45 procent av verksamhetens kostnader, som beräknas till 1 000 000 kronor`).
WHOLE_COST_NOUNS = ("kostnad*", "totalkostnad*", "omsättning*", "omslutning*", "budget*", "totalbudget*", "budgetram*")
#: A share named before the whole it is of: `hälften av`, `40 procent av`, `en del av`.
SHARE_WORDS = ("procent av", "% av", "hälften av", "en del av", "en andel av", "andelen av", "en tredjedel av",
               "en fjärdedel av", "två tredjedelar av", "del av")
#: The contribution as the subject, its payer unnamed (`Bidraget uppgår till …`, `Till föreningen utbetalas …`).
UNNAMED_PAYER_SUBJECTS = ("bidraget", "ersättningen", "stödet", "finansieringen", "beloppet", "verksamhetsbidraget",
                          "det ekonomiska bidraget", "det årliga bidraget", "den årliga ersättningen", "det kommunala bidraget",
                          "det offentliga bidraget", "driftbidraget", "partnerskapsbidraget", "bidragsbeloppet",
                          "det totala bidraget", "ersättningsbeloppet", "huvudavtalets bidrag", "avtalets bidrag",
                          "överenskommelsens bidrag", "det ursprungliga bidraget", "engångsbidraget", "tilläggsbidraget",
                          "årligt bidrag", "ekonomiskt bidrag", "bidrag per år", "årligt belopp", "beviljat belopp", "beviljat bidrag",
                          "bidragsbelopp per år")
#: Money owed as a sanction, not given: a sentence with one of these states no contribution.
SANCTION_WORDS = ("upphandlingsskadeavgift*", "skadestånd*", "vite", "vitet", "viten", "sanktionsavgift*", "böter",
                  "dröjsmålsränta", "straffavgift*")
#: An amount an insurance covers, not money given: `en ansvarsförsäkring som täcker skador upp till 10 miljoner kronor`.
INSURANCE_WORDS = ("försäkring", "försäkringen", "ansvarsförsäkring*", "olycksfallsförsäkring*", "självrisk*", "försäkringsbelopp*",
                   "försäkringsskydd*")
#: The people an activity serves, who pay fees, not contributions: `Deltagarna betalar en avgift om 100 kronor`.
PAYING_PEOPLE = ("deltagarna", "deltagare", "besökarna", "besökare", "föräldrarna", "medlemmarna", "brukarna", "eleverna",
                 "vårdnadshavarna", "hyresgästerna", "kunderna")
#: What the idea-based party pays for its own activity, not a contribution: `Föreningen betalar en hyra om 6 000 kronor`.
OWN_COST_NOUNS = ("hyra", "hyran", "hyror", "lokalhyra", "lokalhyran", "avgift", "avgiften", "medlemsavgift*", "deltagaravgift*",
                  "entréavgift*", "arrende*", "leasing*")
#: A memo's proposed decision to pay (`att bevilja föreningen 520 000 kronor per år`).
PROPOSED_GRANT_VERBS = ("bevilja", "finansiera", "avsätta", "anslå", "tillskjuta", "betala", "betala ut", "lämna ett bidrag",
                        "ge ett bidrag", "ge föreningen", "utbetala")
#: Verbs that pay to a payee named as the subject or after `till` (`Till föreningen utbetalas …`).
UNNAMED_PAYER_VERBS = ("utbetalas", "betalas ut", "avsätts", "anslås", "beviljas", "tilldelas", "erhåller", "utgår",
                       "tillförs", "lämnas")
#: Year words: `per år`, `per verksamhetsår`; also what a year-span prefix (`för år 2024`) starts with.
YEAR_WORDS = ("kalenderår", "verksamhetsår", "budgetår", "året", "år")
#: After an amount: what it is for (the file's `per`).  Longest phrasing first wins.
PER_UNITS = {
    "year": ("per år", "/år", "i år", "om året", "per kalenderår", "per verksamhetsår", "per budgetår", "per året", "per avtalsår",
             "för varje avtalsår", "per partnerskapsår", "per projektår", "för varje år", "för vart och ett av åren",
             "för vart och ett av", "årsvis", "för respektive år", "per år räknat",
             "årligen", "i årligt bidrag", "varje år", "per år och", "per läsår", "/läsår", "per helår", "för helår"),
    "half_year": ("per halvår", "/halvår", "varje halvår", "per termin", "varje termin", "/termin"),
    "quarter": ("per kvartal", "/kvartal", "varje kvartal", "kvartalsvis"),
    "month": ("per månad", "/månad", "/mån", "per mån", "i månaden", "om månaden", "månatligen", "per månaden"),
    "week": ("per vecka", "/vecka", "i veckan", "per veckan"),
    "day": ("per dygn", "/dygn", "per dag", "/dag", "per vårddygn", "per plats och dygn", "per dygn och plats",
            "per belagd plats och dygn", "per belagt dygn", "per belagd plats och dag", "per plats och dag",
            "per boendedygn", "per dygn och placering", "per placering och dygn"),
    "place": ("per plats", "/plats", "per plats och år", "per boendeplats",
              "per utökad boendeplats", "per år och plats", "per månad och plats", "per belagd plats"),
    "hour": ("per timme", "/timme", "/tim", "per tim", "/h", "per utförd timme", "per påbörjad timme", "per faktisk timme",
             "per arbetad timme", "i timmen"),
    "client": ("per brukare", "per klient", "per person"),
    "participant": ("per deltagare", "/deltagare"),
    "placement": ("per placering", "/placering"),
}
#: A heading over a budget (`Budget`, `Budget för regionens bidrag per år (tkr)`, `Kostnadsbudget 2025`).
BUDGET_HEADINGS = ("budget", "kostnadsbudget", "projektbudget", "verksamhetsbudget", "budgetsammanställning",
                   "budgetöversikt", "ekonomisk sammanställning", "kostnadsberäkning", "kostnadskalkyl",
                   "budgeterade kostnader", "beräknade kostnader", "kostnadsfördelning", "budgetförslag",
                   "preliminär budget", "årsbudget", "projektets budget", "verksamhetens budget",
                   "partnerskapets budget", "överenskommelsens budget", "ekonomisk kalkyl", "budgetkalkyl",
                   "kostnader och finansiering", "budgeterade kostnader och intäkter")
#: A budget line that is the total, and ends the list.
BUDGET_TOTAL_LABELS = ("summa", "totalt", "total", "total kostnad", "totala kostnader", "totalbudget", "summa kostnader",
                       "summa budget", "totalsumma", "summa totalt", "sammanlagt", "totalt belopp", "total budget",
                       "summa utgifter")
#: Labels over a budget's income (not cost lines) and over its costs again.
BUDGET_INCOME_LABELS = ("intäkter", "finansiering", "inkomster", "intäkter och bidrag", "finansiärer")
#: A budget's financing line that is the idea-based party's own money (`Egen finansiering (gåvor) 65`).
OWN_FUNDING_LABELS = ("egen finansiering", "egna medel", "egeninsats", "egen insats", "eget bidrag", "egna intäkter",
                      "egenfinansiering", "egen medfinansiering", "egna insamlade medel")
#: How the name of an organ of a public party ends, which gives for it (`Kultur- och fritidsnämnden`, `Jakobsbergs
#: bibliotek`, `Socialförvaltningen`): the end of its last word.
PUBLIC_ORGAN_ENDINGS = ("nämnden", "nämnd", "förvaltningen", "förvaltning", "kommunstyrelsen", "regionstyrelsen", "kontoret",
                        "enheten", "biblioteket", "bibliotek", "avdelningen", "skolan", "skolorna")
BUDGET_COST_LABELS = ("kostnader", "utgifter", "kostnad")
#: A table's header that makes it a budget: a cost column, then an amount column.
BUDGET_COST_HEADERS = ("post", "poster", "kostnadspost", "budgetpost", "kostnadsslag", "kostnad", "kostnader",
                       "budgetrad", "utgift", "utgifter", "kostnadsområde")
BUDGET_AMOUNT_HEADERS = ("belopp", "kr", "kronor", "tkr", "sek", "budget", "summa", "kostnad", "belopp kr",
                         "belopp (kr)", "belopp i kr")
#: A line that introduces a budget's lines: a cost noun (`Kostnaderna beräknas enligt följande:`) ...
BUDGET_INTRO_NOUNS = ("budget*", "kostnader", "kostnaderna", "kostnadsberäkning*", "kostnadskalkyl*", "kalkyl*",
                      "kostnadsfördelning*", "kostnadsposter*", "beräknade kostnader", "budgeterade kostnader")
#: ... and an end that points to the lines below it.
BUDGET_INTRO_ENDS = ("framgår nedan", "enligt följande", "se nedan", "enligt nedan", "i tabellen nedan", "nedan",
                     "följande", "enligt tabellen", "ser ut så här", "ser ut enligt följande", "redovisas nedan",
                     "fördelas så här", "enligt nedanstående", "nedanstående")
#: The money, as the subject of a line over what it is for (`Bidraget för ett helt år avser:`) ...
MONEY_NOUNS = ("bidraget", "bidragen", "medlen", "pengarna", "ersättningen", "stödet", "beloppet", "kommunens bidrag",
               "regionens bidrag", "stadens bidrag", "det ekonomiska bidraget", "finansieringen")
#: ... and the verb that says so.
BUDGET_USE_VERBS = ("avser", "ska användas till", "används till", "ska täcka", "täcker", "fördelas på", "fördelas så här",
                    "fördelas enligt följande", "går till", "ska gå till", "är beräknat på", "beräknas på", "fördelas",
                    "ska finansiera", "finansierar", "omfattar")
#: A total stated in prose: `Den totala budgeten uppgår till 1,8 mnkr`.
BUDGET_TOTAL_PHRASES = ("total budget", "totala budget", "totala budgeten", "totalbudget", "totalbudgeten",
                        "budgeten uppgår totalt", "budgeten omfattar totalt", "budgeten är totalt", "budget om totalt",
                        "budgetens totala", "budgeten uppgår sammanlagt", "en budget på totalt")
#: How often money is paid, as installments per year (None: paid once, a count per year only in a term of a year).
PAYMENT_RHYTHM = {"kvartalsvis": 4, "halvårsvis": 2, "månadsvis": 12, "årsvis": 1, "årligen": 1, "en gång per år": 1,
                  "tertialvis": 3, "per termin": 2, "i sin helhet": None, "varje månad": 12, "månatligen": 12,
                  "varje kvartal": 4, "per kvartal": 4, "varje halvår": 2, "per halvår": 2, "terminsvis": 2,
                  "varje termin": 2, "per tertial": 3, "en gång om året": 1, "en gång årligen": 1, "helårsvis": 1,
                  "en gång per månad": 12, "en gång i månaden": 12, "en gång per kvartal": 4, "en gång per halvår": 2,
                  "vid ett tillfälle": None, "som ett engångsbelopp": None, "i en klumpsumma": None}
#: A sentence about paying money out: only there do a count, a rhythm or months say how often it is paid.
PAYMENT_CUES = ("betalas", "betalar ut", "utbetal*", "utbet.", "faktureras", "fakturerar", "betalning*",
                "överförs", "sätts in", "betala ut")
#: An estimate of what rates add up to, not a payment: `… beräknas till totalt cirka 400 000 kronor per år`.
ESTIMATE_WORDS = ("beräknas", "beräknad", "beräknat", "uppskattas", "uppskattad", "uppskattat", "bedöms uppgå", "förväntas uppgå",
                  "kan komma att uppgå", "prognos*")
#: After a payment verb, the amount paid is a year's: `Bidraget om 300 000 kronor betalas ut årligen i januari`.
YEARLY_PAYMENT = ("årligen", "varje år", "en gång per år", "en gång om året", "årsvis", "en gång årligen", "per år")
#: What is counted in `fyra utbetalningar per år`, `två gånger om året`, `i fyra lika stora delar per år`.
INSTALLMENT_NOUNS = ("tillfällen", "tillfälle", "gånger", "gång", "ggr", "delbetalningar", "utbetalningar",
                     "lika delar", "lika stora delar", "delar", "rater", "poster", "omgångar", "post", "del", "rat",
                     "utbetalning", "omgång", "delbetalning", "klumpsumma",
                     "utbetalningstillfällen", "betalningar")
#: After the count: the year it is counted in.
INSTALLMENT_YEAR = ("per år", "om året", "varje år", "på ett år", "under ett år", "/år", "årligen", "per kalenderår",
                    "per verksamhetsår", "under året", "i året", "per budgetår")

# -- when -----------------------------------------------------------------------------------------
#: Verbs that state the agreement's term: `gäller från …`, `löper fr.o.m. …`.
PERIOD_VERBS = ("gäller", "gällde", "löper", "löpte", "pågår", "pågick", "sträcker sig", "avser", "omfattar", "varar", "gälla",
                "löpa", "börjar gälla", "börja gälla", "träder i kraft", "träda i kraft", "löper ut", "upphör att gälla")
#: After the agreement as the subject, verbs that state when the term starts ("Samarbetet startar den 1 april 2026").
PERIOD_START_VERBS = ("startar", "inleds", "påbörjas", "börjar", "träder i kraft", "börjar gälla", "tar sin början")
#: Before a year alone, words that make the year's last day the term's end ("löper ut vid utgången av 2027").
YEAR_END_WORDS = ("vid utgången av", "till utgången av", "per utgången av", "till och med utgången av", "till och med", "t.o.m.",
                  "till slutet av", "till och med slutet av", "året ut", "vid årsskiftet")
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
#: A review of the agreement (`review.date`): "Parterna gör en översyn senast …", "Avtalet ska omprövas senast …".
#: An evaluation the parties make together: a review of the partnership, not a report one party hands in.
JOINT_EVALUATIONS = ("utvärderar gemensamt", "utvärderas gemensamt", "utvärdera gemensamt", "gemensamt utvärdera",
                     "gemensamt utvärderar", "gemensam utvärdering", "gemensamma utvärdering", "utvärderar parterna gemensamt",
                     "parterna utvärderar", "parterna ska utvärdera", "parterna ska gemensamt utvärdera")
REVIEW_PHRASES = ("översyn*", "omprövning*", "ompröva*", "ses över", "se över", "revider*", "ta ställning till fortsatt*",
                  "ta ställning till om", "ta ställning till en fortsättning", "tar ställning till om", "tar ställning till fortsatt*",
                  "beslut om fortsatt*", "beslut om fortsättning", "beslutar om fortsatt*", "beslutar om fortsättning",
                  "ta ställning till fortsättning", "tar ställning till fortsättning", *JOINT_EVALUATIONS)
#: Weaker: a review only where no report is named in the sentence ("En samlad utvärdering … inför ställningstagande" is a report).
REVIEW_WEAK = ("pröva* … om", "prövas om", "utvärdera om", "utvärderar om", "stämma av om", "stämmer av om",
               "avstämning om", "ställningstagande om")
#: A reporting rhythm is of these (a follow-up meeting twice a year is the steering group's, not a report's).
#: Whose end a report is counted from ("senast en månad efter avtalstidens slut").
PERIOD_END_OWNERS = ("avtalstidens", "avtalsperiodens", "periodens", "partnerskapets", "överenskommelsens", "avtalets",
                     "projektets", "projekttidens", "partnerskapsperiodens", "giltighetstidens", "samarbetets")
PERIOD_END_NOUNS = ("slut", "utgång", "upphörande", "avslut", "slutdatum", "sista dag", "avslutande")
CADENCE_SUBJECTS = ("rapport*", "redovis*", "verksamhetsberättelse*", "återrapport*", "lägesrapport*", "rapportering*", "redogör*",
                    "årsberättelse*", "uppföljningsrapport*", "verksamhetsrapport*")
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
                 "en gång om året": (1, "year"), "en gång varje år": (1, "year"), "årsvis": (1, "year"),
                 # a year of another name: the school's, the association's, the season the activity runs in
                 "varje läsår": (1, "year"), "per läsår": (1, "year"), "efter varje läsår": (1, "year"), "efter läsåret": (1, "year"),
                 "varje verksamhetsår": (1, "year"), "per verksamhetsår": (1, "year"), "efter varje verksamhetsår": (1, "year"),
                 "varje kalenderår": (1, "year"), "per kalenderår": (1, "year"), "efter varje kalenderår": (1, "year"),
                 "efter varje säsong": (1, "year"), "varje säsong": (1, "year"), "efter varje sommarlov": (1, "year"),
                 "efter varje sommar": (1, "year"), "för varje år": (1, "year"), "för varje verksamhetsår": (1, "year"),
                 "år för år": (1, "year"), "en gång per läsår": (1, "year"), "två gånger per läsår": (2, "year")}
#: Groups that steer the partnership (RULES.md, IOP-GOV-01); a reference group only advises.
STEERING_GROUPS = ("styrgrupp", "samverkansgrupp", "samrådsgrupp", "ledningsgrupp", "partnerskapsgrupp",
                   "partnerskapsråd", "samverkansråd", "partsgrupp", "gemensam styrgrupp", "styrgruppen")
#: Groups that may only advise or work: read as the steering group only where no group above is named and the text
#: says who sits in it or how often it meets ("En arbetsgrupp med en företrädare för varje part träffas varje kvartal").
STEERING_GROUPS_WEAK = ("arbetsgrupp", "referensgrupp", "projektgrupp", "uppföljningsgrupp", "dialoggrupp", "samarbetsgrupp",
                        "samordningsgrupp", "partnerskapsforum", "samverkansforum", "dialogforum", "samrådsforum")
#: How a text says who sits in the group.
STEERING_MEMBERS = ("utgörs av", "består av", "med", "där", "med representanter från", "med företrädare för",
                    "bestående av", "som består av", "sammansätts av", "har följande sammansättning", "bildas av",
                    "ledamöter är", "ledamöterna är", "som utgörs av", "ska bestå av", "bestå av", "ska utgöras av")
#: A word for a seat in the group, after which a count is the number of members ("två ledamöter från kommunen"),
#: and the singular each member is then given as a role.
STEERING_SEAT_SINGULAR = {"representanter": "representant", "företrädare": "företrädare", "ledamöter": "ledamot",
                          "personer": "person", "tjänstepersoner": "tjänsteperson", "tjänstemän": "tjänsteman",
                          "medarbetare": "medarbetare", "ombud": "ombud", "ordinarie ledamöter": "ordinarie ledamot",
                          "chefer": "chef", "rektorerna": "rektor", "rektorer": "rektor", "platser": "plats",
                          "ordinarie platser": "ordinarie plats", "deltagare": "deltagare"}
STEERING_SEATS = (*STEERING_SEAT_SINGULAR, *STEERING_SEAT_SINGULAR.values(), "repr.", "ledamot", "ledamöter")
#: Seat words that state no role: "två platser" are two members whose titles are not said.
STEERING_SEATS_WITHOUT_ROLE = ("plats", "platser", "ordinarie plats", "ordinarie platser")
#: A subject that is every party at once: "Varje part har två platser i styrgruppen".
STEERING_EVERY_PARTY = ("varje part", "vardera parten", "vardera part", "respektive part", "var och en av parterna", "parterna",
                        "båda parterna", "båda parter", "bägge parterna", "bägge parter", "samtliga parter", "varje avtalspart",
                        "vardera avtalsparten", "de båda parterna", "de två parterna", "varje organisation")
#: A subject of several parties holds its seats each alike only where it says so ("utser vardera två ledamöter").
STEERING_EACH_MARKS = ("vardera", "var för sig", "var och en", "båda", "bägge", "var", "per part", "för egen del")
#: What a party does with its seats in "<parter> <verb> <antal> <platser>".
STEERING_HOLD_VERBS = ("har", "ha", "utser", "utse", "nominerar", "nominera", "tillsätter", "tillsätta", "får", "väljer", "välja",
                       "representeras av", "företräds av", "deltar med", "medverkar med", "skickar", "bemannar gruppen med",
                       "är representerade med", "är representerad med", "ska ha", "ska utse")
#: "… för vardera parten": one member for each party.
EACH_PARTY_WORDS = ("vardera parten", "vardera part", "varje part", "respektive part", "respektive organisation",
                    "per part", "per avtalspart", "per organisation", "per förening",
                    "varje organisation", "vardera organisationen", "vardera organisation", "respektive förening", "vardera förening",
                    "vardera föreningen", "var och en av föreningarna", "respektive idéburen part", "varje idéburen part",
                    "varje förening", "var och en av parterna", "varje avtalspart", "respektive avtalspart", "båda sidor",
                    "vardera sidan", "båda organisationerna", "bägge organisationerna", "respektive huvudman",
                    "vardera avtalspart", "vardera avtalsparten", "båda avtalsparterna", "båda avtalsparter", "varje avtalspart")
#: A substitute is no seat of its own ("en ledamot och en ersättare", "samt personliga ersättare").
STEERING_SUBSTITUTES = ("ersättare", "personlig ersättare", "personliga ersättare", "suppleant", "suppleanter")
#: Titles (as parts of a word) only the public side's staff and politicians hold: a member so titled is the public party's.
PUBLIC_OFFICES = ("chef", "direktör", "förvaltning", "handläggare", "tjänsteperson", "tjänstem", "strateg", "konsulent",
                  "fritidsgård", "rektor", "socialsekreterare", "fritidsledare", "kommunalråd", "regionråd", "nämnd",
                  "politiker", "samordnare på kommunen", "samordnare vid kommunen", "skolsköterska", "socialtjänst")
#: ... and the idea-based side's offices ("föreningens ordförande", "kassör", "volontärsamordnare").
IDEA_OFFICES = ("ordförande", "styrelse", "verksamhetsledare", "kassör", "volontär", "ideell", "frivillig", "generalsekreterare",
                "pastor", "präst", "diakon", "kyrkoherde", "daglig ledare")
#: Bodies that are never a party unless the text names them one: a member from one is not the public party's.
OTHER_BODIES = ("polis*", "kommunpolis*", "arbetsförmedling*", "försäkringskassa*", "migrationsverket", "kriminalvård*",
                "skatteverket", "universitet*", "högskola*", "länsstyrelse*", "socialstyrelse*", "folkhälsomyndighet*")
#: Who else may hold a seat in the group though no party (convention 14): groups of people, and councils (`…rådet`),
#: recorded under the words the text names them with ("en representant för besökarna", "kommunala pensionärsrådet").
NON_PARTY_GROUPS = ("besökarna", "deltagarna", "brukarna", "invånarna", "medborgarna", "de boende", "föräldrarna", "eleverna",
                    "ungdomarna", "hyresgästerna", "användarna", "de unga", "målgruppen", "volontärerna")
NON_PARTY_COUNCIL_END = ("rådet", "rådets")
NON_PARTY_BODY_ADJECTIVES = ("kommunala", "kommunens", "regionala", "regionens", "lokala", "centrala")
#: How a party puts its people in the group ("Kommunen utser två ledamöter och föreningen två").
STEERING_APPOINT_VERBS = ("utser", "utse", "nominerar", "nominera", "tillsätter", "tillsätta", "väljer", "välja", "utnämner",
                          "bemannar gruppen med", "deltar med", "medverkar med", "är representerad med", "representeras av")
#: After a party that opens its people in the group: "Från kommunen deltar …", "Föreningen representeras av …".
STEERING_RUN_VERBS = ("deltar", "ingår", "sitter", "medverkar", "representeras", "företräds", "är representerad", "bidrar",
                      "utser", "ska utse", "nominerar", "skickar", "deltar med", "representeras av", "företräds av")
#: Header cells of a member table (`| Namn | Roll | Organisation |`) besides a contact table's.
STEERING_TABLE_HEADERS = ("ledamot", "ledamöter", "representant", "företräder", "uppdrag", "befattning/roll", "namn och titel", "antal",
                          "antal platser", "antal ledamöter", "platser", "representerar", "representanter", "part/organisation")
#: What a group does when it meets ("Styrgruppen sammanträder kvartalsvis").
MEETING_VERBS = ("sammanträd*", "träffas", "träffar", "mötas", "möts", "ses", "möte", "möten", "samlas",
                 "håller möte*", "har möte*", "kallas", "träff*")
#: A meeting rhythm in words, as meetings a year.
MEETING_RHYTHMS = {"kvartalsvis": 4, "varje kvartal": 4, "en gång per kvartal": 4, "en gång i kvartalet": 4,
                   "månadsvis": 12, "varje månad": 12, "en gång i månaden": 12, "en gång per månad": 12,
                   "varannan månad": 6, "halvårsvis": 2, "varje halvår": 2, "en gång per halvår": 2,
                   "varje termin": 2, "en gång per termin": 2, "terminsvis": 2, "en gång varje termin": 2,
                   "årligen": 1, "en gång om året": 1, "en gång per år": 1, "en gång varje år": 1,
                   "varje vecka": 52, "varannan vecka": 26, "tertialvis": 3, "varje tertial": 3}

# -- extension ------------------------------------------------------------------------------------
#: A prolongation clause.
EXTENSION_PHRASES = ("kan förlängas", "får förlängas", "ska förlängas", "kan därefter förlängas",
                     "kan efter beslut förlängas", "förlängs med", "förlängs automatiskt", "förlängs därefter",
                     "option om förlängning", "option på förlängning", "möjlighet till förlängning",
                     "möjlighet att förlänga", "kan förlänga", "med möjlighet till förlängning", "förlängning med",
                     "förlängas en gång", "förlängs den automatiskt", "förlängs sedan", "rätt att förlänga",
                     "möjlighet att förlänga", "får förlänga", "förnyas automatiskt", "löper därefter vidare",
                     "automatisk förlängning", "komma överens om att förlänga", "kan enas om att förlänga",
                     "kan besluta att förlänga", "kan besluta om att förlänga", "får besluta om att förlänga",
                     "kan gemensamt besluta att förlänga", "kan välja att förlänga", "kan ta beslut om att förlänga",
                     "möjlighet till en förlängning", "möjlighet till ytterligare en förlängning", "komma överens om förlängning",
                     "komma överens om en förlängning", "enas om förlängning", "enas om en förlängning", "besluta om förlängning",
                     "besluta om en förlängning", "option att förlänga", "option till förlängning", "en förlängning med")
#: Before a length, words that make it the most all prolongations together may add ("sammanlagt högst 24 månader").
EXTENSION_TOTAL_WORDS = ("sammanlagt", "totalt", "sammantaget", "som mest sammanlagt", "sammanlagt högst", "totalt högst",
                         "sammanlagt maximalt", "totalt maximalt", "dock sammanlagt", "dock högst sammanlagt")
#: Said of a clause: no limit to how long or how often (`open_ended: true`).
OPEN_ENDED_PHRASES = ("utan angiven tidsbegränsning", "utan tidsbegränsning", "i taget", "åt gången", "i sänder", "per gång",
                      "tills vidare", "tillsvidare", "utan begränsning")
#: Said of a clause: a last day or a most that all prolongations end by ("dock längst till och med 2030-12-31"), so not open-ended.
EXTENSION_LIMIT_WORDS = ("dock längst", "som längst", "längst till", "längst till och med", "dock högst", "dock som mest",
                         "dock inte längre än", "dock maximalt", "högst till och med")
#: Said of a clause: prolonged unless someone gives notice (`automatic: true`).
AUTOMATIC_PHRASES = ("förlängs automatiskt", "automatiskt förlängd", "förlängs den automatiskt",
                     "om den inte sägs upp", "om ingen part säger upp", "om inte någon part säger upp",
                     "om ingen av parterna säger upp", "om den inte sägs upp", "om avtalet inte sägs upp",
                     "om inte uppsägning sker", "om uppsägning inte sker", "förnyas automatiskt", "tyst förlängning",
                     "om ingen part har sagt upp", "om den inte har sagts upp", "såvida den inte sägs upp",
                     "om inte någon av parterna säger upp", "om överenskommelsen inte sägs upp", "om ingen uppsägning sker",
                     "automatisk förlängning", "förlängs automatiskt")
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
                "föreningarna", "kretsen", "kretsens", "jouren", "jourens", "lokalföreningen", "församlingen",
                "församlingens", "distriktet", "distriktets", "förbundet", "förbundets", "klubben", "klubbens")
#: Words after which a party's name in running prose has ended ("… mellan X och Y skrivits").
NAME_ENDS = ("skrivits", "tecknats", "ingåtts", "slutits", "upprättats", "träffats", "har", "om", "gällande",
             "avseende", "angående", "för", "kring", "rörande", "i syfte", "nedan", "genom")
#: Small words inside an association's name ("Vuxna på stan", "Föreningen Bro i Lund", "Hjärta för Alby"): a name cut
#: before one of them is completed where every mention of it goes on with the same words.
NAME_INNER_WORDS = ("på", "i", "för", "mot", "utan", "av", "vid", "under", "över", "med")
#: Leading words that are never a payer's name: "Om partnerskapet bidrar …" is a supposition.
NOT_A_PAYER = ("om", "eftersom", "då", "när", "även", "det", "detta", "denna", "den", "som", "att", "men",
               "partnerskapet", "överenskommelsen", "avtalet", "verksamheten", "projektet", "insatsen", "beloppet")
#: Headings (or a lead line) over the parties: "§ 1 Parter", "PARTER", "Överenskommelsen ingås mellan".
PARTY_HEADINGS = ("parter", "parterna", "avtalsparter", "avtalsparterna", "överenskommelsens parter", "avtalets parter",
                  "parter i överenskommelsen", "parter i avtalet", "partnerskapets parter", "parter och organisationsnummer",
                  "överenskommelsen ingås mellan", "avtalet ingås mellan", "överenskommelsen har träffats mellan",
                  "överenskommelsen är träffad mellan", "överenskommelse mellan", "avtal mellan", "mellan", "följande parter",
                  "samverkansparter", "parter och kontaktuppgifter", "deltagande parter")
#: How an association writing its own agreement says it is the idea-based party: "Vi är en ideell förening", "vi i föreningen".
WE_ARE = ("vi är en", "vi är ett", "vi i", "vi är", "vi som är med i", "vi som driver")
#: First-person words that then stand for that party ("vår ordförande", "Vi lovar att …").
WE_WORDS = ("vi", "vår", "vårt", "våra", "oss")
#: Words of a line that leads the parties' list in ("Följande parter har ingått denna överenskommelse:").
PARTY_LIST_CUES = ("parter", "parterna", "avtalsparter", "avtalsparterna", "mellan", "avtalsparterna är", "parterna är")
#: What may follow such a heading on its line before the list: "Parter i överenskommelsen är:", "Avtalet ingås mellan följande parter".
PARTY_HEADING_TAILS = ("är", "är följande", "utgörs av", "följande parter", "nedanstående parter", "följande", "är följande parter")
#: A side named by its generic word as a label ("Föreningen: Fristad Söder"); read only where parties are listed.
GENERIC_LABELS = ("kommunen", "kommun", "regionen", "region", "staden", "föreningen", "förening", "stiftelsen", "stiftelse",
                  "organisationen", "organisation", "idéburen organisation", "den idéburna parten", "den offentliga parten")
#: How a text introduces the short name it uses for a party: "(nedan kallad kommunen)", "i det följande benämnd Regionen".
ALIAS_INTROS = ("nedan kallad", "nedan kallat", "nedan kallade", "nedan benämnd", "nedan benämnt", "nedan benämnda", "nedan",
                "i det följande benämnd", "i det följande benämnt", "i det följande kallad", "i det följande kallat",
                "härefter kallad", "härefter benämnd", "hädanefter kallad", "hädanefter benämnd", "i fortsättningen kallad",
                "fortsättningsvis kallad", "fortsättningsvis benämnd", "i avtalet kallad", "i överenskommelsen kallad",
                "här kallad", "här kallat", "här benämnd", "här benämnt", "i det följande", "kallad", "benämnd")
#: A verb with which two named parties make the agreement: "A och B har kommit överens om", "A och B ingick ett avtal".
AGREED_VERBS = ("har kommit överens", "har i dag kommit överens", "kom överens", "kommer överens", "har ingått", "har idag ingått",
                "ingick", "ingår härmed", "ingår denna", "ingår följande", "ingår", "har tecknat", "tecknade", "tecknar",
                "har slutit", "slöt", "sluter", "har träffat", "träffade", "har undertecknat", "undertecknade",
                "har följande överenskommits", "har enats om", "enades om", "samverkar", "har överenskommit", "är överens om",
                "är eniga om", "har kommit överens om")
#: The first cell of a table row about the parties: a row of names, or a row of organisation numbers.
NAME_ROW_LABELS = ("namn", "part", "parter", "organisation", "organisationens namn", "partens namn", "juridiskt namn", "aktör")
ORG_ROW_LABELS = ("organisationsnummer", "org.nr", "org. nr", "orgnr", "org nr", "organisationsnr")
#: Verbs that make a line a sentence about a party, never its name ("Livslinjen ger sina stödpersoner …").
NOT_NAME_WORDS = ("är", "var", "blir", "har", "hade", "ska", "skall", "kan", "får", "måste", "ger", "gav", "driver", "bedriver",
                  "erbjuder", "arbetar", "bidrar", "lämnar", "ansvarar", "kommer", "sker", "gäller", "svarar", "står",
                  "åtar", "samlar", "verkar", "utgör", "finns", "representerar", "företräder", "tecknar", "ingår")
#: Words after which a party's name has ended in its own line: "Stiftelsen X som driver …", "Region Y genom …".
APPOSITION_WORDS = ("genom", "via", "inom", "representerad av", "företrädd av", "som", "vilken", "vilket", "vars", "med säte i",
                    "med organisationsnummer", "med org.nr")
#: Words a party's name never starts with: a sentence about the parties, not a name.
NOT_NAME_STARTS = ("denna", "detta", "den", "det", "de", "parterna", "parternas", "båda", "samtliga", "överenskommelsen",
                   "avtalet", "partnerskapet", "syftet", "målet", "om", "enligt", "för", "med", "mellan", "genom", "i", "vid",
                   "under", "efter", "samt", "och", "eller", "se", "bilaga", "part", "parter", "kontaktperson", "kontakt",
                   "firmatecknare", "adress", "telefon", "e-post", "org.nr", "organisationsnummer", "namn", "datum", "ort",
                   # a heading that asks ("Vad kommunen gör", "Hur det började", "Vem gör vad"), or speaks of the parties
                   "vad", "hur", "vem", "vilka", "vilken", "varför", "när", "så", "vår", "våra", "vårt", "kommunens", "föreningens")
#: Words in a name that make it an idea-based organisation's even when it names a place ("Kvinnojouren i Gävle kommun").
IDEA_NAME_WORDS = ("förening*", "stiftelse*", "förbund*", "riksförbund*", "studieförbund*", "jour*", "kvinnojour*",
                   "brottsofferjour*", "församling*", "sällskap*", "klubb*", "idrottsklubb*", "samfund*", "trossamfund*",
                   "kyrkan", "kyrkans", "mission*", "stadsmission*", "röda korset*", "rädda barnen*", "kooperativ*",
                   "bygdegård*", "samverkansråd*", "hembygdsförening*", "scoutkår*", "nätverk*", "ideell*", "ideella*")
#: Public bodies whose names hold an association's word: they stay public.
PUBLIC_NAME_WORDS = ("samordningsförbund*", "kommunalförbund*", "kommunförbund*", "regionförbund*", "räddningstjänstförbund*",
                     "länsstyrelse*", "stiftelsen för kommunal*")
#: How a text states that an idea-based party is not run for profit (the schema's `non_profit`); "ideell
#: förening" alone says what kind of association it is, not that it makes no profit.
NON_PROFIT_PHRASES = ("icke-vinstdrivande", "icke vinstdrivande", "inte vinstdrivande", "ej vinstdrivande", "inte är vinstdrivande",
                      "inte är en vinstdrivande", "ej är vinstdrivande", "inte drivs med vinstsyfte", "inte drivs i vinstsyfte",
                      "inte bedriver verksamhet i vinstsyfte", "bedriver inte verksamhet i vinstsyfte",
                      "bedriver ingen verksamhet i vinstsyfte", "inte bedrivs i vinstsyfte", "bedrivs inte i vinstsyfte",
                      "inte verkar i vinstsyfte", "verkar inte i vinstsyfte", "utan vinstintresse",
                      "utan vinstintressen", "utan vinstsyfte", "utan vinstsyften", "utan att vara vinstdrivande",
                      "utan vinst", "saknar vinstsyfte", "saknar vinstintresse", "har inget vinstsyfte", "har inget vinstintresse",
                      "har inte vinst som syfte", "inte har vinst som syfte", "inte har något vinstsyfte", "ej vinstutdelande",
                      "inte vinstutdelande", "icke vinstutdelande", "non-profit", "nonprofit", "återinvesterar hela sitt överskott",
                      "återinvesterar sitt överskott", "återinvesterar hela överskottet", "återinvesterar överskottet",
                      "överskottet återinvesteras", "överskott återinvesteras", "vinsten återinvesteras", "delar inte ut vinst",
                      "delar inte ut någon vinst", "ingen vinstutdelning", "inte delar ut vinst",
                      "inte har vinstsyfte", "har inte vinstsyfte", "har inte något vinstsyfte", "inget vinstsyfte", "inget vinstintresse",
                      "inte har vinstintresse", "har inte vinstintresse", "inte har något vinstintresse", "har inte något vinstintresse",
                      "inte i vinstsyfte", "ej i vinstsyfte", "inte med vinstsyfte", "ej med vinstsyfte", "icke vinstsyftande",
                      "icke-vinstsyftande", "inte vinstsyftande", "ej vinstsyftande", "syftar inte till vinst", "inte syftar till vinst",
                      "utan ekonomiskt vinstsyfte", "utan vinstdrivande syfte", "utan syfte att gå med vinst",
                      "inte har till syfte att gå med vinst", "har inte till syfte att gå med vinst", "delar inte ut överskott",
                      "inte delar ut överskott", "ingen utdelning till medlemmarna", "överskottet går tillbaka till verksamheten",
                      "ingen verksamhet i vinstsyfte", "inte verksamhet i vinstsyfte", "inte verksamheten i vinstsyfte",
                      "går inte med vinst", "inte går med vinst", "ska inte gå med vinst", "inte ska gå med vinst",
                      "ej vinstinriktad", "icke vinstinriktad", "inte vinstinriktad", "inte är vinstinriktad", "drivs inte med vinst",
                      "drivs inte i vinstsyfte", "drivs inte med vinstsyfte", "bedrivs inte med vinstsyfte", "inte bedrivs med vinstsyfte",
                      "ingen vinst delas ut", "vinst delas inte ut", "överskott återförs", "överskottet återförs",
                      "eventuella överskott återförs", "återför överskottet", "återför eventuellt överskott",
                      "har inte som syfte att gå med vinst", "syftet är inte att gå med vinst", "non profit",
                      "utan ekonomiskt vinstintresse", "saknar ekonomiskt vinstsyfte", "inget ekonomiskt vinstsyfte")
#: What a sentence says of its subject before a non-profit statement ("Föreningen är …", "Stiftelsen drivs utan vinstsyfte").
NON_PROFIT_VERBS = ("är", "utgör", "drivs", "bedrivs", "verkar", "arbetar", "har", "saknar", "är sedan", "är en", "är ett", "driver",
                    "bedriver", "syftar")

# -- decision and document -----------------------------------------------------------------------
#: Who decides for the public party besides a committee (nämnd).
DECIDERS = ("kommunstyrelse*", "regionstyrelse*", "kommunfullmäktige*", "regionfullmäktige*", "landstingsstyrelse*",
            "stadsdelsnämnd*", "nämnden", "nämndens", "nämnd")
#: Who prepares, advises or signs, not decides: a date beside them is not the decision's.
NOT_DECIDERS = ("arbetsutskott*", "ledningsgrupp*", "förvaltning*", "presidi*", "beredning*", "styrgrupp*", "samverkansgrupp*",
                "direktör*", "chef", "chefen", "handläggare*", "kammarrätt*", "domstol*", "föreningens styrelse",
                "stiftelsens styrelse", "årsmöte*", "styrelsen")
#: A decision taken, or to be taken at a meeting, with its date beside it.
DECISION_CUES = ("beslutade", "beslöt", "har beslutat", "beslutat", "beslutats", "beslutades", "beslut i", "beslut av",
                 "beslut", "godkände", "har godkänt", "godkänt", "godkänts", "godkändes", "godkänd", "antog", "antagit",
                 "antagits", "antogs", "antagen", "fastställde", "fastställt", "fastställts", "fastställdes", "fattade beslut",
                 "fattat beslut", "tog beslut", "behandlades", "behandlade")
#: A decision still to be taken at a meeting (convention 2: the meeting's date is no decision date, only a note).
PENDING_DECISION_CUES = ("behandlas", "ska behandlas", "behandlar", "kommer att behandlas", "ska tas upp", "tas upp",
                         "sammanträde", "sammanträdet", "föreslås besluta", "lämnas till", "ska beslutas", "beslutas")
#: What a decision is about when it is this agreement's.
DECISION_OBJECTS = ("överenskommelse*", "avtal*", "partnerskap*", "iop*", "ärende*", "förläng*", "tillägg*",
                    "idéburet offentligt partnerskap")
#: A decision about something else: guidelines, an assignment, an earlier grant.
OTHER_DECISIONS = ("riktlinje*", "princip*", "policy*", "strategi*", "handlingsplan*", "program", "programmet", "uppdrag", "utreda",
                   "utredning*", "reglemente*", "delegationsordning*", "tidigare", "föreningsbidrag*", "mål och budget")
#: A line that labels the decision and its date: "Beslut: KFN 2023-11-22 § 88", "Beslutsdatum: 2024-03-12".
DECISION_LABELS = ("beslutsdatum", "datum för beslut", "sammanträdesdatum", "beslutad", "beslutat", "beslut", "nämndbeslut",
                   "godkänd", "godkänt", "antagen", "antaget", "fastställd", "fastställt")
#: A header's label for the document's own date: "Datum 2025-05-06", "Upprättad 2025-11-12", "Version: slutlig, 2025-11-20".
DOCUMENT_DATE_LABELS = ("datum", "daterad", "daterat", "upprättad", "upprättat", "dokumentdatum", "version", "reviderad",
                        "reviderat", "rev.", "utfärdad", "utfärdat", "skriven", "framtagen")
#: The words of a document's header around its date: "Dnr 2024-HSN-0871 · Version 1.0 · 2024-11-18".
HEADER_WORDS = ("datum", "daterad", "daterat", "upprättad", "upprättat", "dokumentdatum", "version", "ver", "rev", "reviderad",
                "reviderat", "tjänsteutlåtande", "tjänsteskrivelse", "beslutsunderlag", "promemoria", "pm", "utkast", "förslag",
                "dnr", "diarienummer", "diarienr", "ärendenummer", "ärende", "sida", "status", "ej undertecknat",
                "ej undertecknad", "inte undertecknat", "inte undertecknad", "preliminär", "preliminärt", "arbetsmaterial",
                "ej för spridning", "ej för publicering", "får ej spridas", "konfidentiellt", "internt", "slutversion", "slutlig",
                "version för beslut", "remissversion", "diskussionsunderlag")
#: Words after "nämnden för" that are not the committee's field: "lämnas till nämnden för beslut".
NOT_A_FIELD = ("att", "beslut", "godkännande", "kännedom", "information", "yttrande", "ställningstagande", "beredning",
               "prövning", "den", "det", "denna", "detta", "de", "en", "ett", "sin", "sitt", "sina", "hela", "vidare", "sig")
#: Adjectives that are part of a committee's name ("regionala utvecklingsnämnden").
BODY_ADJECTIVES = ("regionala", "gemensamma", "tekniska", "sociala")
#: The district a city's committee serves, written after its name and kept so: "Socialnämnden Nordost".
DISTRICTS = ("Centrum", "Nordost", "Nordväst", "Sydost", "Sydväst", "Hisingen", "Norr", "Söder", "Öster", "Väster", "Syd",
             "Nord", "Ost", "Väst", "Mitt", "Innerstaden", "Ytterstaden")
#: Words before a kommun's own name: "Upplands Väsby kommun", "Lilla Edets kommun".
PLACE_PREFIXES = ("Upplands", "Lilla", "Stora", "Östra", "Västra", "Norra", "Södra", "Övre", "Nedre")
#: Second words of a region's name: "Region Jönköpings län", "Region Jämtland Härjedalen".
REGION_SECOND_WORDS = ("län", "Härjedalen")

# -- termination and clauses ----------------------------------------------------------------------
#: Hävning: ending the agreement for breach.
BREACH_PHRASES = ("häva", "hävas", "hävning", "hävs", "häver", "med omedelbar verkan")
#: Money paid back: a repayment clause (`termination.repayment`).
REPAYMENT_PHRASES = ("återbetal*", "betala tillbaka", "betalas tillbaka", "betalar tillbaka", "betalats tillbaka",
                     "kräva tillbaka", "krävas tillbaka", "kräver tillbaka", "kräv* tillbaka", "återkräv*", "återkrav*",
                     "kräva åter", "krävas åter", "återföras", "återförs", "föras tillbaka", "lämnas tillbaka",
                     "återlämnas", "återbäring")
#: A disagreement between the parties, and how it is settled: a dispute clause (`termination.dispute`).
DISPUTE_WORDS = ("tvist*", "oenighet*", "meningsskiljaktighet*", "inte är överens", "inte kan enas", "inte enas",
                 "oense", "oeniga", "konflikt mellan parterna", "delade meningar", "olika uppfattning*")
DISPUTE_SETTLING = ("lös*", "avgör*", "domstol", "skiljenämnd", "skiljeförfarande", "skiljedom", "dialog", "prövas",
                    "tas upp", "hanteras", "samförstånd", "förhandl*", "medling", "samråd", "enas", "överenskommelse mellan")
#: How a text says notice is given ("med tre månaders varsel", "Uppsägning: 6 mån").
NOTICE_CUES = ("uppsägningstid*", "uppsägning", "säga upp", "sägas upp", "säger upp", "sägs upp", "uppsägas", "upphöra",
               "uppsäga", "avsluta samarbetet i förtid", "avsluta överenskommelsen i förtid", "avsluta partnerskapet i förtid",
               "avsluta avtalet i förtid", "avbryta samarbetet", "avbryta överenskommelsen")
#: What a party does in a commitment ("Föreningen genomför minst 24 aktiviteter per år").
COMMITMENT_VERBS = ("ska", "skall", "åtar sig", "kommer att", "håller", "genomför", "erbjuder", "anordnar", "har", "driver",
                    "arrangerar", "bemannar", "tar emot", "utbildar", "ordnar", "ansvarar", "deltar", "medverkar", "utför",
                    "bedriver", "tillhandahåller", "handleder", "når", "besöker", "ger", "stödjer", "rekryterar", "leder",
                    "matchar", "garanterar", "planerar", "samordnar", "engagerar", "håller i", "startar", "anställer", "bidrar",
                    "lägger", "nattvandrar", "lovar", "förbinder sig", "ser till", "säkerställer", "är öppen", "är öppet",
                    "hålls öppen", "hålls öppet", "har öppet", "håller öppet", "bjuder in", "organiserar", "möjliggör",
                    "finns på plats", "är på plats", "finns tillgänglig", "är tillgänglig", "närvarar", "delar ut", "serverar",
                    "tränar", "hjälper", "stöttar", "möter", "ska vara öppen", "ska vara öppet", "är bemannad", "är bemannat")
#: A heading over a party's commitments: `Föreningens åtaganden`, `Kretsens insats`, `Vad föreningen gör`.
COMMITMENT_HEADS = ("åtaganden", "åtagande", "insats", "insatser", "uppdrag", "ansvar", "bidrag", "egen insats", "uppgifter",
                    "ansvarsområden", "del")
#: After a count and its unit: what it is counted per (the file's `per`).
COMMITMENT_PERIODS = {"year": ("per år", "i året", "om året", "varje år", "per kalenderår", "/år", "årligen", "varje sommar",
                               "per sommar", "under sommaren", "per verksamhetsår", "under sommarlovet", "varje sommarlov",
                               "per sommarlov", "under sommarsäsongen", "per säsong", "varje säsong", "under säsongen", "under ett år",
                               "per helår"),
                      "half_year": ("per halvår", "varje halvår", "per termin", "varje termin", "/termin", "/halvår",
                                    "för halvåret", "för första halvåret", "för det första halvåret", "för andra halvåret"),
                      "month": ("per månad", "i månaden", "om månaden", "varje månad", "/månad", "/mån", "månatligen"),
                      "week": ("per vecka", "i veckan", "varje vecka", "/vecka", "/v", "veckovis"),
                      "period": ("under avtalstiden", "under avtalsperioden", "under perioden", "under hela perioden",
                                 "under partnerskapsperioden", "under projekttiden", "under överenskommelsens löptid",
                                 "under partnerskapet", "totalt under perioden", "under den tiden", "under projektperioden",
                                 "under hela projekttiden")}
#: A single activity that speaks for the one idea-based party ("Mötesplatsen är öppen …", "Sommarcaféet hålls öppet …").
ACTIVITY_SUBJECTS = ("verksamhet", "projekt", "mötesplats", "insats", "café", "kafé", "träffpunkt", "stödlinje", "chatt", "jour",
                     "läxhjälp", "simskol", "gård", "hall", "verkstad", "grupp", "kurs", "läger", "värmestug", "mottagning",
                     "fritidsbank", "butik", "boende", "linje", "drop-in", "öppna förskola", "cykelkök", "klubb", "skola", "kören",
                     "bank", "härbärge", "telefon")
#: Days a week, by name: "varje fredag och lördag", "tisdagar och torsdagar" (one commitment, so many times a week).
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
#: Every day, or every weekday, said without a count.
EVERY_DAY = ("alla dagar", "varje dag", "dagligen", "alla veckans dagar", "veckans alla dagar", "årets alla dagar", "alla dagar i veckan")
EVERY_WEEKDAY = ("alla vardagar", "varje vardag", "vardagar", "på vardagarna", "måndag till fredag", "måndag–fredag", "måndag-fredag",
                 "måndagar till fredagar", "måndagar–fredagar", "mån–fre", "mån-fre")
#: A sentence that describes what was, not what is promised ("har under perioden haft i genomsnitt 60 deltagare i månaden").
COMMITMENT_DESCRIPTIONS = ("haft", "hade", "i genomsnitt", "i snitt", "hittills", "förra året", "föregående år", "tidigare år",
                           "de senaste åren", "under förra", "har hittills", "brukar", "i dag", "idag", "för närvarande", "uppskattar",
                           "uppskattningsvis", "beräknas", "räknar med", "förväntas")
#: A commitment verb in the past ("genomförde 45 träffar per år", "har arrangerat 30 utflykter"): what was done, not what is
#: promised (a form that is also an adjective, "utbildade volontärer", is left out).
COMMITMENT_PAST_VERBS = ("genomförde", "genomfört", "genomfördes", "arrangerat", "arrangerades", "anordnat", "anordnades", "höll",
                         "hållit", "hölls", "erbjöd", "erbjudit", "erbjöds", "nådde", "nått", "tog emot", "tagit emot", "togs emot",
                         "deltog", "deltagit", "besökte", "besökts", "utbildat", "utbildades", "rekryterat", "rekryterades", "bemannat",
                         "ledde", "lett", "träffades", "har kommit", "drev", "drivit", "drevs", "har drivits", "var öppen", "var öppet",
                         "har varit öppen", "har varit öppet")
#: A party's verb of giving premises or things, in the infinitive after "ska" or in a list ("ställa lokaler till förfogande två
#: kvällar i veckan"): besides IN_KIND_INFINITIVES, a count there is what is given, not an undertaking.
GIVING_INFINITIVES = ("ställa … till förfogande", "ställa … till … förfogande", "låta … använda", "låta … nyttja", "låta … disponera",
                      "hyra ut", "låna ut", "upplåta", "ge … tillgång till")
#: Before another party: the commitment is both parties' together ("Kommunen ska tillsammans med föreningen ordna …"), so
#: neither's alone.
JOINT_WORDS = ("tillsammans med", "gemensamt med", "ihop med", "jämte")
#: Words that end as an infinitive does but are a line's subject or its determiner ("Alla deltagare …", "Dessa träffar …").
NOT_INFINITIVES = ("alla", "samtliga", "många", "flera", "andra", "dessa", "nya", "båda", "bägge", "hela", "vissa", "sina", "deras",
                   "våra", "era", "ena", "stora", "små", "unga", "äldre", "nästa", "sista", "första", "denna", "detta", "extra")
#: The header of a table's column of what each party undertakes (`| Part | Åtagande |`); "Bidrag", "Insats" are what it gives.
COMMITMENT_TABLE_HEADERS = ("åtagande", "åtaganden", "uppdrag", "ansvar", "ansvarar för", "åtar sig", "ska", "aktiviteter",
                            "aktivitet", "uppgift", "uppgifter", "åtagande/aktivitet", "åtaganden och mål")
#: Meetings the parties hold to follow the partnership up ("uppföljningsmöten", "dialogmötet"): their rhythm is no commitment.
#: A meeting that is the activity itself ("organisera mötena mellan personalen och NA") is not one of these.
MEETING_NOUNS = ("uppföljningsmöte*", "dialogmöte*", "avstämningsmöte*", "avstämning", "avstämningar", "samverkansmöte*",
                 "partnerskapsmöte*", "styrgruppsmöte*", "uppföljningsträff*", "dialogträff*", "samverkansträff*", "partnerskapsträff*",
                 "uppföljningssamtal*", "verksamhetsdialog*", "partsmöte*", "styrelsemöte*", "nätverksmöte*", "planeringsmöte*",
                 "samrådsmöte*", "ledningsmöte*")
#: Follow-up duties and grants, not the activity: a count in a sentence about them is no commitment ("lämna en
#: verksamhetsberättelse en gång per år", "sammanställa statistik varje kvartal", "bevilja bidrag två gånger per år").
FOLLOW_UP_DUTIES = ("verksamhetsberättelse*", "årsberättelse*", "statistik*", "utvärder*", "enkät*",
                    "bokslut*", "årsredovisning*", "bevilja*", "ansökan", "ansöka", "ansöker", "revision*")
#: The idea-based party writing in the first person: then "vi" is that party ("Vi lovar att ha öppet två eftermiddagar i veckan").
WE_ARE_THE_IDEA_SIDE = ("vi är en ideell förening", "vi är en förening", "vi är en idéburen organisation", "vi i föreningen",
                        "vår förening", "vi som är med i föreningen", "vi är en ideell organisation", "vi i styrelsen")
#: Opening hours: with EVERY_DAY a count of days a week ("håller värmestugan öppen alla dagar").
OPEN_WORDS = ("öppen", "öppet", "öppna", "bemannad", "bemannat", "bemannas", "har öppet", "håller öppet")
#: Before a second count that is part of the first ("minst 24 aktiviteter per år, varav minst sex vinteraktiviteter").
PART_OF_COUNT = ("varav", "därav", "av dessa", "av dem", "varav minst", "varav åtminstone")
#: Headings over money and resources: a count there is what is given, not what is undertaken.
CONTRIBUTION_HEADINGS = ("ekonomi", "ekonomiska villkor", "ekonomiska förutsättningar", "finansiering", "ersättning", "budget",
                         "resurser", "kostnader", "ekonomi och betalning", "ekonomi och resurser", "ekonomiskt bidrag",
                         "ekonomiska åtaganden", "bidrag och resurser", "resurser och finansiering", "vad parterna bidrar med",
                         "parternas bidrag", "bidrag från parterna", "parternas insatser och resurser", "parternas resurser",
                         "resurser från parterna", "vad parterna tillför", "parternas ekonomiska åtaganden")
#: Before a count: a floor the party promises ("minst 800 timmar"), so hours given are a commitment, not an estimate.
COMMITMENT_FLOORS = ("minst", "som minst", "lägst", "minimum", "åtminstone", "inte mindre än")
#: Sections some guidelines require (`contents`), by the heading that opens them.
CONTENTS_HEADINGS = {
    "background": ("bakgrund", "bakgrund och syfte", "om verksamheten", "bakgrundsförutsättningar",
                   "bakgrund och behov", "utgångspunkter", "utgångspunkt", "bakgrund till tillägget", "bakgrund till ärendet",
                   "bakgrunden", "ärendets bakgrund", "historik", "hur det började", "så började det", "hur samarbetet kom till",
                   "hur partnerskapet kom till", "hur överenskommelsen kom till"),
    "values": ("värdegrund", "gemensam värdegrund", "värderingar"),
    "goals": ("mål", "mål och syfte", "syfte och mål", "målsättning", "vad vi vill uppnå", "mål för partnerskapet", "ändamål",
              "ändamålet", "målsättningar", "mål med partnerskapet", "mål med överenskommelsen", "förväntade resultat"),
    "renegotiation": ("omförhandling", "omförhandling och ändringar"),
    "amendments": ("ändringar och tillägg", "ändringar", "tillägg och ändringar", "ändring"),
    "cost_analysis": ("analys av samhälleliga vinster", "analys av samhälleliga vinster och kostnadseffektivitet",
                      "samhällsekonomisk analys", "kostnadseffektivitet", "samhällsvinster", "samhällsnytta",
                      "förväntade samhällsvinster", "samhällsekonomiska vinster", "samhälleliga vinster"),
}
#: A sentence that is such a section by itself, where no heading names it ("Målet är att …", "… begära omförhandling").
CONTENTS_SENTENCES = {
    "background": ("bakgrunden är att", "bakgrunden till … är att"),
    "values": ("i enlighet med … värdegrund*", "utifrån … värdegrund*", "bygger på … värdegrund*", "delar … värdegrund*",
               "gemensam* värdegrund*", "värdegrunden … bygger på", "värdegrunden … är", "<samverkan> vilar på", "verksamhet* vilar på",
               "grundläggande värderingar", "gemensamma värderingar", "självständighet och oberoende", "principer* om … dialog",
               "utgår från … principer* om"),
    "goals": ("målet … är att", "målen … är att", "syftet … är att", "syftar till att", "målsättningen … är att", "ändamålet … är att",
              "har som mål att", "har till mål att"),
    "renegotiation": ("omförhandl*",),
    "amendments": ("ändringar och tillägg", "ändringar i överenskommelsen", "ändringar av överenskommelsen", "ändringar i avtalet",
                   "ändringar av avtalet", "ändringar av och tillägg", "ändra överenskommelsen", "ändra avtalet",
                   "tillägg till överenskommelsen", "ändringar i denna överenskommelse", "ändra* … i överenskommelsen",
                   "ändra* … i avtalet", "ändring* … ska vara skriftlig*", "ändring* … ska göras skriftligen", "ändring* … görs skriftligen",
                   "ändring* … ska … godkännas av båda parter*"),
    "cost_analysis": ("samhällsekonomisk*", "samhälleliga vinster", "kostnadseffektiv*", "ger mer värde än", "samhällsvinst*"),
}
#: A text left to be written: `[Text om tvistlösning infogas …]`, `[datum]`.  Never a clause, never a value.
PLACEHOLDER = re.compile(r"\[[^\]\n]{1,300}\]|(?<!\w)(?:XX+|xx+)(?!\w)|\binfogas\s+(?:senare|efter)\b")

# -- the reasons for IOP (SKR's criteria), as the text gives them ----------------------------------
#: Groups a phrasing may name by `<group>`: any one of its words stands there.
CRITERIA_WORD_GROUPS = {
    "<samverkan>": ("partnerskap*", "samarbet*", "samverkan*", "iop*", "överenskommels*", "avtal*", "samverkansavtal*"),
    "<offentlig>": ("kommun*", "region*", "stad*", "staden", "förvaltning*", "nämnd*", "stadsdelsförvaltning*",
                    "stadsdelsnämnd*", "socialtjänst*", "kommunstyrelse*", "landsting*"),
    "<bidrar>": ("bidrar", "bidra med", "finansierar", "tillför", "satsar", "lägger in", "skjuter till", "investerar",
                 "avsätter", "bidrar båda", "bidrar vardera", "medfinansierar"),
    "<ansökan>": ("ansökan", "ansökningar", "skrivelse", "framställan", "förslag", "förslaget", "begäran", "önskemål",
                  "idé", "idéskiss", "projektidé", "önskan", "förfrågan"),
    "<tjänsten>": ("motsvarande", "samma", "liknande", "verksamhet", "verksamheten", "tjänst", "tjänsten", "tjänster", "tjänsterna",
                   "platser", "platserna", "insats", "insatsen", "insatser", "boende", "boendet", "stöd", "stödet", "uppdrag", "uppdraget"),
    "<flera>": ("två", "tre", "fyra", "fem", "flera", "ett flertal", "ett antal", "många", "andra"),
    "<utformning>": ("utformning*", "innehåll*", "upplägg*", "genomförande*", "planering*", "form", "formerna", "metod*",
                     "arbetssätt*", "inriktning*", "organisering*"),
}
#: Each criterion by the phrasings that state it.  Besides `*` (inflection), a phrasing may hold `…` (up to
#: six words, none a negation), `<idé>` (the idea-based side: a generic word or a party's name) and `<idés>`
#: (its genitive: "föreningens", "Kompis Sveriges").
CRITERIA_PHRASES = {
    "initiative_from_idea_based": (
        "på initiativ av <idé>", "på <idés> initiativ", "på <idés> eget initiativ", "initiativ från <idé>",
        "initiativet … kommer från <idé>", "initiativet … har kommit från <idé>", "initiativet … kom från <idé>",
        "initiativet … har tagits av <idé>", "initiativet … togs av <idé>", "initiativet … ligger hos <idé>",
        "idén … kommer från <idé>", "idén … har kommit från <idé>", "idén … kom från <idé>",
        "<idé> har … tagit initiativ*", "<idé> tog … initiativ*", "<idé> är initiativtagare", "initiativtagare är <idé>",
        "<idé> har … föreslagit", "<idé> föreslog", "<idé> har … kontaktat … med förslag*", "<idé> kontaktade … med förslag*",
        "<idés> eget initiativ", "<idés> initiativ", "<idé> har … lämnat ett förslag", "<idé> har … inkommit med ett förslag",
        "<idé> vände sig … med ett förslag", "<idé> kom … med ett förslag", "förslag från <idé>", "på förslag av <idé>",
        "initierad* av <idé>", "initierats av <idé>", "<idé> initierade", "<idé> har initierat",
        "bygger på <idés> … idé", "utgår från <idés> … idé", "är <idés> … idé", "<idés> egen idé",
        # the verb before its subject ("Våren 2024 tog ABF initiativ"), and the cleft ("Det var föreningen som …")
        "tog <idé> … initiativ*", "har <idé> … tagit … initiativ*", "kom <idé> … med … förslag*", "kontaktade <idé> … med … förslag*",
        "<idé> som … tog … initiativ*", "<idé> som … tagit … initiativ*", "<idé> som … initierade", "<idé> som … initierat",
        "<idé> som … föreslog", "<idé> som … föreslagit", "väcktes av <idé>", "har väckts av <idé>", "<idé> väckte … idé*",
        "<idé> har … väckt … idé*", "<idé> … på eget initiativ", "<idé> har … tagit fram idé*", "<idé> tog fram idé*",
        "initiativtagare … är <idé>", "<idé> … är initiativtagare*", "<idé> kontaktade … och föreslog", "<idé> har … kontaktat … och föreslagit",
        "<idé> har … inkommit med en idé*", "<idé> har … kommit med … idé*", "<idé> kom med … idé*", "vuxit fram ur <idés> … initiativ*",
        "vuxit fram ur <idés> … idé*", "växt fram ur <idés> … initiativ*", "bygger på en idé från <idé>", "grundar sig på <idés> … idé*",
        "<idé> har … ansökt om … partnerskap*", "<idé> ansökte om … partnerskap*", "ansökan från <idé> om … partnerskap*",
        "på begäran av <idé>", "på <idés> begäran", "<idé> … vände sig … med förslag*", "bygger på <idés> … initiativ*",
        "utgår från <idés> … initiativ*", "<idé> … hörde av sig … med förslag*", "<idé> … hörde av sig … med en idé*",
        # a request or proposal the idea side made, its origin, its approach to the public side
        "initiativ* … tagits av <idé>", "initiativ* … togs av <idé>", "initiativ* … är <idés>", "initiativ* … kommer från <idé>",
        "<idés> eg* initiativ*", "initiativ*: <idé>", "initiativtagare: <idé>", "initiativtagare … var <idé>",
        "har sitt ursprung i <idé>", "har sitt ursprung i <idés>", "har sin grund i <idés>", "sprungit ur <idés>", "sprungit fram ur <idés>",
        "utgår från <idés> … verksamhet", "bygger på <idés> befintliga verksamhet", "bygger vidare på <idés> … verksamhet",
        "<idé> har … ansökt om … <samverkan>", "<idé> ansökte … om … <samverkan>", "<idé> har … sökt … <samverkan>",
        "<idé> har … inkommit med … <ansökan> om … <samverkan>", "<idé> inkom … med … <ansökan> om … <samverkan>",
        "<idé> har … lämnat in … <ansökan>", "<idé> lämnade … in … <ansökan>", "<ansökan> från <idé>", "<idés> <ansökan> om … <samverkan>",
        "<ansökan> … kommer från <idé>", "<ansökan> … kom från <idé>", "<ansökan> … har kommit från <idé>",
        "<idé> har … begärt … <samverkan>", "<idé> begärde … <samverkan>", "<idé> har … framfört … önskemål om … <samverkan>",
        "<idé> framförde … önskemål om … <samverkan>", "<idé> tog kontakt med … <samverkan>", "<idé> har … tagit kontakt med … <samverkan>",
        "<idé> kontaktade … om … <samverkan>", "<idé> har … kontaktat … om … <samverkan>", "<idé> har … uppvaktat <offentlig>",
        "<idé> uppvaktade <offentlig>", "<idé> väckte … fråga* om … <samverkan>", "<idé> har … väckt … fråga* om … <samverkan>",
        "<idé> lyfte … fråga* om … <samverkan>", "<idé> har … lyft … fråga* om … <samverkan>", "<idé> har … föreslagit … <samverkan>",
        "<idé> föreslog … <samverkan>", "<idé> har … bjudit in … <offentlig> … <samverkan>", "<idé> bjöd in … <offentlig> … <samverkan>",
        "<idé> har … presenterat … <ansökan>", "<idé> presenterade … <ansökan>", "<idé> har … drivit på", "<idé> drev på",
        "startades av <idé>", "har startats av <idé>", "<idé> har … startat … på eget initiativ", "<idé> är den som … initiativ*",
        "<idé> som … kom med … idé*", "<idé> som … kom med … förslag*", "<idé> som … hade … idé*",
        "initiativ* … kom … från <idé>", "initiativ* … kommer … från <idé>", "idén … kom … från <idé>", "idén … kommer … från <idé>",
        # the public side approached with a proposal (its proposer the other side), the cleft with an approach, the first person
        "vände sig … till <offentlig> … med … förslag*", "vände sig … till <offentlig> … med … idé*",
        "vände sig … till <offentlig> … med … <ansökan>", "kom till <offentlig> med … idé*", "kom till <offentlig> med … förslag*",
        "<idé> som … tog kontakt med <offentlig>", "<idé> som … kontaktade <offentlig>", "<idé> som … vände sig till <offentlig>",
        "<idé> som … lyfte … behov*", "<idé> lyfte … behov*", "<idé> har … lyft … behov*", "<idé> som … väckte … idé*",
        "vi som … kom till <offentlig>", "vi som … tog kontakt med <offentlig>", "vi som … vände oss till <offentlig>",
        "vi som … kontaktade <offentlig>", "vi … vände oss till <offentlig> med", "vi kontaktade <offentlig> … med … idé*",
        "vi kontaktade <offentlig> … med … förslag*",
        "<idé> tog … kontakt med <offentlig> … <samverkan>", "<idé> har … tagit … kontakt med <offentlig> … <samverkan>",
        "tanken … kommer från <idé>", "tanken … kom från <idé>", "tanken … har kommit från <idé>", "<idé> har … varit drivande i … <samverkan>",
        "<idé> var … drivande i … <samverkan>", "<idé> har … aktualiserat … <samverkan>", "<idé> aktualiserade … <samverkan>",
        "förslag* … arbetats fram av <idé>", "förslag* … tagits fram av <idé>",
    ),
    "no_market": (
        "ingen marknad", "ingen … fungerande marknad", "ingen egentlig marknad", "ingen kommersiell marknad",
        "inte … någon marknad", "inte … någon fungerande marknad", "inte … en marknad", "inte … på en marknad",
        "inte … på någon marknad",
        "marknad saknas", "saknas en marknad", "saknas någon marknad", "saknas marknad",
        "inte … köp av … tjänst*", "inte … köp av verksamhet*", "inte … ett köp", "inget köp av", "inte … köp* … på … marknad*",
        "ingen konkurrens*", "inte … en konkurrenssituation", "inte … någon konkurrenssituation", "ingen konkurrenssituation",
        "ingen annan aktör", "inga andra aktörer", "ingen annan utförare", "inga andra utförare", "inte … någon alternativ aktör",
        "ingen alternativ aktör", "inte … några andra aktörer", "inte … någon annan aktör", "inga privata aktörer",
        "någon marknad … finns inte", "någon marknad … existerar inte", "marknad för … saknas", "ingen kommersiell* aktör*",
        "inga kommersiella aktörer", "inga kommersiella alternativ", "inget kommersiellt alternativ", "konkurrenssituation … föreligger inte",
        "någon konkurrens … finns inte", "konkurrens … saknas", "inte … konkurrensutsatt*", "köper inte … verksamhet*", "köper inte … tjänst*",
        "finns inte att köpa", "inte … går att köpa", "inte … kan köpas", "inte … möjlig* att upphandla", "inte … går att upphandla",
        "kan inte upphandlas",
        # not subject to procurement law, no one else to buy from, nothing there to buy
        "inte … upphandlingspliktig*", "ej … upphandlingspliktig*", "omfattas inte av … lou", "omfattas inte av … offentlig upphandling",
        "omfattas ej av … lou", "inte … omfattas av … lou", "inte … omfattas av … upphandlingslag*", "faller utanför … lou",
        "faller utanför … offentlig upphandling", "faller utanför … upphandlingsregl*", "faller utanför … upphandlingslag*",
        "ligger utanför … lou", "utanför … upphandlingslagstiftning*", "inte … föremål för … upphandling*", "behöver inte upphandlas",
        "ska inte upphandlas", "inte … behöver upphandlas", "inte … ett offentligt kontrakt", "inte … fråga om … offentligt kontrakt",
        "inte … någon upphandling*", "saknas … kommersiell*", "saknas … andra aktörer", "saknas … andra utförare", "saknas … privata aktörer",
        "saknas … privata utförare", "saknas … alternativa aktörer", "saknas … alternativa utförare", "saknas … leverantörer",
        "inte … några kommersiell* aktör*", "inte … någon kommersiell* aktör*", "inte … några andra utförare", "inte … någon annan utförare",
        "inte … några privata aktörer", "inte … några privata utförare", "inga andra … aktörer", "ingen annan … aktör", "inga andra … utförare",
        "ingen annan … utförare", "ingen annan … anordnare", "inga andra … anordnare", "inga … leverantörer", "ingen … leverantör",
        "inte … tjänst* som finns att köpa", "inte … tjänst* som går att köpa", "inte … tjänst* som kan köpas", "inte … köpa på … marknad*",
        "inte … köpas på … marknad*", "finns ingen annan som", "finns inga andra som", "inget som … kunna köpa", "inte något som … kunna köpa",
        "inget som … kan köpa*", "inget … går att köpa", "inget … finns att köpa",
        "marknad: saknas", "marknad: ingen", "marknad: finns inte", "marknad: finns ej", "ingen marknad: ja", "finns ingen … marknad",
        "finns inte … marknad",
        "inte … marknadsmässig*", "ingen … marknadsmässig*", "ingen … konkurrens", "någon marknad … saknas",
        "ingen aktör som … erbjuder", "inga aktörer som … erbjuder", "ingen aktör som … bedriver", "inga aktörer som … bedriver",
        "ingen … aktör* … på … marknad*", "inga … aktörer … på … marknad*",
    ),
    "not_normed_grant": (
        "normera* föreningsbidrag*", "normera* bidrag*", "normera* föreningsstöd*", "inte … del av … grundfinansiering*",
        "inte … ordinarie föreningsbidrag*", "inte … ordinarie föreningsstöd*", "inte … generella föreningsbidrag*",
        "inte … ett vanligt föreningsbidrag", "inte … ett föreningsbidrag", "utanför ramen för … föreningsbidrag*",
        "inte … regelstyrda föreningsbidrag*",
        "ryms inte inom … föreningsbidrag*", "ryms inte inom … föreningsstöd*", "ryms inte inom … bidragsregl*", "ryms inte i … bidragsregl*",
        "passar inte … bidragsregl*", "inte … inom ramen för … bidragsregl*", "inte … inom ramen för … bidragssystem*",
        "föreningsstöd* … inte … lämplig*", "föreningsbidrag* … inte … lämplig*", "inte … lämplig* … föreningsbidrag*",
        "inte … lämplig* … föreningsstöd*", "inte … finansieras … genom … föreningsbidrag*", "inte … finansieras … genom … föreningsstöd*",
        "inte … täcks av … föreningsbidrag*", "inte … täcks av … föreningsstöd*", "utöver … ordinarie föreningsbidrag*",
        "utöver … ordinarie föreningsstöd*", "vid sidan av … föreningsbidrag*", "vid sidan av … föreningsstöd*",
        "inte … generell* föreningsbidrag*", "inte … generell* föreningsstöd*", "inte … föreningsbidrag* enligt … bidragsregl*",
        "i stället för … föreningsbidrag*", "istället för … föreningsbidrag*", "i stället för … föreningsstöd*", "istället för … föreningsstöd*",
        "långsiktig* … än … föreningsbidrag*", "långsiktig* … än … föreningsstöd*",
    ),
    "both_finance": (
        "båda parter* … bidrar", "båda parter* … finansierar", "båda sidor* … bidrar", "bägge parter* … bidrar",
        "alla parter* … bidrar", "samtliga parter* … bidrar", "vardera part* bidrar", "varje part bidrar",
        "parterna bidrar med … resurser", "parterna bidrar med egna", "parterna bidrar båda", "parterna bidrar gemensamt",
        "samfinansier*", "gemensamt finansier*",
        "finansieras gemensamt", "gemensam finansiering", "parterna finansierar … gemensamt", "parterna finansierar … tillsammans",
        "både … och … bidrar med", "både … och … finansierar",
        "kommun* och <idé> bidrar med", "region* och <idé> bidrar med", "stad* och <idé> bidrar med", "<idé> och kommun* bidrar med",
        "<idé> och region* bidrar med", "<idé> och stad* bidrar med", "bidrar båda med", "båda parter* … tillför",
        "parterna delar på kostnad*",
        # both put in resources, said with another verb or as a noun; the idea side's own money
        "båda parter* … <bidrar>", "bägge parter* … <bidrar>", "båda sidor* … <bidrar>", "bägge sidor* … <bidrar>",
        "samtliga parter* … <bidrar>", "alla parter* … <bidrar>", "vardera part* … <bidrar>", "varje part … <bidrar>",
        "var och en av parterna <bidrar>", "parterna <bidrar> … var för sig", "parterna <bidrar> … vardera", "parterna <bidrar> … gemensamt",
        "parterna <bidrar> … tillsammans", "parterna <bidrar> båda", "finansieras … av båda parter*", "finansieras … av parterna gemensamt",
        "finansieras … av parterna tillsammans", "finansieras … av bägge parter*", "finansieras … av samtliga parter*",
        "<offentlig> och <idé> <bidrar>", "<idé> och <offentlig> <bidrar>", "<offentlig> och <idé> delar på", "<idé> och <offentlig> delar på",
        "kostnader* … delas … mellan parterna", "båda parternas … resurser", "båda parternas … bidrag", "båda parternas … finansiering*",
        "parternas gemensamma finansiering*", "parternas gemensamma resurser", "ömsesidig* … finansiering*", "gemensam* … resurser",
        "<idé> bidrar … med … egna medel", "<idé> bidrar … med … egna insamlade medel", "<idé> bidrar … med … eg* finansiering*",
        "<idé> bidrar … med … eg* resurser", "<idé> … skjuter till egna medel", "<idé> … medfinansierar", "<idé> … medfinansiering*",
        "<idés> medfinansiering*", "medfinansier* av <idé>", "<idé> finansierar … del* av", "<idé> står … för … del* av … finansiering*",
        "<idé> bidrar … med eg* kapital", "<idé> bidrar … med eget … ekonomiskt bidrag", "<idé> … ur egna medel",
        "alla … parter* … <bidrar>", "samtliga … parter* … <bidrar>", "både … och … <bidrar>", "<idé> satsar … egna medel",
        "<idé> … med egna insamlade medel", "bekostats av <idé>",
        # both sides named by "såväl … som", the idea side's own input as a noun, a shared responsibility for the money
        "såväl … som … <bidrar>", "<idés> egeninsats* består av", "<idés> egen insats består av", "<idés> egeninsats* utgörs av",
        "<idés> egen insats utgörs av", "<idé> … egen insats i form av",
        "<idé> … egeninsats i form av", "<idés> kontant* insats*", "gemensamt ansvar för … finansiering*", "båda ska bidra",
        "bägge ska bidra", "båda parter* ska bidra", "båda … ska bidra med", "båda bidrar med", "bägge bidrar med",
    ),
    "not_detail_regulated": (
        "detaljregler* inte", "detaljregler* ej", "inte … detaljregler*", "ej detaljregler*", "utan detaljreglering",
        "ingen detaljreglering", "detaljstyr* inte", "detaljstyr* ej", "inte … detaljstyr*", "utan detaljstyrning",
        "ingen detaljstyrning", "<idé> bestämmer … själv*", "<idé> avgör … själv*", "<idé> utformar … själv*",
        "<idé> styr … själv*", "<idé> planerar … själv*", "<idé> beslutar … själv*", "<idé> råder … själv*",
        "utformas av <idé> själv*", "<idé> har … frihet att",
        "<idé> utformar … på egen hand", "självständigt utforma*", "<idé> själv* bestämmer", "<idé> själv* utformar",
        "<idé> ansvarar själv* för … innehåll*", "<idé> ansvarar själv* för … utformning*", "<idé> svarar själv* för … innehåll*",
        "<idé> svarar själv* för … utformning*", "styr* inte … i detalj", "inte … styr* … i detalj", "styrs inte i detalj",
        "<idé> har … frihet* i", "<idé> har … frihet* över", "<idé> har … frihet* när", "<idé> bestämmer över … innehåll*",
        "<idé> råder över … innehåll*", "utformas av <idé>", "<idé> utformar … självständigt", "<idé> planerar … självständigt",
        "<idé> bedriver … självständigt", "<idé> driver … självständigt", "<idé> genomför … självständigt",
        "<idé> bestämmer … hur", "<idé> avgör … hur", "inte … detaljstyr*", "detaljstyrs inte", "detaljregleras inte",
        # the design left to the idea side, said as its freedom, its say, or the public side's holding back
        "<idé> ansvarar själv* för hur", "<idé> svarar själv* för hur", "<idé> ansvarar själv* för … <utformning>",
        "<idé> svarar själv* för … <utformning>", "<idé> bestämmer … på egen hand", "<idé> beslutar … på egen hand",
        "<idé> avgör … på egen hand", "<idé> planerar … på egen hand", "<idé> bestämmer över … <utformning>",
        "<idé> beslutar om … <utformning>", "<idé> råder över … <utformning>", "<idé> rår … själv*", "<idé> förfogar … själv*",
        "<utformning> … bestäms av <idé>", "<utformning> … beslutas av <idé>", "<utformning> … avgörs av <idé>",
        "<utformning> … utformas av <idé>", "hur … beslutar <idé>", "hur … bestämmer <idé>", "hur … avgör <idé>",
        "<idé> utformar … utifrån sin* eg*", "<idé> bedriver … utifrån sin* eg*", "<idé> driver … utifrån sin* eg*",
        "<idé> genomför … utifrån sin* eg*", "<idé> har … mandat att … utforma*", "<idé> har … handlingsfrihet",
        "<idé> har … full* rådighet", "<idé> har … rådighet över", "<idé> har … frihet* att", "styr* inte hur", "styr* inte över hur",
        "inte … styra hur", "lägger sig inte i", "inte … lägga sig i", "inte i detalj", "inte … i detalj reglera*", "inte … i detalj styr*",
        "inte … reglera* … i detalj", "reglerar inte … i detalj", "inte … bestämm* … i detalj", "inga detaljerade krav",
        "inte … detaljerade krav", "ingen detaljerad styrning", "inga detaljerade anvisningar", "inte … detaljerade anvisningar",
        "<idé> … självständigt … utforma*", "<idé> … själv* … utforma*", "<idé> … bestämmer själv*", "<idé> … beslutar själv*",
        "<idé> … avgör själv*", "<idé> … styr själv*", "<idé> … utformar själv*", "<idé> … planerar själv*",
        # the public side holding back from the design, the cleft, the first person
        "<offentlig> bestämmer inte över … <utformning>", "<offentlig> bestämmer inte … <utformning>",
        "<offentlig> beslutar inte om … <utformning>", "<offentlig> styr inte … <utformning>", "<offentlig> styr inte över",
        "<offentlig> ska inte styra … <utformning>", "<offentlig> ska inte bestämma över … <utformning>",
        "är <idé> som … utformar", "är <idé> som … bestämmer", "är <idé> som … beslutar om", "är <idé> som … avgör",
        "bestämmer vi själv*", "beslutar vi själv*", "avgör vi själv*", "utformar vi själv*", "vi bestämmer … själv*",
    ),
}
#: An initiative both sides took ("Kommunen och föreningen har tillsammans tagit initiativ …"): not the idea side's alone.
SHARED_INITIATIVE = ("tillsammans … initiativ*", "gemensamt … initiativ*", "gemensamma initiativ*", "gemensamt initiativ*",
                     "tillsammans … initierat", "gemensamt … initierat", "<offentlig> och <idé> … initiativ*",
                     "<idé> och <offentlig> … initiativ*", "båda parter* … initiativ*")
#: Sentences that state what IOP requires, not what this agreement is: "Det ska inte finnas en marknad"; and a
#: criterion answered no in a table ("Ingen marknad | Nej", "Uppfylls inte").
CRITERIA_CONDITIONS = ("krävs att", "förutsätter att", "förutsätts att", "ska inte finnas", "bör inte finnas",
                       "kriterierna är", "kriterier för", "om det finns", "ett av kriterierna", "villkor för",
                       "en förutsättning", "förutsättningen är", "förutsättningar för", "kan användas", "kan tillämpas",
                       "används när", "används då", "i de fall", "när det inte finns", "då det inte finns", "nej",
                       "uppfylls inte", "inte uppfyllt", "ej uppfyllt", "inte uppfylld", "ej uppfylld", "delvis uppfyllt",
                       "är tillämpligt när", "lämpar sig när", "lämpar sig för verksamhet")
#: A sentence opening with IOP in general and a verb: "IOP kan användas …", "Ett idéburet offentligt partnerskap bygger på …".
IOP_IN_GENERAL = ("iop", "ett iop", "idéburet offentligt partnerskap", "ett idéburet offentligt partnerskap",
                  "idéburet offentligt partnerskap (iop)", "ett idéburet offentligt partnerskap (iop)", "idéburna offentliga partnerskap",
                  "iop-modellen", "modellen", "samverkansformen", "samverkansformen iop", "ett partnerskap")
IOP_IN_GENERAL_VERBS = ("är", "kan", "ska", "skall", "bör", "bygger", "förutsätter", "används", "innebär", "kännetecknas",
                        "utgår", "kräver", "får", "syftar", "passar", "lämpar", "förutsätts")
#: After a phrasing: words that turn it into something else ("båda parter bidrar till att barn får …").
CRITERIA_NOT_FOLLOWED_BY = ("till att", "till det", "till detta")
#: People of the idea-based side who speak for it: "kvinnor i föreningen startade simskolan", "vi i föreningen".
IDEA_MEMBERS = ("vi", "några", "kvinnor", "män", "medlemmar", "medlemmarna", "ledare", "ledarna", "eldsjälar", "föräldrar", "personer",
                "ungdomar", "unga", "volontärer", "volontärerna", "ideella", "aktiva", "styrelsen", "ordföranden", "några medlemmar",
                "en grupp", "en grupp medlemmar")
#: The idea-based side without its name, for `<idé>` in a phrasing.
IDEA_SIDE = ("föreningen", "föreningarna", "stiftelsen", "organisationen", "organisationerna", "kretsen", "jouren",
             "lokalföreningen", "lokalavdelningen", "den idéburna organisationen", "den idéburna ideella organisationen",
             "den idéburna parten", "de idéburna parterna", "de idéburna organisationerna", "den ideella organisationen",
             "den ideella föreningen", "den idéburna aktören", "den idéburna sektorn", "de ideella föreningarna",
             "samfundet", "församlingen", "trossamfundet", "kooperativet", "jourerna", "kretsarna", "församlingarna",
             "klubben", "klubbarna", "sällskapet", "gillet", "kyrkan", "kåren", "scoutkåren", "förbundet", "förbunden",
             "alliansen", "sektionen")


# -- market ---------------------------------------------------------------------------------------
#: The activity, or part of it, is run under LOV (`market.lov: true`).
LOV_PHRASES = ("enligt lov", "lov-utförare", "utförare inom lov", "kundval", "inom lov",
               "enligt lagen om valfrihetssystem", "i valfrihetssystem", "valfrihetssystem enligt lov",
               "är godkänd enligt lov", "godkänd utförare enligt lov", "om valfrihetssystem", "valfrihetssystemet",
               "lov-leverantör", "lov-avtal", "kundvalssystem*", "lov-upphandling",
               "valfrihetssystem*", "kundval*", "välja utförare", "val av utförare", "ackrediter* … utförare", "godkänd* … enligt lov")
#: The activity is not run under LOV (`market.lov: false`): "omfattas inte av valfrihetssystem enligt LOV", "LOV | Nej".
NO_LOV_PHRASES = ("omfattas inte av … lov", "omfattas inte av … valfrihetssystem*", "omfattas ej av … lov", "ingår inte i … valfrihetssystem*",
                  "tillämpar inte … lov", "tillämpar inte … valfrihetssystem*", "inget valfrihetssystem", "inte … något valfrihetssystem",
                  "lov: nej", "lov: ej",
                  "lov: ingen", "valfrihetssystem: nej", "lov-utförare: nej")
#: The same service was bought by procurement before (`market.procured_before: true`).
PROCURED_BEFORE_PHRASES = ("avrop från kommunens ramavtal", "avrop från ramavtal", "efter avrop", "ramavtalet löpte ut",
                           "tidigare upphandlat", "tidigare upphandlad", "annonserad upphandling", "efter upphandling",
                           "tilldelats kontraktet", "har tidigare köpts", "köptes tidigare", "upphandlades",
                           "har upphandlats", "var upphandlad", "tidigare upphandling", "genom upphandling",
                           "upphandlat avtal", "tidigare avtal enligt lou", "har tidigare upphandlats", "har tidigare köpts",
                           "upphandlades senast", "upphandlats tidigare", "drevs tidigare på entreprenad", "har drivits på entreprenad",
                           "efter en upphandling", "vann upphandlingen", "tilldelades kontraktet", "tidigare ramavtal",
                           "ramavtalet har löpt ut", "köptes genom upphandling", "har köpts genom upphandling",
                           # a purchase in the past tense, a framework agreement called off, a supplier procured
                           "upphandlade <offentlig> … <tjänsten>", "<offentlig> upphandlade … <tjänsten>", "har … avropat", "avropades",
                           "avropat … från … ramavtal*",
                           "köptes … genom … ramavtal*", "köptes … via … ramavtal*", "köptes … genom … upphandling*",
                           "köptes … via … upphandling*", "har köpts … genom … ramavtal*", "har köpts … via … ramavtal*",
                           "upphandlad leverantör", "upphandlade leverantör*", "upphandlad utförare", "upphandlade utförare",
                           "upphandlat ramavtal", "upphandlade ramavtal*", "tidigare … direktupphandl*", "har … direktupphandlats",
                           "direktupphandlades", "upphandlats … tidigare", "tidigare … upphandlat*", "tidigare … upphandlad*",
                           "drevs … på entreprenad", "bedrevs … på entreprenad", "har … bedrivits på entreprenad",
                           "tidigare … genom … ramavtal*", "tidigare … via … ramavtal*", "ramavtal* … löpte ut", "avtalet … löpte ut … upphandl*",
                           "köpte … genom … ramavtal*", "köpte … via … ramavtal*", "köpte … genom … upphandling*",
                           "köpte … via … upphandling*", "upphandlad* tidigare: ja", "tidigare upphandlad*: ja")
#: Said with a market phrase: the same activity is bought on that market too (`iop_criteria.also_procured`).
ALSO_WORDS = ("även", "också", "parallellt", "likaså")
#: Other providers offer the same service on a market (`market.other_providers: true`).
OTHER_PROVIDERS_PHRASES = ("etablerad marknad", "flera privata utförare", "andra utförare erbjuder",
                           "andra aktörer erbjuder",
                           "finns flera utförare", "finns andra utförare", "privata utförare är verksamma",
                               "konkurrerande utförare",
                           "tilldelats kontraktet i en annonserad upphandling", "finns en marknad",
                               "finns en fungerande marknad",
                           "andra leverantörer", "privata aktörer erbjuder", "privata alternativ", "flera utförare",
                           "privata utförare", "andra utförare", "kommersiella aktörer", "privata företag",
                           "andra anordnare", "finns andra aktörer", "andra aktörer som erbjuder", "andra aktörer bedriver",
                           "privata vårdgivare", "privata anordnare", "kommersiella utförare", "kommersiella leverantörer",
                           "konkurrerande aktörer", "finns flera aktörer",
                           "finns … flera … utförare", "finns … flera … anordnare", "finns … flera … leverantörer", "ett flertal … utförare",
                           "andra … aktörer erbjuder", "erbjuds … av … privata", "erbjuds … av … kommersiella", "säljs av", "köps … av … privata",
                           "köps … av … andra", "privat* … erbjuder … motsvarande", "privat* … erbjuder … liknande",
                           # the idea side one of several bidders or suppliers
                           "en av … anbudsgivar*", "en av … leverantör*", "en av … utförar*", "varav <idé> var den ena",
                           "<flera> leverantörer", "<flera> anbudsgivare", "<flera> anbud", "<flera> upphandlade utförare")
#: The same service was never bought by procurement (`market.procured_before: false`).
NEVER_PROCURED_PHRASES = ("aldrig … upphandlats", "aldrig … upphandlat*", "aldrig … köpt", "aldrig … köpts", "aldrig … avropat*",
                          "aldrig … varit upphandlad*", "inte tidigare … upphandlats", "inte tidigare … upphandlat*", "inte tidigare … köpt",
                          "inte tidigare … köpts", "har inte … upphandlats", "har inte … upphandlat", "har inte … köpt",
                          "har inte … varit upphandlad*", "ingen … tidigare upphandling*",
                          "inte … varit föremål för … upphandling*", "har aldrig … varit föremål för … upphandling*",
                          "upphandlad* tidigare: nej", "tidigare upphandlad*: nej", "upphandlat tidigare: nej", "tidigare upphandling: nej",
                          "tidigare upphandling: ingen")
#: No one else offers the same service (`market.other_providers: false`).
NO_OTHER_PROVIDERS_PHRASES = ("ingen annan … aktör", "inga andra … aktörer", "ingen annan … utförare", "inga andra … utförare",
                              "ingen annan … anordnare", "inga andra … anordnare", "ingen annan … leverantör", "inga andra … leverantörer",
                              "ingen aktör som", "inga aktörer som", "ingen utförare som", "finns ingen annan som", "finns inga andra som",
                              "inga privata … aktörer", "inga privata … utförare", "inga kommersiella … aktörer", "ingen kommersiell* … aktör*",
                              "inte … några andra aktörer", "inte … någon annan aktör", "inte … någon annan utförare",
                              "inte … några andra utförare", "inte … några privata utförare", "inte … några privata aktörer",
                              "inte … någon kommersiell* aktör*", "inte … några kommersiell* aktör*", "saknas … andra aktörer",
                              "saknas … andra utförare", "saknas … privata aktörer", "saknas … privata utförare", "saknas … alternativa aktörer",
                              "saknas … alternativa utförare", "saknas … andra leverantörer", "ingen annan … erbjuder", "inga andra … erbjuder",
                              "någon annan aktör … finns inte", "några andra aktörer … finns inte", "andra aktörer … saknas",
                              "andra utförare … saknas", "ingen annan … bedriver", "inga andra … bedriver", "ingen annan … driver",
                              "inga andra … driver", "någon annan … utförare … finns inte", "någon annan … aktör … finns inte",
                              "andra utförare: nej", "andra aktörer: nej", "andra aktörer: inga",
                              "andra utförare: inga")
#: A market named only to set IOP against it ("IOP är ett alternativ till LOU och LOV", "i stället för att upphandla"): no fact
#: about this activity's market.
MARKET_CONTRASTS = ("i stället för", "istället för", "alternativ till", "till skillnad från", "snarare än", "jämfört med")
#: Beside the bare abbreviation "LOV", words that say something is run or bought under it ("utförare", "godkänd", "ingår").
LOV_CONTEXT_WORDS = ("utförare*", "godkän*", "ackrediter*", "bedrivs", "drivs", "ingår", "leverantör*", "köp*", "upphandl*", "kundval*")
#: With ALSO_WORDS in a market sentence: the same activity is bought there too ("köps i dag även av privata utförare").
BUYING_WORDS = ("köps", "köper", "köpt", "köptes", "upphandlas", "upphandlar", "upphandlat", "ramavtal*", "avrop*", "enligt lov",
                "valfrihetssystem*", "inom lov", "kundval*")


# -- people: contacts and signatures --------------------------------------------------------------
#: How an office ends: a word ending so is a title ("fritidskonsulent", "kretsordförande", "HR-chef").
TITLE_ENDINGS = ("chef", "direktör", "ordförande", "ordf", "sekreterare", "samordnare", "kassör", "ledamot", "ledamöter",
                 "koordinator", "ansvarig", "handläggare", "strateg", "ledare", "rektor", "föreståndare", "controller",
                 "utvecklare", "kommunalråd", "regionråd", "oppositionsråd", "vd", "ombud", "firmatecknare",
                 "konsulent", "sekr", "utredare", "ombudsman", "revisor", "suppleant", "talesperson", "ekonom",
                 "administratör", "assistent", "pedagog", "kurator", "sakkunnig", "specialist", "officer",
                 "rådgivare", "planerare", "intendent", "generalsekreterare", "president", "chefen",
                 "kommundirektör", "stadsdirektör", "regiondirektör", "verksamhetsansvarig", "projektansvarig",
                 "socionom", "direktor", "kanslist", "företrädare", "representant", "förbundsordförande", "diakon",
                 "präst", "kyrkoherde", "pastor", "kaplan", "lärare", "sjuksköterska", "tränare", "instruktör")
#: Headings over the contact persons ("8. Kontaktpersoner", "KONTAKTUPPGIFTER", "Parternas kontaktpersoner").
CONTACT_HEADINGS = ("kontakt", "kontakter", "kontaktperson*", "kontaktuppgifter", "parternas kontaktpersoner",
                    "ansvariga kontaktpersoner", "kontaktpersoner och ansvariga", "ansvariga handläggare", "ansvariga",
                    "ansvariga personer", "kontakt och ansvar", "frågor och kontakt", "kontaktvägar",
                    "kontaktpersoner under avtalstiden", "kontaktpersoner för överenskommelsen",
                    # a question as the heading, and the parties' own words ("Vem kontaktar man?", "Våra kontaktpersoner")
                    "vem kontaktar man", "vem kontaktar jag", "vem ska man kontakta", "vem ska jag kontakta", "vem kan man kontakta",
                    "vem svarar på frågor", "kontaktinformation", "våra kontaktpersoner", "kontaktpersoner hos parterna",
                    "ansvariga och kontaktpersoner", "samordning och kontakt", "kontaktpersoner och samordning")
#: What a contact person is called in a sentence or a label ("Kommunens kontaktperson är …").
CONTACT_ROLES = ("kontaktperson", "kontaktpersoner", "kontaktpersonen", "ansvarig handläggare", "handläggare",
                 "ansvarig tjänsteperson", "ansvarig tjänsteman", "kontakt", "kontaktperson och ansvarig", "ärendeansvarig",
                 "handläggare på förvaltningen")
#: Words of a sentence that names contact persons in prose, a party in the same clause as each person
#: ("Frågor om överenskommelsen besvaras av …", "Ansvarig hos föreningen är …").
CONTACT_PROSE_CUES = ("kontaktperson*", "besvaras av", "ansvarig för överenskommelsen", "ansvarig för partnerskapet",
                      "ansvarig för samarbetet", "ansvarig för avtalet", "ansvariga för överenskommelsen",
                      "ansvariga för partnerskapet", "ansvarig hos", "ansvarig inom", "ansvarig från", "ansvariga är",
                      "kontakten sköts av", "sköter kontakten", "kontaktuppgifter", "besvaras", "frågor om överenskommelsen",
                      "frågor om avtalet", "frågor om partnerskapet", "frågor som rör överenskommelsen", "kan kontaktas", "kontaktas",
                      "vänder sig till", "ansvarar för kontakten", "ansvarar för kontakterna", "håller i kontakten",
                      "håller i kontakterna", "ansvarar för samarbetet", "ansvarar för partnerskapet", "ansvarar för överenskommelsen",
                      "ansvariga för samarbetet", "sköter kontakterna", "samordnar kontakten", "kontaktväg*",
                      "veta mer om överenskommelsen", "veta mer om avtalet", "veta mer om partnerskapet", "mer information om överenskommelsen",
                      "kan man ringa", "kan ringa", "kan man kontakta", "går att nå", "nås på", "nås via", "vid frågor", "kontakta",
                      # the person answering for the activity itself ("Ansvarig för verksamheten hos föreningen är …")
                      "ansvarig för verksamheten", "ansvarig för projektet", "ansvarig för insatsen", "ansvarig för arbetet",
                      "ansvarig för uppdraget", "ansvarig för genomförandet", "ansvarig för samordningen", "ansvarar för verksamheten",
                      "ansvarig för gruppen", "ansvarig för satsningen", "huvudansvarig", "ytterst ansvarig",
                      "samordnare för partnerskapet", "samordnare för överenskommelsen", "samordnare för samarbetet",
                      "samordnare för avtalet", "samordnas av", "hålls samman av")
#: A label for the person answering for the partnership: "Ansvarig för överenskommelsen hos kommunen:", "Ansvarig hos föreningen:".
RESPONSIBLE_ROLES = ("ansvarig", "ansvariga", "ansvarig person", "ansvarig tjänsteperson", "ansvarig tjänsteman", "kontaktperson",
                     "kontaktpersoner", "kontakt", "samordnare", "huvudansvarig")
#: Offices only a municipality's or region's staff hold (as a word's end): a contact so titled, no party named, is the one public party's.
CONTACT_PUBLIC_TITLES = ("konsulent", "handläggare", "tjänsteperson", "tjänsteman", "socialsekreterare", "strateg", "kommunalråd",
                         "regionråd", "förvaltningschef", "socialchef", "fritidschef", "kulturchef", "kommundirektör", "stadsdirektör",
                         "regiondirektör", "kommunchef", "skolchef", "stadsdelsdirektör", "avdelningschef", "utvecklingssekreterare",
                         "folkhälsosamordnare", "kultursekreterare", "fritidssekreterare")
#: ... and offices only a church or congregation holds: such a contact is the one idea-based party's.
CONTACT_IDEA_TITLES = ("diakon", "präst", "kyrkoherde", "pastor", "komminister", "församlingspedagog", "kårordförande", "kårchef")
#: Roles only the public side's staff hold: with no party named, the one municipality or region is theirs.
OFFICIAL_ROLES = ("ansvarig handläggare", "ansvarig tjänsteperson", "ansvarig tjänsteman", "ärendeansvarig",
                  "handläggare på förvaltningen")
#: Verbs that name a contact in a sentence ("Som kontaktperson för kommunen utses Anna Berg").
CONTACT_VERBS = ("är", "utses", "utses till", "blir", "har utsetts", "utsedd", "är utsedd", ":")
#: A side named by its kind alone, as a contact list labels it ("Kommun – Lina Öhman", "Förening: …").
SIDE_WORDS = {"kommun": "public", "region": "public", "stad": "public", "staden": "public", "förvaltningen": "public",
              "förvaltning": "public", "förening": "idea_based", "stiftelse": "idea_based", "organisation": "idea_based",
              "lokalförening": "idea_based", "lokalföreningen": "idea_based", "krets": "idea_based",
              "församlingen": "idea_based", "församling": "idea_based", "kooperativet": "idea_based",
              "kyrkan": "idea_based", "rörelsen": "idea_based", "distriktet": "idea_based", "avdelningen": "idea_based",
              "idéburen part": "idea_based", "offentlig part": "public", "den idéburna parten": "idea_based",
              "den offentliga parten": "public", "idéburna parten": "idea_based", "offentliga parten": "public"}
#: A contact list's field labels and table headers, by what the value is ("E-post: …", `| Namn | Roll |`).
CONTACT_FIELDS = {"namn": "name", "kontaktperson": "name", "person": "name", "part": "party", "parter": "party",
                  "organisation": "party", "för": "party", "titel": "title", "roll": "title", "funktion": "title",
                  "befattning": "title", "tjänst": "title", "e-post": "email", "epost": "email", "e-mail": "email",
                  "email": "email", "mail": "email", "e-postadress": "email", "telefon": "phone", "tel": "phone",
                  "mobil": "phone", "telefonnummer": "phone", "mobilnummer": "phone", "tfn": "phone"}
#: Labels in a contact line that never name a party ("Telefon: …", "Adress: …").
NOT_PARTY_LABELS = ("organisationsnummer", "org.nr", "org nr", "orgnr", "adress", "postadress", "besöksadress", "webb",
                    "hemsida", "webbplats")
#: Headers of a signature table with a row per signatory (`| Part | Namn | Befattning | Ort och datum |`).
SIGNATURE_TABLE_HEADERS = ("part", "parter", "namn", "titel", "befattning", "funktion", "roll", "ort och datum", "ort",
                           "datum", "för", "organisation", "namn och befattning", "namnförtydligande", "ort/datum",
                           "undertecknare")
#: Headings over the signatures ("11. Underskrifter", "Parternas underskrifter", "UNDERTECKNANDE").
SIGNATURE_HEADINGS = ("underskrift", "underskrifter", "undertecknande", "signaturer", "parternas underskrifter",
                      "underskrifter och datum", "signering", "underteckning", "undertecknat", "för parterna",
                      "namnteckningar", "parternas underskrift", "signerat digitalt", "digitalt signerat", "digital signering",
                      "digital underskrift", "digitala underskrifter", "elektronisk underskrift", "elektroniska underskrifter",
                      "elektronisk signering", "parternas namnteckningar", "underskrifter av parterna", "signaturer och datum")
#: Labels on a signature form, by what the value after them is.
SIGNATURE_LABELS = {
    "place_date": ("ort och datum", "ort/datum", "datum och ort", "ort, datum", "plats och datum", "ort & datum",
                   "datum/ort", "ort och dag"),
    "date": ("datum", "dag", "undertecknat den", "signeringsdatum"),
    "place": ("ort", "plats"),
    "name": ("namnförtydligande", "namn", "namn i klartext", "namnförtydl.", "namnförtydligande och titel"),
    "title": ("titel", "befattning", "roll", "funktion", "titel/befattning"),
    "sign": ("underskrift", "signatur", "namnteckning", "signerat", "digitalt signerad", "signerad", "sign."),
}
#: Verbs of a sentence that says who signed ("Undertecknat i Borlänge den 14 maj 2025 av Jonas Berg för …").
SIGNING_VERBS = ("undertecknat", "undertecknad", "undertecknade", "undertecknades", "undertecknats", "signerat",
                 "signerad", "signerades", "signerats", "skrivits under", "skrevs under", "skrivit under")
#: A protocol's certification of its extract, which a secretary signs, not the agreement ("Utdragsbestyrkande: …").
CERTIFYING_WORDS = ("utdragsbestyrkande", "utdraget bestyrks", "rätt utdraget betygar", "utdraget överensstämmer",
                    "justerat", "justerare", "justerande", "justeringsdag", "justerandes sign", "vid protokollet")
#: A page's running header or footer ("Falköpings kommun Dnr SN 2025/0042 Sida 4 av 4"): never a line of a signing block.
PAGE_MARKS = ("sida", "sid", "page", "dnr", "diarienummer")
#: A letter's or e-mail's closing lines: the signatures of an agreement quoted in it end there.
LETTER_CLOSINGS = ("vänliga hälsningar", "med vänlig hälsning", "med vänliga hälsningar", "hälsningar", "mvh", "bästa hälsningar",
                   "hör av dig", "hör gärna av dig", "tack på förhand", "ha en fin dag", "ursprungligt meddelande", "från:")
#: Capitalised words before a date that are not the place it was signed at ("Tjänsteutlåtande 2025-10-01").
NOT_PLACES = ("tjänsteutlåtande", "beslutsunderlag", "datum", "diarienummer", "dnr", "reviderad", "version",
              "bilaga", "protokoll", "beslut", "sammanträde", "sammanträdesdatum", "justerat", "upprättad",
              "upprättat", "daterad", "utskriftsdatum", "beslutsdatum", "period", "avtalstid", "senast",
              "ärende", "rev", "uppdaterad", "reviderat", "underskrift", "signerad", "signerat", "den",
              "tjänsteskrivelse", "skrivelse", "protokollsutdrag", "protokollet", "yttrande", "kallelse", "promemoria",
              "missiv", "föredragningslista", "utkast", "förslag", "remiss", "inkom", "inkommen", "ansökan")

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
