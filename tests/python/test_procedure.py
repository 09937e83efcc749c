"""The procedure calendar (CYCLE.*) and review meetings (VOTE.*) through the Python door, the C
ABI and the CLI: identical bytes, the typed check_vote, errors with their JSON pointers."""
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def example(name):
    with open(os.path.join(SRC, "docs", "examples", name), encoding="utf-8") as f:
        return json.load(f)


def smallest_at_least(n, num, den):
    """The smallest x with x*den >= n*num, counted up (independent of the library)."""
    x = 0
    while x * den < n * num:
        x += 1
    return x


def meeting(body, members, present, motions=()):
    return {"schema": "sqp.meeting/1", "body": body, "mode": "in_person", "members": members,
            "present": present, "motions": list(motions)}


class DoorsAgreeTest(unittest.TestCase):
    """Same input, byte-identical output through the CLI, the raw C ABI and Python."""

    def setUp(self):
        self.engine = sqp.Engine()

    def cli(self, operation, path, *extra):
        return subprocess.run([CLI, operation, path, *extra], capture_output=True)

    def test_examples_identical_through_every_door(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        for operation, name in (("cycle", "cycle.json"), ("meeting", "meeting.json"),
                                ("meeting", "meeting-ballots.json"),
                                ("meeting", "meeting-no-quorum.json")):
            with self.subTest(name):
                path = os.path.join(SRC, "docs", "examples", name)
                doc = example(name)
                via_cli = self.cli(operation, path)
                self.assertEqual(via_cli.returncode, 0, via_cli.stderr)
                via_c = self.engine.run_raw(operation, doc)
                self.assertEqual(via_cli.stdout.rstrip(b"\n"), via_c)
                self.assertEqual(json.loads(via_c), getattr(self.engine, operation)(doc))
                text = self.cli(operation, path, "--format", "text")
                self.assertEqual(text.returncode, 0, text.stderr)
                self.assertTrue(text.stdout.strip())

    def test_error_identical_through_every_door(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        bad = meeting("expert_review", 5, 6)
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"sqp-meeting-bad-{os.getpid()}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        try:
            via_cli = self.cli("meeting", path)
        finally:
            os.unlink(path)
        self.assertEqual(via_cli.returncode, 3)
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.run_raw("meeting", bad)
        self.assertEqual(json.loads(via_cli.stdout), cm.exception.document)
        self.assertEqual(cm.exception.path, "/present")


class CycleTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def run_cycle(self, **fields):
        return self.engine.cycle({"schema": "sqp.cycle/1", **fields})

    def test_example(self):
        r = self.engine.cycle(example("cycle.json"))
        self.assertEqual((r["batch"], r["acceptance_month"], r["announcement_month"]),
                         ("2027-Q1", "2027-01", "2027-03"))
        self.assertEqual(r["report_due"], "2026-02-28")
        self.assertEqual(r["publicity"], {"starts_on": "2026-03-10", "ends_on": "2026-03-16", "days": 7})
        self.assertEqual([o["admissible"] for o in r["objections"]], [True, False])
        self.assertEqual([x["code"] for x in r["objections"][1]["reasons"]],
                         ["no_evidence", "outside_publicity"])

    def test_every_month(self):
        for month in range(1, 13):
            quarter = (month + 2) // 3 + (0 if month % 3 == 1 else 1)
            year = 2026 + (quarter == 5)
            quarter = 1 if quarter == 5 else quarter
            r = self.run_cycle(applied_on=f"2026-{month:02d}-15")
            self.assertEqual(r["batch"], f"{year}-Q{quarter}", month)
            self.assertEqual(r["acceptance_month"], f"{year}-{3 * quarter - 2:02d}", month)
            self.assertEqual(r["announcement_month"], f"{year}-{3 * quarter:02d}", month)

    def test_month_end_reports(self):
        for received, due in (("2026-01-31", "2026-02-28"), ("2024-01-31", "2024-02-29"),
                              ("2024-02-29", "2024-03-29"), ("2026-08-31", "2026-09-30")):
            self.assertEqual(self.run_cycle(materials_received_on=received)["report_due"], due)

    def test_objection_defects_and_errors(self):
        base = {"received_on": "2026-03-16", "in_writing": True, "has_evidence": True, "has_contact": True}
        cases = [({}, []), ({"in_writing": False}, ["not_in_writing"]),
                 ({"has_evidence": False}, ["no_evidence"]), ({"has_contact": False}, ["no_contact"]),
                 ({"received_on": "2026-03-17"}, ["outside_publicity"])]
        r = self.run_cycle(publicity_starts_on="2026-03-10",
                           objections=[{**base, **change} for change, _ in cases])
        for (change, codes), got in zip(cases, r["objections"]):
            self.assertEqual([x["code"] for x in got["reasons"]], codes, change)
            self.assertEqual(got["admissible"], not codes)
        with self.assertRaises(sqp.SqpError) as cm:
            self.run_cycle(objections=[base])
        self.assertEqual((cm.exception.code, cm.exception.path), ("invalid_input", "/publicity_starts_on"))
        with self.assertRaises(sqp.SqpError) as cm:
            self.run_cycle(applied_on="2026-02-30")
        self.assertEqual((cm.exception.code, cm.exception.status, cm.exception.path),
                         ("invalid_input", -4, "/applied_on"))
        with self.assertRaises(sqp.SqpError) as cm:
            self.run_cycle(publicity_starts_on="2026-03-10", objections=[{**base, "in_writing": "yes"}])
        self.assertEqual(cm.exception.path, "/objections/0/in_writing")


class MeetingTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_check_vote_every_group_size_matches_the_operation(self):
        for body, decision in (("expert_review", "stop"), ("final_review", "agree_preliminary")):
            for n in range(1, 101):
                q = smallest_at_least(n, 2, 3)
                v = smallest_at_least(q, 2, 3)
                typed = self.engine.check_vote(body, n, q, v, q - v)
                self.assertEqual(typed, {"quorum_required": q, "quorum_met": True,
                                         "votes_required": v, "passed": True}, n)
                self.assertFalse(self.engine.check_vote(body, n, q, v - 1)["passed"], n)
                self.assertFalse(self.engine.check_vote(body, n, q - 1, q - 1)["quorum_met"], n)
                self.assertFalse(self.engine.check_vote(body, n, q - 1, q - 1)["passed"], n)
                if n % 10 == 0:  # the JSON door says the same
                    r = self.engine.meeting(meeting(body, n, q, [
                        {"subject": "S", "decision": decision, "for": v, "against": q - v}]))
                    self.assertEqual(r["quorum"]["required"], typed["quorum_required"])
                    self.assertEqual(r["motions"][0]["required"], typed["votes_required"])
                    self.assertEqual(r["motions"][0]["passed"], typed["passed"])

    def test_rules_examples(self):
        self.assertTrue(self.engine.meeting(meeting("expert_review", 9, 6))["valid"])
        self.assertFalse(self.engine.meeting(meeting("expert_review", 9, 5))["valid"])
        self.assertTrue(self.engine.check_vote("expert_review", 9, 6, 4, 1, 1)["passed"])
        self.assertFalse(self.engine.check_vote("final_review", 9, 5, 5)["passed"])

    def test_three_quarters_rulebook(self):
        with open(os.path.join(SRC, "src/rulebook/default_rulebook.json"), encoding="utf-8") as f:
            rb = json.load(f)
        rb["meetings"]["final_review"] = {"quorum": {"num": 3, "den": 4}, "decision": {"num": 3, "den": 4}}
        engine = sqp.Engine(rb)
        for n in range(1, 101):
            q = smallest_at_least(n, 3, 4)
            r = engine.check_vote("final_review", n, n, 0)
            self.assertEqual(r["quorum_required"], q)
            self.assertEqual(r["votes_required"], q)
            self.assertEqual(engine.check_vote("expert_review", n, n, 0)["quorum_required"],
                             smallest_at_least(n, 2, 3))
        self.assertFalse(engine.meeting(meeting("final_review", 9, 6))["valid"])
        self.assertTrue(engine.meeting(meeting("final_review", 9, 7))["valid"])

    def test_ballots_example(self):
        r = self.engine.meeting(example("meeting-ballots.json"))
        self.assertEqual(r["mode"], "correspondence")
        self.assertEqual(r["quorum"]["present"], 5)
        self.assertEqual((r["motions"][0]["for"], r["motions"][0]["abstain"]), (4, 1))
        self.assertTrue(r["motions"][0]["passed"])

    def test_inconsistencies_name_the_field(self):
        attendees = ["Zhao", "Qian", "Sun"]
        ballots_doc = {"schema": "sqp.meeting/1", "body": "expert_review", "mode": "in_person",
                       "members": 3, "attendees": attendees,
                       "motions": [{"subject": "S", "decision": "stop", "ballots": None}]}
        cases = [
            (meeting("expert_review", 5, 6), "/present"),
            (meeting("expert_review", 9, 6, [{"subject": "S", "decision": "stop", "for": 5, "against": 2}]),
             "/motions/0"),
            (meeting("expert_review", -1, 0), "/members"),
            (meeting("expert_review", 9, 6, [{"subject": "S", "decision": "stop", "for": -1}]), "/motions/0/for"),
            (meeting("final_review", 9, 6, [{"subject": "S", "decision": "stop", "for": 6}]),
             "/motions/0/decision"),
            (json.loads(json.dumps(ballots_doc).replace("null", json.dumps(
                [{"voter": "Zhao", "vote": "for"}, {"voter": "Zhao", "vote": "for"}]))),
             "/motions/0/ballots/1/voter"),
            (json.loads(json.dumps(ballots_doc).replace("null", json.dumps(
                [{"voter": "Wang", "vote": "for"}]))), "/motions/0/ballots/0/voter"),
        ]
        for doc, path in cases:
            with self.subTest(path=path):
                with self.assertRaises(sqp.SqpError) as cm:
                    self.engine.meeting(doc)
                self.assertEqual((cm.exception.code, cm.exception.status), ("invalid_input", -4))
                self.assertEqual(cm.exception.path, path)
        for args, path in (((5, 6, 0), "/present"), ((9, 6, 4, 2, 1), "/votes"), ((0, 0, 0), "/members"),
                           ((9, 6, -1), "/votes_for"), ((2**40, 6, 0), "/members")):
            with self.subTest(args=args):
                with self.assertRaises(sqp.SqpError) as cm:
                    self.engine.check_vote("expert_review", *args)
                self.assertEqual((cm.exception.code, cm.exception.path), ("invalid_input", path))
        with self.assertRaises(sqp.SqpError):
            self.engine.check_vote("board", 9, 6, 4)
        with self.assertRaises(TypeError):
            self.engine.check_vote("expert_review", 9, 6.0, 4)

    def test_malformed_never_crashes(self):
        for value in (None, True, "x", 1.5, -3, [], {}, [None], [{}], 10**30):
            for key in ("body", "mode", "members", "present", "attendees", "motions"):
                doc = meeting("expert_review", 9, 6, [{"subject": "S", "decision": "stop", "for": 4}])
                doc[key] = value
                try:
                    self.engine.meeting(doc)
                except sqp.SqpError as e:
                    self.assertEqual(e.code, "invalid_input", (key, value))
                    self.assertTrue(e.path, (key, value))


if __name__ == "__main__":
    unittest.main()
