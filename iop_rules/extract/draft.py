"""Findings -> an agreement file: an Agreement-shaped mapping, YAML, and the reviewer's comment block.

The draft is validated with the same strict loader `check` uses before it
is returned; a section that would not load is left out and named in the
comment block, so the output always loads.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import yaml

from ..errors import IopError
from .found import Findings, join_quotes
from .places import locate_sources
from .text import UNPRINTABLE

SCHEMA_LINE = "# yaml-language-server: $schema=../agreement.schema.json"
#: What the reviewer is told to look for, in the order of the file (Swedish, as the agreements are).
LOOK_FOR = [
    ("decision", "beslut (myndighet och nämnd)"),
    ("parties", "parter"), ("org_number", "organisationsnummer"), ("period", "period (start och slut)"),
    ("extension", "förlängning"),
    ("funding", "finansiering (belopp)"), ("budget", "budget (rader och total)"),
    ("budget_increase", "behov av utökad budget"), ("payment", "utbetalningar"),
    ("reports", "uppföljningsrapporter (datum)"), ("cadence", "rapporteringsintervall"),
    ("steering_group", "styrgrupp"), ("review", "översyn (datum)"), ("notice", "uppsägningstid"),
    ("repayment", "återbetalningsskyldighet"), ("dispute", "tvistlösning"), ("breach", "hävning"),
    ("iop_criteria", "skäl för IOP"), ("market", "marknad (LOV, upphandling)"),
    ("contents", "avsnitt (bakgrund, värdegrund, mål, omförhandling, ändringar)"),
    ("commitments", "mätbara åtaganden"),
    ("contacts", "kontaktpersoner"), ("signatures", "underskrifter"),
]
#: The header: what is true of every draft.  It never says the text is silent, only what was not found.
HEADER = ["# Utkast från `iop-rules extract`: granska varje värde mot källtexten innan filen används.",
          "# Varje värde har sitt citat i `source`. Det som inte hittades är utelämnat och listat nedan; "
          "det kan ändå stå i texten med andra ord."]
MARKET_KEYS = ("lov", "procured_before", "other_providers")
CONTENTS_KEYS = ("background", "values", "goals", "renegotiation", "amendments", "cost_analysis")
CRITERIA_KEYS = ("initiative_from_idea_based", "no_market", "not_normed_grant", "both_finance", "not_detail_regulated",
                 "also_procured")


def assemble(f: Findings, agreement_id: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": agreement_id}
    doc = _obj(f, {"kind": "document.kind", "title": "document.title", "date": "document.date"})
    if doc:
        d["document"] = doc
    decision = _obj(f, {"authority": "decision.authority", "body": "decision.body", "date": "decision.date",
                        "reference": "decision.reference"})
    if decision and "authority" in decision:
        d["decision"] = decision
    elif decision:
        f.note("beslut: beslutande myndighet (kommun eller region) hittades inte, så beslutet är utelämnat")
    if f.parties:
        d["parties"] = [_clean({"id": p.id, "role": p.role, "name": p.name, "org_number": p.org_number,
                                "non_profit": p.non_profit, "source": p.quotes()}) for p in f.parties]
    period = _obj(f, {"start": "period.start", "end": "period.end", "months": "period.months"})
    years = f.pick("period.years")
    if years and not ("start" in period or "end" in period):
        period = {**{k: v for k, v in period.items() if k != "source"}, "first_year": years.value[0],
                  "last_year": years.value[1], "source": join_quotes([period.get("source"), years.quote])}
    if period:
        d["period"] = period
    ext = f.pick("extension")
    if ext:
        d["extension"] = _clean({"months": ext.value[0], "times": ext.value[1], "open_ended": ext.value[2],
                                 "automatic": ext.value[3], "source": ext.quote})
    funding = []
    for e in f.items.get("funding", []):
        if not e.get("payer"):
            f.note(f"finansiering: {e.get('amount')} kr utan utpekad betalare: \"{_short(e['source'])}\"")
            continue
        funding.append(_clean(e))
    if funding:
        d["funding"] = funding
    lines, total = f.items.get("budget.lines", []), f.pick("budget.total")
    if lines or total:
        d["budget"] = _clean({"lines": lines or None, "total": total.value if total else None,
                              "source": total.quote if total else None})
    inc, fits = f.pick("budget_increase"), f.pick("budget_increase.fits")
    if inc:
        d["budget_increase"] = _clean({"needed": True, "years": list(inc.value) or None, "source": inc.quote})
    elif fits:  # "Kostnaden ryms inom nämndens budgetram": the text says no larger frame is needed
        d["budget_increase"] = {"needed": False, "source": fits.quote}
    inst, dates = f.pick("payment.installments_per_year"), f.pick("payment.dates")
    if inst or dates:
        d["payment"] = _clean({"installments_per_year": inst.value if inst else None,
                               "dates": list(dates.value) if dates else None,
                               "source": join_quotes([x.quote for x in (inst, dates) if x])})
    follow = _follow_up(f)
    if follow:
        d["follow_up"] = follow
    review = f.pick("review.date")
    if review:
        d["review"] = {"date": review.value, "source": review.quote}
    term = _termination(f)
    if term:
        d["termination"] = term
    crit = {k: f.pick(f"criteria.{k}") for k in CRITERIA_KEYS}
    if any(crit.values()):
        d["iop_criteria"] = {**{k: True for k, v in crit.items() if v},
                             "source": join_quotes([v.quote for v in crit.values() if v])}
    market = {k: f.pick(f"market.{k}") for k in MARKET_KEYS}
    if any(market.values()):
        d["market"] = {**{k: v.value for k, v in market.items() if v},
                       "source": join_quotes([v.quote for v in market.values() if v])}
    contents = {k: f.pick(f"contents.{k}") for k in CONTENTS_KEYS}
    if any(contents.values()):
        d["contents"] = {k: {"source": v.quote} for k, v in contents.items() if v}
    for key in ("commitments", "contacts", "signatures"):
        if f.items.get(key):
            d[key] = [_clean(x) for x in f.items[key]]
    _cap_lists(d, f)
    _bound_quotes(d)
    return d


#: A quote longer than this is a paragraph, not a sentence: it is cut at a word and marked ` […]`.
MAX_QUOTE = 600


def _bound_quotes(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str) and len(value) > MAX_QUOTE:
                node[key] = " … ".join(_cut_quote(part) for part in value.split(" … "))
            else:
                _bound_quotes(value)
    elif isinstance(node, list):
        for item in node:
            _bound_quotes(item)


def _cut_quote(part: str) -> str:
    if len(part) <= MAX_QUOTE:
        return part
    cut = part.rfind(" ", 0, MAX_QUOTE)
    return part[:cut if cut > MAX_QUOTE // 2 else MAX_QUOTE] + " […]"


#: More entries than this in one list is not an agreement but a text that matches too much;
#: the draft keeps the first ones, says so, and stays small enough to read and to load.
MAX_ITEMS = 60


def _cap_lists(node: Any, f: Findings, path: str = "") -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, list) and len(value) > MAX_ITEMS:
                f.note(f"{path}{key}: {len(value)} träffar i texten, bara de {MAX_ITEMS} första är med; "
                       "är det verkligen ett enda avtal?")
                del value[MAX_ITEMS:]
            _cap_lists(value, f, f"{path}{key}.")
    elif isinstance(node, list):
        for item in node:
            _cap_lists(item, f, path)


def _obj(f: Findings, fields: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    quotes: list[str | None] = []
    for key, name in fields.items():
        found = f.pick(name)
        if found:
            out[key] = found.value
            quotes.append(found.quote)
    if out:
        out["source"] = join_quotes(quotes)
    return out


def _follow_up(f: Findings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if f.items.get("reports"):
        out["reports"] = [_clean(r) for r in sorted(f.items["reports"], key=lambda r: r["due"])]
    cadence = f.pick("cadence")
    if cadence:
        out["cadence"] = {"reports": cadence.value[0], "per": cadence.value[1], "source": cadence.quote}
    groups = f.items.get("steering_group")
    if groups:
        g = dict(groups[0])
        meetings = f.pick("meetings_per_year")
        if meetings:
            g["meetings_per_year"] = meetings.value
            g["source"] = join_quotes([g.get("source"), meetings.quote])
        out["steering_group"] = _clean({"members": [_clean(m) for m in g["members"]] or None,
                                        "meetings_per_year": g.get("meetings_per_year"), "source": g.get("source")})
    return out


def _termination(f: Findings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    notice = f.pick("notice.months")
    if notice:
        out["notice"] = {"months": notice.value, "source": notice.quote}
    for key in ("repayment", "dispute", "breach"):
        found = f.pick(key)
        if found:
            out[key] = {"source": found.quote}
    return out


def _clean(obj: Any) -> Any:
    """No None, no empty strings or lists, tuples as lists: what the schema and YAML want."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if v is not None and v != "" and v != [] and v != {}}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def _short(text: str, n: int = 140) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _found(d: dict[str, Any]) -> dict[str, bool]:
    """Whether the draft `d` gives each clause group of `LOOK_FOR`."""
    fu = d.get("follow_up", {})
    term = d.get("termination", {})
    return {
        "decision": "decision" in d, "extension": "extension" in d, "breach": "breach" in term,
        "market": "market" in d, "contents": "contents" in d, "commitments": bool(d.get("commitments")),
        "parties": bool(d.get("parties")),
        "org_number": all(p.get("org_number") for p in d.get("parties", []) if p["role"] != "funder") and bool(d.get("parties")),
        "period": ("start" in d.get("period", {}) and "end" in d.get("period", {}))
                  or "first_year" in d.get("period", {}) or "months" in d.get("period", {}),
        "funding": any(x.get("amount") is not None for x in d.get("funding", [])),
        "budget": "budget" in d, "budget_increase": "budget_increase" in d, "payment": "payment" in d,
        "reports": bool(fu.get("reports")), "cadence": "cadence" in fu, "steering_group": "steering_group" in fu,
        "review": "review" in d, "notice": "notice" in term, "repayment": "repayment" in term,
        "dispute": "dispute" in term, "iop_criteria": "iop_criteria" in d,
        "contacts": bool(d.get("contacts")), "signatures": bool(d.get("signatures")),
    }


