"""Accuracy of `iop-rules extract` against the hand-encoded agreement files.

    .venv/bin/python bench/extract_accuracy.py [DIR] [--misses]

For every `DIR/*.txt` (default: agreements/, then the corpus's two halves)
with a hand-encoded `.yaml` beside it: extract a draft, compare it field by
field, and print precision and recall per field and overall (the issue's
fields, the fields the schema gained later, other fields, each apart), then
the rules `check` fails on one file and not the other.
Exit 0 always: this measures, the test pins.

The corpus (`tests/data/extract/corpus/`) is split once by `corpus_half`, a
fixed rule on the file's stem: the development half may be read and tuned
to; of the test half only aggregate figures are ever printed (no quote, no
per-text miss, no per-text rule difference), so the extractor is never tuned
to it.  The files stand in `corpus/dev/` and `corpus/test/` by that rule.

Each agreement becomes a multiset of comparable items per field (a party is
its role and name, a report its due date and kind, a contact's e-mail is
the name and the address); precision is the share of extracted items the
hand-encoded file also has, recall the share of the file's items the draft
found.  Party references are compared by party name, so a draft's ids need
not match the hand-chosen ones.  `tests/test_extract.py` imports `measure`.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from iop_rules.extract.swedish import norm_name  # noqa: E402
from iop_rules.model import Agreement  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "extract" / "corpus"
HALVES = ("dev", "test")
SOURCE_SUFFIXES = (".txt", ".md")


def corpus_half(stem: str) -> str:
    """The half of the corpus a text belongs to, by a fixed rule on its file stem: `test` or `dev`."""
    return "test" if int(hashlib.sha256(stem.encode()).hexdigest(), 16) % 2 == 1 else "dev"


def corpus_texts(half: str) -> list[Path]:
    """The corpus texts of one half (each has its truth `.yaml` beside it), in name order."""
    assert half in HALVES, half
    return sorted(p for p in (CORPUS / half).iterdir()
                  if p.suffix in SOURCE_SUFFIXES and corpus_half(p.stem) == half and p.with_suffix(".yaml").exists())


#: The fields the issue lists (item 2): these are the ones the accuracy test pins.
PINNED = (
    "parties", "parties.non_profit", "parties.org_number", "period.start", "period.end",
    "funding.amount", "funding.covers", "budget.lines", "budget.total", "budget_increase",
    "payment.installments_per_year", "follow_up.reports", "follow_up.cadence",
    "steering_group", "steering_group.members", "steering_group.meetings_per_year",
    "review.date", "termination.notice", "termination.repayment", "termination.dispute", "iop_criteria",
    "contacts", "contacts.title", "contacts.email", "contacts.party",
    "signatures", "signatures.title", "signatures.place", "signatures.date_as_written", "signatures.party",
)
#: What the schema gained later (issue 12): durations and years, renewals, remuneration, caps, markets, hävning.
NEW = ("period.months", "period.years", "extension.open_ended", "extension.automatic", "funding.basis",
       "funding.cap", "funding.approximate", "funding.recipient", "market", "termination.breach", "contents")
#: Measured and shown, but not part of the issue's list.
EXTRA = ("document.kind", "document.date", "decision.authority", "decision.body", "decision.date",
         "funding.in_kind", "extension", "commitments")
ALL = (*PINNED, *NEW, *EXTRA)


def _ref(a: Agreement) -> Callable[[str], str]:
    names = {}
    for p in a.parties:
        names[p.id.casefold()] = names[p.name.casefold()] = norm_name(p.name)
    return lambda text: names.get(text.strip().casefold(), norm_name(text))


def _span(covers: Any, period: Any) -> tuple[Any, Any]:
    """What a funding entry covers as two dates: `first_year`/`last_year` are whole calendar years, within
    the agreement's period, so "2026 och 2027" and 2026-01-01–2027-12-31 are the same item."""
    import datetime as dt
    start, end = covers.start, covers.end
    if covers.first_year and not start:
        start = dt.date(covers.first_year, 1, 1)
        if period and period.start and period.start > start and period.start.year == covers.first_year:
            start = period.start
    if covers.last_year and not end:
        end = dt.date(covers.last_year, 12, 31)
        if period and period.end and period.end < end and period.end.year == covers.last_year:
            end = period.end
    return start, end


