"""Engine.batch over documents (issue 16, item 3): exactly one result per document, in order,
each the document run() gives for it (an error document also carries "line", the document's
1-based place in the list). Blank documents, CR and LF inside a document, and a raw newline in a
JSON string are answered one by one, never split, joined or changed."""
import json
import os
import unittest

import sqp

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def example(name):
    with open(os.path.join(SRC, "docs", "examples", name), encoding="utf-8") as f:
        return json.load(f)


def run_or_error(engine, operation, document):
    """What run() gives for one document: its result, or its sqp.error/1 document."""
    try:
        return engine.run(operation, document)
    except sqp.SqpError as e:
        return e.document


def without_line(document):
    return {k: v for k, v in document.items() if k != "line"}


class BatchDocumentsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqp.Engine()
        cls.doc = example("application-eligible.json")
        cls.doc2 = example("application-ineligible.json")

    def assert_like_run(self, operation, documents):
        results = self.engine.batch(operation, documents)
        self.assertEqual(len(results), len(documents), "one result per document")
        for i, (document, result) in enumerate(zip(documents, results)):
            expected = run_or_error(self.engine, operation, document)
            if expected.get("schema") == "sqp.error/1":
                self.assertEqual(result.get("line"), i + 1, f"document {i}: its place in the list")
                self.assertEqual(without_line(result), expected, f"document {i}: {document!r:.80}")
                # "line" sits where sqp_run_batch puts it: after "path".
                keys = list(result)
                self.assertEqual(keys.index("line"), keys.index("path") + 1)
            else:
                self.assertEqual(result, expected, f"document {i}")
        return results

    def test_blank_documents_each_get_their_own_result(self):
        for blank in ("", "  \t", b"\r", b"", "\n", " \r\n ", b"\r\n"):
            with self.subTest(blank=blank):
                results = self.assert_like_run("eligibility", [self.doc, blank, self.doc2])
                self.assertEqual([r["schema"] for r in results],
                                 ["sqp.eligibility/1", "sqp.error/1", "sqp.eligibility/1"])
                self.assertEqual(results[1]["code"], "invalid_json")
                self.assertEqual(results[2]["decision"], "ineligible")

    def test_raw_newline_inside_a_json_string_is_not_split_or_changed(self):
        text = json.dumps(self.doc, ensure_ascii=False).replace("APP-2026-0001", "APP-2026\n0001")
        self.assertIn("\n", text)
        with self.assertRaises(sqp.SqpError):
            self.engine.run("eligibility", text)  # a raw control character in a string: refused
        results = self.assert_like_run("eligibility", [self.doc, text, self.doc2])
        self.assertEqual(results[1]["schema"], "sqp.error/1")
        self.assertNotIn("APP-2026 0001", json.dumps(results, ensure_ascii=False))

    def test_documents_over_several_lines_are_answered_as_run_answers_them(self):
        pretty = json.dumps(self.doc, indent=2, ensure_ascii=False)
        crlf = pretty.replace("\n", "\r\n").encode("utf-8")
        results = self.assert_like_run("eligibility", [pretty, self.doc2, crlf, "{\n", self.doc])
        self.assertEqual([r.get("decision") for r in results],
                         ["eligible", "ineligible", "eligible", None, "eligible"])

    def test_mixed_batch_keeps_order_and_line_numbers(self):
        bad = dict(self.doc, applied_on="2026-02-30")
        documents = ["", self.doc, "not json", b"\r", bad, json.dumps(self.doc2, indent=1),
                     {"x": float("nan")}, "  ", self.doc2]
        results = self.assert_like_run("eligibility", documents)
        self.assertEqual([r.get("line") for r in results], [1, None, 3, 4, 5, None, 7, 8, None])
        self.assertEqual(results[6]["path"], "/x")

    def test_every_operation(self):
        for operation, name in (("certificate", "certificate-valid.json"), ("meeting", "meeting.json"),
                                ("score", "scoresheet-business-hall.json"), ("cycle", "cycle.json")):
            with self.subTest(operation=operation):
                doc = example(name)
                self.assert_like_run(operation, [doc, "", json.dumps(doc, indent=1), "\t", doc])

    def test_empty_list(self):
        self.assertEqual(self.engine.batch("eligibility", []), [])
        self.assertEqual(self.engine.batch("eligibility", iter([""])),
                         [dict(run_or_error(self.engine, "eligibility", ""), line=1)])


if __name__ == "__main__":
    unittest.main()
