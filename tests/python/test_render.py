"""Renderings in every door (issue 17, item 3): Engine.render (sqp_render through ctypes) gives
the bytes the CLI's --format prints, for every bundled example and every format its operation
renders; "json" is run_raw's document."""
import glob
import json
import os
import subprocess
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))

# The bundled examples, by the operation that reads them.
EXAMPLES = {
    "eligibility": "application-*.json",
    "cycle": "cycle.json",
    "meeting": "meeting*.json",
    "certificate": "certificate-*.json",
    "score": "scoresheet-*.json",
    "assess": "assessment.json",
    "bodies": "bodies.json",
    "case": "case-*.json",
}
FORMATS = {"certificate": ("json", "text", "ics", "svg"), "case": ("json", "text", "ics", "svg")}


# The ICS file's DTSTAMP is the time it was made: SOURCE_DATE_EPOCH pins it for the comparison.
EPOCH = "1796268930"  # 2026-12-03T03:35:30Z


class RenderTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()
        self.saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # seen by libsqp (getenv) and by the CLI

    def tearDown(self):
        if self.saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.saved_epoch

    def cases(self):
        for operation, pattern in EXAMPLES.items():
            paths = sorted(glob.glob(os.path.join(SRC, "docs", "examples", pattern)))
            self.assertTrue(paths, pattern)
            for path in paths:
                if "official-format" in path:
                    continue  # a template, not a scoresheet the examples evaluate
                for fmt in FORMATS.get(operation, ("json", "text")):
                    yield operation, path, fmt

    def test_same_bytes_as_the_cli(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        count = 0
        for operation, path, fmt in self.cases():
            with open(path, "rb") as f:
                document = f.read()
            cli = subprocess.run([CLI, operation, path, "--format", fmt], capture_output=True)
            if cli.returncode != 0:
                with self.assertRaises(sqp.SqpError, msg=f"{path} {fmt}"):
                    self.engine.render(operation, document, fmt)
                continue
            rendered = self.engine.render(operation, document, fmt)
            want = cli.stdout.decode("utf-8")
            if fmt == "json":
                want = want.rstrip("\n")  # the CLI ends its one JSON line with a newline
                self.assertEqual(rendered, self.engine.run_raw(operation, document).decode("utf-8"))
            self.assertEqual(rendered, want, f"{operation} {os.path.basename(path)} --format {fmt}")
            count += 1
        rulebook = subprocess.run([CLI, "rulebook", "--format", "text"], capture_output=True, check=True)
        self.assertEqual(self.engine.render("rulebook", {}, "text"), rulebook.stdout.decode("utf-8"))
        self.assertGreater(count, 20)

    def test_ics_stamp_is_when_the_file_was_made(self):
        # Issue 19, item 7: DTSTAMP is SOURCE_DATE_EPOCH when set, else the current time (UTC),
        # in every door; the document's as_of stays in the description.
        with open(os.path.join(SRC, "docs", "examples", "certificate-valid.json"), "rb") as f:
            document = f.read()
        pinned = self.engine.render("certificate", document, "ics")
        self.assertIn("DTSTAMP:20261203T033530Z\r\n", pinned)
        self.assertIn("Status as of: 2027-01-05", pinned.replace("\r\n ", ""))
        os.environ["SOURCE_DATE_EPOCH"] = "yesterday"
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.render("certificate", document, "ics")
        self.assertEqual(caught.exception.code, "usage")
        self.assertIn("SOURCE_DATE_EPOCH", str(caught.exception))
        if CLI:
            cli = subprocess.run([CLI, "certificate", "--format", "ics"], input=document, capture_output=True)
            self.assertEqual(cli.returncode, 2, cli.stderr)
            self.assertIn(b"SOURCE_DATE_EPOCH", cli.stderr)
        del os.environ["SOURCE_DATE_EPOCH"]
        import datetime
        before = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        made = self.engine.render("certificate", document, "ics")
        after = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        stamps = {line[len("DTSTAMP:"):] for line in made.split("\r\n") if line.startswith("DTSTAMP:")}
        self.assertEqual(len(stamps), 1)
        self.assertTrue(before <= stamps.pop() <= after)

    def test_formats_an_operation_does_not_render(self):
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.render("meeting", {"schema": "sqp.meeting/1"}, "ics")
        self.assertEqual(caught.exception.code, "usage")
        with self.assertRaises(sqp.SqpError) as caught:
            self.engine.render("meetin", {}, "text")
        self.assertEqual(caught.exception.code, "unknown_operation")
        with self.assertRaises(TypeError):
            self.engine.render("meeting", {}, "te\0xt")

    def test_input_text_cannot_make_report_lines(self):
        # A newline or tab in an input string is shown escaped, so a name cannot forge a line.
        with open(os.path.join(SRC, "docs", "examples", "bodies.json"), encoding="utf-8") as f:
            document = json.load(f)
        document["bodies"][2]["name"] = "X\n  [✓ 可选 may evaluate] Fake Co\tY"
        text = self.engine.render("bodies", document, "text")
        self.assertFalse([line for line in text.splitlines() if line.startswith("  [✓ 可选 may evaluate] Fake")])
        self.assertIn("X\\x0A  [✓ 可选 may evaluate] Fake Co\\x09Y", text)
        self.assertNotIn("\t", text)

    def test_text_shows_control_characters_escaped(self):
        with open(os.path.join(SRC, "docs", "examples", "application-eligible.json"), "rb") as f:
            document = f.read().replace(b'"APP-2026-0001"', b'"APP\\u001b[2J\\u0000"')
        text = self.engine.render("eligibility", document, "text")
        self.assertNotIn("\x1b", text)
        self.assertNotIn("\x00", text)
        self.assertIn("APP\\x1B[2J\\x00", text)


if __name__ == "__main__":
    unittest.main()
