"""The agreement file schema.

An agreement file records what an agreement *says*, nothing more: where
the text is silent the file is silent, and the rules turn that silence
into a finding.  Field names are English; values keep the agreement's
Swedish.  Most objects may carry `source`, the agreement's own sentence,
so a finding can quote what it rests on.

The schema is strict on purpose: a misspelt key or a number written as
text is far more likely a mistake than an intent, and a compliance check
that silently ignores a field is worse than one that refuses the file.

(Over 300 lines: it is the whole agreement schema, one class per object of the file, which the
JSON Schema for editors is generated from.)

Annotations are evaluated as the classes are defined (no `from __future__ import annotations`):
pydantic then reads types instead of evaluating 148 annotation strings, a fifth of what
importing this module costs a one-file check.  Every class is defined before it is used.
"""
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

Kronor = Annotated[StrictInt, Field(ge=0, description="Whole kronor (SEK), not negative.")]
Count = Annotated[StrictInt, Field(ge=0)]
Text = Annotated[StrictStr, Field(min_length=1)]
Source = Annotated[StrictStr | None, Field(default=None, description="The agreement's own sentence this rests on.")]
Key = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="A short lowercase id, e.g. `kommun`.")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


#: The clause groups `extract` looks for, by the names its drafts list them under `not_found`.
ClauseGroup = Literal["decision", "parties", "org_number", "period", "extension", "funding", "budget", "budget_increase",
                      "payment", "reports", "cadence", "steering_group", "review", "notice", "repayment", "dispute",
                      "breach", "iop_criteria", "market", "contents", "commitments", "contacts", "signatures"]


class Document(Strict):
    """What kind of document this is, and whether it has been signed."""

    kind: Literal["agreement", "decision_memo"] = "agreement"
    status: Literal["draft", "signed"] = "draft"
    title: Text | None = None
    date: dt.date | None = Field(default=None, description="The date the document carries.")
    not_found: list[ClauseGroup] = Field(default_factory=list, description=(
        "Clause groups looked for in the text and not found (a draft from `iop-rules extract`): where a rule would "
        "read a group's absence as an answer (no prolongation clause), it is unknown until a reviewer removes the "
        "group from this list. A group the file gives is found, whatever this list says."))
    source: Source = None


class Decision(Strict):
    """Who decides: selects the authority rulesets (by authority, body and date)."""

    authority: Text = Field(description="Kommun or region, e.g. `Lunds kommun`.")
    body: Text | None = Field(default=None, description="Deciding body, e.g. `socialnämnden`.")
    date: dt.date | None = Field(default=None, description="Decision date; the document date is used when absent.")
    reference: Text | None = None
    source: Source = None


class Party(Strict):
    id: Key
    role: Literal["public", "idea_based", "funder"]
    name: Text
    org_number: StrictStr | None = Field(default=None, description="Organisationsnummer as written, NNNNNN-NNNN.")
    non_profit: StrictBool | None = Field(default=None, description="The agreement states the party is icke vinstdrivande.")
    registered_idea_based: StrictBool | None = Field(
        default=None, description="Registered as idéburen organisation with Kammarkollegiet (lag 2022:900).")
    source: Source = None


