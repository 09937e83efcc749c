"""The certificate operation through the Python door: identical to the CLI and the C ABI, the
typed sqp.h functions agreeing with the JSON operation, the ICS file parsed back, the SVG parsed
as XML, and malformed input raising SqpError with the field's pointer."""
import datetime
import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

import sqp

CLI = os.environ.get("SQP_CLI")
SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))

DOC = {
    "schema": "sqp.certificate/1",
    "certificate_no": "CCEA-2026-0001",
    "certified_on": "2026-03-20",
    "as_of": "2027-01-05",
    "reports": [{"anniversary": 1, "submitted_on": "2026-12-01", "significant_change": False,
                 "result": {"significant_change": False}}],
    "reapplication": {"kind": "upgrade", "filed_on": "2026-12-01"},
}
REVOKED = {
    "schema": "sqp.certificate/1",
    "certified_on": "2026-03-20",
    "as_of": "2028-01-05",
    "revocation": {"on": "2027-06-01", "trigger": "supervision_nonconformity"},
}


def months_later(day: datetime.date, n: int) -> datetime.date:
    """Civil Code corresponding day, written independently of the library."""
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    for d in range(day.day, 0, -1):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def deadlines(result: dict) -> list:
    """The dates one calendar event / one SVG marker each, read from the result's members."""
    dates = []
    for s in result["supervision"]:
        dates += [s["date"], s["report_due"]]
    dates += [result["upgrade_earliest"], result["renewal_due_by"], result["valid_until"]]
    if result.get("revocation"):
        dates = [d for d in dates if d < result["revocation"]["on"]]
    return sorted(dates)


def cli(*args, input_doc=None):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(input_doc, f, ensure_ascii=False)
    try:
        return subprocess.run([CLI, "certificate", f.name, *args], capture_output=True)
    finally:
        os.unlink(f.name)


