"""The CLI as a Unix tool (issue 9): a progress line on stderr for long --batch runs only when
stderr is a terminal, stdout untouched by it, --help with examples, diagnostics on stderr.

usage: cli_unix_test.py SQP_CLI
"""
import os
import pty
import re
import subprocess
import sys
import tempfile
import unittest

CLI = sys.argv.pop(1) if __name__ == "__main__" else os.environ.get("SQP_CLI", "")
BLOCK = 8192  # at least the lines per block of the CLI's batch loop (kBlockLines, src/cli/batch.cpp)
PROGRESS = re.compile(r"\rsqp: (\d+) lines read, (\d+) not valid")


def run_with_terminal_stderr(args, stdin_path):
    """Runs the CLI with stderr on a pseudo-terminal; returns (exit code, stdout, terminal text)."""
    master, slave = pty.openpty()
    with open(stdin_path, "rb") as stdin:
        proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    terminal = b""
    stdout = proc.stdout.read()
    proc.stdout.close()
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return proc.wait(), stdout, terminal.decode("utf-8", "replace")


class BatchProgress(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.long = os.path.join(cls.tmp.name, "long.jsonl")
        cls.lines = BLOCK * 2 + 5
        with open(cls.long, "w") as f:
            for i in range(cls.lines):
                f.write("{}\n" if i != 7 else "{\"x\":\n")  # one malformed line
        cls.short = os.path.join(cls.tmp.name, "short.jsonl")
        with open(cls.short, "w") as f:
            f.write("{}\n" * 10)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_long_run_on_a_terminal_shows_progress(self):
        code, stdout, terminal = run_with_terminal_stderr([CLI, "rulebook", "--batch"], self.long)
        self.assertEqual(code, 3)  # one line was not valid input
        shown = [(int(a), int(b)) for a, b in PROGRESS.findall(terminal)]
        # At least one line while running (after a block), then the final count.
        self.assertGreaterEqual(len(shown), 2, terminal)
        self.assertTrue(0 < shown[0][0] < self.lines, shown)
        self.assertEqual(shown[-1], (self.lines, 1))
        self.assertEqual([n for n, _ in shown], sorted(n for n, _ in shown))
        # The progress line is ended before the summary diagnostic.
        self.assertRegex(terminal, rf"not valid[^\r\n]*\r\nsqp: 1 of {self.lines} lines were not valid input")
        self.assertEqual(stdout.count(b"\n"), self.lines)
        self.assertNotIn(b"lines read", stdout)

    def test_short_run_on_a_terminal_shows_none(self):
        code, stdout, terminal = run_with_terminal_stderr([CLI, "rulebook", "--batch"], self.short)
        self.assertEqual(code, 0)
        self.assertEqual(terminal, "")
        self.assertEqual(stdout.count(b"\n"), 10)

    def test_no_progress_when_stderr_is_not_a_terminal(self):
        with open(self.long, "rb") as stdin:
            done = subprocess.run([CLI, "rulebook", "--batch"], stdin=stdin, capture_output=True)
        self.assertEqual(done.returncode, 3)
        self.assertNotIn(b"lines read", done.stderr)
        self.assertEqual(done.stderr, f"sqp: 1 of {self.lines} lines were not valid input\n".encode())


class UnixBehaviour(unittest.TestCase):
    def test_help_has_usage_and_examples_on_stdout(self):
        done = subprocess.run([CLI, "--help"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0)
        self.assertIn("Usage:", done.stdout)
        self.assertIn("Examples:", done.stdout)
        self.assertIn("--batch", done.stdout)
        self.assertEqual(done.stderr, "")

    def test_usage_errors_go_to_stderr_with_exit_2(self):
        done = subprocess.run([CLI, "frobnicate"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stdout, "")
        self.assertIn("unknown operation", done.stderr)

    def test_stdin_dash_and_json_lines_out(self):
        done = subprocess.run([CLI, "rulebook", "--batch", "-"], input="{}\n\n{}\n",
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0)
        self.assertEqual(len(done.stdout.splitlines()), 2)
        self.assertEqual(done.stderr, "")

    def test_text_reports_show_control_characters_escaped(self):
        """Issue 16, item 6: NUL, ESC and C1 controls from the input never reach the terminal."""
        import json
        source = os.environ.get("SQP_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
        with open(os.path.join(source, "docs", "examples", "application-eligible.json"), encoding="utf-8") as f:
            doc = json.load(f)
        doc["application_id"] = "Hall\u0000\u001b[2J\u009b31m\u007f one"
        for fmt in ("text", "json"):
            done = subprocess.run([CLI, "eligibility", "-", "--format", fmt], input=json.dumps(doc).encode(),
                                  capture_output=True)
            self.assertIn(done.returncode, (0, 3))
            if fmt == "json":
                self.assertNotIn(b"\x1b", done.stdout)  # JSON escapes them itself
                continue
            for bad in (b"\x00", b"\x1b", b"\xc2\x9b", b"\x7f"):
                self.assertNotIn(bad, done.stdout)
            self.assertIn(b"Hall\\x00\\x1B[2J\\u009B31m\\x7F one", done.stdout)
        # The error report and the message on stderr too.
        done = subprocess.run([CLI, "meeting", "-", "--format", "text"],
                              input=b'{"schema":"sqp.meeting/1","body":"x\\u001b[2J"}', capture_output=True)
        self.assertEqual(done.returncode, 3)
        self.assertNotIn(b"\x1b", done.stdout + done.stderr)


if __name__ == "__main__":
    unittest.main()