def _normalised(loaded: Any) -> Any:
    """The truth file with a funding entry's years (`covers: {first_year, last_year}`) written as the dates
    they stand for, as the draft writes them: today's facts read only dates, and an encoding is no finding."""
    a = loaded.agreement
    if not any(f.covers and f.covers.first_year and not f.covers.start for f in a.funding):
        return loaded
    funding = []
    for f in a.funding:
        if f.covers and f.covers.first_year and not f.covers.start:
            start, end = _span(f.covers, a.period)
            f = f.model_copy(update={"covers": f.covers.model_copy(update={"start": start, "end": end,
                                                                           "first_year": None, "last_year": None})})
        funding.append(f)
    from dataclasses import replace
    return replace(loaded, agreement=a.model_copy(update={"funding": funding}))


def items(a: Agreement) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every comparable item of one agreement, by field."""
    ref = _ref(a)
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in ALL}
    put = lambda name, *value: out[name].append(tuple(value))  # noqa: E731
    for p in a.parties:
        put("parties", p.role, norm_name(p.name))
        if p.non_profit:
            put("parties.non_profit", norm_name(p.name))
        if p.org_number:
            put("parties.org_number", norm_name(p.name), p.org_number)
    if a.period:
        if a.period.start:
            put("period.start", a.period.start)
        if a.period.end:
            put("period.end", a.period.end)
        if a.period.months:
            put("period.months", a.period.months)
        if a.period.first_year or a.period.last_year:
            put("period.years", a.period.first_year, a.period.last_year)
    for f in a.funding:
        if f.kind == "cash" and f.amount is not None:
            put("funding.amount", f.amount, f.per)
            if f.covers:
                put("funding.covers", f.amount, *_span(f.covers, a.period))
        elif f.kind == "in_kind":
            put("funding.in_kind", ref(f.payer))
        if f.amount is not None:
            if f.basis == "service":
                put("funding.basis", f.amount, f.basis)
            if f.cap:
                put("funding.cap", f.amount)
            if f.approximate:
                put("funding.approximate", f.amount)
        if f.recipient:
            put("funding.recipient", ref(f.payer), ref(f.recipient))
    if a.budget:
        for line in a.budget.lines:
            put("budget.lines", norm_name(line.label), line.amount)
        if a.budget.total is not None:
            put("budget.total", a.budget.total)
    if a.budget_increase:
        put("budget_increase", tuple(a.budget_increase.years))
    if a.payment and a.payment.installments_per_year is not None:
        put("payment.installments_per_year", a.payment.installments_per_year)
    fu = a.follow_up
    if fu:
        for r in fu.reports:
            put("follow_up.reports", r.due, r.kind)
        if fu.cadence:
            # "halvårsvis": one report per half year is two a year, however the file writes it
            per, n = fu.cadence.per, fu.cadence.reports
            put("follow_up.cadence", *((n * 2, "year") if per == "half_year" else (n, per)))
        if fu.steering_group:
            put("steering_group", "present")
            for m in fu.steering_group.members:
                put("steering_group.members", ref(m.party))
            if fu.steering_group.meetings_per_year is not None:
                put("steering_group.meetings_per_year", fu.steering_group.meetings_per_year)
    if a.review:
        put("review.date", a.review.date)
    t = a.termination
    if t:
        if t.notice:
            put("termination.notice", t.notice.months)
        if t.repayment:
            put("termination.repayment", "present")
        if t.dispute:
            put("termination.dispute", "present")
        if t.breach:
            put("termination.breach", "present")
    if a.market:
        for key in ("lov", "procured_before", "other_providers"):
            if getattr(a.market, key) is not None:
                put("market", key, getattr(a.market, key))
    if a.contents:
        for key in type(a.contents).model_fields:
            if getattr(a.contents, key):
                put("contents", key)
    if a.iop_criteria:
        for key in ("initiative_from_idea_based", "no_market", "not_normed_grant", "both_finance",
                    "not_detail_regulated", "also_procured"):
            if getattr(a.iop_criteria, key):
                put("iop_criteria", key)
    for c in a.contacts:
        name = norm_name(c.name)
        put("contacts", name)
        if c.title:
            put("contacts.title", name, norm_name(c.title))
        if c.email:
            put("contacts.email", name, c.email.casefold())
        put("contacts.party", name, ref(c.party))
    for s in a.signatures:
        name = norm_name(s.name or "")
        put("signatures", name)
        if s.title:
            put("signatures.title", name, norm_name(s.title))
        if s.place:
            put("signatures.place", name, s.place)
        if s.date_as_written:
            put("signatures.date_as_written", name, as_written(s.date_as_written))
        put("signatures.party", name, ref(s.party))
    d = a.document
    put("document.kind", d.kind)
    if d.date:
        put("document.date", d.date)
    if a.decision:
        put("decision.authority", norm_name(a.decision.authority))
        if a.decision.body:
            put("decision.body", norm_name(a.decision.body))
        if a.decision.date:
            put("decision.date", a.decision.date)
    if a.extension:
        put("extension", a.extension.months, a.extension.times)
        if a.extension.open_ended:
            put("extension.open_ended", True)
        if a.extension.automatic:
            put("extension.automatic", True)
    for c in a.commitments:
        if c.quantity is not None and c.unit and c.per:
            put("commitments", ref(c.party), c.quantity, c.per)
    return {k: Counter(v) for k, v in out.items()}


@dataclass
class Score:
    tp: int = 0
    extracted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)  # "missed ..." / "wrong ..." per agreement

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.extracted += other.extracted
        self.expected += other.expected
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        return self.tp / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


def compare(truth: Agreement, draft: Agreement) -> dict[str, Score]:
    want, got = items(truth), items(draft)
    scores = {}
    for name in ALL:
        w, g = want[name], got[name]
        both = w & g
        s = Score(sum(both.values()), sum(g.values()), sum(w.values()))
        s.misses += [f"{truth.id}: {name}: missed {v}" for v in (w - g).elements()]
        s.misses += [f"{truth.id}: {name}: wrong {v}" for v in (g - w).elements()]
        scores[name] = s
    return scores


def total(scores: dict[str, Score], names: Iterable[str] = PINNED) -> Score:
    out = Score()
    for name in names:
        out.add(scores[name])
    return out


def verdicts(loaded: Any) -> dict[str, set[str]]:
    """Every rule's verdicts on one agreement, with the python backend (the rules as they stand today)."""
    from iop_rules.engine import get_backend
    from iop_rules.runner import check_loaded
    from iop_rules.rulesets import load_rulesets
    report = check_loaded(loaded, _library(load_rulesets), get_backend("python"))
    out: dict[str, set[str]] = {}
    for r in report.results:
        out.setdefault(r.rule, set()).add(r.verdict)
    return out


