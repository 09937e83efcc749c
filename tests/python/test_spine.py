"""The spine through the Python door: engine, rulebook identity, errors, batch."""
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


class SpineTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_version_matches_library(self):
        self.assertRegex(sqp.version(), r"^\d+\.\d+\.\d+$")

    def test_rulebook_identity(self):
        info = self.engine.rulebook()
        self.assertEqual(info["schema"], "sqp.rulebook-info/1")
        self.assertEqual(info["id"], "sqp.default")
        self.assertRegex(info["sha256"], r"^[0-9a-f]{64}$")
        self.assertEqual(info["rulebook"]["sha256"], info["sha256"])

    def test_rulebook_identical_through_cli(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        cli = subprocess.run([CLI, "rulebook"], capture_output=True, check=True).stdout
        self.assertEqual(cli.rstrip(b"\n"), self.engine.run_raw("rulebook", {}))

    def test_reformatted_rulebook_same_hash(self):
        with open(os.path.join(SRC, "src/rulebook/default_rulebook.json"), encoding="utf-8") as f:
            doc = json.load(f)
        reordered = json.dumps(dict(reversed(list(doc.items()))), indent=7, ensure_ascii=True)
        other = sqp.Engine(reordered)
        self.assertEqual(other.rulebook()["sha256"], self.engine.rulebook()["sha256"])

    def test_broken_rulebook_lists_every_error(self):
        with self.assertRaises(sqp.SqpError) as cm:
            sqp.Engine({"schema": "sqp.rulebook/1", "id": "x", "version": "1",
                        "calendar": {"acceptance_months": [13]}})
        e = cm.exception
        self.assertEqual(e.code, "invalid_rulebook")
        paths = {x["path"] for x in e.errors}
        self.assertIn("/calendar/acceptance_months/0", paths)
        self.assertIn("/eligibility", paths)

    def test_malformed_json(self):
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.run("rulebook", b'{"a":')
        self.assertEqual(cm.exception.code, "invalid_json")
        self.assertEqual(cm.exception.status, -2)

    def test_unknown_operation(self):
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.run("frobnicate", {})
        self.assertEqual(cm.exception.code, "unknown_operation")

    def test_unknown_schema_names_pointer(self):
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.eligibility({"schema": "sqp.application/9"})
        self.assertEqual(cm.exception.code, "invalid_schema")
        self.assertEqual(cm.exception.path, "/schema")

    def test_batch_goes_on_after_bad_line(self):
        results = self.engine.batch("rulebook", [{}, "not json", {}])
        self.assertEqual([r["schema"] for r in results],
                         ["sqp.rulebook-info/1", "sqp.error/1", "sqp.rulebook-info/1"])
        self.assertEqual(results[1]["line"], 2)

    def test_context_manager_closes(self):
        with sqp.Engine() as e:
            self.assertEqual(e.rulebook()["id"], "sqp.default")
        self.assertFalse(e._handle.value)


if __name__ == "__main__":
    unittest.main()
