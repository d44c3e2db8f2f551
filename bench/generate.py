"""Generate realistic agreement files for benchmarks and scale tests.

Deterministic for a seed: the same N and seed give the same files, so a
benchmark can be rerun and compared.  The agreements look like the real
ones (Swedish names and values, 80-150 lines, quotes), and vary enough
to exercise every rule: some have findings, some are clean.

    python bench/generate.py OUTDIR N [--seed 1] [--broken K]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

TOWNS = ["Lunds kommun", "Östersunds kommun", "Danderyds kommun", "Region Skåne", "Malmö stad", "Umeå kommun"]
ORGS = ["Kompis Sverige", "Individuell människohjälp", "Vänskapens hus", "Hej främling!", "Kompisbyrån",
        "Stadsmissionen", "Röda Korset", "Rädda Barnen", "Frälsningsarmén", "Föreningen Gemenskap"]
ACTIVITIES = ["läxhjälp", "språkcafé", "kompismatchning", "rådgivning", "mötesplats", "stödgrupper"]


def _org_number(rng: random.Random, valid: bool = True) -> str:
    digits = [rng.randint(0, 9) for _ in range(9)]
    digits[2] = max(digits[2], 2)  # organisation numbers have a third digit >= 2
    total = sum((d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d for i, d in enumerate(digits))
    check = (10 - total % 10) % 10
    if not valid:
        check = (check + 1) % 10
    s = "".join(map(str, digits)) + str(check)
    return f"{s[:6]}-{s[6:]}"


def agreement(i: int, rng: random.Random) -> dict:
    """One agreement as data, varied by the random source."""
    town = rng.choice(TOWNS)
    org = rng.choice(ORGS)
    start = dt.date(rng.randint(2017, 2024), rng.choice([1, 4, 7, 10]), 1)
    months = rng.choice([6, 12, 18, 24, 27, 36, 48])
    end = (dt.date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
           - dt.timedelta(days=1))
    amount = rng.randrange(50_000, 3_000_000, 500)
    lines = [rng.randrange(10_000, amount // 2, 100) for _ in range(3)]
    total = sum(lines) + (rng.choice([0, 0, 0, 1000]))
    activity = rng.choice(ACTIVITIES)
    dues = sorted({start + dt.timedelta(days=rng.randint(60, max(61, (end - start).days))) for _ in range(rng.randint(0, 4))})
    data: dict = {
        "id": f"gen-{i:06d}",
        "document": {"kind": "agreement", "status": rng.choice(["draft", "draft", "signed"]),
                     "title": f"Överenskommelse om Idéburet Offentligt Partnerskap för {activity}",
                     "date": start - dt.timedelta(days=rng.randint(20, 120)),
                     "source": f"{start.day} {start.month} {start.year}"},
        "decision": {"authority": town, "body": "socialnämnden",
                     "source": f"Socialnämnden i {town} beslutar om överenskommelsen."},
        "parties": [
            {"id": "kommun", "role": "public", "name": f"Socialförvaltningen, {town}",
             **({"org_number": _org_number(rng)} if rng.random() < 0.6 else {}),
             "source": f"Offentlig part: Socialförvaltningen, {town}"},
            {"id": "forening", "role": "idea_based", "name": org, "non_profit": rng.random() < 0.8,
             **({"org_number": _org_number(rng, rng.random() < 0.9)} if rng.random() < 0.7 else {}),
             "source": f"Ideell icke vinstdrivande part: {org}"},
        ],
        "period": {"start": start, "end": end, "source": f"Partnerskapet gäller från {start} till {end}."},
        "funding": [
            {"payer": "kommun", "kind": "cash", "amount": amount, "per": rng.choice(["period", "year"]),
             "description": f"finansiering av {activity}", "source": f"Verksamheten finansieras med {amount} kr."},
        ],
        "budget": {"lines": [{"label": f"Post {k + 1}", "amount": v, "source": f"Post {k + 1}: {v} kr"}
                             for k, v in enumerate(lines)], "total": total, "source": f"Totalt: {total} kr"},
        "follow_up": {"reports": [{"due": d, "kind": "interim", "source": f"Delredovisning senast {d}."} for d in dues]},
        "termination": {"notice": {"months": rng.choice([1, 3, 6]), "source": "Uppsägningstiden är tre månader."},
                        "dispute": {"source": "Tvister löses i första hand genom dialog."}},
        "contacts": [{"party": "kommun", "name": "Anna Andersson", "title": "utvecklingschef",
                      "email": "anna.andersson@example.se", "source": "Anna Andersson, utvecklingschef"},
                     {"party": "forening", "name": "Bo Berg", "title": "verksamhetschef",
                      "email": "bo.berg@example.org", "source": "Bo Berg, verksamhetschef"}],
        "signatures": [{"party": "kommun", "name": "Cecilia Carlsson", "title": "socialdirektör", "place": town.split()[0],
                        "date_as_written": str(start - dt.timedelta(days=10)), "source": "För socialförvaltningen"},
                       {"party": "forening", "name": "David Dahl", "title": "ordförande", "place": town.split()[0],
                        "date_as_written": f"{start.year}-", "source": f"För {org}"}],
    }
    if rng.random() < 0.8:
        data["funding"].append({"payer": "forening", "kind": "in_kind", "description": "ideellt arbete",
                                "source": f"{org} bidrar med ideellt arbete."})
    if rng.random() < 0.7:
        data["payment"] = {"installments_per_year": rng.choice([1, 2, 4]), "source": "Utbetalning sker två gånger per år."}
    if rng.random() < 0.6:
        data["follow_up"]["cadence"] = {"reports": rng.choice([1, 2, 4]), "per": "year", "source": "Rapport två gånger per år."}
    if rng.random() < 0.7:
        data["follow_up"]["steering_group"] = {"members": [{"party": "kommun"}, {"party": "forening"}],
                                               "meetings_per_year": 2, "source": "Styrgrupp med båda parter."}
    if rng.random() < 0.7:
        data["review"] = {"date": start + dt.timedelta(days=(end - start).days * 2 // 3), "source": "Översyn görs."}
    if rng.random() < 0.8:
        data["termination"]["repayment"] = {"source": "Parten blir återbetalningsskyldig vid avtalsbrott."}
    keys = ["initiative_from_idea_based", "no_market", "not_normed_grant", "both_finance", "not_detail_regulated"]
    data["iop_criteria"] = {k: True for k in keys if rng.random() < 0.85} | {"source": "IOP tillämpas av följande skäl:"}
    data["commitments"] = [{"party": "forening", "text": f"minst {q} träffar per {per}", "subject": "träffar",
                            "quantity": q, "unit": "träffar", "per": per, "source": f"Minst {q} träffar per {per}."}
                           for q, per in [(rng.choice([20, 25, 40]), rng.choice(["year", "half_year"])) for _ in range(rng.randint(0, 2))]]
    return data


def render(data: dict) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "# yaml-language-server: $schema=../agreement.schema.json\n" + text


def generate(out: Path, n: int, seed: int = 1, broken: int = 0) -> list[Path]:
    """Write n agreements; `broken` of them, spread evenly, get an impossible date."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    step = n // broken if broken else 0
    paths = []
    for i in range(n):
        text = render(agreement(i, rng))
        if step and i % step == step - 1:
            text = text.replace("  start: ", "  start: 2019-02-30 #", 1)
        path = out / f"agreement-{i:06d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--broken", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed, args.broken)


if __name__ == "__main__":
    main()
