"""A --batch line far over max_input_bytes (issue 16, item 2): refused as soon as it is known
to be too long, skipped to its end in constant memory, in time linear in its length.

  long_line_test.py SQP_CLI

- the answer is the limit_exceeded line RunToDocument gives for the whole line (its line
  number, its size in bytes), and the lines around it are answered as without it;
- a CRLF ending, a byte order mark on line 1, a blank long line (no answer), a long last line
  without '\\n', one and two threads;
- time: a 50 MB line against a 5 MB line, measured in this one run, is about 10 (linear), not
  about 100 (the quadratic search it replaced); the test allows up to 30;
- memory: the peak RSS of the run on the 50 MB line (getrusage of the child) stays under 32 MiB.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import unittest

SQP = os.path.realpath(sys.argv[1])
# The peak RSS allowed, MiB: 32, or more for a sanitizer build (its shadow memory and quarantine).
MAX_RSS_MIB = float(sys.argv[2]) if len(sys.argv) > 2 else 32
del sys.argv[1:3]
LIMIT = 4 << 20  # the default max_input_bytes
GOOD = json.dumps({"schema": "sqp.meeting/1", "body": "final_review", "mode": "in_person",
                   "members": 9, "present": 6,
                   "motions": [{"subject": "A", "decision": "agree_preliminary",
                                "for": 6, "against": 0, "abstain": 0}]})


def long_line(total):
    """A meeting document of `total` bytes: a huge subject string."""
    head = '{"schema":"sqp.meeting/1","motions":[{"subject":"'
    tail = '"}]}'
    return head + "x" * (total - len(head) - len(tail)) + tail


def run(path, *extra):
    done = subprocess.run([SQP, "meeting", "--batch", *extra, path], capture_output=True)
    return done.returncode, done.stdout.decode("utf-8").splitlines(), done.stderr.decode()


class LongLine(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_one_document_far_over_the_limit_is_counted_not_held(self):
        path = self.write_long("one.json", 30_000_000)
        size = os.path.getsize(path)
        done = subprocess.run([SQP, "meeting", path], capture_output=True)
        self.assertEqual(done.returncode, 3)
        error = json.loads(done.stdout)
        self.assertEqual(error["code"], "limit_exceeded")
        self.assertIn(f"input of {size} bytes exceeds the limit of {LIMIT} bytes", error["message"])
        # The same bytes as for a document just over the limit, which is held whole.
        just = self.write("just.json", (long_line(LIMIT + 1)).encode())
        held = subprocess.run([SQP, "meeting", just], capture_output=True).stdout.decode()
        self.assertEqual(held, done.stdout.decode().replace(str(size), str(LIMIT + 1)))
        probe = ("import os, sys\n"
                 "pid = os.fork()\n"
                 "if pid == 0:\n"
                 "    fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1); os.dup2(fd, 2)\n"
                 "    os.execv(sys.argv[1], sys.argv[1:])\n"
                 "print(os.wait4(pid, 0)[2].ru_maxrss)\n")
        rss = subprocess.run([sys.executable, "-c", probe, SQP, "meeting", path],
                             capture_output=True, text=True, check=True)
        self.assertLess(int(rss.stdout) / 1024, MAX_RSS_MIB)

    def test_refused_with_its_line_and_size_and_the_rest_answered(self):
        big = long_line(LIMIT * 3)
        for threads in ("1", "2"):
            path = self.write("a.jsonl", (GOOD + "\n" + big + "\r\n" + GOOD + "\n").encode())
            rc, lines, _ = run(path, "--threads", threads)
            self.assertEqual(rc, 3)
            self.assertEqual(len(lines), 3)
            self.assertEqual(lines[0], lines[2].replace('"line":3', '"line":1'))
            error = json.loads(lines[1])
            self.assertEqual(error["code"], "limit_exceeded")
            self.assertEqual(error["line"], 2)
            self.assertIn(f"input of {len(big)} bytes exceeds the limit of {LIMIT} bytes", error["message"])
            # The same answer as for a line just over the limit, which is held and parsed.
            just = long_line(LIMIT + 1)
            rc, held, _ = run(self.write("b.jsonl", (GOOD + "\n" + just + "\n").encode()), "--threads", threads)
            self.assertEqual(held[1], lines[1].replace(str(len(big)), str(len(just))))

    def test_first_line_with_a_byte_order_mark_blank_and_last_lines(self):
        big = long_line(LIMIT * 2)
        path = self.write("c.jsonl", b"\xef\xbb\xbf" + big.encode() + b"\n" + b" " * (LIMIT * 2) +
                          b"\n" + GOOD.encode() + b"\n" + big.encode())
        rc, lines, _ = run(path)
        self.assertEqual(rc, 3)
        self.assertEqual(len(lines), 3)  # the blank long line gets no answer
        first, last = json.loads(lines[0]), json.loads(lines[2])
        self.assertEqual((first["line"], last["line"]), (1, 4))
        self.assertIn(f"input of {len(big)} bytes", first["message"])  # the BOM is no part of it
        self.assertIn(f"input of {len(big)} bytes", last["message"])
        self.assertEqual(json.loads(lines[1])["schema"], "sqp.meeting-result/1")

    def write_long(self, name, total):
        """long_line(total) + a good line, written in pieces: this process never holds the line,
        so the forked child's RSS before exec (which ru_maxrss counts) stays small."""
        head = '{"schema":"sqp.meeting/1","motions":[{"subject":"'
        tail = '"}]}'
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(head.encode())
            left = total - len(head) - len(tail)
            piece = b"x" * (1 << 20)
            while left > 0:
                f.write(piece[:left])
                left -= len(piece)
            f.write((tail + "\n" + GOOD + "\n").encode())
        return path

    def test_linear_time_and_bounded_memory(self):
        small = self.write_long("5mb.jsonl", 5_000_000)
        large = self.write_long("50mb.jsonl", 50_000_000)
        run(small)  # warm the page cache and the binary
        timings = {}
        for name, path in (("5", small), ("50", large), ("5", small), ("50", large)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            rc, lines, _ = run(path)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            self.assertEqual((rc, len(lines)), (3, 2))
            timings.setdefault(name, []).append(max(elapsed, 1e-4))
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            timings.setdefault(name + "cpu", []).append(max(cpu, 1e-4))
        ratio = min(timings["50"]) / min(timings["5"])
        print(f"50 MB line: {min(timings['50']):.3f} s, 5 MB line: {min(timings['5']):.3f} s, "
              f"ratio {ratio:.1f} (cpu {min(timings['50cpu']) / min(timings['5cpu']):.1f})")
        self.assertLess(ratio, 30)
        # The peak RSS of one run on the 50 MB line, from wait4 (KiB on Linux) in a small fresh
        # Python: ru_maxrss counts the forked child's pages before exec, and this process holds
        # the earlier tests' data.
        probe = ("import os, sys\n"
                 "pid = os.fork()\n"
                 "if pid == 0:\n"
                 "    fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1)\n"
                 "    os.execv(sys.argv[1], sys.argv[1:])\n"
                 "print(os.wait4(pid, 0)[2].ru_maxrss)\n")
        done = subprocess.run([sys.executable, "-c", probe, SQP, "meeting", "--batch", large],
                              capture_output=True, text=True, check=True)
        peak_mib = int(done.stdout) / 1024
        print(f"peak RSS of the runs: {peak_mib:.1f} MiB")
        self.assertLess(peak_mib, MAX_RSS_MIB)


if __name__ == "__main__":
    unittest.main(verbosity=2)
