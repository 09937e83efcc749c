#!/usr/bin/env python3
"""decisions — the eligibility decisions of a JSON Lines file of applications, as a table.

    python3 docs/examples/python/decisions.py docs/examples/crm-export.jsonl \\
        --unknown-members note -o build/decisions.csv

Reads the applications with pandas (one row per line, NaN where a member is absent), runs
sqp.Engine.frame("eligibility", ...) on them and writes the answers as CSV: application_id,
decision, one column per rule (its status), eligible_from and error (why the library refused a
row). Then it prints a summary: the decisions counted and the rules that fail most often.
Needs pandas (Debian: python3-pandas). Exit status: 0 written (refused rows are in the error
column), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import pandas as pd

import sqp


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("applications", help="JSON Lines: one sqp.application/1 document a line")
    parser.add_argument("-o", "--output", help="the CSV file to write (default: standard output)")
    parser.add_argument("--rulebook", help="a rulebook file (default: the compiled-in rulebook)")
    parser.add_argument("--unknown-members", choices=["reject", "note"], default="reject",
                        help="members the schema does not define: refuse the row, or note them")
    args = parser.parse_args(argv)

    # dtype=False: every value as the JSON has it (pandas would otherwise guess column types).
    applications = pd.read_json(args.applications, lines=True, dtype=False)
    engine = sqp.Engine(rulebook=args.rulebook, unknown_members=args.unknown_members)
    decisions = engine.frame("eligibility", applications)
    if "application_id" in applications.columns:
        table = pd.concat([applications[["application_id"]], decisions], axis=1)
    else:
        table = decisions
    table.to_csv(args.output if args.output else sys.stdout, index=False)

    report = sys.stdout if args.output else sys.stderr
    stamp = decisions.attrs["rulebook"]
    print(f"{len(decisions)} applications, rulebook {stamp['id']} {stamp['version']}", file=report)
    for decision, count in decisions["decision"].fillna("refused").value_counts().items():
        print(f"  {decision:<12} {count}", file=report)
    rules = [c for c in decisions.columns if c.startswith("ELIG.")]
    failing = (decisions[rules] == "fail").sum().sort_values(ascending=False)
    for rule, count in failing[failing > 0].items():
        print(f"  fails {rule:<20} {count}", file=report)
    for label, error in decisions["error"].dropna().items():
        print(f"  row {label}: {error}", file=report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
