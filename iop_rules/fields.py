"""Every fact field a rule may read, declared once: its kind, where it comes from, what it means.

From this one table come the field checks of the condition parser, the words an `unknown`
result uses for what the agreement does not state, the line a finding points at, and the
field catalogue in docs/facts.md (`iop-rules rules facts`) that a legal author reads to write a
rule.  A field the code sets but this table does not declare is a test failure.

`kind` is one of str, int, number, bool, date (epoch days in facts; ISO dates in rulesets).
`key` is the agreement file's key the value comes from, shown to the file's author; `origin`
is the document path whose line a finding on the agreement points at (default: from `key`).
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import DocPath


@dataclass(frozen=True)
class FactField:
    fact: str
    name: str
    kind: str
    key: str
    sv: str
    en: str
    origin: DocPath | None = None

    @property
    def doc_path(self) -> DocPath:
        if self.origin is not None:
            return self.origin
        head = self.key.split(",")[0].strip().split("[")[0]
        return tuple(part for part in head.split(".") if part)


def _f(fact: str, name: str, kind: str, key: str, sv: str, en: str, origin: DocPath | None = None) -> FactField:
    return FactField(fact, name, kind, key, sv, en, origin)


_A = "agreement"
DECLARED: tuple[FactField, ...] = (
    # --- the agreement: document and decision
    _f(_A, "agreement_id", "str", "id", "överenskommelsens id", "the agreement's id"),
    _f(_A, "kind", "str", "document.kind", "dokumenttyp (överenskommelse eller beslutsunderlag)",
       "document kind (agreement or decision memo)", ("document",)),
    _f(_A, "status", "str", "document.status", "status (utkast eller undertecknad)", "status (draft or signed)",
       ("document",)),
    _f(_A, "authority", "str", "decision.authority", "beslutande kommun eller region", "the deciding authority",
       ("decision",)),
    _f(_A, "body", "str", "decision.body", "beslutande nämnd", "the deciding body", ("decision",)),
    _f(_A, "decision_date", "date", "decision.date", "beslutsdatum (annars dokumentets datum)",
       "the decision date (else the document's date)", ("decision",)),
    # --- the term
    _f(_A, "start_date", "date", "period.start", "periodens startdatum", "the start date", ("period",)),
    _f(_A, "end_date", "date", "period.end", "periodens slutdatum", "the end date", ("period",)),
    _f(_A, "duration_months", "int", "period", "periodens längd i månader", "the period's length in months",
       ("period",)),
    _f(_A, "duration_min_months", "int", "period", "periodens längd i månader (minst)",
       "the period's length in months (at least)", ("period",)),
    _f(_A, "duration_max_months", "int", "period", "periodens längd i månader (högst)",
       "the period's length in months (at most)", ("period",)),
    _f(_A, "duration_sv", "str", "period", "periodens längd i ord", "the period's length in Swedish words",
       ("period",)),
    _f(_A, "duration_en", "str", "period", "periodens längd i ord (engelska)", "the period's length in words",
       ("period",)),
    _f(_A, "extension_stated", "bool", "extension", "om en förlängningsklausul finns", "whether there is a prolongation clause"),
    _f(_A, "extension_months", "int", "extension.months", "förlängningens längd", "the length of the prolongation",
       ("extension",)),
    _f(_A, "extension_open_ended", "bool", "extension.open_ended, extension.automatic",
       "om förlängningen är obegränsad eller automatisk", "whether the prolongation is open-ended or automatic",
       ("extension",)),
    _f(_A, "extension_automatic", "bool", "extension.automatic", "om överenskommelsen förlängs automatiskt",
       "whether the agreement is renewed automatically", ("extension",)),
    _f(_A, "extension_terms_sv", "str", "extension", "förlängningens villkor i ord", "the prolongation in Swedish words"),
    _f(_A, "extension_terms_en", "str", "extension", "förlängningens villkor i ord (engelska)",
       "the prolongation in words"),
    _f(_A, "months_with_extensions", "int", "extension.months", "periodens längd med alla förlängningar",
       "the length of the period with every prolongation", ("extension",)),
    # --- parties and money
    _f(_A, "public_party_count", "int", "parties", "antal offentliga parter", "number of public parties"),
    _f(_A, "idea_party_count", "int", "parties", "antal idéburna parter", "number of idea-based parties"),
    _f(_A, "public_contribution_count", "int", "funding", "den offentliga partens bidrag",
       "the public party's contributions"),
    _f(_A, "idea_based_contributes", "bool", "funding", "om någon idéburen part bidrar med egna resurser",
       "whether an idea-based party contributes resources of its own"),
    _f(_A, "cash_funding_count", "int", "funding", "antal kontanta bidrag", "number of cash contributions"),
    _f(_A, "cash_uncovered_months", "int", "funding.covers, period", "vilken period finansieringen avser",
       "the period the funding covers", ("funding",)),
    _f(_A, "remunerates_service", "bool", "funding.basis, funding.per",
       "om någon betalning är ersättning för att utföra en tjänst (per plats, dygn, timme, klient eller för driften)",
       "whether a payment remunerates delivering a service (per place, day, hour, client, or for running it)",
       ("funding",)),
    _f(_A, "contract_value", "int", "funding, period, extension",
       "avtalets värde enligt LOU (all offentlig kontant ersättning inklusive förlängningar)",
       "the contract value as LOU counts it (all public cash, every prolongation included)", ("funding",)),
    _f(_A, "contract_value_min", "int", "funding, period, extension",
       "avtalets värde enligt LOU, minst (utan belopp per plats, dygn, timme …)",
       "the contract value as LOU counts it, at least (without amounts per place, day, hour …)", ("funding",)),
    _f(_A, "lou_signals_sv", "str", "funding, extension, market",
       "de tecken på ett köp som finns utöver ersättningen för en tjänst", "the signs of a purchase besides the remuneration, in Swedish",
       ("funding",)),
    _f(_A, "lou_signals_en", "str", "funding, extension, market", "tecknen på ett köp (engelska)",
       "the signs of a purchase besides the remuneration", ("funding",)),
    _f(_A, "market_signal", "bool", "market, iop_criteria.also_procured",
       "om det finns en marknad för tjänsten (LOV, tidigare upphandlad, andra utförare)",
       "whether there is a market for the service (LOV, procured before, other providers)", ("market",)),
    _f(_A, "bought_on_market", "bool", "iop_criteria.no_market, iop_criteria.also_procured, market",
       "om verksamheten också köps på en marknad", "whether the activity is also bought on a market",
       ("iop_criteria",)),
    _f(_A, "budget_line_count", "int", "budget.lines", "antal budgetrader", "number of budget lines", ("budget",)),
    _f(_A, "budget_lines_sum", "int", "budget.lines", "budgetraderna", "the budget lines", ("budget",)),
    _f(_A, "budget_total", "int", "budget.total", "budgetens total", "the budget total"),
    _f(_A, "budget_increase_needed", "bool", "budget_increase", "om en utökad budgetram behövs",
       "whether a larger budget frame is needed"),
    _f(_A, "payment_stated", "bool", "payment", "en utbetalningsplan", "a payment schedule"),
    _f(_A, "other_support_from_authority", "bool", "iop_criteria.other_support_from_authority",
       "om verksamheten får annat stöd från samma myndighet",
       "whether the activity receives other support from the same authority", ("iop_criteria",)),
    # --- follow-up
    _f(_A, "follow_up_stated", "bool", "follow_up", "hur verksamheten följs upp", "how the activity is followed up"),
    _f(_A, "commitment_count", "int", "commitments", "insatser och åtaganden", "the parties' undertakings"),
    _f(_A, "reports_per_year", "number", "follow_up", "hur ofta uppföljning rapporteras",
       "how often follow-up is reported"),
    _f(_A, "longest_report_gap_months", "int", "follow_up", "när uppföljning rapporteras", "when follow-up is reported"),
    _f(_A, "longest_report_gap_from_date", "date", "follow_up", "början på det längsta uppehållet",
       "the start of the longest gap", ("follow_up",)),
    _f(_A, "longest_report_gap_to_date", "date", "follow_up", "slutet på det längsta uppehållet",
       "the end of the longest gap", ("follow_up",)),
    _f(_A, "report_gap_sv", "str", "follow_up", "det längsta uppehållet i ord", "the longest gap in Swedish words"),
    _f(_A, "report_gap_en", "str", "follow_up", "det längsta uppehållet i ord (engelska)", "the longest gap in words"),
    _f(_A, "steering_group_stated", "bool", "follow_up.steering_group", "en styrgrupp", "a steering group"),
    _f(_A, "steering_group_both_sides", "bool", "follow_up.steering_group.members",
       "en styrgrupp med ledamöter från båda parter", "a steering group with members from both sides",
       ("follow_up", "steering_group")),
    _f(_A, "review_date", "date", "review.date", "datum för översyn", "the review date", ("review",)),
    # --- clauses
    _f(_A, "notice_months", "int", "termination.notice.months", "uppsägningstid", "the notice period",
       ("termination", "notice")),
    _f(_A, "repayment_stated", "bool", "termination.repayment", "en klausul om återbetalning", "a repayment clause"),
    _f(_A, "dispute_stated", "bool", "termination.dispute", "en klausul om tvistlösning", "a dispute clause"),
    _f(_A, "breach_stated", "bool", "termination.breach", "en klausul om hävning", "a clause on ending for breach"),
    _f(_A, "background_stated", "bool", "contents.background", "bakgrund", "a background section"),
    _f(_A, "values_stated", "bool", "contents.values", "värdegrund", "a statement of values"),
    _f(_A, "goals_stated", "bool", "contents.goals, commitments", "mål", "goals"),
    _f(_A, "renegotiation_stated", "bool", "contents.renegotiation", "en klausul om omförhandling",
       "a renegotiation clause"),
    _f(_A, "amendments_stated", "bool", "contents.amendments", "en klausul om ändringar och tillägg",
       "a clause on changes and additions"),
    _f(_A, "cost_analysis_stated", "bool", "contents.cost_analysis",
       "en analys av samhälleliga vinster och kostnadseffektivitet", "an analysis of social gains and cost-effectiveness"),
    _f(_A, "criteria_missing_count", "int", "iop_criteria", "skälen för IOP", "the reasons for IOP"),
    _f(_A, "criteria_missing_sv", "str", "iop_criteria", "de skäl för IOP som inte anges",
       "the reasons for IOP not stated, in Swedish"),
    _f(_A, "criteria_missing_en", "str", "iop_criteria", "de skäl för IOP som inte anges (engelska)",
       "the reasons for IOP not stated"),
    _f(_A, "measurable_commitment_count", "int", "commitments", "mätbara åtaganden", "measurable commitments"),
    # --- as of a date
    _f(_A, "as_of_date", "date", "--as-of", "granskningsdatum", "the as-of date", ()),
    _f(_A, "review_passed_undecided", "bool", "review, log", "beslut efter passerad översyn",
       "a decision after a passed review", ("review",)),
    _f(_A, "ends_soon_undecided", "bool", "period.end, log", "beslut om fortsättning", "a continuation decision",
       ("period",)),
    _f(_A, "expired", "bool", "period.end", "om överenskommelsen har upphört", "whether the agreement has ended",
       ("period",)),
    # --- parties
    _f("party", "party_id", "str", "parties[].id", "partens id", "the party's id"),
    _f("party", "name", "str", "parties[].name", "partens namn", "the party's name"),
    _f("party", "role", "str", "parties[].role", "partens roll", "the party's role"),
    _f("party", "signing_party", "bool", "parties[].role", "om parten undertecknar (offentlig eller idéburen)",
       "whether the party signs (public or idea-based)"),
    _f("party", "org_number", "str", "parties[].org_number", "organisationsnummer", "the organisation number"),
    _f("party", "org_number_valid", "bool", "parties[].org_number", "ett giltigt organisationsnummer",
       "a valid organisation number"),
    _f("party", "non_profit", "bool", "parties[].non_profit", "att organisationen är icke vinstdrivande",
       "that the organisation is non-profit"),
    _f("party", "registered_idea_based", "bool", "parties[].registered_idea_based",
       "om organisationen är registrerad som idéburen hos Kammarkollegiet",
       "whether the organisation is registered as idea-based with Kammarkollegiet"),
    _f("party", "has_contact", "bool", "contacts", "en kontaktperson", "a contact person"),
    _f("party", "has_signatory", "bool", "signatures", "en namngiven undertecknare", "a named signatory"),
    _f("party", "contributes", "bool", "funding", "vad parten själv bidrar med", "what the party contributes itself"),
    # --- funding
    _f("funding", "payer", "str", "funding[].payer", "betalaren", "the payer"),
    _f("funding", "payer_is_party", "bool", "funding[].payer", "om betalaren är en identifierad part",
       "whether the payer is one identified party"),
    _f("funding", "kind", "str", "funding[].kind", "kontant eller i annan form", "cash or in kind"),
    _f("funding", "amount", "int", "funding[].amount", "beloppet", "the amount"),
    _f("funding", "per", "str", "funding[].per", "vad beloppet avser (period, år, plats, dygn …)",
       "what the amount is for (period, year, place, day …)"),
    _f("funding", "public_payer", "bool", "funding[].payer", "om den offentliga parten själv betalar (inte en finansiär)",
       "whether the public party itself pays (not a funder)"),
    _f("funding", "remunerates_service", "bool", "funding[].basis, funding[].per",
       "om betalningen är ersättning för att utföra en tjänst", "whether the payment remunerates delivering a service"),
    _f("funding", "covered_months", "int", "funding[].covers, period", "vilken period beloppet avser",
       "the period the amount is for"),
    _f("funding", "whole_years", "bool", "funding[].covers, period", "vilken period beloppet avser",
       "the period the amount is for"),
    _f("funding", "description", "str", "funding[].description", "beskrivningen", "the description"),
    # --- reports
    _f("report", "due_date", "date", "follow_up.reports[].due", "förfallodag", "the due date"),
    _f("report", "kind", "str", "follow_up.reports[].kind", "rapportens slag", "the kind of report"),
    _f("report", "in_period", "bool", "follow_up.reports[].due, period", "om rapporten ligger inom perioden",
       "whether the report falls inside the period"),
    _f("report", "overdue", "bool", "log", "om rapporten är försenad", "whether the report is overdue"),
    # --- commitments
    _f("commitment", "party", "str", "commitments[].party", "parten som åtar sig", "the committed party"),
    _f("commitment", "text", "str", "commitments[].text", "åtagandet", "the commitment"),
    _f("commitment", "subject", "str", "commitments[].subject", "vad som räknas", "what is counted"),
    _f("commitment", "quantity", "number", "commitments[].quantity", "antal", "the quantity"),
    _f("commitment", "unit", "str", "commitments[].unit", "enhet", "the unit"),
    _f("commitment", "per", "str", "commitments[].per", "per vilken period", "per which period"),
    _f("commitment", "per_year", "number", "commitments[]", "antal per år", "the quantity per year"),
    _f("commitment", "measurable", "bool", "commitments[]", "om åtagandet är mätbart", "whether it is measurable"),
    _f("commitment", "conflicting", "bool", "commitments[].subject", "om samma åtagande har ett annat mål",
       "whether the same commitment has another target"),
    _f("commitment", "conflict_with", "str", "commitments[].text", "det motstridiga åtagandet",
       "the conflicting commitment"),
    # --- signatures
    _f("signature", "party", "str", "signatures[].party", "parten som undertecknar", "the signing party"),
    _f("signature", "name", "str", "signatures[].name", "undertecknarens namn", "the signatory's name"),
    _f("signature", "date_as_written", "str", "signatures[].date_as_written", "datum som det står",
       "the date as written"),
    _f("signature", "date_complete", "bool", "signatures[].date_as_written", "ett fullständigt datum",
       "a full date"),
    # --- waivers
    _f("waiver", "rule", "str", "waivers[].rule", "regeln undantaget gäller", "the waived rule"),
    _f("waiver", "approved_by", "str", "waivers[].approved_by", "vem som beviljat undantaget", "who approved it"),
    _f("waiver", "expires_date", "date", "waivers[].expires", "undantagets slutdatum", "the waiver's expiry"),
    _f("waiver", "expired", "bool", "waivers[].expires", "om undantaget har löpt ut", "whether it has expired"),
)

FACT_TYPES = ("agreement", "party", "funding", "report", "commitment", "signature", "waiver")
#: fact type -> field -> kind, for the condition parser.
FACT_FIELDS: dict[str, dict[str, str]] = {t: {f.name: f.kind for f in DECLARED if f.fact == t} for t in FACT_TYPES}
_BY_NAME: dict[tuple[str, str], FactField] = {(f.fact, f.name): f for f in DECLARED}
#: What a rule over a fact type has to look at, in words: "no idea-based party", "no funding".
ELEMENTS = {"agreement": ("inga uppgifter", "no details"), "party": ("inga parter", "no parties"),
            "funding": ("ingen finansiering", "no funding"), "report": ("inga uppföljningsrapporter", "no follow-up reports"),
            "commitment": ("inga åtaganden", "no commitments"), "signature": ("inga underskrifter", "no signatures"),
            "waiver": ("inga undantag", "no waivers")}


def declared(fact: str, name: str) -> FactField:
    return _BY_NAME[(fact, name)]


def label(fact: str, name: str, lang: str) -> str:
    """What a reader is told is missing: the words, and the file's key in brackets for its author."""
    f = _BY_NAME.get((fact, name))
    if f is None:
        return name
    return f"{f.sv if lang == 'sv' else f.en} [{f.key}]"


def origin(name: str) -> DocPath:
    """The agreement-file path whose line a finding on this agreement field points at."""
    f = _BY_NAME.get((_A, name))
    return f.doc_path if f is not None else ()


def catalogue() -> str:
    """docs/facts.md: every field a rule may name, for the author of a ruleset."""
    out = ["# Fact fields", "",
           "Generated by `iop-rules rules facts` from `iop_rules/fields.py`; do not edit by hand.", "",
           "A rule compares these fields (`field: NAME`). A field the agreement does not state is absent, and a",
           "rule that needs it is `unknown`, never `pass`. Dates are ISO dates in a ruleset.", ""]
    for t in FACT_TYPES:
        out += [f"## `{t}`", "", "| field | kind | from the agreement file | meaning (sv) | meaning (en) |",
                "|---|---|---|---|---|"]
        out += [f"| `{f.name}` | {f.kind} | `{f.key}` | {f.sv} | {f.en} |" for f in DECLARED if f.fact == t]
        out.append("")
    return "\n".join(out)
