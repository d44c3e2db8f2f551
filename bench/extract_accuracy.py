"""Accuracy of `iop-rules extract` against the hand-encoded agreement files.

    .venv/bin/python bench/extract_accuracy.py [DIR] [--misses]

For every `DIR/*.txt` (default: agreements/) with a hand-encoded `.yaml`
beside it: extract a draft, compare it field by field, and print precision
and recall per field and overall (the issue's fields; other fields shown
apart), then the rules `check` fails on one file and not the other.
Exit 0 always: this measures, the test pins.

Each agreement becomes a multiset of comparable items per field (a party is
its role and name, a report its due date and kind, a contact's e-mail is
the name and the address); precision is the share of extracted items the
hand-encoded file also has, recall the share of the file's items the draft
found.  Party references are compared by party name, so a draft's ids need
not match the hand-chosen ones.  `tests/test_extract.py` imports `measure`.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from iop_rules.extract.swedish import norm_name  # noqa: E402
from iop_rules.model import Agreement  # noqa: E402

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
#: Measured and shown, but not part of the issue's list.
EXTRA = ("document.kind", "document.date", "decision.authority", "decision.body", "decision.date",
         "funding.in_kind", "extension", "commitments")


def _ref(a: Agreement) -> Callable[[str], str]:
    names = {}
    for p in a.parties:
        names[p.id.casefold()] = names[p.name.casefold()] = norm_name(p.name)
    return lambda text: names.get(text.strip().casefold(), norm_name(text))


def items(a: Agreement) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every comparable item of one agreement, by field."""
    ref = _ref(a)
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in (*PINNED, *EXTRA)}
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
    for f in a.funding:
        if f.kind == "cash" and f.amount is not None:
            put("funding.amount", f.amount, f.per)
            if f.covers:
                put("funding.covers", f.amount, f.covers.start, f.covers.end)
        elif f.kind == "in_kind":
            put("funding.in_kind", ref(f.payer))
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
            put("follow_up.cadence", fu.cadence.reports, fu.cadence.per)
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
            put("signatures.date_as_written", name, s.date_as_written)
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
    for name in (*PINNED, *EXTRA):
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


def failing(loaded: Any) -> set[tuple[str, str]]:
    """The rules `check` fails (or cannot decide) on one agreement, with the python backend."""
    from iop_rules.engine import get_backend
    from iop_rules.runner import check_loaded
    from iop_rules.rulesets import load_rulesets
    report = check_loaded(loaded, _library(load_rulesets), get_backend("python"))
    return {(r.rule, r.verdict) for r in report.results if r.verdict in ("fail", "unknown")}


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


def measure(directory: str | Path, extract: Callable[[Path], str] | None = None) -> list[AgreementResult]:
    """Every source text in `directory` that has a hand-encoded `.yaml` beside it."""
    from iop_rules.extract import extract_file
    from iop_rules.loader import load_agreement, parse_agreement
    extract = extract or extract_file
    results = []
    for source in sorted(Path(directory).glob("*.txt")):
        hand = source.with_suffix(".yaml")
        if not hand.exists():
            continue
        truth = load_agreement(hand)
        draft = parse_agreement(extract(source), str(source))
        a, b = failing(truth), failing(draft)
        results.append(AgreementResult(truth.agreement.id, compare(truth.agreement, draft.agreement), a - b, b - a))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parent.parent / "agreements"))
    parser.add_argument("--misses", action="store_true", help="list every missed and wrong item")
    args = parser.parse_args()
    results = measure(args.directory)
    if not results:
        print(f"no *.txt with a hand-encoded .yaml beside it in {args.directory}")
        return 0
    fields: dict[str, Score] = {name: Score() for name in (*PINNED, *EXTRA)}
    for r in results:
        for name, s in r.scores.items():
            fields[name].add(s)
    print(f"{len(results)} agreements: {', '.join(r.id for r in results)}\n")
    print(f"{'field':36} {'found':>5} {'hand':>5} {'right':>5} {'precision':>9} {'recall':>7}")
    for title, names in (("issue fields (pinned by the test)", PINNED), ("other fields (not pinned)", EXTRA)):
        print(f"-- {title}")
        for name in names:
            s = fields[name]
            print(f"{name:36} {s.extracted:5} {s.expected:5} {s.tp:5} {s.precision:9.1%} {s.recall:7.1%}")
        t = total(fields, names)
        print(f"{'overall':36} {t.extracted:5} {t.expected:5} {t.tp:5} {t.precision:9.1%} {t.recall:7.1%}\n")
    if args.misses:
        print("-- misses (missed: in the hand file only; wrong: in the draft only)")
        for name in (*PINNED, *EXTRA):
            for m in fields[name].misses:
                print(f"  {m}")
        print()
    print("-- check: failing rules (fail/unknown) that differ between the hand file and the draft")
    same = 0
    for r in results:
        if not r.only_hand and not r.only_draft:
            same += 1
            print(f"  {r.id}: same failing rules")
            continue
        for rule, verdict in sorted(r.only_hand):
            print(f"  {r.id}: {rule} is {verdict} on the hand file only")
        for rule, verdict in sorted(r.only_draft):
            print(f"  {r.id}: {rule} is {verdict} on the draft only")
    print(f"  {same} of {len(results)} agreements fail the same rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