def not_found(d: dict[str, Any]) -> list[str]:
    """The clause groups (`LOOK_FOR`'s keys) the text did not yield, for the draft's `document.not_found`."""
    found = _found(d)
    return [key for key, _ in LOOK_FOR if not found[key]]


def missing(d: dict[str, Any], f: Findings) -> list[str]:
    """The issue's fields that the text did not yield, in Swedish for the reviewer."""
    present = _found(d)
    lacking = [label for key, label in LOOK_FOR if not present[key]]
    period = d.get("period", {})
    if "period (start och slut)" in lacking and ("start" in period or "end" in period):  # one end was read
        lacking[lacking.index("period (start och slut)")] = "period (start)" if "end" in period else "period (slut)"
    without = [p["name"] for p in d.get("parties", []) if p["role"] != "funder" and not p.get("org_number")]
    if "organisationsnummer" in lacking and without:  # say whose: the reviewer looks for those names
        lacking[lacking.index("organisationsnummer")] = f"organisationsnummer ({', '.join(without)})"
    return lacking


_CONFLICT_NAMES = {"period": "period", "period.start": None, "period.end": None, "document.date": "dokumentets datum",
                   "document.kind": "dokumenttyp", "document.title": "titel", "decision.authority": "beslutande myndighet",
                   "decision.body": "beslutande nämnd", "decision.date": "beslutsdatum", "decision.reference": "diarienummer",
                   "budget.total": "budgetens total", "budget_increase": "utökad budget (år)",
                   "payment.installments_per_year": "utbetalningar per år", "payment.dates": "utbetalningsdatum",
                   "cadence": "rapporteringsintervall", "meetings_per_year": "styrgruppsmöten per år",
                   "review.date": "översyn", "notice.months": "uppsägningstid (månader)", "extension": "förlängning",
                   "period.months": "avtalstid (månader)", "period.years": "avtalstid (år)",
                   "period.start.alone": "periodens början", "period.end.alone": "periodens slut"}


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "–".join(_show(v) for v in value if v is not None and not isinstance(v, bool)) or "(utan längd)"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def comment_block(d: dict[str, Any], f: Findings) -> list[str]:
    out = [SCHEMA_LINE, *HEADER]
    lacking = missing(d, f)
    if lacking:
        out.append(f"# hittades inte i texten: {', '.join(lacking)}")
        out.append("#   (samma grupper står under document.not_found; stryk en grupp när du har sett att texten saknar den)")
    conflicts = [(n, c) for n, c in f.conflicts.items() if _CONFLICT_NAMES.get(n, n)]
    if conflicts:
        out.append("# motstridiga uppgifter (inget valt, välj själv):")
        for name, cands in conflicts:
            shown = " eller ".join(f"{_show(c.value)} (\"{_short(c.quote, 100)}\")" for c in cands)
            out.append(f"#   {_CONFLICT_NAMES.get(name, name)}: {shown}")
    if f.notes:
        out.append("# att kontrollera:")
        out.extend(f"#   - {_short(n, 240)}" for n in f.notes)
    return [UNPRINTABLE.sub(" ", line.replace("\n", " ")) for line in out]


