"""`assess` through every door: byte-identical results, text report, errors with pointers."""
import copy
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLE = os.path.join(SRC, "docs", "examples", "assessment.json")


def load_example():
    with open(EXAMPLE, encoding="utf-8") as f:
        return json.load(f)


class AssessTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_identical_through_cli_c_abi_and_python(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        with open(EXAMPLE, "rb") as f:
            raw = f.read()
        via_c = self.engine.run_raw("assess", raw)
        via_cli = subprocess.run([CLI, "assess", EXAMPLE], capture_output=True, check=True).stdout
        self.assertEqual(via_cli.rstrip(b"\n"), via_c)
        via_python = self.engine.assess(load_example())
        self.assertEqual(via_python, json.loads(via_c))
        self.assertEqual(via_python["summary"]["outcome"], "graded")

    def test_text_report_has_every_part(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        out = subprocess.run([CLI, "assess", EXAMPLE, "--format", "text"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        for needle in ("Service-site quality assessment", "ELIG.ACCIDENT", "2026-Q1",
                       "总分 Total", "公示期 Publicity"):
            self.assertIn(needle, out)

    def test_bad_nested_field_named_by_pointer(self):
        doc = load_example()
        doc["application"]["accidents"][0]["severity"] = "catastrophic"
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.assess(doc)
        self.assertEqual(cm.exception.code, "invalid_input")
        self.assertEqual(cm.exception.path, "/application/accidents/0/severity")
        if CLI:
            p = subprocess.run([CLI, "assess", "-"], input=json.dumps(doc).encode(),
                               capture_output=True)
            self.assertEqual(p.returncode, 3)
            self.assertEqual(json.loads(p.stdout)["path"], "/application/accidents/0/severity")

    def test_batch_mixes_good_and_bad(self):
        good = load_example()
        bad = copy.deepcopy(good)
        del bad["application"]
        results = self.engine.batch("assess", [good, bad, good])
        self.assertEqual([r["schema"] for r in results],
                         ["sqp.assessment-result/1", "sqp.error/1", "sqp.assessment-result/1"])
        self.assertEqual(results[1]["path"], "/application")


if __name__ == "__main__":
    unittest.main()
