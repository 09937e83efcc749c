"""Engine(rulebook=...) takes a path as well as JSON text or a dict (issue 19, item 5): an
os.PathLike, or a str that names an existing file and is not JSON text. A str of JSON text is
JSON text, as before, even when a file of that name exists."""
import json
import os
import pathlib
import tempfile
import unittest

import sqp

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT = os.path.join(SRC, "src", "rulebook", "default_rulebook.json")
OFFICIAL = os.path.join(SRC, "docs", "examples", "rulebook-official-format.json")


class EngineRulebookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sha = sqp.Engine().rulebook()["sha256"]
        with open(DEFAULT, encoding="utf-8") as f:
            cls.text = f.read()

    def sha256(self, rulebook):
        with sqp.Engine(rulebook=rulebook) as engine:
            return engine.rulebook()["sha256"]

    def test_every_form_gives_the_same_rulebook(self):
        forms = {
            "pathlib.Path": pathlib.Path(DEFAULT),
            "str path": DEFAULT,
            "relative str path": os.path.relpath(DEFAULT),
            "JSON text": self.text,
            "JSON text, indented and after white space": "\n  " + json.dumps(json.loads(self.text), indent=3),
            "JSON bytes": self.text.encode("utf-8"),
            "dict": json.loads(self.text),
        }
        for name, rulebook in forms.items():
            with self.subTest(form=name):
                self.assertEqual(self.sha256(rulebook), self.sha)

    def test_a_path_to_another_rulebook(self):
        with open(OFFICIAL, encoding="utf-8") as f:
            expected = self.sha256(f.read())
        self.assertEqual(self.sha256(pathlib.Path(OFFICIAL)), expected)
        self.assertEqual(self.sha256(OFFICIAL), expected)

    def test_json_text_wins_over_a_file_of_that_name(self):
        with tempfile.TemporaryDirectory() as tmp:
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                text = '{"schema":"sqp.rulebook-1","id":"sqp.default"'  # no "/" in a file name
                with open(text, "w", encoding="utf-8") as f:  # a file named like JSON text
                    f.write(self.text)
                with self.assertRaises(sqp.SqpError) as cm:  # read as (cut) JSON text
                    sqp.Engine(rulebook=text)
                self.assertEqual(cm.exception.code, "invalid_json")
            finally:
                os.chdir(cwd)

    def test_a_bad_rulebook_file_is_refused_by_pointer(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp, "broken.json")
            doc = json.loads(self.text)
            doc["calendar"]["acceptance_months"] = [13]
            path.write_text(json.dumps(doc), encoding="utf-8")
            for rulebook in (path, str(path)):
                with self.assertRaises(sqp.SqpError) as cm:
                    sqp.Engine(rulebook=rulebook)
                self.assertEqual(cm.exception.code, "invalid_rulebook")
                self.assertIn("/calendar/acceptance_months/0", [e["path"] for e in cm.exception.errors])

    def test_missing_files(self):
        with self.assertRaises(FileNotFoundError):
            sqp.Engine(rulebook=pathlib.Path(SRC, "no-such-rulebook.json"))
        # A str that is neither JSON text nor a file is read as JSON text, as before.
        with self.assertRaises(sqp.SqpError) as cm:
            sqp.Engine(rulebook="no-such-rulebook.json")
        self.assertEqual(cm.exception.code, "invalid_json")
        self.assertIn("neither JSON text nor the path of a file", cm.exception.message)


if __name__ == "__main__":
    unittest.main()
