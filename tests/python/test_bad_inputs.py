"""The bad-input catalogue (tests/hardening/bad_inputs.json) through the Python, C ABI and CLI
doors, one document at a time and as JSON Lines batches. tests/hardening/bad_inputs_test.cpp reads
the same table for the C++ and C ABI doors; docs/hardening.md describes its format.

Every case must be refused with its documented code and JSON pointer, by every door alike; a batch
of bad lines (with good lines between them) must answer every line, in order, and carry on.
"""
import json
import os
import subprocess
import tempfile
import unittest

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TABLE = os.path.join(SRC, "tests", "hardening", "bad_inputs.json")
# CLI exit codes (CONTRACT.md §5): 3 invalid input; a rulebook is refused with 4.
EXIT_INPUT, EXIT_RULEBOOK = 3, 4
# A good document per operation, for the batches.
GOOD = {"eligibility": "docs/examples/application-eligible.json", "cycle": "docs/examples/cycle.json",
        "meeting": "docs/examples/meeting.json", "certificate": "docs/examples/certificate-valid.json",
        "score": "docs/examples/scoresheet-business-hall.json",
        "assess": "docs/examples/assessment.json", "rulebook": None,
        "bodies": "docs/examples/bodies.json",
        "case": "docs/examples/case-awarded.json"}


def _pieces(spec) -> bytes:
    """A piece list: strings (UTF-8), {"hex"}, {"repeat", "times"}, {"sequence", "count",
    "separator"} ("{}" in the sequence template is the index)."""
    if isinstance(spec, list):
        return b"".join(_pieces(p) for p in spec)
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    if "repeat" in spec:
        return (spec["repeat"] * spec["times"]).encode("utf-8")
    if "sequence" in spec:
        return spec.get("separator", "").join(
            spec["sequence"].replace("{}", str(i)) for i in range(spec["count"])).encode("utf-8")
    raise ValueError(f"unknown piece {spec!r}")


def _tokens(pointer):
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _parent(doc, pointer):
    *head, last = _tokens(pointer)
    for t in head:
        doc = doc[int(t)] if isinstance(doc, list) else doc[t]
    return doc, last


def _set(doc, pointer, value):
    parent, last = _parent(doc, pointer)
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        else:
            parent[int(last)] = value
    else:
        parent[last] = value


def _remove(doc, pointer):
    parent, last = _parent(doc, pointer)
    del parent[int(last) if isinstance(parent, list) else last]


def materialize(case) -> bytes:
    """The input bytes of a case: "text" pieces, or the "base" document with "remove", "set" and
    "raw" (bytes spliced in place of a value) applied and serialised compactly; then "truncate"
    (keep that many bytes; negative: drop that many from the end) and "append"."""
    if "text" in case:
        data = _pieces(case["text"])
    else:
        with open(os.path.join(SRC, case["base"]), encoding="utf-8") as f:
            doc = json.load(f)
        for pointer in case.get("remove", []):
            _remove(doc, pointer)
        for pointer, value in case.get("set", {}).items():
            _set(doc, pointer, value)
        raws = list(case.get("raw", {}).items())
        for i, (pointer, _) in enumerate(raws):
            _set(doc, pointer, f"@@RAW{i}@@")
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for i, (_, spec) in enumerate(raws):
            placeholder = f'"@@RAW{i}@@"'.encode()
            assert data.count(placeholder) == 1, case["id"]
            data = data.replace(placeholder, _pieces(spec))
    if "truncate" in case:
        data = data[:case["truncate"]]
    if "append" in case:
        data += _pieces(case["append"])
    return data


def load_cases():
    with open(TABLE, encoding="utf-8") as f:
        table = json.load(f)
    assert table["schema"] == "sqp.bad-inputs/1"
    return table["cases"]


class BadInputCatalogueTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cases = load_cases()
        cls.engine = sqp.Engine()

    def assert_error(self, case, document, door):
        where = f"{case['id']} via {door}"
        self.assertEqual(document.get("schema"), "sqp.error/1", where)
        self.assertEqual(document.get("code"), case["code"], f"{where}: {document.get('message')}")
        self.assertEqual(document.get("path"), case["path"], f"{where}: {document.get('message')}")
        self.assertTrue(document.get("errors"), where)
        self.assertEqual(document["errors"][0]["path"], case["path"], where)
        if "message_has" in case:
            self.assertIn(case["message_has"], document.get("message", ""), where)

    def test_catalogue_is_large_and_covers_every_operation(self):
        self.assertGreaterEqual(len(self.cases), 50)
        self.assertEqual(len({c["id"] for c in self.cases}), len(self.cases), "ids must be unique")
        self.assertEqual({c["op"] for c in self.cases},
                         set(GOOD) | {"rulebook-load"})

    def test_python_and_c_abi(self):
        for case in self.cases:
            data = materialize(case)
            with self.subTest(case=case["id"]):
                with self.assertRaises(sqp.SqpError) as cm:
                    if case["op"] == "rulebook-load":
                        sqp.Engine(data)
                    else:
                        self.engine.run_raw(case["op"], data)
                e = cm.exception
                self.assert_error(case, e.document, "Python")
                self.assertEqual((e.code, e.path), (case["code"], case["path"]))
                # The rulebook stamp is there exactly when an engine exists.
                self.assertEqual("rulebook" in e.document, case["op"] != "rulebook-load")

    def test_cli(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "input.json")
            for case in self.cases:
                with self.subTest(case=case["id"]):
                    data = materialize(case)
                    with open(path, "wb") as f:
                        f.write(data)
                    if case["op"] == "rulebook-load":
                        args, exit_code = [CLI, "rulebook", "validate", path, "--format", "json"], EXIT_RULEBOOK
                    else:
                        args, exit_code = [CLI, case["op"], path], EXIT_INPUT
                    run = subprocess.run(args, capture_output=True)
                    self.assertEqual(run.returncode, exit_code, case["id"])
                    self.assertTrue(run.stdout.endswith(b"\n") and run.stdout.count(b"\n") == 1)
                    document = json.loads(run.stdout)
                    self.assert_error(case, document, "CLI")
                    # The same document as the C ABI gives.
                    try:
                        if case["op"] == "rulebook-load":
                            sqp.Engine(data)
                        else:
                            self.engine.run_raw(case["op"], data)
                        self.fail(f"{case['id']}: accepted through the C ABI")
                    except sqp.SqpError as e:
                        self.assertEqual(document, e.document, case["id"])
                    if case["op"] == "rulebook-load":
                        # --rulebook FILE refuses to start, naming the problem's pointer.
                        run = subprocess.run([CLI, "rulebook", "--rulebook", path], capture_output=True)
                        self.assertEqual(run.returncode, EXIT_RULEBOOK, case["id"])
                        self.assertEqual(run.stdout, b"")
                        self.assertIn(case["path"].encode() or b"(document)", run.stderr)

    def batches(self):
        """Per operation: JSON Lines of every single-line bad case, a good document before, between
        and after them, and a blank line; with what each answer line must be."""
        for op, good_file in GOOD.items():
            if good_file is None:
                good = b"{}"
            else:
                with open(os.path.join(SRC, good_file), encoding="utf-8") as f:
                    good = json.dumps(json.load(f), ensure_ascii=False, separators=(",", ":")).encode()
            lines, expected = [good], [None]
            for case in self.cases:
                data = materialize(case)
                if case["op"] != op or b"\n" in data or b"\r" in data or not data.strip(b" \t"):
                    continue
                lines += [data, good]
                expected += [case, None]
            lines.insert(2, b"")  # a blank line is skipped, and still counted in line numbers
            yield op, b"\n".join(lines) + b"\n", expected

    def check_batch(self, op, output, expected, door):
        answers = output.split(b"\n")
        self.assertEqual(answers[-1], b"", door)
        answers = answers[:-1]
        self.assertEqual(len(answers), len(expected), f"{op} via {door}: one answer per line")
        for i, (answer, case) in enumerate(zip(answers, expected)):
            document = json.loads(answer)
            if case is None:
                self.assertNotEqual(document["schema"], "sqp.error/1", f"{op} good line via {door}")
            else:
                self.assert_error(case, document, f"{door} batch")
                # Input line numbers: answer i is input line i + 1, plus the blank line.
                self.assertEqual(document["line"], i + 1 + (1 if i >= 2 else 0), case["id"])

    def test_batches_answer_every_line_and_carry_on(self):
        for op, data, expected in self.batches():
            with self.subTest(op=op):
                self.assertGreater(len(expected), 3)
                self.check_batch(op, self.engine.batch_raw(op, data), expected, "C ABI")
                documents = self.engine.batch(op, [line for line in data.split(b"\n") if line.strip()])
                self.assertEqual(len(documents), len(expected) )
                if CLI:
                    run = subprocess.run([CLI, op, "--batch"], input=data, capture_output=True)
                    self.assertEqual(run.returncode, EXIT_INPUT, op)
                    self.check_batch(op, run.stdout, expected, "CLI")
                    run4 = subprocess.run([CLI, op, "--batch", "--threads", "4"], input=data,
                                          capture_output=True)
                    self.assertEqual(run4.stdout, run.stdout, f"{op}: --threads 4 changes the output")


    def test_blank_lines_are_the_same_for_every_batch_door(self):
        # Engine::IsBlankLine: only spaces, tabs and carriage returns (CRLF endings, " \r ",
        # "\r \r"); "\v" and "\f" are not JSON whitespace, so they are answered (with an error).
        data = (b'{}\n\n \n\t\n\r\n \r \n\r \r\n\r  \n{}\r\n{\r\n\v\n\f\n{} \r\n'
                b' \t{}\t\r\n[]\r\n{oops\n\r')
        out = sqp.Engine().batch_raw("rulebook", data)
        self.assertEqual(out.count(b"\n"), 9)
        if not CLI:
            self.skipTest("SQP_CLI not set")
        run = subprocess.run([CLI, "rulebook", "--batch", "-"], input=data, capture_output=True)
        self.assertEqual(run.returncode, EXIT_INPUT)
        self.assertEqual(run.stdout, out)

if __name__ == "__main__":
    unittest.main()
