"""Answer modes through Python (issue 20): Engine(messages=...) gives the findings in one
language or none, the same as the CLI's --messages; reports keep both; a bad mode is refused."""
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


class MessagesTest(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(SRC, "docs", "examples", "application-ineligible.json"), encoding="utf-8") as f:
            self.doc = f.read()

    def test_each_mode_drops_only_its_messages(self):
        both = sqp.Engine().eligibility(self.doc)
        for mode, dropped in (("en", {"message_zh"}), ("zh", {"message"}), ("none", {"message", "message_zh"})):
            with self.subTest(mode=mode):
                engine = sqp.Engine(messages=mode)
                result = engine.eligibility(self.doc)
                want = json.loads(json.dumps(both))
                for finding in want["findings"]:
                    for key in dropped:
                        del finding[key]
                self.assertEqual(result, want)
                self.assertEqual(engine.render("eligibility", self.doc), sqp.Engine().render("eligibility", self.doc))
                if CLI:
                    cli = subprocess.run([CLI, "eligibility", "-", "--messages", mode], input=self.doc.encode(),
                                         capture_output=True).stdout
                    self.assertEqual(cli.rstrip(b"\n"), engine.run_raw("eligibility", self.doc))

    def test_an_unknown_mode_is_refused(self):
        with self.assertRaises(sqp.SqpError) as caught:
            sqp.Engine(messages="fr")
        self.assertEqual(caught.exception.code, "usage")


if __name__ == "__main__":
    unittest.main()
