"""Accuracy of `iop-rules extract` against the hand-encoded agreement files.

    .venv/bin/python bench/extract_accuracy.py [DIR] [--misses]

For every `DIR/*.txt` (default: agreements/) with a hand-encoded `.yaml`
beside it: extract a draft, compare it field by field, and print precision
and recall per field and overall (the issue's fields; other fields shown
apart), then the rules `check` fails on one file and not the other.
Exit 0 always: this measures, the test pins.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from iop_rules.extract.accuracy import EXTRA, PINNED, Score, measure, total  # noqa: E402


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
