"""The procedure as one case (issue 18) through Python: Engine.case on every bundled
docs/examples/case-*.json (outcome, stage, the defect's rule and step), its renderings equal to
the CLI's bytes, batch() equal to run() per document, PROC.NEXT's overdue flag on both sides of
the report's due day, and strict reading of sqp.case/1."""
import copy
import glob
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SRC, "docs", "examples")

# Each example: its outcome, its stage, and the PROC.* failures it must show (rule, pointer).
EXPECTED = {
    "case-awarded.json": ("awarded", "announced", []),
    "case-in-progress.json": ("in_progress", "materials_received", []),
    "case-late-report.json": ("procedure_defective", "announced",
                              [("PROC.REPORT", "/steps/report_received_on")]),
    "case-final-review-early.json": ("procedure_defective", "announced",
                                     [("PROC.FINAL_REVIEW", "/steps/final_review/held_on")]),
    "case-objection-open.json": ("procedure_defective", "announced",
                                 [("PROC.FINAL_REVIEW", "/steps/publicity/objections/0")]),
    "case-disqualified.json": ("disqualified", "investigation", []),
}


def load(name):
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


class CaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqp.Engine()
        cls.paths = sorted(glob.glob(os.path.join(EXAMPLES, "case-*.json")))

    # A case calendar's DTSTAMP is the time it was made (issue 19, as the certificate's):
    # SOURCE_DATE_EPOCH pins it, so the doors' bytes can be compared.
    def setUp(self):
        self.saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = "1796268930"  # 2026-12-03T03:35:30Z

    def tearDown(self):
        if self.saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.saved_epoch

    def test_every_example_is_expected(self):
        self.assertEqual(sorted(os.path.basename(p) for p in self.paths), sorted(EXPECTED))

    def test_outcome_and_stage_of_every_example(self):
        for name, (outcome, stage, defects) in EXPECTED.items():
            with self.subTest(example=name):
                result = self.engine.case(load(name))
                self.assertEqual(result["schema"], "sqp.case-status/1")
                self.assertEqual((result["outcome"], result["stage"]), (outcome, stage))
                failed = [(f["rule"], f["evidence"]) for f in result["findings"]
                          if f["status"] == "fail" and f["rule"].startswith("PROC.")]
                for defect in defects:
                    self.assertIn(defect, failed)
                if outcome != "procedure_defective":
                    self.assertEqual(failed, [])
                for finding in result["findings"]:
                    self.assertTrue(finding["message"] and finding["message_zh"], finding)
                    self.assertIn(finding["status"], ("pass", "fail", "pending", "note"))
                # The same through run() and run_raw() (the C door, sqp_run).
                self.assertEqual(self.engine.run("case", load(name)), result)
                self.assertEqual(json.loads(self.engine.run_raw("case", load(name))), result)

    def test_awarded_case_carries_grade_and_certificate(self):
        result = self.engine.case(load("case-awarded.json"))
        self.assertEqual(result["grade"], "four_star")
        certificate = result["certificate"]
        assert certificate is not None
        # CERT.VALIDITY from the announcement day, as the certificate operation gives it.
        dates = self.engine.certificate_dates("2026-03-25")
        self.assertEqual((certificate["valid_from"], certificate["valid_until"]),
                         (dates["valid_from"], dates["valid_until"]))
        self.assertEqual(result["next"], [{"step": "supervision_report",
                                           "due_by": dates["supervision"][0]["report_due"],
                                           "overdue": False, "evidence": None}])

    def test_a_case_that_is_not_awarded_has_no_certificate(self):
        for name in EXPECTED:
            if name == "case-awarded.json":
                continue
            with self.subTest(example=name):
                result = self.engine.case(load(name))
                self.assertIsNone(result["certificate"])
                self.assertIsNone(result["grade"])

    def test_in_progress_lists_what_is_next_and_the_report_deadline(self):
        document = load("case-in-progress.json")
        result = self.engine.case(document)
        steps = [n["step"] for n in result["next"]]
        self.assertEqual(steps[0], "report_received")
        self.assertIn("announced", steps)
        due = result["calendar"]["report_due"]
        self.assertEqual(result["next"][0]["due_by"], due)
        # PROC.NEXT on the due day and the day after (the report is still not in).
        for as_of, overdue in ((due, False), ("2026-03-04", True)):
            with self.subTest(as_of=as_of):
                document["as_of"] = as_of
                result = self.engine.case(document)
                self.assertEqual(result["outcome"], "in_progress")
                self.assertEqual(result["next"][0], {"step": "report_received", "due_by": due,
                                                     "overdue": overdue, "evidence": None})
                pending = [f for f in result["findings"] if f["rule"] == "PROC.NEXT"]
                self.assertEqual(len(pending), 1 if overdue else 0)
                if overdue:
                    self.assertEqual(pending[0]["status"], "pending")

    def test_batch_gives_each_run_result(self):
        documents = [load(os.path.basename(p)) for p in self.paths]
        results = self.engine.batch("case", documents)
        self.assertEqual(len(results), len(documents))
        for document, result in zip(documents, results):
            self.assertEqual(result, self.engine.run("case", document))
        # One bad document in the list answers in its place.
        mixed = self.engine.batch("case", [documents[0], {"schema": "sqp.case/1"}, documents[1]])
        self.assertEqual(mixed[0], results[0])
        self.assertEqual((mixed[1]["code"], mixed[1]["line"]), ("invalid_input", 2))
        self.assertEqual(mixed[2], results[1])

    def test_renderings_are_the_clis_bytes(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        for path in self.paths:
            with open(path, "rb") as f:
                document = f.read()
            for fmt in ("json", "text", "ics", "svg"):
                with self.subTest(example=os.path.basename(path), format=fmt):
                    cli = subprocess.run([CLI, "case", path, "--format", fmt], capture_output=True,
                                         check=True)
                    want = cli.stdout.decode("utf-8")
                    if fmt == "json":
                        want = want.rstrip("\n")
                    self.assertEqual(self.engine.render("case", document, fmt), want)

    def test_renderings(self):
        document = load("case-awarded.json")
        text = self.engine.render("case", document, "text")
        self.assertIn("APP-2026-0007", text)
        self.assertIn("PROC.ANNOUNCEMENT", text)
        self.assertTrue(text.splitlines()[-1].startswith("规则库 Rulebook: sqp.default"))
        ics = self.engine.render("case", document, "ics")
        self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n"))
        self.assertIn("DTSTART;VALUE=DATE:20261225", ics)
        # DTSTAMP: when the file was made; the case's as_of stays in each description.
        stamps = [l for l in ics.split("\r\n") if l.startswith("DTSTAMP:")]
        self.assertTrue(stamps)
        self.assertEqual(set(stamps), {"DTSTAMP:20261203T033530Z"})
        self.assertIn("as of 2026-04-01", ics)
        svg = self.engine.render("case", document, "svg")
        self.assertTrue(svg.startswith("<svg ") and svg.rstrip().endswith("</svg>"))
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.render("case", document, "html")
        self.assertEqual(caught.exception.code, "usage")

    def test_strict_reading_names_the_pointer(self):
        document = load("case-in-progress.json")
        bad = copy.deepcopy(document)
        bad["steps"]["acepted_on"] = bad["steps"].pop("accepted_on")
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.case(bad)
        self.assertEqual((caught.exception.code, caught.exception.path),
                         ("invalid_input", "/steps/acepted_on"))
        self.assertIn('"accepted_on"', caught.exception.message)
        # In note mode the member is accepted and listed.
        noted = sqp.Engine(unknown_members="note").case(bad)
        self.assertIn("INPUT.UNKNOWN_MEMBER", [f["rule"] for f in noted["findings"]])

    def test_a_step_after_as_of_is_invalid_input(self):
        document = load("case-in-progress.json")
        document["steps"]["report_received_on"] = "2026-02-26"  # as_of is 2026-02-25
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.case(document)
        self.assertEqual((caught.exception.code, caught.exception.path),
                         ("invalid_input", "/steps/report_received_on"))
        document["steps"]["report_received_on"] = "2026-02-30"
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.case(document)
        self.assertEqual(caught.exception.path, "/steps/report_received_on")


if __name__ == "__main__":
    unittest.main()
