"""CLI messages as Unix tools give them (issue 19, item 6, this part):

  cli_first_hour_test.py SQP_CLI      (run with SQP_SOURCE_DIR set)

- a UTF-8 byte order mark before a document, or before the first line of --batch, is skipped:
  the answer is the one without it;
- every --format text report (and a text error report) ends naming the rulebook with the
  SHA-256 the JSON's "rulebook" stamp gives;
- the --batch progress line shows the input's size, the percentage and the rate for a file;
  --progress shows it with standard error a pipe, --no-progress hides it on a terminal.
"""
import json
import os
import pty
import re
import subprocess
import sys
import tempfile
import unittest

CLI = sys.argv.pop(1)
SOURCE = os.environ["SQP_SOURCE_DIR"]
EX = os.path.join(SOURCE, "docs", "examples")
BOM = b"\xef\xbb\xbf"


def run(*args, stdin=b""):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True)


class ByteOrderMark(unittest.TestCase):
    def test_document_with_bom_is_read_as_without(self):
        with open(os.path.join(EX, "application-eligible.json"), "rb") as f:
            doc = f.read()
        plain, marked = run("eligibility", stdin=doc), run("eligibility", stdin=BOM + doc)
        self.assertEqual(plain.returncode, 0)
        self.assertEqual(marked.returncode, 0, marked.stderr)
        self.assertEqual(marked.stdout, plain.stdout)
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            f.write(BOM + doc)
            f.flush()
            self.assertEqual(run("eligibility", f.name).stdout, plain.stdout)

    def test_batch_with_bom_is_read_as_without(self):
        with open(os.path.join(EX, "crm-export.jsonl"), "rb") as f:
            lines = f.read()
        plain = run("eligibility", "--batch", stdin=lines)
        marked = run("eligibility", "--batch", stdin=BOM + lines)
        self.assertEqual(marked.returncode, plain.returncode)
        self.assertEqual(marked.stdout, plain.stdout)


class TextReportsNameTheRulebook(unittest.TestCase):
    def test_every_text_report(self):
        cases = [("eligibility", "application-eligible.json"), ("eligibility", "application-ineligible.json"),
                 ("cycle", "cycle.json"), ("meeting", "meeting.json"), ("certificate", "certificate-valid.json"),
                 ("certificate", "certificate-revoked.json"), ("score", "scoresheet-business-hall.json"),
                 ("assess", "assessment.json")]
        for op, name in cases:
            path = os.path.join(EX, name)
            stamp = json.loads(run(op, path).stdout)["rulebook"]
            text = run(op, path, "--format", "text").stdout.decode()
            self.assertIn(f"Rulebook: {stamp['id']} {stamp['version']}  SHA-256 {stamp['sha256']}\n", text,
                          f"{op} {name}")
        official = os.path.join(EX, "rulebook-official-format.json")
        stamp = json.loads(run("rulebook", "--rulebook", official).stdout)["rulebook"]
        text = run("score", os.path.join(EX, "scoresheet-official-format.json"), "--rulebook", official,
                   "--format", "text").stdout.decode()
        self.assertIn(f"SHA-256 {stamp['sha256']}", text)
        text = run("rulebook", "--format", "text").stdout.decode()
        self.assertRegex(text, r"SHA-256:? +[0-9a-f]{64}")

    def test_text_error_report(self):
        done = run("eligibility", "--format", "text", stdin=b'{"schema":"x"}')
        self.assertEqual(done.returncode, 3)
        self.assertRegex(done.stdout.decode(), r"Rulebook: sqp\.default \S+  SHA-256 [0-9a-f]{64}\n")


class Progress(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "long.jsonl")
        with open(cls.path, "w") as f:
            f.write("{}\n" * 30000)
        cls.size = os.path.getsize(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_progress_forced_on_a_pipe_shows_size_percentage_rate(self):
        done = run("rulebook", "--batch", "--progress", self.path)
        err = done.stderr.decode()
        self.assertEqual(done.returncode, 0, err)
        self.assertRegex(err, r"\rsqp: 30000 lines read, 0 not valid; ([\d.]+) of ([\d.]+) MB \(100%\), \d+ lines/s")
        total = float(re.findall(r"of ([\d.]+) MB", err)[-1])
        self.assertAlmostEqual(total, self.size / 1e6, places=1)
        self.assertEqual(done.stdout.count(b"\n"), 30000)

    def test_progress_on_standard_input_shows_bytes_read(self):
        with open(self.path, "rb") as f:
            done = run("rulebook", "--batch", "--progress", stdin=f.read())
        self.assertRegex(done.stderr.decode(), r"\rsqp: 30000 lines read, 0 not valid(; [\d.]+ MB)?, \d+ lines/s")

    def test_no_progress_on_a_terminal(self):
        master, slave = pty.openpty()
        proc = subprocess.Popen([CLI, "rulebook", "--batch", "--no-progress", self.path],
                                stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        terminal = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            terminal += chunk
        os.close(master)
        self.assertEqual(proc.wait(), 0)
        self.assertNotIn(b"lines read", terminal)

    def test_without_flags_a_pipe_gets_none(self):
        self.assertEqual(run("rulebook", "--batch", self.path).stderr, b"")


if __name__ == "__main__":
    unittest.main(verbosity=2)
