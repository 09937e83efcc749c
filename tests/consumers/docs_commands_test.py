"""Docs that run as written (issue 19, item 8): every command in a ```sh block of README.md and
docs/*.md runs from the repository root, on the bundled files, in the build directory `build/`
(as .ci/build.sh makes it), with the built `sqp` first on PATH.

  docs_commands_test.py SOURCE_DIR BUILD_DIR

Each block runs in one bash (so `export` and `source` carry to its next lines); each command
(a line, with its backslash continuations) must exit 0, or N when its comment says "exit N".
A block that cannot run here is marked by the line before its fence,
`<!-- docs-test: skip: REASON -->`, and the reason is printed. Also: no command names a
placeholder file that is not in the repository, and bench/compare.py, copied where there is no
peers' checkout, says what to pass instead of failing on a missing directory.
"""
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

SOURCE, BUILD = (os.path.realpath(p) for p in sys.argv[1:3])
del sys.argv[1:3]
SKIP = re.compile(r"<!-- docs-test: skip: (.+?) -->\s*$")


def blocks():
    """(file, line, skip reason or None, [commands]) for every ```sh block."""
    files = [os.path.join(SOURCE, "README.md")] + sorted(glob.glob(os.path.join(SOURCE, "docs", "*.md")))
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        i = 0
        while i < len(lines):
            if lines[i].strip() in ("```sh", "```bash"):
                start = i
                skip = SKIP.search(lines[i - 1]) if i > 0 else None
                body = []
                i += 1
                while lines[i].strip() != "```":
                    body.append(lines[i])
                    i += 1
                commands, current = [], ""
                for line in body:
                    current += line
                    if current.endswith("\\"):
                        current = current[:-1] + " "
                        continue
                    if current.strip():
                        commands.append(current)
                    current = ""
                yield os.path.relpath(path, SOURCE), start + 1, skip.group(1) if skip else None, commands
            i += 1


def expected_exit(command):
    comment = re.search(r"\s#\s(.*)$", command)
    found = re.search(r"\bexit (\d+)\b", comment.group(1)) if comment else None
    return int(found.group(1)) if found else 0


class DocsCommands(unittest.TestCase):
    def test_every_command_runs_as_written(self):
        if os.path.realpath(os.path.join(SOURCE, "build")) != BUILD:
            self.skipTest(f"the docs use build/; this build is {BUILD}")
        env = dict(os.environ)
        env["PATH"] = os.path.join(BUILD, "src", "cli") + os.pathsep + env["PATH"]
        ran = skipped = 0
        for path, line, skip, commands in blocks():
            if skip:
                print(f"{path}:{line}: not run: {skip}")
                skipped += 1
                continue
            script = ["set -u"]
            for n, command in enumerate(commands):
                want = expected_exit(command)
                script.append(command)
                script.append(f'rc=$?; if [ "$rc" != {want} ]; then echo "DOCS-FAIL {n} $rc" >&2; exit 99; fi')
            with self.subTest(f"{path}:{line}"):
                # A session of its own, so that a block running too long is ended with its children.
                proc = subprocess.Popen(["bash", "-c", "\n".join(script)], cwd=SOURCE, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
                try:
                    out, err = proc.communicate(timeout=300)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.communicate()
                    self.fail(f"{path}:{line}: still running after 300 s (mark it skipped, with the reason)")
                done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
                print(f"{path}:{line}: {len(commands)} commands run", flush=True)
                failed = re.search(r"DOCS-FAIL (\d+) (\d+)", done.stderr)
                self.assertIsNone(failed, f"{path}:{line}: `{commands[int(failed.group(1))]}` exited "
                                          f"{failed.group(2) if failed else ''}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
                                  if failed else "")
                self.assertEqual(done.returncode, 0, f"{path}:{line}: {done.stderr[-2000:]}")
                ran += 1
        print(f"{ran} blocks run, {skipped} not run (reasons above)")
        self.assertGreater(ran, 5)

    def test_no_placeholder_files(self):
        for path, line, skip, commands in blocks():
            for command in commands:
                for word in re.findall(r"[\w./-]+\.(?:jsonl|json|c)\b", command.split(" # ")[0]):
                    if word.startswith(("build/", "$")):
                        continue  # written by the commands themselves
                    self.assertTrue(os.path.exists(os.path.join(SOURCE, word)),
                                    f"{path}:{line}: {word} is not in the repository: {command}")

    def test_no_machine_paths(self):
        for path in [os.path.join(SOURCE, "README.md")] + glob.glob(os.path.join(SOURCE, "docs", "*.md")):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for bad in [r"(?<![\w.])/(work|home|root)/", r"CONTRACT\.md", r"RULES\.md"]:
                found = re.search(bad, text)
                self.assertIsNone(found, f"{os.path.relpath(path, SOURCE)}: {found and text[found.start() - 40:found.end() + 40]!r}")

    def test_compare_py_says_what_to_pass(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "repo", "bench"))
            shutil.copy(os.path.join(SOURCE, "bench", "compare.py"), os.path.join(tmp, "repo", "bench"))
            done = subprocess.run([sys.executable, os.path.join(tmp, "repo", "bench", "compare.py")],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 2, done.stderr)
            self.assertIn("--peers DIR", done.stderr)
            self.assertIn("--skip-peers", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
