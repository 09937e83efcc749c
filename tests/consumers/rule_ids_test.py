"""Every rule ID of the spec in the code, the tests and docs/rules.md (issue 17, item 5).

  rule_ids_test.py SOURCE_DIR [SPEC_DIR]

The spec's RULES.md (SPEC_DIR, default SOURCE_DIR/../shared/spec) is the project's requirement,
kept beside the repository, not in it: without it the test is skipped. Each ID it names must
appear in the code (src/, include/, capi/), in the tests (tests/, and the *_test.cpp beside the
rules in src/rules/) and in docs/rules.md, so that `grep -rn ELIG.CRITICISM` finds all three; a
test file does not count as code. The IDs not built yet are listed below and printed, and one
that is found everywhere must leave the list.
"""
import os
import re
import sys
import unittest

SOURCE = os.path.realpath(sys.argv[1])
SPEC = os.path.realpath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(SOURCE, "..", "shared", "spec")
del sys.argv[1:3]
ID = re.compile(r"\b(?:ELIG|CYCLE|VOTE|CERT|SUP|REVOKE|REAPPLY|SCORE|BODY|TEAM|PEOPLE|FEE|PROC|READ|INPUT)\.[A-Z][A-Z_]*\b")
# Every ID of the spec is built (issue 18 added PROC.* and TEAM.AUDITORS with the case).
NOT_YET: set = set()


def is_test(name):
    return name.endswith("_test.cpp")


def text_under(*dirs, keep=lambda name: True):
    chunks = []
    for d in dirs:
        for root, _, files in os.walk(os.path.join(SOURCE, d)):
            for name in files:
                if not keep(name):
                    continue
                if name.endswith((".cpp", ".hpp", ".def", ".h", ".c", ".py", ".json", ".jsonl", ".txt", ".in")):
                    with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                        chunks.append(f.read())
    return "\n".join(chunks)


class RuleIds(unittest.TestCase):
    def test_every_spec_id_in_code_tests_and_docs(self):
        rules = os.path.join(SPEC, "RULES.md")
        if not os.path.exists(rules):
            self.skipTest(f"no spec beside the repository ({rules})")
        with open(rules, encoding="utf-8") as f:
            ids = sorted(set(ID.findall(f.read())))
        self.assertGreater(len(ids), 40)
        code = text_under("src", "include", "capi", keep=lambda name: not is_test(name))
        tests = text_under("tests") + "\n" + text_under("src", keep=is_test)
        with open(os.path.join(SOURCE, "docs", "rules.md"), encoding="utf-8") as f:
            docs = f.read()
        missing = []
        for rule in ids:
            where = [name for name, text in (("code", code), ("tests", tests), ("docs/rules.md", docs))
                     if re.search(re.escape(rule) + r"\b", text) is None]
            if rule in NOT_YET:
                if not where:
                    missing.append(f"{rule} is built now: take it off NOT_YET")
                continue
            if where:
                missing.append(f"{rule} is not in {', '.join(where)}")
        print(f"{len(ids)} rule IDs in the spec; not built yet: {', '.join(sorted(NOT_YET))}")
        self.assertEqual(missing, [])
        self.assertFalse(NOT_YET - set(ids), "NOT_YET names an ID the spec does not have")


if __name__ == "__main__":
    unittest.main(verbosity=2)
