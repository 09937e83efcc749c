"""The results are TypedDicts (issue 19, item 5): mypy --strict refuses a misspelt result key
(result["decison"], an error document's "paht") and accepts the right ones; at run time they
are the same plain dicts as before. Runs the mypy on PATH (Debian: mypy); skipped without it."""
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest

import sqp

GOOD = '''
import sqp

def decision(engine: sqp.Engine, application: sqp.Document) -> str:
    result: sqp.EligibilityResult = engine.eligibility(application)
    failed = [f["rule"] for f in result["findings"] if f["status"] == "fail"]
    window = result["window"]["from"] + ".." + result["window"]["to"]
    stamp: sqp.RulebookStamp = result["rulebook"]
    return f"{result['decision']} {failed} {window} {result['eligible_from']} {stamp['sha256']}"

def problem(engine: sqp.Engine) -> str:
    try:
        engine.run("eligibility", "{}")
    except sqp.SqpError as e:
        document: sqp.ErrorDocument = e.document
        return f"{document['path']} {document['errors'][0]['message']} {document.get('line')}"
    return engine.rulebook()["sha256"] + str(engine.check_vote("expert_review", 9, 6, 4)["passed"])

def case(engine: sqp.Engine, document: sqp.Document) -> str:
    status: sqp.CaseStatus = engine.case(document)
    outcome: sqp.CaseOutcome = status["outcome"]
    due = [(n["step"], n["due_by"], n["overdue"]) for n in status["next"]]
    defects = [f["evidence"] for f in status["findings"] if f["status"] == "fail"]
    certificate = status["certificate"]
    until = certificate["valid_until"] if certificate is not None else None
    review = status["final_review"]
    votes = review["motions"][0]["for"] if review is not None else 0
    return f"{outcome} {status['stage']} {due} {defects} {until} {votes} {status['calendar'].get('batch')}"
'''

BAD = '''
import sqp

engine = sqp.Engine()
result = engine.eligibility({})
print(result["decison"])                                      # line 6
print(result["findings"][0]["rul"])                           # line 7
print(engine.check_vote("expert_review", 9, 6, 4)["pased"])   # line 8
print(engine.certificate_dates("2026-03-20")["valid_untill"]) # line 9
try:
    engine.run("eligibility", {})
except sqp.SqpError as e:
    print(e.document["paht"])                                 # line 13
status = engine.case({})
print(status["outcom"])                                       # line 15
print(status["next"][0]["due"])                               # line 16
'''


class TypedResultsTest(unittest.TestCase):
    def mypy(self, source):
        tool = shutil.which("mypy")
        if not tool:
            self.skipTest("mypy is not installed (Debian: mypy)")
        package_dir = os.path.dirname(os.path.dirname(os.path.abspath(sqp.__file__)))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "user_code.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(textwrap.dedent(source))
            # mypy never loads libsqp: no sanitizer runtime preloaded into it (SQP_SANITIZE).
            env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
            env["MYPYPATH"] = package_dir
            done = subprocess.run([tool, "--strict", "--no-error-summary", "--cache-dir",
                                   os.path.join(tmp, "cache"), path],
                                  capture_output=True, text=True, env=env, timeout=300)
        return done.returncode, done.stdout.replace(path, "user_code.py")

    def test_right_keys_pass(self):
        code, out = self.mypy(GOOD)
        self.assertEqual((code, out), (0, ""))

    def test_misspelt_keys_are_caught(self):
        code, out = self.mypy(BAD)
        self.assertEqual(code, 1, out)
        for line, typed_dict, key in ((6, "EligibilityResult", "decison"), (7, "Finding", "rul"),
                                      (8, "VoteResult", "pased"),
                                      (9, "CertificateDates", "valid_untill"),
                                      (13, "ErrorDocument", "paht"),
                                      (15, "CaseStatus", "outcom"), (16, "CaseNext", "due")):
            self.assertRegex(out, rf'user_code\.py:{line}: error: TypedDict "{typed_dict}" has no '
                                  rf'key "{key}"')

    def test_at_run_time_results_are_plain_dicts(self):
        engine = sqp.Engine()
        self.assertIs(type(engine.rulebook()), dict)
        self.assertIs(type(engine.check_vote("expert_review", 9, 6, 4)), dict)
        with self.assertRaises(sqp.SqpError) as cm:
            engine.run("eligibility", "{}")
        self.assertIs(type(cm.exception.document), dict)
        self.assertEqual(json.loads(engine.run_raw("rulebook", {})), engine.rulebook())


if __name__ == "__main__":
    unittest.main()
