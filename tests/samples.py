"""Small agreement and ruleset texts that several test modules write into temporary repositories."""
from __future__ import annotations

# One error-level finding (IOP-FIN-02) and warnings; decided by iop-core alone.
SMALL = """\
id: small
document: {kind: agreement, status: draft, date: 2019-06-10}
parties:
  - {id: kommun, role: public, name: Kommunen, org_number: "212000-2528"}
  - {id: forening, role: idea_based, name: Föreningen, non_profit: true, org_number: "802496-6080"}
period: {start: 2019-07-01, end: 2021-06-30, source: "gäller från 2019-07-01 till 2021-06-30"}
funding:
  - {payer: kommun, kind: cash, amount: 100000, per: period}
"""

_HEADER = """\
id: testkommun-2024
title: Testkommunens riktlinjer
citation: "Testkommunen, riktlinjer 2024"
authority: Testkommun
in_force: {from: 2024-01-01}
extends: iop-core
"""


def local_ruleset(rule_id: str = "", title: str = "", message: str = "", parameters: str = "") -> str:
    """A municipality's own ruleset extending iop-core: with one warning-level rule that the
    period is stated (when `rule_id` is given), or with only `parameters` (YAML lines under
    `parameters:`) and no rules."""
    text = _HEADER + (f"parameters:\n{parameters}" if parameters else "")
    if not rule_id:
        return text + "rules: []\n"
    return text + f"""\
rules:
  - id: {rule_id}
    severity: warning
    title: {title}
    citation: "Riktlinje 1 §"
    remediation: {{sv: "Ange perioden.", en: "State the period."}}
    expect: {{field: start_date, present: true}}
    missing: fail
    message: {message}
"""