def _list_not_found(d: dict[str, Any]) -> None:
    """`document.not_found`, before its `source`: what a rule must not read as the text's silence."""
    document = {k: v for k, v in d.get("document", {}).items() if k != "not_found"}
    groups = not_found(d)
    if groups:
        source = document.pop("source", None)
        document["not_found"] = _OneLine(groups)
        if source is not None:
            document["source"] = source
    if document:
        d["document"] = document


class _OneLine(list):  # type: ignore[type-arg]
    """A list of short words the draft writes on one line (`[extension, budget]`)."""


class _Dumper(yaml.SafeDumper):
    """Plain YAML: a date used twice is written twice, never as an anchor and an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(_OneLine, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


ORDER = {"contacts": ("party", "name", "title", "email", "phone", "source"),
         "signatures": ("party", "name", "title", "place", "date_as_written", "source"),
         "funding": ("payer", "side", "recipient", "kind", "basis", "amount", "per", "cap", "approximate", "covers",
                     "description", "source")}


def render(d: dict[str, Any], f: Findings, where: Callable[[int], str] | None = None) -> str:
    _list_not_found(d)
    for key, order in ORDER.items():
        if key in d:
            d[key] = [{k: x[k] for k in order if k in x} for x in d[key]]
    body = yaml.dump(d, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False)
    if where is not None:
        body = locate_sources(body, d, f, where)
    return "\n".join(comment_block(d, f)) + "\n" + body


def validated(d: dict[str, Any], f: Findings, path: str, where: Callable[[int], str] | None = None) -> str:
    """The YAML text of `d`, which loads with the strict schema: what would not is left out and named."""
    from ..loader import parse_agreement
    for _ in range(50):
        text = render(d, f, where)
        try:
            parse_agreement(text, path)
            return text
        except IopError as exc:
            bad = exc.doc_path
            if not bad or bad[0] == "id":
                raise
            _drop(d, bad)
            f.note(f"utelämnat, det gick inte att skriva som giltig fil: {'.'.join(map(str, bad))} ({exc.message})")
    raise IopError("the draft could not be made valid, expected a simpler text", path, 0, 0)


def _drop(d: dict[str, Any], where: tuple[Any, ...]) -> None:
    """Remove the smallest whole item at `where`: a list entry, or else the top-level section."""
    if len(where) >= 2 and isinstance(where[1], int) and isinstance(d.get(where[0]), list):
        del d[where[0]][where[1]]
        if not d[where[0]]:
            del d[where[0]]
    else:
        d.pop(where[0], None)