def failing(loaded: Any) -> set[tuple[str, str]]:
    """The rules `check` fails (or cannot decide) on one agreement, with the python backend."""
    return {(rule, v) for rule, vs in verdicts(loaded).items() for v in vs if v in ("fail", "unknown")}


def flipped(truth: dict[str, set[str]], draft: dict[str, set[str]]) -> set[str]:
    """Rules that fail on the truth file and pass on the draft: a value in the draft hid a finding."""
    return {rule for rule, vs in truth.items() if "fail" in vs and "pass" in draft.get(rule, set())
            and "fail" not in draft.get(rule, set())}


#: List sections of an agreement and the compared fields each entry gives.
LISTS = {"parties": ("parties", "parties.non_profit", "parties.org_number"),
         "funding": ("funding.amount", "funding.covers", "funding.in_kind", "funding.basis", "funding.cap",
                     "funding.approximate", "funding.recipient"),
         "contacts": ("contacts", "contacts.title", "contacts.email", "contacts.party"),
         "signatures": ("signatures", "signatures.title", "signatures.place", "signatures.date_as_written",
                        "signatures.party"),
         "commitments": ("commitments",)}


def _own(a: Agreement, field: str, entry: Any, names: Iterable[str]) -> dict[str, Counter[tuple[Any, ...]]]:
    with_it, without = items(a.model_copy(update={field: [entry]})), items(a.model_copy(update={field: []}))
    return {n: with_it[n] - without[n] for n in names}


