#!/usr/bin/env python3
"""Every answer the CLI gives on the bundled examples, held to a recorded SHA-256 each.

A refactor keeps the bytes of every output identical unless an issue says otherwise: this test
runs each example in docs/examples through its operation in every format, answer mode
(--messages) and unknown-member mode, under the compiled-in rulebook and under the official-format
one, plus the CRM export and the peers' applications as batches, and compares each answer's
digest (exit code, standard output and standard error) with tests/data/examples.sha256.

  examples_digest.py SQP_CLI            compare; print every answer that changed
  examples_digest.py SQP_CLI --update   record the digests anew (a deliberate output change)

The digests rather than the answers themselves are recorded to keep the file small; a changed
answer is named with the command that gives it, so it can be run and read.
"""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RECORD = os.path.join(HERE, "data", "examples.sha256")

# The operation each input schema goes to, and the formats it renders besides json and text.
OPERATIONS = {
    "sqp.application/1": ("eligibility", ()),
    "sqp.assessment/1": ("assess", ()),
    "sqp.bodies/1": ("bodies", ()),
    "sqp.case/1": ("case", ("ics", "svg")),
    "sqp.certificate/1": ("certificate", ("ics", "svg")),
    "sqp.cycle/1": ("cycle", ()),
    "sqp.meeting/1": ("meeting", ()),
    "sqp.scoresheet/1": ("score", ()),
}
RULEBOOKS = ("", "docs/examples/rulebook-official-format.json")
MESSAGES = ("both", "en", "zh", "none")
BATCHES = ("docs/examples/crm-export.jsonl", "tests/data/peers_edge_cases.jsonl",
           "tests/data/peers_generated.jsonl")


def commands():
    """(name, argv) of every answer recorded; names use paths relative to the repository."""
    examples = sorted(f for f in os.listdir(os.path.join(ROOT, "docs/examples"))
                      if f.endswith(".json"))
    for rulebook in RULEBOOKS:
        extra = ["--rulebook", rulebook] if rulebook else []
        yield ["rulebook"] + extra
        for example in examples:
            path = "docs/examples/" + example
            with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                schema = json.load(f).get("schema")
            if schema not in OPERATIONS:
                continue
            operation, renderings = OPERATIONS[schema]
            for unknown in ("reject", "note"):
                for messages in MESSAGES:
                    yield [operation, path, "--unknown-members", unknown,
                           "--messages", messages] + extra
                for fmt in ("text",) + renderings:
                    yield [operation, path, "--unknown-members", unknown, "--format", fmt] + extra
        for batch in BATCHES:
            for messages in MESSAGES:
                yield ["eligibility", "--batch", batch, "--unknown-members", "note",
                       "--messages", messages] + extra


def digest(cli, argv):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796268930", LC_ALL="C.UTF-8")
    run = subprocess.run([cli] + argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                         capture_output=True, timeout=600)
    h = hashlib.sha256()
    h.update(b"exit %d\n" % run.returncode)
    h.update(b"stdout %d\n" % len(run.stdout))
    h.update(run.stdout)
    h.update(b"stderr %d\n" % len(run.stderr))
    h.update(run.stderr)
    return h.hexdigest()


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--update"):
        sys.exit(__doc__)
    cli = os.path.abspath(sys.argv[1])
    now = {" ".join(argv): digest(cli, argv) for argv in commands()}
    if len(sys.argv) == 3:
        with open(RECORD, "w", encoding="utf-8") as f:
            for name, value in now.items():
                f.write(f"{value}  sqp {name}\n")
        print(f"recorded {len(now)} answers in {os.path.relpath(RECORD, ROOT)}")
        return
    recorded = {}
    with open(RECORD, encoding="utf-8") as f:
        for line in f:
            value, name = line.rstrip("\n").split("  sqp ", 1)
            recorded[name] = value
    changed = [n for n in now if n in recorded and recorded[n] != now[n]]
    added = [n for n in now if n not in recorded]
    gone = [n for n in recorded if n not in now]
    for title, names in (("changed", changed), ("not recorded", added), ("no longer run", gone)):
        for name in names:
            print(f"{title}: sqp {name}")
    print(f"{len(now)} answers, {len(changed)} changed, {len(added)} not recorded, "
          f"{len(gone)} no longer run")
    if changed or added or gone:
        print("If the change is deliberate (an issue asks for it), record it with "
              "tests/examples_digest.py SQP_CLI --update and say so in the commit.")
        sys.exit(1)


if __name__ == "__main__":
    main()
