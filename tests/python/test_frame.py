"""Engine.frame(operation, df) for analysts (issue 19, item 5): a pandas DataFrame of documents
in (rows as pd.read_json(path, lines=True) makes them, NaN for absent members), a DataFrame of
decisions out, one row per input row with the same index. pandas stays optional: `import sqp`
works without it and frame() then names python3-pandas.

pandas is Debian's python3-pandas (.ci/install-deps.sh). When the interpreter running the tests
cannot import it (a pyenv or venv Python does not see Debian's dist-packages), Debian's
dist-packages directory is tried; if pandas is still missing the pandas tests are skipped with the
reason, except in CI (the environment variable CI set, as CI services set it): there
install-deps has installed it, so a missing pandas fails the tests instead of hiding them.
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import sqp

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
# The peers' generator sits beside the checkout (../shared/peers/gen.py, as in CI).
GEN = os.path.join(SRC, "..", "shared", "peers", "gen.py")
# Where Debian's python3-* packages live, for interpreters other than Debian's own python3.
DEBIAN_DIST_PACKAGES = os.path.join(os.sep, "usr", "lib", "python3", "dist-packages")
ROWS = 10000


def in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def import_pandas():
    """(pandas, None), or (None, why not)."""
    try:
        import pandas
        return pandas, None
    except ImportError as e:
        first = e
    if os.path.isdir(DEBIAN_DIST_PACKAGES) and DEBIAN_DIST_PACKAGES not in sys.path:
        sys.path.append(DEBIAN_DIST_PACKAGES)  # after everything else: it shadows nothing
        try:
            import pandas
            return pandas, None
        except ImportError as e:
            sys.path.remove(DEBIAN_DIST_PACKAGES)
            return None, (f"pandas cannot be imported by {sys.executable} ({first}), nor from "
                          f"Debian's dist-packages ({e}); install python3-pandas")
    return None, f"pandas cannot be imported by {sys.executable} ({first}); install python3-pandas"


pd, PANDAS_MISSING = import_pandas()


def example(name):
    with open(os.path.join(SRC, "docs", "examples", name), encoding="utf-8") as f:
        return json.load(f)


def generated_lines(n, seed=19):
    """n applications as JSON Lines: from the peers' gen.py when it is there, else made from the
    bundled examples by varying them (ids, dates, absent members, a failing rule)."""
    if os.path.exists(GEN):
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}  # no libsqp in it
        done = subprocess.run([sys.executable, GEN, str(n), str(seed)], capture_output=True,
                              check=True, timeout=300, env=env)
        return done.stdout.decode("utf-8").splitlines(), "gen.py"
    bases = [example(f"application-{k}.json") for k in ("eligible", "ineligible", "pending")]
    lines = []
    for i in range(n):
        doc = json.loads(json.dumps(bases[i % 3]))
        doc["application_id"] = f"APP-GEN-{i:06d}"
        doc["applied_on"] = f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}"
        if i % 4 == 0:
            doc.pop("accidents", None)  # absent: NaN in its column
        if i % 7 == 0:
            doc["site"] = dict(doc["site"], staff_count=1 + i % 3)
        lines.append(json.dumps(doc, ensure_ascii=False))
    return lines, "docs/examples variations"


class WithoutPandasTest(unittest.TestCase):
    def test_import_sqp_needs_no_pandas_and_frame_names_the_package(self):
        code = ("import sys; sys.modules['pandas'] = None\n"  # import pandas now fails
                "import sqp\n"
                "assert 'pandas' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
                "try:\n"
                "    sqp.Engine().frame('eligibility', None)\n"
                "except ImportError as e:\n"
                "    print(e)\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=dict(os.environ), timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("python3-pandas", done.stdout)
        self.assertIn("frame", done.stdout)


class FrameTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if pd is None:
            if in_ci():
                raise AssertionError(f"CI is set, so pandas must be there: {PANDAS_MISSING}")
            raise unittest.SkipTest(PANDAS_MISSING)
        cls.engine = sqp.Engine()

    def run_or_error(self, document, operation="eligibility"):
        try:
            return self.engine.run(operation, document)
        except sqp.SqpError as e:
            return e.document

    def assert_row_matches(self, row, expected, where):
        """One output row against run()'s result (or error) for its document."""
        if expected["schema"] == "sqp.error/1":
            self.assertIsNone(row["decision"], where)
            self.assertEqual(row["error"], expected["message"], where)
            return
        self.assertEqual(row["decision"], expected["decision"], where)
        self.assertEqual(row["eligible_from"], expected["eligible_from"], where)
        self.assertIsNone(row["error"], where)
        by_rule = {}
        for f in expected["findings"]:
            by_rule.setdefault(f["rule"], set()).add(f["status"])
        for rule, statuses in by_rule.items():
            # A rule's column is its most severe finding: fail, else pending, else pass, else note.
            worst = next(s for s in ("fail", "pending", "pass", "note") if s in statuses)
            self.assertEqual(row[rule], worst, f"{where}: {rule}")
        for column in row.index:
            if column.startswith(("ELIG.", "INPUT.")) and column not in by_rule:
                self.assertIsNone(row[column], f"{where}: {column} has no finding")

    def test_round_trip_of_10000_generated_applications(self):
        lines, source = generated_lines(ROWS)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "applications.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            df = pd.read_json(path, lines=True)
        self.assertEqual(len(df), ROWS, source)
        self.assertTrue(df.isna().any().any(), f"{source}: some members are absent (NaN)")
        out = self.engine.frame("eligibility", df)
        self.assertEqual(len(out), ROWS)
        self.assertTrue(out.index.equals(df.index))
        self.assertEqual(out.columns[0], "decision")
        self.assertEqual(list(out.columns[-2:]), ["eligible_from", "error"])
        rules = list(out.columns[1:-2])
        self.assertIn("ELIG.ACCIDENT", rules)
        self.assertTrue(all(r.startswith("ELIG.") for r in rules), rules)
        self.assertEqual(out.attrs["rulebook"], self.engine.rulebook()["rulebook"])
        # Every row against run() on that row's line of the file: the same decision, rule
        # statuses, eligible-from date and error.
        for i, line in enumerate(lines):
            self.assert_row_matches(out.iloc[i], self.run_or_error(line), f"row {i} ({source})")
        self.assertGreater((out["decision"] == "eligible").sum(), 0)
        self.assertGreater((out["decision"] == "ineligible").sum(), 0)

    def test_absent_members_and_a_custom_index(self):
        good, bad = example("application-eligible.json"), example("application-ineligible.json")
        del good["accidents"]  # absent from this row: NaN in the accidents column
        wrong_date = dict(bad, applied_on="2026-02-30")
        df = pd.DataFrame([good, bad, wrong_date, dict(bad, accidents=None)],
                          index=["a", "b", "c", "d"])
        self.assertTrue(math.isnan(df.loc["a", "accidents"]))
        out = self.engine.frame("eligibility", df)
        self.assertEqual(list(out.index), ["a", "b", "c", "d"])
        absent = dict(bad)
        del absent["accidents"]
        for label, document in zip("abcd", (good, bad, wrong_date, absent)):
            self.assert_row_matches(out.loc[label], self.run_or_error(document), label)
        self.assertIn("/applied_on", out.loc["c", "error"])
        self.assertIsNone(out.loc["c", "decision"])

    def test_a_nan_inside_a_member_is_that_rows_error(self):
        doc = example("application-eligible.json")
        broken = json.loads(json.dumps(doc))
        broken["site"]["staff_count"] = float("nan")
        out = self.engine.frame("eligibility", pd.DataFrame([doc, broken]))
        self.assertEqual(out["decision"].tolist(), ["eligible", None])
        self.assertIn("/site/staff_count", out["error"].iloc[1])

    def test_pandas_values_become_json_values(self):
        # Dates parsed into Timestamps, an int column with a gap (pandas makes it float), numpy
        # ints: each is sent as the JSON the document had.
        meetings = [example("meeting.json") for _ in range(3)]
        del meetings[1]["present"]
        df = pd.DataFrame(meetings)
        self.assertEqual(df["present"].dtype.kind, "f")
        out = self.engine.frame("meeting", df)
        self.assertEqual(list(out.index), [0, 1, 2])
        self.assertIn("valid", out.columns)
        self.assertEqual(out["error"].isna().tolist(), [True, False, True])
        self.assertIn("/present", out["error"].iloc[1])
        expected = self.engine.meeting(example("meeting.json"))
        self.assertEqual(out["valid"].iloc[0], expected["valid"])
        apps = pd.DataFrame([example("application-eligible.json")] * 2)
        apps["applied_on"] = pd.to_datetime(apps["applied_on"])
        self.assertEqual(self.engine.frame("eligibility", apps)["decision"].tolist(),
                         ["eligible", "eligible"])

    def test_empty_frame(self):
        out = self.engine.frame("eligibility", pd.DataFrame())
        self.assertEqual(len(out), 0)
        self.assertEqual(list(out.columns), ["decision", "eligible_from", "error"])

    def test_batch_refuses_a_data_frame_and_frame_refuses_the_rest(self):
        df = pd.DataFrame([example("application-eligible.json")])
        with self.assertRaisesRegex(TypeError, "frame"):
            self.engine.batch("eligibility", df)
        for not_a_frame in ([example("application-eligible.json")], {}, "x"):
            with self.assertRaises(TypeError):
                self.engine.frame("eligibility", not_a_frame)
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.frame("eligibility\0junk", df)
        self.assertEqual(cm.exception.code, "unknown_operation")


    def test_the_decisions_example_script(self):
        # docs/examples/python/decisions.py, as docs/python.md runs it.
        script = os.path.join(SRC, "docs", "examples", "python", "decisions.py")
        crm = os.path.join(SRC, "docs", "examples", "crm-export.jsonl")
        path = [os.path.dirname(os.path.dirname(os.path.abspath(sqp.__file__)))]
        if DEBIAN_DIST_PACKAGES in sys.path:
            path.append(DEBIAN_DIST_PACKAGES)  # where this process found pandas
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
        with tempfile.TemporaryDirectory() as tmp:
            csv = os.path.join(tmp, "decisions.csv")
            done = subprocess.run([sys.executable, script, crm, "--unknown-members", "note",
                                   "-o", csv], capture_output=True, text=True, env=env, timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr)
            table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        self.assertIn("5 applications", done.stdout)
        self.assertIn('row 3: /applied_on: "2026-02-30" is not a calendar date', done.stdout)
        expected = sqp.Engine(unknown_members="note").frame(
            "eligibility", pd.read_json(crm, lines=True, dtype=False))
        self.assertEqual(table["decision"].tolist(), expected["decision"].fillna("").tolist())
        self.assertEqual(table["application_id"].tolist(), [f"APP-2026-000{i}" for i in range(1, 6)])
        self.assertEqual(list(table.columns[1:]), list(expected.columns))


class BatchArgumentTest(unittest.TestCase):
    def test_batch_refuses_one_document_where_many_are_meant(self):
        engine = sqp.Engine()
        for one in ("{}\n{}", b"{}", {"schema": "sqp.application/1"}):
            with self.subTest(one=one):
                with self.assertRaises(TypeError):
                    engine.batch("rulebook", one)


if __name__ == "__main__":
    unittest.main()