def confirmed(truth: Agreement, draft: Agreement) -> Agreement:
    """The draft with every value the truth file does not have taken out, entry by entry (a party, a
    funding entry, a contact, a report, a member) and clause by clause; what is left the truth confirms."""
    want = items(truth)
    got = items(draft)
    ok = lambda own: all(not (c - want[n]) for n, c in own.items())  # noqa: E731
    update: dict[str, Any] = {}
    for key, names in LISTS.items():
        update[key] = [e for e in getattr(draft, key) if ok(_own(draft, key, e, names))]
    wrong = lambda *names: any(got[n] - want[n] for n in names)  # noqa: E731
    for key, names in (("period", ("period.start", "period.end", "period.months", "period.years")),
                         ("extension", ("extension", "extension.open_ended", "extension.automatic")),
                         ("payment", ("payment.installments_per_year",)), ("review", ("review.date",)),
                         ("budget", ("budget.lines", "budget.total")), ("budget_increase", ("budget_increase",)),
                         ("iop_criteria", ("iop_criteria",)), ("market", ("market",)), ("contents", ("contents",)),
                         ("decision", ("decision.authority", "decision.body", "decision.date"))):
        if wrong(*names):
            update[key] = None
    t = draft.termination
    if t is not None:
        update["termination"] = t.model_copy(update={k: None for k, n in (
            ("notice", "termination.notice"), ("repayment", "termination.repayment"),
            ("dispute", "termination.dispute"), ("breach", "termination.breach")) if wrong(n)})
    fu = draft.follow_up
    if fu is not None:
        reports = [r for r in fu.reports if (r.due, r.kind) in want["follow_up.reports"]]
        sg = fu.steering_group
        if sg is not None:
            refs = {m.party: ref for m in sg.members for ref in [_ref(draft)(m.party)]}
            keep = Counter(want["steering_group.members"])
            members = []
            for m in sg.members:
                if keep[(refs[m.party],)] > 0:
                    keep[(refs[m.party],)] -= 1
                    members.append(m)
            sg = sg.model_copy(update={"members": members, "meetings_per_year": sg.meetings_per_year if not wrong(
                "steering_group.meetings_per_year") else None})
            if wrong("steering_group"):
                sg = None
        update["follow_up"] = fu.model_copy(update={"reports": reports, "steering_group": sg,
                                                    "cadence": None if wrong("follow_up.cadence") else fu.cadence})
    return draft.model_copy(update=update)


def caused_by_values(truth: Any, draft: Any, flips: set[str]) -> set[str]:
    """The flipped rules a wrong value of the draft makes pass: on the draft with only the values the
    truth file confirms, they no longer pass.  A rule that still passes there passes on what the draft
    lacks (silence), not on anything it says."""
    if not flips:
        return set()
    from dataclasses import replace
    pruned = verdicts(replace(draft, agreement=confirmed(truth.agreement, draft.agreement)))
    return {rule for rule in flips if "pass" not in pruned.get(rule, set()) or "fail" in pruned.get(rule, set())}


