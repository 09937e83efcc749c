#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/hardening/fuzz/corpus/<target>/) from the
bundled examples, so the seeds follow the documents' current shape. Run from anywhere:

    python3 tests/hardening/fuzz/make_corpus.py

Files are named by the SHA-1 of their content, as libFuzzer names what it adds; existing files
are kept, so inputs merged in from long runs (libFuzzer -merge=1) stay.
"""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
EXAMPLES = os.path.join(ROOT, "docs", "examples")
# Contract order: the selector byte of fuzz_operations and fuzz_batch.
OPERATIONS = ["eligibility", "cycle", "meeting", "certificate", "score", "assess", "rulebook"]
PREFIXES = {"application-": "eligibility", "cycle": "cycle", "meeting": "meeting",
            "certificate-": "certificate", "scoresheet-": "score", "assessment": "assess"}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def compact(data):
    return json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def examples():
    for name in sorted(os.listdir(EXAMPLES)):
        if not name.endswith(".json"):
            continue
        for prefix, op in PREFIXES.items():
            if name.startswith(prefix):
                yield op, read(os.path.join(EXAMPLES, name))


def main():
    by_op = {}
    for op, data in examples():
        by_op.setdefault(op, []).append(data)
        sel = bytes([OPERATIONS.index(op)])
        write("operations", sel + compact(data))
        write("json", b"\x20\x3f\x0f\x0f" + compact(data))
        write("json", b"\x03\x05\x03\x03" + data)
    write("operations", bytes([OPERATIONS.index("rulebook")]) + b"{}")
    write("json", b"\x05\x05\x05\x05" + b'{"a":[1,-2,3.5e1,true,null,"\\u00e9\\ud83d\\ude00"],"a\\/b":{}}')
    for op, docs in by_op.items():
        lines = [compact(d) for d in docs]
        lines.insert(1, b'{"schema":"sqp.wrong/1"}')
        lines.append(b"   ")
        lines.append(b"{not json")
        write("batch", bytes([OPERATIONS.index(op)]) + b"\n".join(lines) + b"\r\n")
    write("batch", bytes([OPERATIONS.index("eligibility")]) + read(os.path.join(EXAMPLES, "crm-export.jsonl")))
    write("rulebook", read(os.path.join(ROOT, "src", "rulebook", "default_rulebook.json")))
    write("rulebook", compact(read(os.path.join(ROOT, "src", "rulebook", "default_rulebook.json"))))
    write("rulebook", read(os.path.join(EXAMPLES, "rulebook-official-format.json")))


if __name__ == "__main__":
    main()
