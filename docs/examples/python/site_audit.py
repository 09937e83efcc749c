#!/usr/bin/env python3
"""site_audit — assess one service site and write the audit as a Markdown report.

    python3 -m venv venv && venv/bin/pip install ./bindings/python
    venv/bin/python docs/examples/python/site_audit.py docs/examples/assessment.json -o audit.md

The input is an `sqp.assessment/1` document (the application, the procedure dates and the
scoresheet of one site); the report has the outcome, every eligibility finding with its rule and
article, the procedure calendar, the score by dimension and what the next grade still needs.
Every figure comes from the library (sqp.Engine.assess); this script only lays it out.
Exit status: 0 report written, 3 the document is not a valid assessment (the problems are
printed with their JSON pointers), 2 usage.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Dict, Iterable, List, Optional

import sqp


def cell(value: Any) -> str:
    """A Markdown table cell: no raw pipes or line breaks."""
    text = "—" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: List[str], rows: Iterable[List[Any]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def render(document: Dict[str, Any], result: Dict[str, Any]) -> str:
    application = document.get("application", {})
    site = application.get("site", {})
    summary = result.get("summary", {})
    rulebook = result.get("rulebook", {})
    out: List[str] = [
        f"# Service-site audit: {site.get('name', result.get('application_id', ''))}",
        "",
        f"Application `{result.get('application_id')}` · site type `{site.get('type')}` · "
        f"applied on {application.get('applied_on')}",
        "",
        f"Rulebook `{rulebook.get('id')}` {rulebook.get('version')} "
        f"(SHA-256 `{rulebook.get('sha256')}`), libsqp {sqp.version()}",
        "",
        "## Outcome / 结论",
        "",
    ]
    out += table(["", "result / 结果"], [
        ["outcome", summary.get("outcome")],
        ["eligibility", summary.get("decision")],
        ["grade", summary.get("awarded_grade") or summary.get("grade")],
        ["total", f"{summary.get('total')} / {summary.get('max_total')}"],
        ["batch", summary.get("batch")],
        ["may apply again from", summary.get("eligible_from")],
    ])

    eligibility = result.get("eligibility") or {}
    window = eligibility.get("window") or {}
    out += ["## Eligibility / 参评资格", "",
            f"Look-back window {window.get('from')} .. {window.get('to')}.", ""]
    out += table(["rule", "article", "status", "finding", "依据"],
                 [[f"`{f.get('rule')}`", f.get("article"), f.get("status"), f.get("message"),
                   f.get("message_zh")] for f in eligibility.get("findings", [])])

    cycle = result.get("cycle")
    if cycle:
        publicity = cycle.get("publicity") or {}
        out += ["## Procedure calendar / 评价周期", ""]
        out += table(["step", "date"], [
            ["batch", cycle.get("batch")],
            ["acceptance month", cycle.get("acceptance_month")],
            ["self-assessment report due", cycle.get("report_due")],
            ["announcement month", cycle.get("announcement_month")],
            ["publicity", f"{publicity.get('starts_on')} .. {publicity.get('ends_on')}"],
        ])
        objections = cycle.get("objections") or []
        if objections:
            out += table(["objection received", "admissible", "why not"],
                         [[o.get("received_on"), "yes" if o.get("admissible") else "no",
                           "; ".join(r.get("message", "") for r in o.get("reasons", []))]
                          for o in objections])

    score = result.get("score")
    if score:
        out += ["## Score / 评分", "",
                f"Total **{score.get('total')}** of {score.get('max_total')}: "
                f"{score.get('grade_name_en') or 'no grade'} {score.get('grade_name_zh') or ''}".rstrip(),
                ""]
        out += table(["dimension", "维度", "points", "max"],
                     [[d.get("id"), d.get("name_zh"), d.get("points"), d.get("max")]
                      for d in score.get("dimensions", [])])
        failed = score.get("key_items_failed") or []
        out += [f"Key items: {'all passed' if score.get('key_items_met') else 'failed: ' + ', '.join(map(str, failed))}.", ""]
        next_grade = score.get("next_grade")
        if next_grade:
            out += ["Next grade up: `" + json.dumps(next_grade, ensure_ascii=False) + "`", ""]
        for message in score.get("messages", []):
            out += [f"> {message.get('message')}", f"> {message.get('message_zh')}", ""]
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assessment", help="an sqp.assessment/1 JSON file")
    parser.add_argument("-o", "--output", default="-", help="the Markdown report (default: stdout)")
    parser.add_argument("--rulebook", help="an sqp.rulebook/1 file instead of the default")
    args = parser.parse_args(argv)

    with open(args.assessment, encoding="utf-8") as f:
        document = json.load(f)
    rulebook = None
    if args.rulebook:
        with open(args.rulebook, encoding="utf-8") as f:
            rulebook = f.read()
    try:
        with sqp.Engine(rulebook=rulebook) as engine:
            result = engine.assess(document)
    except sqp.SqpError as e:
        print(f"site_audit: {args.assessment}: {e.code}: {e.message}", file=sys.stderr)
        for problem in e.errors:
            print(f"  {problem.get('path') or '(document)'}: {problem.get('message')}", file=sys.stderr)
        return 3

    report = render(document, result)
    if args.output == "-":
        sys.stdout.write(report)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(report)
        print(f"site_audit: wrote {args.output} ({result['summary'].get('outcome')}, "
              f"total {result['summary'].get('total')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
