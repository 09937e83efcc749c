"""help(sqp.Engine) reads like a manual (issue 19, item 5): every public method, the module's
functions and SqpError have a docstring with an example, and every example runs as shown
(doctest, from the root of the source tree, where the examples' docs/examples files are)."""
import doctest
import inspect
import json
import os
import pydoc
import unittest

import sqp
import test_frame  # its pandas import (Debian's python3-pandas, found as that test finds it)

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def public_methods():
    return [name for name, value in vars(sqp.Engine).items()
            if callable(value) and (not name.startswith("_") or name == "__init__")]


class ManualTest(unittest.TestCase):
    def test_every_public_method_has_an_example(self):
        names = public_methods()
        for expected in ("run", "batch", "frame", "eligibility", "check_vote", "certificate_dates",
                         "rulebook", "close", "__init__"):
            self.assertIn(expected, names)
        for name in names:
            with self.subTest(method=name):
                doc = inspect.getdoc(getattr(sqp.Engine, name)) or ""
                self.assertIn(">>> ", doc, f"Engine.{name} has no example")
                self.assertGreater(len(doc.split("\n>>> ")[0]), 40, f"Engine.{name}: say what it does")
        for thing in (sqp, sqp.Engine, sqp.SqpError, sqp.version, sqp.library_path):
            with self.subTest(thing=thing.__name__):
                self.assertTrue(inspect.getdoc(thing), thing)
        for thing in (sqp.Engine, sqp.SqpError, sqp.version, sqp.library_path):
            self.assertIn(">>> ", inspect.getdoc(thing))

    def test_help_reads_like_a_manual(self):
        text = pydoc.render_doc(sqp.Engine, renderer=pydoc.plaintext)
        for name in public_methods():
            self.assertIn(name, text)
        self.assertGreaterEqual(text.count(">>> "), len(public_methods()))
        self.assertIn("frame(self, operation", text)

    def test_every_example_runs_as_shown(self):
        tests = doctest.DocTestFinder(exclude_empty=True).find(sqp, "sqp")
        if test_frame.pd is None:
            if test_frame.in_ci():
                self.fail(f"CI is set, so pandas must be there: {test_frame.PANDAS_MISSING}")
            tests = [t for t in tests if t.name != "sqp.Engine.frame"]
            print(f"Engine.frame's example not run: {test_frame.PANDAS_MISSING}")
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        cwd = os.getcwd()
        os.chdir(SRC)
        try:
            examples, reports = 0, []
            for test in sorted(tests, key=lambda t: t.name):
                test.globs = {"sqp": sqp, "json": json, "engine": sqp.Engine()}
                examples += len(test.examples)
                runner.run(test, out=reports.append)  # not print: doctest swaps sys.stdout
        finally:
            os.chdir(cwd)
        result = runner.summarize(verbose=False)
        self.assertEqual(result.failed, 0, "an example in sqp's docstrings does not run as "
                                           "shown:\n" + "".join(reports))
        self.assertGreater(examples, 50)


if __name__ == "__main__":
    unittest.main()