class Period(Strict):
    """The agreement's term: dates where the text gives them, else a stated duration or years.

    "Treårig" or "i 24 månader" is `months` (with `start` when the text gives one);
    "2015–2018" is `first_year`/`last_year`.  Duration rules then decide from bounds:
    a span of calendar years is at least and at most a known number of months.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    months: Annotated[StrictInt, Field(ge=1)] | None = Field(
        default=None, description="A duration the text states (`i tre år` is 36), with or without dates.")
    first_year: Annotated[StrictInt, Field(ge=1900, le=2200)] | None = Field(
        default=None, description="The first calendar year of a term stated only in years (`2015–2018`).")
    last_year: Annotated[StrictInt, Field(ge=1900, le=2200)] | None = Field(
        default=None, description="The last calendar year of a term stated only in years.")
    source: Source = None


class Extension(Strict):
    """A prolongation clause. `months` absent means the clause states no length (or it was not read)."""

    months: Count | None = None
    times: Count | None = Field(default=None, description="How many prolongations the clause allows.")
    open_ended: StrictBool | None = Field(
        default=None, description="No limit to the number or total length of prolongations: "
                                  "`utan angiven tidsbegränsning`, `ett år i taget`, tacit renewal.")
    automatic: StrictBool | None = Field(
        default=None, description="The agreement is prolonged unless a party gives notice (`förlängs automatiskt`).")
    source: Source = None


#: What an amount is for: a span of time, or a unit of service (a rate, never a sum).
TIME_UNITS = ("period", "year", "half_year", "quarter", "month", "week")
SERVICE_UNITS = ("place", "day", "hour", "client", "participant", "placement")


class Funding(Strict):
    payer: Text = Field(description="A party id, or the payer as the text writes it.")
    side: Literal["public", "idea_based"] | None = Field(
        default=None, description="Which side pays, when the payer is not one identified party.")
    recipient: Text | None = Field(
        default=None, description="Who receives it, a party id: for a grant a funder (Länsstyrelsen) pays into the "
                                  "partnership, so that no amount is counted for two organisations.")
    kind: Literal["cash", "in_kind"]
    basis: Literal["contribution", "service"] | None = Field(
        default=None,
        description="`service`: remuneration in exchange for running or delivering an activity "
                    "(`ersättning för driften`, `ersätter stiftelsen med …`); `contribution`: a contribution to a "
                    "jointly financed activity. Not stated: read as a contribution unless the agreement shows other "
                    "signs of a purchase (no own contribution, an open-ended term, a market), and then undecided.")
    amount: Kronor | None = None
    per: Literal["period", "year", "half_year", "quarter", "month", "week",
                 "place", "day", "hour", "client", "participant", "placement"] = Field(
        default="period", description="What the amount is for: the covered period, a span of time, or a unit of "
                                      "service (per plats, dygn, timme, brukare, deltagare, placering).")
    cap: StrictBool | None = Field(default=None, description="The amount is a ceiling (`upp till`, `högst`).")
    approximate: StrictBool | None = Field(default=None, description="The amount is approximate (`cirka`, `ca`).")
    covers: Period | None = Field(default=None, description="The period the entry covers; the agreement period when absent.")
    description: Text | None = None
    source: Source = None


class BudgetLine(Strict):
    label: Text
    amount: Kronor
    source: Source = None


class Budget(Strict):
    lines: list[BudgetLine] = Field(default_factory=list)
    total: Kronor | None = None
    source: Source = None


class BudgetIncrease(Strict):
    """The agreement says it cannot be fulfilled within the existing budget frame."""

    needed: StrictBool = True
    years: list[StrictInt] = Field(default_factory=list)
    source: Source = None


class Payment(Strict):
    installments_per_year: Count | None = None
    dates: list[dt.date] = Field(default_factory=list)
    source: Source = None


class Report(Strict):
    due: dt.date
    kind: Literal["interim", "annual", "final", "evaluation"] = "interim"
    description: Text | None = None
    source: Source = None


class Cadence(Strict):
    """A stated reporting rhythm: `reports` reports per `per`."""

    reports: Annotated[StrictInt, Field(ge=1)]
    per: Literal["year", "half_year", "period"]
    source: Source = None


class Member(Strict):
    party: Text
    role: Text | None = None


class SteeringGroup(Strict):
    name: Text = "styrgrupp"
    members: list[Member] = Field(default_factory=list)
    meetings_per_year: Count | None = None
    source: Source = None


class FollowUp(Strict):
    reports: list[Report] = Field(default_factory=list)
    cadence: Cadence | None = None
    steering_group: SteeringGroup | None = None
    source: Source = None


class Review(Strict):
    date: dt.date
    source: Source = None


class Clause(Strict):
    """A clause whose presence is what matters; `source` quotes it."""

    source: Text
    note: Text | None = None


class Notice(Strict):
    months: Count
    source: Source = None


class Termination(Strict):
    notice: Notice | None = None
    repayment: Clause | None = None
    dispute: Clause | None = None
    breach: Clause | None = Field(default=None, description="Hävning: ending the agreement for breach.")


class IopCriteria(Strict):
    """The reasons the agreement itself gives for choosing IOP (SKR's criteria)."""

    initiative_from_idea_based: StrictBool | None = None
    no_market: StrictBool | None = None
    not_normed_grant: StrictBool | None = None
    both_finance: StrictBool | None = None
    not_detail_regulated: StrictBool | None = None
    also_procured: StrictBool | None = Field(
        default=None, description="The same activity is also bought on a market (procured or under LOV).")
    other_support_from_authority: StrictBool | None = Field(
        default=None, description="The activity also receives other financial support from the same authority.")
    source: Source = None


class Market(Strict):
    """What the agreement (or the reviewer) records about a market for the same service."""

    lov: StrictBool | None = Field(default=None, description="The activity, or part of it, is run under LOV.")
    procured_before: StrictBool | None = Field(
        default=None, description="The same service was bought by procurement before.")
    other_providers: StrictBool | None = Field(
        default=None, description="Other providers offer the same service on a market.")
    source: Source = None


class Contents(Strict):
    """Sections some guidelines require in every IOP agreement (Borås 2016, Uddevalla 2020)."""

    background: Clause | None = Field(default=None, description="Bakgrund, bakgrundsförutsättningar.")
    values: Clause | None = Field(default=None, description="Värdegrund.")
    goals: Clause | None = Field(default=None, description="Mål.")
    renegotiation: Clause | None = Field(default=None, description="Omförhandling.")
    amendments: Clause | None = Field(default=None, description="Ändringar och tillägg.")
    cost_analysis: Clause | None = Field(
        default=None, description="Analys av samhälleliga vinster och uppskattad kostnadseffektivitet.")


class Commitment(Strict):
    party: Text
    text: Text
    subject: Text | None = Field(default=None, description="What is counted, so the same target can be compared.")
    quantity: Annotated[float, Field(ge=0, strict=True)] | StrictInt | None = None
    unit: Text | None = None
    per: Literal["week", "month", "half_year", "year", "period"] | None = None
    source: Source = None


class Contact(Strict):
    party: Text
    name: Text
    title: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    source: Source = None


class Signature(Strict):
    party: Text
    name: Text | None = None
    title: Text | None = None
    place: Text | None = None
    date_as_written: StrictStr | None = Field(default=None, description="Exactly as written, e.g. `2019-06-`.")
    source: Source = None


class Waiver(Strict):
    rule: Annotated[StrictStr, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
    reason: Text
    approved_by: Text
    reference: Text | None = Field(default=None, description="Decision reference, e.g. `SN 2021-05-20 §88`.")
    expires: dt.date | None = None
    source: Source = None


class LogEntry(Strict):
    """Something that happened after signing: a report received, a decision taken."""

    kind: Literal["report_received", "review_decision", "continuation_decision"]
    date: dt.date
    report_due: dt.date | None = Field(default=None, description="For a received report: the due date it answers.")
    reference: Text | None = None
    note: Text | None = None


class Agreement(Strict):
    """One IOP agreement as its text states it."""

    id: Key
    document: Document = Field(default_factory=Document)
    decision: Decision | None = None
    parties: list[Party] = Field(default_factory=list)
    period: Period | None = None
    extension: Extension | None = None
    funding: list[Funding] = Field(default_factory=list)
    budget: Budget | None = None
    budget_increase: BudgetIncrease | None = None
    payment: Payment | None = None
    follow_up: FollowUp | None = None
    review: Review | None = None
    termination: Termination | None = None
    iop_criteria: IopCriteria | None = None
    market: Market | None = None
    contents: Contents | None = None
    commitments: list[Commitment] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
    log: list[LogEntry] = Field(default_factory=list)
