"""The typed calls check their arguments (issue 16, item 4): a wrong type, a bool for an int, an
int beyond int32 or the documented range, a date that is not a calendar date (0000-00-00 is not
"absent": only None is) raise SqpError naming the argument (its path "/NAME", and NAME in the
message), never an answer for a truncated or clamped value."""
import datetime
import unittest

import sqp

CERTIFIED = "2026-03-20"


class TypedArgumentsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = sqp.Engine()

    def assert_names(self, name, call, *args, **kwargs):
        with self.assertRaises(sqp.SqpError) as cm:
            call(*args, **kwargs)
        e = cm.exception
        self.assertEqual((e.code, e.status, e.path), ("invalid_input", -4, "/" + name), e.message)
        self.assertIn(name, e.message)
        self.assertEqual(e.document["schema"], "sqp.error/1")
        self.assertEqual(e.errors[0]["path"], "/" + name)
        self.assertEqual(e.document["rulebook"], self.engine.rulebook()["rulebook"])
        return e

    def test_anniversary_is_never_truncated(self):
        e = self.engine
        self.assertEqual(e.certificate_supervision_status(CERTIFIED, 1, "2027-04-01"), "missing")
        for bad in (2**32 + 1, 2**31, -2**31 - 1, 1.9, 1.0, True, False, "1", None, 3, 0, -1):
            with self.subTest(anniversary=bad):
                error = self.assert_names("anniversary", e.certificate_supervision_status,
                                          CERTIFIED, bad, "2027-04-01")
                if isinstance(bad, (float, str, bool)) or bad is None:
                    self.assertIsInstance(error, TypeError)

    def test_zero_dates_are_not_absent(self):
        e = self.engine
        self.assertEqual(e.certificate_status_on(CERTIFIED, "2027-06-01", None), "valid")
        self.assert_names("revoked_on", e.certificate_status_on, CERTIFIED, "2027-06-01", "0000-00-00")
        self.assert_names("revoked_on", e.certificate_supervision_status, CERTIFIED, 1, "2027-04-01",
                          None, "0000-00-00")
        self.assert_names("submitted_on", e.certificate_supervision_status, CERTIFIED, 1,
                          "2027-04-01", "0000-00-00")

    def test_impossible_dates_name_their_argument(self):
        e = self.engine
        calls = {
            "certificate_dates": (e.certificate_dates, ["certified_on"]),
            "certificate_status_on": (e.certificate_status_on, ["certified_on", "as_of", "revoked_on"]),
            "certificate_supervision_status": (
                e.certificate_supervision_status,
                ["certified_on", "anniversary", "as_of", "submitted_on", "revoked_on"]),
            "certificate_reapplication": (e.certificate_reapplication, ["certified_on", "kind", "filed_on"]),
        }
        good = {"certified_on": CERTIFIED, "as_of": "2027-04-01", "revoked_on": "2027-06-01",
                "submitted_on": "2026-12-01", "anniversary": 1, "kind": "renewal",
                "filed_on": "2028-12-01"}
        for function, (call, names) in calls.items():
            call(*[good[n] for n in names])  # the good arguments are answered
            for name in names:
                if name in ("anniversary", "kind"):
                    continue
                for bad in ("2026-02-30", "0000-00-00", "1899-12-31", "3000-01-01", "2026-13-01",
                            "20260320", "2026-3-20", " 2026-03-20", "２０２６-03-20", 20260320,
                            b"2026-03-20", datetime.datetime(2026, 3, 20)):
                    with self.subTest(function=function, argument=name, value=bad):
                        args = [bad if n == name else good[n] for n in names]
                        self.assert_names(name, call, *args)

    def test_required_dates_are_not_optional(self):
        e = self.engine
        self.assert_names("certified_on", e.certificate_dates, None)
        self.assert_names("as_of", e.certificate_status_on, CERTIFIED, None)
        self.assert_names("filed_on", e.certificate_reapplication, CERTIFIED, "renewal", None)

    def test_what_the_library_refuses_is_named_too(self):
        e = self.engine
        # A revocation outside the validity, a submission before the certificate, a filing
        # before it, an anniversary that is not one of the rulebook's.
        self.assert_names("revoked_on", e.certificate_status_on, CERTIFIED, "2027-06-01", "2026-03-19")
        self.assert_names("submitted_on", e.certificate_supervision_status, CERTIFIED, 1,
                          "2027-04-01", "2026-03-19")
        self.assert_names("filed_on", e.certificate_reapplication, CERTIFIED, "upgrade", "2026-03-19")
        self.assert_names("anniversary", e.certificate_supervision_status, CERTIFIED, 7, "2027-04-01")
        self.assert_names("kind", e.certificate_reapplication, CERTIFIED, 0, "2027-01-01")

    def test_dates_as_datetime_date(self):
        e = self.engine
        d = datetime.date
        self.assertEqual(e.certificate_dates(d(2026, 3, 20)), e.certificate_dates(CERTIFIED))
        self.assertEqual(e.certificate_status_on(d(2026, 3, 20), d(2029, 3, 21)), "expired")
        self.assertEqual(e.certificate_supervision_status(d(2026, 3, 20), 2, d(2028, 1, 1),
                                                          d(2027, 12, 21)), "late")

    def test_vote_counts_are_never_clamped(self):
        e = self.engine
        self.assertTrue(e.check_vote("expert_review", 9, 6, 4)["passed"])
        names = ["members", "present", "votes_for", "votes_against", "abstain"]
        good = [9, 6, 4, 1, 1]
        for i, name in enumerate(names):
            for bad in (2**32 + 1, 2**31, -2**31 - 1, 1_000_001, -1, 1.9, 6.0, True, False, "6", None):
                with self.subTest(argument=name, value=bad):
                    args = list(good)
                    args[i] = bad
                    error = self.assert_names(name, e.check_vote, "expert_review", *args)
                    if not isinstance(bad, int) or isinstance(bad, bool):
                        self.assertIsInstance(error, TypeError)
        self.assert_names("members", e.check_vote, "expert_review", 0, 0, 0)
        self.assert_names("body", e.check_vote, 0, 9, 6, 4)
        self.assert_names("body", e.check_vote, "board", 9, 6, 4)


if __name__ == "__main__":
    unittest.main()
