"""Answer modes through Python (issue 20): Engine(messages=...) gives the findings in one
language or none, the same as the CLI's --messages; reports keep both, the "json" rendering
follows the mode; a bad mode is refused."""
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
                # The "json" rendering is the engine's answer, in its mode (sqp_render = sqp_run).
                self.assertEqual(engine.render("eligibility", self.doc, "json").encode(),
                                 engine.run_raw("eligibility", self.doc))
                if CLI:
                    cli = subprocess.run([CLI, "eligibility", "-", "--messages", mode], input=self.doc.encode(),
                                         capture_output=True).stdout
                    self.assertEqual(cli.rstrip(b"\n"), engine.run_raw("eligibility", self.doc))

    def test_an_unknown_mode_is_refused(self):
        with self.assertRaises(sqp.SqpError) as caught:
            sqp.Engine(messages="fr")
        self.assertEqual(caught.exception.code, "usage")
        with self.assertRaises(sqp.SqpError) as caught:
            sqp.Engine().run("eligibility", self.doc, messages="fr")
        self.assertEqual(caught.exception.code, "usage")

    def test_a_mode_for_one_call_is_the_engine_made_with_it(self):
        # run_raw/run/batch_raw(messages=...) go through sqp_run_with_options and
        # sqp_run_batch_with_options: the bytes of an engine made in that mode, either way round.
        lines = (self.doc.replace("\n", " ") + "\n") * 3 + "{bad\n"
        for engine_mode in ("both", "none"):
            engine = sqp.Engine(messages=engine_mode)
            for mode in ("both", "en", "zh", "none"):
                with self.subTest(engine=engine_mode, call=mode):
                    made = sqp.Engine(messages=mode)
                    self.assertEqual(engine.run_raw("eligibility", self.doc, messages=mode),
                                     made.run_raw("eligibility", self.doc))
                    self.assertEqual(engine.run("eligibility", self.doc, messages=mode),
                                     made.run("eligibility", self.doc))
                    self.assertEqual(engine.batch_raw("eligibility", lines, messages=mode),
                                     made.batch_raw("eligibility", lines))
            # No mode for the call: the engine's own.
            self.assertEqual(engine.run_raw("eligibility", self.doc),
                             sqp.Engine(messages=engine_mode).run_raw("eligibility", self.doc))
        self.assertNotEqual(sqp.Engine(messages="none").run_raw("eligibility", self.doc, messages="both"),
                            sqp.Engine(messages="none").run_raw("eligibility", self.doc))


if __name__ == "__main__":
    unittest.main()
