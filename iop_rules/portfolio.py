"""The portfolio: running totals over an audit, small per agreement whatever N is.

Counts per verdict, severity, rule and authority, overdue and upcoming deadlines, cash per
organisation and year, and agreements with the same organisation whose periods overlap.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .results import AgreementReport, counts_of, tally_into
from .verdicts import Tally


@dataclass
class Portfolio:
    """Running totals over the audit; small per agreement, whatever N is."""

    as_of: dt.date | None
    agreements: int = 0
    errors: int = 0
    tally: Tally = field(default_factory=Tally)
    failing_by_rule: dict[str, int] = field(default_factory=dict)
    by_authority: dict[str, dict[str, int]] = field(default_factory=dict)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    upcoming: list[dict[str, Any]] = field(default_factory=list)
    cash_per_organisation: dict[str, dict[str, int]] = field(default_factory=dict)
    _engagements: list[tuple[Any, ...]] = field(default_factory=list)
    _paths_by_id: dict[str, list[str]] = field(default_factory=dict)

    def add(self, report: AgreementReport) -> None:
        self.agreements += 1
        self._paths_by_id.setdefault(report.id, []).append(report.path)
        authority = report.summary.authority or "(okänd)"
        per_authority = self.by_authority.setdefault(authority, {"agreements": 0, "failing": 0})
        per_authority["agreements"] += 1
        _, _, failing = counts_of(report.results)  # a cached report's results stay unread
        tally_into(self.tally, report.results)
        for rule in failing:
            self.failing_by_rule[rule] = self.failing_by_rule.get(rule, 0) + 1
        per_authority["failing"] += len(failing)
        self._deadlines(report)
        self._organisations(report, authority)

    def _deadlines(self, report: AgreementReport) -> None:
        if self.as_of is None:
            return
        today = self.as_of.isoformat()
        for d in report.summary.deadlines:
            entry = {"agreement": report.id, "path": report.path, **d.as_dict()}
            if d.done:
                continue
            if d.date < today and d.kind != "end":
                self.overdue.append(entry)
            elif d.date >= today:
                self.upcoming.append(entry)

    def _organisations(self, report: AgreementReport, authority: str) -> None:
        s = report.summary
        for who, years in (s.cash_by_recipient or {}).items():  # each amount once, to whom it goes
            per_year = self.cash_per_organisation.setdefault(who, {})
            for year, amount in years.items():
                per_year[year] = per_year.get(year, 0) + amount
        for org in s.organisations:
            key = org.org_number or org.name.casefold()
            if s.start and s.end:  # a tuple, not a dict: one per agreement, kept to the end
                self._engagements.append((key, authority, s.body or "", s.start, report.id, s.end, org.name))

    def overlaps(self) -> list[dict[str, Any]]:
        """The same organisation with the same authority and body in agreements whose periods overlap.

        Reported as clusters found by a sweep over start dates, not as pairs: pairs grow with the
        square of a portfolio, clusters with its size.
        """
        out: list[dict[str, Any]] = []
        cluster: list[tuple[Any, ...]] = []
        cluster_end = ""

        def close() -> None:
            if len(cluster) > 1:
                first = cluster[0]
                out.append({"organisation": first[6], "authority": first[1], "body": first[2] or None,
                            "agreements": [e[4] for e in cluster], "from": cluster[1][3], "until": cluster_end})

        for entry in sorted(self._engagements):  # by organisation, authority, body, start, agreement
            same_group = bool(cluster) and entry[:3] == cluster[0][:3]
            if same_group and entry[3] <= cluster_end:
                cluster.append(entry)
                cluster_end = max(cluster_end, entry[5])
                continue
            close()
            cluster, cluster_end = [entry], entry[5]
        close()
        return out

    def summary(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "agreements": self.agreements, "errors": self.errors,
            "verdicts": self.tally.verdicts, "failing_by_severity": self.tally.failing_by_severity,
            "failing_by_rule": dict(sorted(self.failing_by_rule.items())),
            "by_authority": dict(sorted(self.by_authority.items())),
            "overdue": sorted(self.overdue, key=lambda d: (d["date"], d["agreement"], d["kind"])),
            "upcoming": sorted(self.upcoming, key=lambda d: (d["date"], d["agreement"], d["kind"])),
            "overlapping_agreements": self.overlaps(),
            # a baseline matches findings by agreement id: two files with one id would blur it
            "duplicate_ids": [{"id": k, "paths": v} for k, v in sorted(self._paths_by_id.items()) if len(v) > 1],
            "cash_per_organisation": {k: dict(sorted(v.items())) for k, v in sorted(self.cash_per_organisation.items())},
        }
