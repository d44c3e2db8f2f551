"""Firings in the order both backends return them, without building them anew for every agreement.

A program's (rule, outcome) pairs are ranked once, in sorted order.  A backend names a firing by
that rank and the fact it holds for, and gets back the one `Firing` kept for that pair: building
84 tuples for every agreement cost more than evaluating its conditions, and with ranks a
backend can produce its firings in sorted order instead of sorting strings.
"""
from __future__ import annotations

from typing import Sequence

from . import Firing
from .ir import Branch

#: Fact keys are positions ("party:003"), so a program meets few; this only bounds a strange caller.
MAX_ROWS = 4096

Row = list[Firing | None]  # a rank -> the Firing for one fact (None where the fact's type has no branch of that rank)


class FiringTable:
    """The ranks of one program's (rule, outcome) pairs, and a row of firings per fact met."""

    def __init__(self, branches: Sequence[Branch]) -> None:
        self.pairs = sorted({(b.rule_id, b.outcome) for b in branches})
        rank = {p: i for i, p in enumerate(self.pairs)}
        self.branch_rank = [rank[(b.rule_id, b.outcome)] for b in branches]
        self._ranks_of_type: dict[str, list[int]] = {}
        for b, r in zip(branches, self.branch_rank):
            self._ranks_of_type.setdefault(b.fact_type, []).append(r)
        self._rows: dict[str, dict[str, Row]] = {}  # fact type -> fact key -> row

    def rows_of(self, fact_type: str) -> dict[str, Row]:
        """The rows kept for facts of one type, by key: a backend may look one up before asking `row`."""
        return self._rows.setdefault(fact_type, {})

    def row(self, fact_type: str, key: str) -> Row:
        """The firings of every rank that can hold for a fact of this type and key."""
        rows = self.rows_of(fact_type)
        found = rows.get(key)
        if found is not None:
            return found
        if len(rows) >= MAX_ROWS:
            rows.clear()
        out: Row = [None] * len(self.pairs)
        for r in self._ranks_of_type.get(fact_type, ()):
            rule_id, outcome = self.pairs[r]
            out[r] = Firing(rule_id, outcome, key)
        rows[key] = out
        return out