def awaiting_review(draft: Any, only_draft: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The rules unknown on the draft only because it lists what it did not find (`document.not_found`):
    they are decided once the reviewer confirms the text lacks those clauses, which the draft asks."""
    unknown = {rule for rule, verdict in only_draft if verdict == "unknown"}
    if not unknown or not draft.agreement.document.not_found:
        return set()
    from dataclasses import replace
    document = draft.agreement.document.model_copy(update={"not_found": []})
    confirmed_silent = verdicts(replace(draft, agreement=draft.agreement.model_copy(update={"document": document})))
    return {(rule, "unknown") for rule in unknown if "unknown" not in confirmed_silent.get(rule, set())}


def as_written(date: str) -> str:
    """A signing date as written, compared without case, spacing or a leading "den": the corpus's
    authors differ on whether "den 14 maj 2025" or "14 maj 2025" is the date as written."""
    words = date.casefold().split()
    return " ".join(words[1:] if words[:1] == ["den"] else words)


_CACHE: dict[str, Any] = {}


def _library(load: Callable[[], Any]) -> Any:
    if "library" not in _CACHE:
        _CACHE["library"] = load()
    return _CACHE["library"]


@dataclass
class AgreementResult:
    id: str
    scores: dict[str, Score]
    only_hand: set[tuple[str, str]]  # failing on the hand-encoded file only
    only_draft: set[tuple[str, str]]  # failing on the draft only
    flipped: set[str] = field(default_factory=set)  # fail on the hand file, pass on the draft
    by_values: set[str] = field(default_factory=set)  # of those, the ones a wrong value of the draft passes
    seconds: float = 0.0  # extracting the draft
    awaiting: set[tuple[str, str]] = field(default_factory=set)  # of only_draft: unknown until what was not found is confirmed


def sources(directory: str | Path) -> list[Path]:
    """The source texts in `directory` that have a hand-encoded `.yaml` beside them."""
    return sorted(p for p in Path(directory).iterdir()
                  if p.suffix in SOURCE_SUFFIXES and p.with_suffix(".yaml").exists())


def measure(directory: str | Path | None = None, extract: Callable[[Path], str] | None = None,
            texts: Iterable[Path] | None = None) -> list[AgreementResult]:
    """Every source text in `directory` (or the given `texts`) that has a hand-encoded `.yaml` beside it."""
    import time
    from iop_rules.extract import extract_file
    from iop_rules.loader import load_agreement, parse_agreement
    extract = extract or extract_file
    results = []
    for source in (list(texts) if texts is not None else sources(directory or ROOT / "agreements")):
        truth = _normalised(load_agreement(source.with_suffix(".yaml")))
        began = time.process_time()
        text = extract(source)
        seconds = time.process_time() - began  # CPU time: other work on the machine does not count
        draft = parse_agreement(text, str(source))
        vt, vd = verdicts(truth), verdicts(draft)
        a = {(r, v) for r, vs in vt.items() for v in vs if v in ("fail", "unknown")}
        b = {(r, v) for r, vs in vd.items() for v in vs if v in ("fail", "unknown")}
        scores = compare(truth.agreement, draft.agreement)
        flips = flipped(vt, vd)
        results.append(AgreementResult(truth.agreement.id, scores, a - b, b - a, flips,
                                       caused_by_values(truth, draft, flips), seconds, awaiting_review(draft, b - a)))
    return results


def summed(results: list[AgreementResult]) -> dict[str, Score]:
    fields: dict[str, Score] = {name: Score() for name in ALL}
    for r in results:
        for name, s in r.scores.items():
            fields[name].add(s)
    return fields


GROUPS = (("issue fields (pinned by the test)", PINNED), ("fields the schema gained later", NEW),
          ("other fields", EXTRA), ("all fields", ALL))


def report(title: str, results: list[AgreementResult], detail: bool, misses: bool) -> None:
    """Figures per field; per-text detail (ids, misses, rule differences) only when `detail`."""
    print(f"== {title}: {len(results)} texts")
    if detail:
        print(f"   {', '.join(r.id for r in results)}")
    fields = summed(results)
    print(f"{'field':36} {'found':>5} {'hand':>5} {'right':>5} {'precision':>9} {'recall':>7}")
    for heading, names in GROUPS:
        print(f"-- {heading}")
        if names is not ALL:
            for name in names:
                s = fields[name]
                if s.extracted or s.expected or names is PINNED:
                    print(f"{name:36} {s.extracted:5} {s.expected:5} {s.tp:5} {s.precision:9.1%} {s.recall:7.1%}")
        t = total(fields, names)
        print(f"{'overall':36} {t.extracted:5} {t.expected:5} {t.tp:5} {t.precision:9.1%} {t.recall:7.1%}")
    slowest = max((r.seconds for r in results), default=0.0)
    flips = sum(len(r.flipped) for r in results)
    by_values = sum(len(r.by_values) for r in results)
    print(f"-- slowest extraction {slowest:.2f} s; rules failing on the hand file but passing on the draft: {flips} "
          f"({by_values} by a value the draft has, {flips - by_values} by what it lacks)")
    if not detail:
        print()
        return
    if misses:
        print("-- misses (missed: in the hand file only; wrong: in the draft only)")
        for name in ALL:
            for m in fields[name].misses:
                print(f"  {m}")
    print("-- check: failing rules (fail/unknown) that differ between the hand file and the draft")
    same = 0
    for r in results:
        for rule in sorted(r.flipped):
            why = "a value the draft has" if rule in r.by_values else "what the draft lacks"
            print(f"  {r.id}: {rule} is fail on the hand file and pass on the draft, by {why}")
        for rule, _ in sorted(r.awaiting):
            print(f"  {r.id}: {rule} is unknown on the draft until the reviewer confirms what it did not find")
        if not r.only_hand and not r.only_draft - r.awaiting:
            same += 1
            print(f"  {r.id}: same failing rules")
            continue
        for rule, verdict in sorted(r.only_hand):
            print(f"  {r.id}: {rule} is {verdict} on the hand file only")
        for rule, verdict in sorted(r.only_draft - r.awaiting):
            print(f"  {r.id}: {rule} is {verdict} on the draft only")
    print(f"  {same} of {len(results)} agreements fail the same rules\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?",
                        help="measure only this directory (default: agreements/ and the corpus)")
    parser.add_argument("--misses", action="store_true",
                        help="list every missed and wrong item (never of the test half)")
    args = parser.parse_args()
    if args.directory:
        if Path(args.directory).resolve() == (CORPUS / "test").resolve():
            print("the corpus's test half is measured only in aggregate: run without a directory")
            return 0
        results = measure(args.directory)
        if not results:
            print(f"no *.txt with a hand-encoded .yaml beside it in {args.directory}")
            return 0
        report(str(args.directory), results, True, args.misses)
        return 0
    report("the five shipped agreements (agreements/)", measure(ROOT / "agreements"), True, args.misses)
    report("corpus, development half", measure(texts=corpus_texts("dev")), True, args.misses)
    report("corpus, test half (aggregate only)", measure(texts=corpus_texts("test")), False, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
