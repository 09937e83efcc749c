"""ELIG.* through the Python door (issue 3): identical bytes through CLI, C ABI and Python;
malformed input named by pointer; agreement with the peers' oracle through the batch door;
the documented examples."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(SRC, "tests", "data")
EXAMPLES = os.path.join(SRC, "docs", "examples")
PEER_RULES = {"ELIG.REGISTRATION", "ELIG.LICENSE", "ELIG.INDICATORS", "ELIG.ACCIDENT",
              "ELIG.CRITICISM", "ELIG.ADVERSE", "ELIG.TRAINED_STAFF"}

BASE = {
    "schema": "sqp.application/1",
    "application_id": "APP-2026-0001",
    "kind": "initial",
    "applied_on": "2026-01-15",
    "site": {"name": "中国电信广州天河路营业厅", "type": "business_hall", "staff_count": 25,
             "area_m2": 320.5, "established_on": "2015-06-01"},
    "enterprise": {"name": "中国电信股份有限公司广州分公司", "credit_code": "914403001922038216",
                   "business_registered": True,
                   "telecom_license": {"number": "A2.B1.B2-20090001", "valid_until": "2029-12-31"}},
    "quality_indicators": {"attested": True, "values": {"user_satisfaction_pct": 96.2}},
    "accidents": [],
    "regulator_criticisms": [],
    "adverse_records": [],
    "trained_staff": [{"name": "王伟", "certificate_no": "CCEA-FW-2024-000101"},
                      {"name": "李娜", "certificate_no": "CCEA-FW-2025-000417"}],
}


def with_changes(**changes):
    doc = copy.deepcopy(BASE)
    for key, value in changes.items():
        doc[key] = value
    return doc


def rule_statuses(result, status):
    return {f["rule"] for f in result["findings"] if f["status"] == status}


class EligibilityTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_eligible_baseline(self):
        r = self.engine.eligibility(BASE)
        self.assertEqual(r["schema"], "sqp.eligibility/1")
        self.assertEqual(r["decision"], "eligible")
        self.assertIs(r["disqualified"], False)
        self.assertEqual(r["window"], {"from": "2023-01-01", "to": "2026-01-15"})
        self.assertIsNone(r["eligible_from"])
        self.assertEqual(r["application_id"], "APP-2026-0001")
        for f in r["findings"]:
            self.assertEqual(set(f), {"rule", "article", "status", "message", "message_zh", "evidence"})

    def test_window_edges_for_a_larger_accident(self):
        cases = {"2022-12-31": "eligible", "2023-01-01": "ineligible",
                 "2026-01-15": "ineligible", "2026-01-16": "eligible"}
        for date, decision in cases.items():
            r = self.engine.eligibility(with_changes(accidents=[{"date": date, "severity": "larger"}]))
            self.assertEqual(r["decision"], decision, date)
            self.assertEqual(r["disqualified"], decision == "ineligible", date)
        r = self.engine.eligibility(with_changes(accidents=[{"date": "2026-01-16", "severity": "larger"}]))
        notes = [f for f in r["findings"] if f["rule"] == "ELIG.ACCIDENT" and f["status"] == "note"]
        self.assertEqual(len(notes), 1)
        self.assertIn("after applied_on 2026-01-15", notes[0]["message"])
        self.assertEqual(notes[0]["evidence"], "/accidents/0")

    def test_recovery_date(self):
        r = self.engine.eligibility(with_changes(accidents=[{"date": "2023-01-01", "severity": "major"}]))
        # A November filing joins the next year's batch: 2026-11-01's window is 2023-11-01..2026-12-31.
        self.assertEqual(r["eligible_from"], "2026-11-01")
        fail = [f for f in r["findings"] if f["status"] == "fail"][0]
        self.assertIn("major accident on 2023-01-01 is inside the window 2023-01-01..2026-01-15",
                      fail["message"])
        self.assertIn("重大生产安全事故", fail["message_zh"])

    def test_holder_filing_as_initial(self):
        cert = {"certified_on": "2023-03-20"}
        r = self.engine.eligibility(with_changes(applied_on="2026-03-20", current_certificate=cert))
        self.assertIn("ELIG.KIND", rule_statuses(r, "fail"))
        r = self.engine.eligibility(with_changes(applied_on="2026-03-21", current_certificate=cert))
        self.assertNotIn("ELIG.KIND", rule_statuses(r, "fail"))

    def test_in_force_note(self):
        r = self.engine.eligibility(with_changes(applied_on="2020-05-16"))
        self.assertEqual([f["article"] for f in r["findings"] if f["rule"] == "ELIG.IN_FORCE"], ["25"])
        r = self.engine.eligibility(with_changes(applied_on="2020-05-17"))
        self.assertFalse([f for f in r["findings"] if f["rule"] == "ELIG.IN_FORCE"])

    def test_absent_list_is_pending_empty_list_passes(self):
        # READ.ABSENT: absent or null means the reverse investigation is not recorded.
        for key in ("accidents", "regulator_criticisms", "adverse_records"):
            self.assertEqual(self.engine.eligibility(with_changes(**{key: []}))["decision"], "eligible")
            doc = with_changes()
            doc.pop(key, None)
            for d in (doc, with_changes(**{key: None})):
                r = self.engine.eligibility(d)
                self.assertEqual(r["decision"], "pending", key)
                pending = [f for f in r["findings"] if f["status"] == "pending"]
                self.assertEqual(len(pending), 1, key)
                self.assertIn("reverse investigation of Art. 14(4) has not been recorded",
                              pending[0]["message"])

    def test_november_filing_window(self):
        r = self.engine.eligibility(with_changes(applied_on="2026-11-22",
                                                 accidents=[{"date": "2026-12-15", "severity": "larger"}]))
        self.assertEqual(r["window"], {"from": "2023-11-22", "to": "2026-12-31"})
        self.assertTrue(r["disqualified"])
        self.assertEqual(r["eligible_from"], "2029-12-16")

    def test_each_regulator_opinion(self):
        for opinion, decision in [("disqualify", "ineligible"), ("pending", "pending"),
                                  ("no_objection", "eligible")]:
            r = self.engine.eligibility(with_changes(adverse_records=[{"date": "2025-03-01",
                                                                       "regulator_opinion": opinion}]))
            self.assertEqual(r["decision"], decision, opinion)
            self.assertIs(r["disqualified"], opinion == "disqualify", opinion)

    def test_trained_staff_duplicates_and_empty_numbers(self):
        for numbers, ok in [(["C1", "C1"], False), (["C1", ""], False), (["C1", "C2"], True),
                            (["C-1", "C-1 "], False), (["C-1", " "], False), (["C-1", "\u3000C-2"], True),
                            (["", "C1", "C3"], True)]:
            staff = [{"name": "x", "certificate_no": n} for n in numbers]
            r = self.engine.eligibility(with_changes(trained_staff=staff))
            self.assertEqual("ELIG.TRAINED_STAFF" in rule_statuses(r, "fail"), not ok, numbers)

    def test_same_bytes_through_cli_c_abi_batch_and_python(self):
        doc = with_changes(accidents=[{"date": "2024-05-01", "severity": "larger"}],
                           regulator_criticisms=[{"date": "2026-02-01", "subject": "site"}],
                           kind="upgrade", current_certificate={"certified_on": "2025-08-31"})
        text = json.dumps(doc, ensure_ascii=False)
        raw = self.engine.run_raw("eligibility", text)
        batch = self.engine.batch_raw("eligibility", text + "\n")
        self.assertEqual(batch.rstrip(b"\n"), raw)
        as_python = json.dumps(self.engine.eligibility(doc), ensure_ascii=False,
                               separators=(",", ":")).encode("utf-8")
        self.assertEqual(as_python, raw)
        if not CLI:
            self.skipTest("SQP_CLI not set")
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            f.write(text)
        try:
            cli = subprocess.run([CLI, "eligibility", f.name], capture_output=True, check=True).stdout
            stdin = subprocess.run([CLI, "eligibility", "-"], input=text.encode("utf-8"),
                                   capture_output=True, check=True).stdout
        finally:
            os.unlink(f.name)
        self.assertEqual(cli.rstrip(b"\n"), raw)
        self.assertEqual(stdin.rstrip(b"\n"), raw)

    def test_malformed_input_names_the_field(self):
        cases = [
            ("/applied_on", with_changes(applied_on="2026-02-30")),
            ("/kind", with_changes(kind="renewl")),
            ("/site/staff_count", with_changes(site=dict(BASE["site"], staff_count=-1))),
            ("/site/type", with_changes(site=dict(BASE["site"], type="kiosk"))),
            ("/accidents/0/severity", with_changes(accidents=[{"date": "2024-01-01", "severity": "huge"}])),
            ("/trained_staff", with_changes(trained_staff="王伟")),
            ("/enterprise/business_registered",
             with_changes(enterprise=dict(BASE["enterprise"], business_registered="yes"))),
        ]
        for path, doc in cases:
            with self.assertRaises(sqp.SqpError, msg=path) as cm:
                self.engine.eligibility(doc)
            self.assertEqual(cm.exception.code, "invalid_input", path)
            self.assertEqual(cm.exception.status, -4, path)
            self.assertEqual(cm.exception.path, path)

    def test_every_bad_field_is_listed(self):
        doc = with_changes(applied_on="2026-02-30", accidents=[{"date": "x", "severity": "huge"}])
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.eligibility(doc)
        paths = {e["path"] for e in cm.exception.errors}
        self.assertEqual(paths, {"/applied_on", "/accidents/0/date", "/accidents/0/severity"})

    def test_non_finite_floats_and_non_documents(self):
        # A NaN or infinity cannot be written as JSON: refused at its own pointer, not as
        # unreadable text the caller never wrote.
        for value in (float("nan"), float("inf"), float("-inf")):
            doc = with_changes(quality_indicators={"attested": True,
                                                   "values": {"user_satisfaction_pct": value}})
            with self.assertRaises(sqp.SqpError) as cm:
                self.engine.eligibility(doc)
            self.assertEqual(cm.exception.code, "invalid_input")
            self.assertEqual(cm.exception.path, "/quality_indicators/values/user_satisfaction_pct")
        doc = with_changes(accidents=[{"date": "2024-01-01", "severity": "general", "x/y": float("nan")}])
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.eligibility(doc)
        self.assertEqual(cm.exception.path, "/accidents/0/x~1y")
        for bad in (None, 7, ["a"], ("a",), 1.5):
            with self.assertRaises(TypeError):
                self.engine.eligibility(bad)
            with self.assertRaises(TypeError):
                self.engine.batch("eligibility", [BASE, bad])

    def test_unknown_members_are_refused_or_noted(self):
        # READ.MEMBERS: Annex 2's site.contact is a known member; crm_ticket is not.
        doc = with_changes(crm_ticket={"id": 7}, site=dict(BASE["site"], contact={"phone": "138"}))
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.eligibility(doc)
        self.assertEqual(cm.exception.code, "invalid_input")
        self.assertEqual(cm.exception.path, "/crm_ticket")
        noting = sqp.Engine(unknown_members="note")
        result = noting.eligibility(doc)
        self.assertEqual(result["decision"], "eligible")
        note = result["findings"][-1]
        self.assertEqual((note["rule"], note["status"], note["pointers"]),
                         ("INPUT.UNKNOWN_MEMBER", "note", ["/crm_ticket"]))
        with self.assertRaises(sqp.SqpError) as cm:
            sqp.Engine(unknown_members="ignore")
        self.assertEqual(cm.exception.code, "usage")

    def test_large_batch_result_is_the_documents_answers(self):
        # Over 8 MiB of results: on CPython on Linux the binding builds the bytes object itself
        # (uninitialised, huge-page hint, one copy); it must hold exactly the answers one by one.
        with open(os.path.join(DATA, "peers_generated.jsonl"), "rb") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        repeats = 10  # 300 documents x ~3.8 KB x 10 = ~11 MB of results
        data = b"\n".join(lines * repeats) + b"\n"
        out = self.engine.batch_raw("eligibility", data)
        self.assertIsInstance(out, bytes)
        self.assertGreater(len(out), sqp._LARGE_RESULT)
        if sys.implementation.name == "cpython" and sys.platform.startswith("linux"):
            self.assertIsNotNone(sqp._new_bytes, "the large-result path should be available here")
        singles = [self.engine.run_raw("eligibility", line) for line in lines]
        self.assertEqual(out, b"".join(s + b"\n" for s in singles) * repeats)

    def _plain_batch(self, data):
        # sqp_run_batch alone: the experimental into-path switched off for one call.
        saved, sqp._batch_into = sqp._batch_into, None
        try:
            return self.engine.batch_raw("eligibility", data)
        finally:
            sqp._batch_into = saved

    def test_batch_written_into_bytes_equals_sqp_run_batch(self):
        # Over 1 MiB of input on CPython with the binding's own library version: the library
        # writes the answers straight into the bytes object (sqp_x_run_batch_into). Bad and
        # blank lines among good ones: the same bytes, line numbers included, as sqp_run_batch.
        if sys.implementation.name == "cpython" and sys.platform.startswith("linux"):
            self.assertIsNotNone(sqp._batch_into, "the into-path should be available here")
        with open(os.path.join(DATA, "peers_generated.jsonl"), "rb") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        mixed = []
        for i, line in enumerate(lines * 4):
            mixed.append(line)
            if i % 97 == 0:
                mixed += [b'{"schema":"sqp.application/1","kind":"x"}', b"", b"{oops"]
        data = b"\n".join(mixed) + b"\n"
        self.assertGreater(len(data), sqp._BATCH_INTO_MIN_INPUT)
        out = self.engine.batch_raw("eligibility", data)
        self.assertIsInstance(out, bytes)
        self.assertEqual(out, self._plain_batch(data))
        self.assertIn(b'"line":', out)

    def test_batch_whose_answers_outgrow_the_bytes_object_falls_back(self):
        # 400,000 bad two-byte lines: ~150 MB of error documents, far beyond four times the
        # input, so the into-path gives up and sqp_run_batch answers.
        data = b"{}\n" * 400_000
        out = self.engine.batch_raw("eligibility", data)
        self.assertEqual(out.count(b"\n"), 400_000)
        self.assertEqual(out, self._plain_batch(data))

    def _check_agreement(self, name):
        with open(os.path.join(DATA, name + ".jsonl"), "rb") as f:
            lines = f.read()
        with open(os.path.join(DATA, name + ".expected.jsonl"), encoding="utf-8") as f:
            expected = [json.loads(line) for line in f if line.strip()]
        got = [json.loads(line) for line in self.engine.batch_raw("eligibility", lines).splitlines()]
        self.assertEqual(len(got), len(expected))
        for i, (g, want) in enumerate(zip(got, expected), 1):
            self.assertEqual(g["decision"], want["decision"], f"{name} line {i}")
            self.assertEqual(rule_statuses(g, "fail") & PEER_RULES, set(want["fail"]), f"{name} line {i}")
            self.assertEqual(rule_statuses(g, "pending") & PEER_RULES, set(want["pending"]),
                             f"{name} line {i}")
        self.assertEqual({g["decision"] for g in got}, {"eligible", "ineligible", "pending"})

    def test_peer_edge_cases_agree_with_oracle(self):
        self._check_agreement("peers_edge_cases")

    def test_peer_generated_documents_agree_with_oracle(self):
        self._check_agreement("peers_generated")

    def test_documented_examples(self):
        for decision in ("eligible", "ineligible", "pending"):
            with open(os.path.join(EXAMPLES, f"application-{decision}.json"), encoding="utf-8") as f:
                doc = json.load(f)
            self.assertEqual(self.engine.eligibility(doc)["decision"], decision)

    def test_text_checklist_through_cli(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        path = os.path.join(EXAMPLES, "application-ineligible.json")
        out = subprocess.run([CLI, "eligibility", path, "--format", "text"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        rule_lines = [line for line in out.splitlines() if "ELIG." in line]
        self.assertEqual(len(rule_lines), 10, out)
        self.assertIn("ineligible", out)
        self.assertIn("不符合参评条件", out)


if __name__ == "__main__":
    unittest.main()
