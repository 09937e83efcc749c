"""Each PROC rule of a case (issue 18) on both sides of its boundary, through Python (the C ABI
under ctypes) and through the CLI's --batch, with the dates from an oracle of this file's own
(datetime and calendar, not sqp's date code): the report on its due day and the day after,
publicity of 7 and of 6 days, a final review on the last publicity day and the day after, an
announcement on the announcement month's last day and the next day, quorum and votes at their
2/3 thresholds."""
import calendar
import copy
import datetime
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def load(name):
    with open(os.path.join(SRC, "docs", "examples", name), encoding="utf-8") as f:
        return json.load(f)


# ---- The oracle -------------------------------------------------------------------------------

def day(text):
    return datetime.date.fromisoformat(text)


def plus_days(text, n):
    return (day(text) + datetime.timedelta(days=n)).isoformat()


def plus_one_month(text):
    """The Civil Code's corresponding day a month later, or that month's last day."""
    d = day(text)
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1])).isoformat()


def last_day_of_month(text):
    d = day(text)
    return datetime.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]).isoformat()


# ---- The variants: (name, document, rule, expected statuses of that rule, expected outcome) ----

def variants():
    base = load("case-awarded.json")
    out = []

    def variant(name, rule, statuses, outcome, edit):
        doc = copy.deepcopy(base)
        edit(doc, doc["steps"])
        out.append((name, doc, rule, statuses, outcome))

    due = plus_one_month(base["steps"]["materials_received_on"])
    variant("report on its due day", "PROC.REPORT", ["pass"], "awarded",
            lambda d, s: s.update(report_received_on=due))
    variant("report the day after", "PROC.REPORT", ["fail"], "procedure_defective",
            lambda d, s: s.update(report_received_on=plus_days(due, 1)))

    start = base["steps"]["publicity"]["starts_on"]
    variant("publicity of 7 days", "PROC.PUBLICITY", ["pass"], "awarded",
            lambda d, s: s["publicity"].update(ends_on=plus_days(start, 6)))
    variant("publicity of 6 days", "PROC.PUBLICITY", ["fail"], "procedure_defective",
            lambda d, s: s["publicity"].update(ends_on=plus_days(start, 5)))

    last = plus_days(start, 6)

    def final_review_on(when):
        def edit(d, s):
            s["publicity"]["objections"] = []
            s["final_review"]["held_on"] = when
        return edit
    variant("final review on the last publicity day", "PROC.FINAL_REVIEW", ["fail", "fail"],
            "procedure_defective", final_review_on(last))
    variant("final review the day after", "PROC.FINAL_REVIEW", ["pass"], "awarded",
            final_review_on(plus_days(last, 1)))

    month_end = last_day_of_month(base["steps"]["announced_on"])

    def announced_on(when):
        def edit(d, s):
            d["as_of"] = plus_days(month_end, 30)
            s["announced_on"] = when
        return edit
    variant("announced on the month's last day", "PROC.ANNOUNCEMENT", ["pass"], "awarded",
            announced_on(month_end))
    variant("announced the next month", "PROC.ANNOUNCEMENT", ["fail"], "procedure_defective",
            announced_on(plus_days(month_end, 1)))

    def expert_present(n):
        def edit(d, s):
            s["expert_review"].pop("attendees")
            s["expert_review"].update(members=9, present=n)
        return edit
    variant("expert review 6 of 9", "VOTE.EXPERT_QUORUM", ["pass"], "awarded", expert_present(6))
    variant("expert review 5 of 9", "VOTE.EXPERT_QUORUM", ["fail"], "procedure_defective",
            expert_present(5))

    def final_votes(for_votes):
        def edit(d, s):
            s["final_review"].update(members=15, present=10)
            s["final_review"]["motions"][0].update({"for": for_votes, "against": 10 - for_votes})
        return edit
    variant("final opinion 7 of 10 for", "VOTE.FINAL_DECISION", ["pass"], "awarded", final_votes(7))
    variant("final opinion 6 of 10 for", "VOTE.FINAL_DECISION", ["fail"], "procedure_defective",
            final_votes(6))
    return out


def statuses(result, rule):
    """The rule's verdicts (its notes, such as an objection's investigation, left aside)."""
    return [f["status"] for f in result["findings"] if f["rule"] == rule and f["status"] != "note"]


class CaseBoundariesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqp.Engine()
        cls.variants = variants()

    def check(self, name, result, rule, expected, outcome):
        self.assertEqual(statuses(result, rule), expected, name)
        self.assertEqual(result["outcome"], outcome, name)

    def test_python(self):
        for name, doc, rule, expected, outcome in self.variants:
            with self.subTest(name):
                self.check(name, self.engine.case(doc), rule, expected, outcome)

    def test_cli_batch(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        lines = "".join(json.dumps(v[1], ensure_ascii=False) + "\n" for v in self.variants)
        run = subprocess.run([CLI, "case", "--batch", "-"], input=lines.encode("utf-8"),
                             capture_output=True, check=True)
        answers = run.stdout.decode("utf-8").splitlines()
        self.assertEqual(len(answers), len(self.variants))
        for (name, _, rule, expected, outcome), line in zip(self.variants, answers):
            with self.subTest(name):
                self.check(name, json.loads(line), rule, expected, outcome)


if __name__ == "__main__":
    unittest.main()
