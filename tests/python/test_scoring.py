"""Scoring (SCORE.*) through the Python, C ABI and CLI doors: identical bytes, custom rulebooks
loaded without recompiling, malformed scoresheets naming the field."""
import copy
import json
import os
import subprocess
import tempfile
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SRC, "docs", "examples")
SHEETS = ["scoresheet-business-hall.json", "scoresheet-customer-service-center.json",
          "scoresheet-installation-maintenance-center.json"]
OFFICIAL = os.path.join(EXAMPLES, "rulebook-official-format.json")


def example(name):
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


def default_rulebook():
    with open(os.path.join(SRC, "src", "rulebook", "default_rulebook.json"), encoding="utf-8") as f:
        return json.load(f)


def cli(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True)


class ScoringTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_examples_score(self):
        bh = self.engine.score(example(SHEETS[0]))
        self.assertEqual(bh["schema"], "sqp.score/1")
        self.assertEqual(bh["total"], 91.5)
        self.assertEqual(bh["grade"], "five_star")
        self.assertTrue(bh["template"])
        self.assertIsNone(bh["next_grade"])
        csc = self.engine.score(example(SHEETS[1]))
        self.assertEqual(csc["grade"], "two_star")  # key-factor veto (SCORE.KEY)
        self.assertFalse(csc["key_items_met"])
        self.assertEqual([k["id"] for k in csc["next_grade"]["missing"]["key_items"]],
                         ["information_security"])
        imc = self.engine.score(example(SHEETS[2]))
        self.assertEqual(imc["grade"], "three_star")
        self.assertEqual(imc["next_grade"]["missing"]["points"], 9.2)
        self.assertEqual({d["id"] for d in imc["next_grade"]["missing"]["dimensions"]},
                         {"process", "results"})

    def test_identical_bytes_cli_c_abi_python(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        for name in SHEETS:
            doc = example(name)
            raw = self.engine.run_raw("score", doc)  # the C ABI's buffer
            self.assertEqual(json.loads(raw), self.engine.score(doc))
            out = cli("score", os.path.join(EXAMPLES, name))
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual(out.stdout.rstrip(b"\n"), raw, name)
            # Batch gives the same line.
            self.assertEqual(self.engine.batch_raw("score", json.dumps(doc)).rstrip(b"\n"), raw)

    def test_text_report_is_bilingual(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        out = cli("score", os.path.join(EXAMPLES, SHEETS[1]), "--format", "text")
        self.assertEqual(out.returncode, 0, out.stderr)
        text = out.stdout.decode("utf-8")
        for expected in ("总分 Total: 94.8 / 100", "二星级 Two-star", "关键项", "Key item",
                         "信息安全与客户隐私", "5.3 / 6", "模板", "template"):
            self.assertIn(expected, text)

    def test_custom_rulebook_changes_grades_without_recompiling(self):
        rulebook = default_rulebook()
        rulebook["id"] = "test.strict-grades"
        rulebook["scoring"]["template"] = False
        rulebook["scoring"]["tables"]["business_hall"]["grades"][0]["min_total"] = 95
        strict = sqp.Engine(rulebook=json.dumps(rulebook, ensure_ascii=False))
        sheet = example(SHEETS[0])
        result = strict.score(sheet)
        self.assertEqual(result["grade"], "four_star")
        self.assertEqual(result["next_grade"]["grade"], "five_star")
        self.assertEqual(result["next_grade"]["missing"]["points"], 3.5)
        self.assertEqual(result["rulebook"]["id"], "test.strict-grades")
        self.assertFalse(result["template"])
        if CLI:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
                json.dump(rulebook, f, ensure_ascii=False)
            try:
                out = cli("score", os.path.join(EXAMPLES, SHEETS[0]), "--rulebook", f.name)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(out.stdout.rstrip(b"\n"), strict.run_raw("score", sheet))
            finally:
                os.unlink(f.name)

    def test_official_format_rulebook(self):
        with open(OFFICIAL, encoding="utf-8") as f:
            official = sqp.Engine(rulebook=f.read())
        sheet = example("scoresheet-official-format.json")
        result = official.score(sheet)
        self.assertEqual(result["max_total"], 1000)
        self.assertEqual(result["total"], 877.75)
        self.assertEqual(result["grade"], "AAAA")
        self.assertEqual(result["precision"], 2)
        self.assertEqual([d["id"] for d in result["dimensions"]], ["5.1", "5.2", "5.3"])
        # The default rulebook does not know these items.
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.score(sheet)
        self.assertEqual(cm.exception.path, "/judged/5.1.1")
        if CLI:
            out = cli("score", os.path.join(EXAMPLES, "scoresheet-official-format.json"),
                      "--rulebook", OFFICIAL)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual(out.stdout.rstrip(b"\n"), official.run_raw("score", sheet))

    def test_malformed_scoresheet_names_the_field(self):
        sheet = example(SHEETS[0])
        sheet["judged"]["environment"] = 6  # max 5
        del sheet["judged"]["reception"]
        sheet["indicators"]["queue_length"] = 1
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.score(sheet)
        e = cm.exception
        self.assertEqual(e.code, "invalid_input")
        self.assertEqual(e.status, -4)
        self.assertEqual({x["path"] for x in e.errors},
                         {"/judged/environment", "/judged/reception", "/indicators/queue_length"})
        if CLI:
            out = cli("score", "-", stdin=json.dumps(sheet).encode())
            self.assertEqual(out.returncode, 3)
            self.assertIn(b"/judged/environment", out.stdout + out.stderr)

    def test_broken_table_is_an_invalid_rulebook(self):
        rulebook = default_rulebook()
        items = rulebook["scoring"]["tables"]["business_hall"]["dimensions"][0]["items"]
        items[0]["max"] += 1
        bands = rulebook["scoring"]["tables"]["installation_maintenance_center"]["dimensions"][1]["items"][1]
        bands["rule"]["bands"][1]["from"] = 1  # overlaps the 0-2 h band
        with self.assertRaises(sqp.SqpError) as cm:
            sqp.Engine(rulebook=rulebook)
        self.assertEqual(cm.exception.code, "invalid_rulebook")
        paths = {x["path"] for x in cm.exception.errors}
        self.assertEqual(paths, {
            "/scoring/tables/business_hall/dimensions/0/max",
            "/scoring/tables/installation_maintenance_center/dimensions/1/items/1/rule/bands/1/from"})
        if CLI:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
                json.dump(rulebook, f, ensure_ascii=False)
            try:
                out = cli("score", os.path.join(EXAMPLES, SHEETS[0]), "--rulebook", f.name)
                self.assertEqual(out.returncode, 4)
                out = cli("rulebook", "validate", f.name)
                self.assertEqual(out.returncode, 4)
                self.assertIn(b"/scoring/tables/business_hall/dimensions/0/max", out.stdout)
            finally:
                os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
