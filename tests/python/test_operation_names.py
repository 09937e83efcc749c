"""An operation name is taken whole (issue 16, item 6, Python part): a name with a NUL in it is
no operation, so "eligibility\\0junk" is refused with the library's unknown-operation error, as
"frobnicate" is, by run, run_raw, batch and batch_raw alike; it never runs eligibility."""
import json
import os
import unittest

import sqp

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


class OperationNameTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqp.Engine()
        with open(os.path.join(SRC, "docs", "examples", "application-eligible.json"), encoding="utf-8") as f:
            cls.doc = json.load(f)

    def unknown(self, call, *args):
        with self.assertRaises(sqp.SqpError) as cm:
            call(*args)
        return cm.exception

    def test_nul_in_a_name_is_an_unknown_operation(self):
        reference = self.unknown(self.engine.run, "frobnicate", self.doc)
        line = json.dumps(self.doc)
        for name in ("eligibility\0junk", "eligibility\0", "\0eligibility", "rulebook\0"):
            for door, call, arg in (("run", self.engine.run, self.doc),
                                    ("run_raw", self.engine.run_raw, self.doc),
                                    ("batch", self.engine.batch, [self.doc, self.doc]),
                                    ("batch_raw", self.engine.batch_raw, line + "\n" + line)):
                with self.subTest(name=name, door=door):
                    e = self.unknown(call, name, arg)
                    self.assertEqual((e.code, e.status), ("unknown_operation", -6))
                    self.assertEqual(list(e.document), list(reference.document))
                    self.assertEqual(e.document["rulebook"], reference.document["rulebook"])
                    # The name is shown with its NUL escaped as \u0000 (by the library's own
                    # rules for echoing a name), then the operations one may mean.
                    self.assertTrue(e.message.startswith('unknown operation "'), e.message)
                    self.assertIn("u0000", e.message)
                    self.assertNotIn("\0", e.message)
                    for piece in name.split("\0"):
                        self.assertIn(piece, e.message)
                    tail = reference.message.split('"frobnicate"', 1)[1]
                    self.assertTrue(e.message.endswith(tail), e.message)
                    self.assertEqual(len(e.errors), 1)

    def test_an_unknown_name_fails_a_batch_whatever_its_documents(self):
        # The same refusal for no documents, blank ones and ones with line breaks as for plain
        # lines, as sqp_run_batch refuses an unknown operation on empty input.
        for documents in ([], [""], ["a\r\nb"], ["{}"], [{"schema": "x"}]):
            with self.subTest(documents=documents):
                with self.assertRaises(sqp.SqpError) as caught:
                    self.engine.batch("frobnicate", documents)
                self.assertEqual(caught.exception.code, "unknown_operation")
                self.assertEqual(caught.exception.status, -6)
        with self.assertRaises(sqp.SqpError):
            self.engine.batch_raw("frobnicate", b"")

    def test_operation_must_be_a_str(self):
        for name in (b"eligibility", None, 1):
            with self.subTest(name=name):
                with self.assertRaises(TypeError):
                    self.engine.run(name, self.doc)
                with self.assertRaises(TypeError):
                    self.engine.batch(name, [self.doc])


if __name__ == "__main__":
    unittest.main()