class CertificateTest(unittest.TestCase):
    def setUp(self):
        self.engine = sqp.Engine()

    def test_contract_members(self):
        r = self.engine.certificate(DOC)
        self.assertEqual(r["schema"], "sqp.certificate-status/1")
        self.assertEqual(r["status"], "valid")
        self.assertEqual((r["valid_from"], r["valid_until"]), ("2026-03-20", "2029-03-20"))
        self.assertEqual([{k: s[k] for k in ("anniversary", "date", "report_due", "status")}
                          for s in r["supervision"]],
                         [{"anniversary": 1, "date": "2027-03-20", "report_due": "2026-12-20",
                           "status": "on_time"},
                          {"anniversary": 2, "date": "2028-03-20", "report_due": "2027-12-20",
                           "status": "upcoming"}])
        self.assertIs(r["supervision"][0]["filed_and_publicised"], False)
        self.assertEqual(r["renewal_due_by"], "2028-12-20")
        self.assertEqual(r["upgrade_earliest"], "2026-09-20")
        self.assertEqual(r["reapplication"]["kind"], "upgrade")
        self.assertEqual(r["reapplication"]["status"], "allowed")
        self.assertIsNone(r["revocation"])

    def test_identical_through_cli_c_abi_and_python(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        for doc in (DOC, REVOKED):
            raw = self.engine.run_raw("certificate", doc)
            proc = cli(input_doc=doc)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(proc.stdout.rstrip(b"\n"), raw)
            self.assertEqual(json.loads(raw), self.engine.certificate(doc))

    def test_typed_functions_agree_with_operation_every_day(self):
        day = datetime.date(2023, 1, 1)
        docs, typed = [], []
        while day.year <= 2026:
            iso = day.isoformat()
            docs.append({"schema": "sqp.certificate/1", "certified_on": iso, "as_of": iso})
            typed.append(self.engine.certificate_dates(iso))
            # The independent reading of RULES.md §4.
            until = months_later(day, 36)
            self.assertEqual(typed[-1]["valid_until"], until.isoformat())
            self.assertEqual(typed[-1]["upgrade_earliest"], months_later(day, 6).isoformat())
            self.assertEqual(typed[-1]["renewal_due_by"], months_later(until, -3).isoformat())
            self.assertEqual([s["report_due"] for s in typed[-1]["supervision"]],
                             [months_later(months_later(day, 12 * k), -3).isoformat() for k in (1, 2)])
            day += datetime.timedelta(days=1)
        results = self.engine.batch("certificate", docs)
        self.assertEqual(len(results), 1461)
        for t, r in zip(typed, results):
            for key in ("valid_from", "valid_until", "renewal_due_by", "upgrade_earliest",
                        "upgrade_application_due_by"):
                self.assertEqual(t[key], r[key], (r["certified_on"], key))
            self.assertEqual(t["supervision"],
                             [{k: s[k] for k in ("anniversary", "date", "report_due")}
                              for s in r["supervision"]])

    def test_typed_statuses_agree_with_operation(self):
        e = self.engine
        for as_of, revoked in (("2026-03-19", None), ("2026-03-20", None), ("2029-03-20", None),
                               ("2029-03-21", None), ("2027-05-31", "2027-06-01"),
                               ("2027-06-01", "2027-06-01")):
            doc = {"schema": "sqp.certificate/1", "certified_on": "2026-03-20", "as_of": as_of}
            if revoked:
                doc["revocation"] = {"on": revoked, "trigger": "serious_fault"}
            self.assertEqual(e.certificate_status_on("2026-03-20", as_of, revoked),
                             e.certificate(doc)["status"], (as_of, revoked))
        self.assertEqual(e.certificate_supervision_status("2026-03-20", 1, "2026-12-21"), "missing")
        self.assertEqual(e.certificate_supervision_status("2026-03-20", 1, "2026-12-20"), "upcoming")
        self.assertEqual(e.certificate_supervision_status("2026-03-20", 2, "2028-01-01", "2027-12-21"),
                         "late")
        self.assertEqual(e.certificate_reapplication("2026-08-31", "renewal", "2029-05-31"), "timely")
        self.assertEqual(e.certificate_reapplication("2026-08-31", "renewal", "2029-06-01"), "late")
        self.assertEqual(e.certificate_reapplication("2026-08-31", "upgrade", "2027-02-27"), "too_early")
        self.assertEqual(e.certificate_reapplication("2026-08-31", "upgrade", "2029-05-31"), "allowed")
        self.assertEqual(e.certificate_reapplication("2026-08-31", "upgrade", "2029-06-01"), "short_notice")
        with self.assertRaises(sqp.SqpError) as cm:
            e.certificate_dates("2026-02-30")
        self.assertEqual((cm.exception.code, cm.exception.path), ("invalid_input", "/certified_on"))
        with self.assertRaises(sqp.SqpError):
            e.certificate_status_on("2026-03-20", "20270101")
        with self.assertRaises(sqp.SqpError):
            e.certificate_reapplication("2026-03-20", "downgrade", "2027-01-01")

    def test_malformed_input_names_the_field(self):
        cases = [
            ({"certified_on": "2026-02-30"}, "/certified_on"),
            ({"as_of": None}, "/as_of"),
            ({"reports": [{"anniversary": 4, "submitted_on": "2026-12-01"}]}, "/reports/0/anniversary"),
            ({"reports": [{"anniversary": 1, "submitted_on": "2026-12-01"},
                          {"anniversary": 1, "submitted_on": "2026-12-02"}]}, "/reports/1/anniversary"),
            ({"revocation": {"on": "2025-01-01", "trigger": "serious_fault"}}, "/revocation/on"),
            ({"revocation": {"on": "2027-01-01", "trigger": "whim"}}, "/revocation/trigger"),
            ({"reapplication": {"kind": "sideways", "filed_on": "2027-01-01"}}, "/reapplication/kind"),
        ]
        for change, path in cases:
            doc = dict(DOC, **change)
            with self.assertRaises(sqp.SqpError, msg=path) as cm:
                self.engine.certificate(doc)
            self.assertEqual(cm.exception.code, "invalid_input")
            self.assertEqual(cm.exception.status, -4)
            self.assertIn(path, [e["path"] for e in cm.exception.errors], cm.exception.errors)
        with self.assertRaises(sqp.SqpError) as cm:
            self.engine.certificate(b'{"schema":"sqp.certificate/1","certified_on":')
        self.assertEqual(cm.exception.code, "invalid_json")

    def test_cli_malformed_input_exit_code(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        proc = cli(input_doc=dict(DOC, certified_on="2026-13-01"))
        self.assertEqual(proc.returncode, 3)
        self.assertEqual(json.loads(proc.stdout)["path"], "/certified_on")

    def test_ics_imports_back(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        for doc in (DOC, REVOKED):
            result = self.engine.certificate(doc)
            proc = cli("--format", "ics", input_doc=doc)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            data = proc.stdout
            self.assertTrue(data.endswith(b"\r\n"))
            physical = data[:-2].split(b"\r\n")
            for line in physical:
                self.assertNotIn(b"\n", line)
                self.assertLessEqual(len(line), 75, line)
                line.decode("utf-8")  # no fold splits a character
            # Unfold (RFC 5545 §3.1), then walk BEGIN/END.
            lines = []
            for line in physical:
                if line[:1] in (b" ", b"\t"):
                    lines[-1] += line[1:]
                else:
                    lines.append(line)
            stack, events, starts, uids = [], 0, [], set()
            cancelled, start, total = False, "", 0
            for line in (l.decode("utf-8") for l in lines):
                name, _, value = line.partition(":")
                if name == "BEGIN":
                    stack.append(value)
                    events += value == "VEVENT"
                    if value == "VEVENT":
                        cancelled = False
                        total += 1
                elif name == "END":
                    self.assertEqual(stack.pop(), value)
                    # A revoked certificate's later deadlines are kept, cancelled.
                    if value == "VEVENT" and not cancelled:
                        starts.append(start)
                    elif value == "VEVENT":
                        events -= 1
                elif name == "STATUS":
                    self.assertEqual(value, "CANCELLED")
                    cancelled = True
                elif name == "DTSTART;VALUE=DATE":
                    self.assertEqual(stack[-1], "VEVENT")
                    start = f"{value[:4]}-{value[4:6]}-{value[6:]}"
                elif name == "UID":
                    uids.add(value)
                elif name in ("VERSION", "PRODID"):
                    self.assertEqual(stack, ["VCALENDAR"])
            self.assertEqual(stack, [])
            self.assertEqual(lines[0], b"BEGIN:VCALENDAR")
            self.assertEqual(events, len(deadlines(result)))
            self.assertEqual(sorted(starts), deadlines(result))
            self.assertEqual(len(uids), total)  # one UID per event, cancelled ones included

    def test_svg_is_well_formed_with_one_marker_per_deadline(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        ns = {"svg": "http://www.w3.org/2000/svg"}
        for doc in (DOC, REVOKED, dict(DOC, as_of="2031-01-01"), dict(DOC, as_of="2020-01-01")):
            result = self.engine.certificate(doc)
            proc = cli("--format", "svg", input_doc=doc)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            root = ET.fromstring(proc.stdout)
            self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")
            markers = root.findall(".//svg:g[@class='deadline']", ns)
            self.assertEqual(len(markers), len(deadlines(result)))
            self.assertEqual(sorted(m.get("data-date") for m in markers), deadlines(result))
            today = root.findall(".//svg:g[@class='today']", ns)
            self.assertEqual([t.get("data-date") for t in today], [doc["as_of"]])

    def test_text_format(self):
        if not CLI:
            self.skipTest("SQP_CLI not set")
        proc = cli("--format", "text", input_doc=DOC)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        text = proc.stdout.decode("utf-8")
        self.assertIn("有效 valid", text)
        self.assertIn("2029-03-20", text)
        self.assertIn("CCEA-2026-0001", text)

    def test_examples_run(self):
        examples = os.path.join(SRC, "docs", "examples")
        names = sorted(n for n in os.listdir(examples) if n.startswith("certificate") and n.endswith(".json"))
        self.assertTrue(names)
        for name in names:
            with open(os.path.join(examples, name), encoding="utf-8") as f:
                self.assertEqual(self.engine.certificate(f.read())["schema"], "sqp.certificate-status/1")


if __name__ == "__main__":
    unittest.main()
