// Certificate lifecycle (CERT.*, SUP.*, REVOKE.*, REAPPLY.*): the typed API and the JSON door,
// against an independent date oracle and on both sides of every boundary.
//
// The oracle knows nothing of sqp::Date, AddMonths or Boost: it walks the calendar from first
// principles (the Gregorian leap rule and a month-length table, one month or day at a time), and
// the RULES.md numbers (3 years, 3 months, 6 months) are written here as the statute states them.
#include "sqp/certificate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "sqp/engine.hpp"
#include "test_support.hpp"

namespace sqp {
namespace {

using test::D;
using test::DefaultEngine;
using test::EngineWithEditedRulebook;

namespace bj = boost::json;

// ---- The oracle ---------------------------------------------------------------------------

struct Ymd {
  int y, m, d;
  bool operator==(const Ymd&) const = default;
  bool operator<(const Ymd& o) const {
    return y != o.y ? y < o.y : m != o.m ? m < o.m : d < o.d;
  }
};
bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int MonthLength(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}
Ymd NextDay(Ymd s) {
  if (s.d < MonthLength(s.y, s.m)) return {s.y, s.m, s.d + 1};
  if (s.m < 12) return {s.y, s.m + 1, 1};
  return {s.y + 1, 1, 1};
}
Ymd PrevDay(Ymd s) {
  if (s.d > 1) return {s.y, s.m, s.d - 1};
  if (s.m > 1) return {s.y, s.m - 1, MonthLength(s.y, s.m - 1)};
  return {s.y - 1, 12, 31};
}
// Civil Code Art. 201-202: the corresponding day N months on (or back), else that month's end.
Ymd MonthsLater(Ymd s, int n) {
  int y = s.y, m = s.m;
  for (; n > 0; --n) { if (++m == 13) { m = 1; ++y; } }
  for (; n < 0; ++n) { if (--m == 0) { m = 12; --y; } }
  return {y, m, std::min(s.d, MonthLength(y, m))};
}
// 0 = Monday .. 6 = Sunday, counted from 2020-01-06 (a Monday).
int Weekday(Ymd day) {
  int n = 0;
  for (Ymd w{2020, 1, 6}; w < day; w = NextDay(w)) ++n;
  return n % 7;
}
std::string Text(Ymd v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.y, v.m, v.d);
  return buf;
}
Ymd ToYmd(Date d) {
  const auto v = d.ymd();
  return {v.year, v.month, v.day};
}

// ---- Engines and the JSON door ------------------------------------------------------------

bj::object Doc(std::string_view certified_on, std::string_view as_of) {
  return {{"schema", "sqp.certificate/1"}, {"certified_on", certified_on}, {"as_of", as_of}};
}

bj::object RunCert(const Engine& engine, const bj::object& doc) {
  auto out = engine.Run("certificate", bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status() << "\n" << bj::serialize(doc);
  if (!out.ok()) return {};
  return bj::parse(*out).as_object();
}

// The error document for a document that must fail.
bj::object Fail(const Engine& engine, const bj::object& doc, ErrorCode expected) {
  std::string out;
  EXPECT_EQ(engine.RunToDocument("certificate", bj::serialize(doc), out), expected)
      << bj::serialize(doc);
  return bj::parse(out).as_object();
}

std::vector<std::string> ErrorPaths(const bj::object& error) {
  std::vector<std::string> paths;
  for (const auto& e : error.at("errors").as_array()) {
    paths.emplace_back(e.at("path").as_string());
  }
  return paths;
}

std::string S(const bj::value& v) { return std::string(v.as_string()); }

// ---- CERT.VALIDITY, SUP.ANNUAL, REAPPLY.*: every day of four years against the oracle ------

TEST(CertificateTest, EveryAnnouncementDay2023To2026MatchesOracle) {
  const Engine engine = DefaultEngine();
  int days = 0;
  for (Ymd day{2023, 1, 1}; day.y <= 2026; day = NextDay(day), ++days) {
    const Date d = *Date::FromYmd(day.y, day.m, day.d);
    const Ymd until = MonthsLater(day, 36);
    const Ymd first = MonthsLater(day, 12), second = MonthsLater(day, 24);
    const CertificateDates c = ComputeCertificateDates(engine.rulebook(), d);
    ASSERT_EQ(ToYmd(c.valid_from), day);
    ASSERT_EQ(ToYmd(c.valid_until), until) << Text(day);
    ASSERT_EQ(c.supervision().size(), 2u);
    ASSERT_EQ(c.supervision()[0].anniversary, 1);
    ASSERT_EQ(ToYmd(c.supervision()[0].date), first) << Text(day);
    ASSERT_EQ(ToYmd(c.supervision()[0].report_due), MonthsLater(first, -3)) << Text(day);
    ASSERT_EQ(c.supervision()[1].anniversary, 2);
    ASSERT_EQ(ToYmd(c.supervision()[1].date), second) << Text(day);
    ASSERT_EQ(ToYmd(c.supervision()[1].report_due), MonthsLater(second, -3)) << Text(day);
    ASSERT_EQ(ToYmd(c.renewal_due_by), MonthsLater(until, -3)) << Text(day);
    ASSERT_EQ(ToYmd(c.upgrade_earliest), MonthsLater(day, 6)) << Text(day);
    ASSERT_EQ(ToYmd(c.upgrade_application_due_by), MonthsLater(until, -3)) << Text(day);

    // The JSON door writes the same dates.
    const bj::object r = RunCert(engine, Doc(Text(day), Text(day)));
    ASSERT_EQ(S(r.at("valid_from")), Text(day));
    ASSERT_EQ(S(r.at("valid_until")), Text(until));
    const bj::array& sup = r.at("supervision").as_array();
    ASSERT_EQ(sup.size(), 2u);
    ASSERT_EQ(S(sup[0].at("date")), Text(first));
    ASSERT_EQ(S(sup[0].at("report_due")), Text(MonthsLater(first, -3)));
    ASSERT_EQ(S(sup[1].at("date")), Text(second));
    ASSERT_EQ(S(sup[1].at("report_due")), Text(MonthsLater(second, -3)));
    ASSERT_EQ(S(r.at("renewal_due_by")), Text(MonthsLater(until, -3)));
    ASSERT_EQ(S(r.at("upgrade_earliest")), Text(MonthsLater(day, 6)));
    ASSERT_EQ(S(r.at("status")), "valid");
  }
  EXPECT_EQ(days, 1461);
}

// The examples RULES.md states.
TEST(CertificateTest, RulesExamples) {
  const Engine engine = DefaultEngine();
  const Rulebook& rb = engine.rulebook();
  // CERT.VALIDITY
  EXPECT_EQ(ComputeCertificateDates(rb, D("2026-03-20")).valid_until, D("2029-03-20"));
  EXPECT_EQ(ComputeCertificateDates(rb, D("2024-02-29")).valid_until, D("2027-02-28"));
  // REAPPLY.UPGRADE
  EXPECT_EQ(ComputeCertificateDates(rb, D("2026-08-31")).upgrade_earliest, D("2027-02-28"));
  // SUP.ANNUAL backwards from month ends (READ.PERIOD): 2027-06-30 - 3 months = 2027-03-30 and
  // 2027-05-31 - 3 months = 2027-02-28, never snapped to the month's end.
  const CertificateDates june = ComputeCertificateDates(rb, D("2026-06-30"));
  EXPECT_EQ(june.supervision()[0].date, D("2027-06-30"));
  EXPECT_EQ(june.supervision()[0].report_due, D("2027-03-30"));
  const CertificateDates may = ComputeCertificateDates(rb, D("2026-05-31"));
  EXPECT_EQ(may.supervision()[0].report_due, D("2027-02-28"));
  EXPECT_EQ(may.supervision()[1].report_due, D("2028-02-29"));  // 2028 is a leap year
  // Feb 29: anniversaries land on Feb 28, the report due on Nov 28.
  const CertificateDates leap = ComputeCertificateDates(rb, D("2024-02-29"));
  EXPECT_EQ(leap.supervision()[0].date, D("2025-02-28"));
  EXPECT_EQ(leap.supervision()[0].report_due, D("2024-11-28"));
  EXPECT_EQ(leap.renewal_due_by, D("2026-11-28"));
}

// CERT.VALIDITY: the rulebook's issue-day-is-day-one convention.
TEST(CertificateTest, IssueDayAsDayOneMovesTheLastValidDayAndWhatFollowsFromIt) {
  const Engine engine = EngineWithEditedRulebook(
      [](bj::object& rb) { rb["certificate"].as_object()["issue_day_is_day_one"] = true; });
  for (Ymd day{2023, 1, 1}; day.y <= 2026; day = NextDay(day)) {
    const Date d = *Date::FromYmd(day.y, day.m, day.d);
    const CertificateDates c = ComputeCertificateDates(engine.rulebook(), d);
    // (D - 1 day) + 3 years, not (D + 3 years) - 1 day: they differ only for D = 29 February.
    const Ymd until = MonthsLater(PrevDay(day), 36);
    ASSERT_EQ(ToYmd(c.valid_until), until) << Text(day);
    ASSERT_EQ(ToYmd(c.renewal_due_by), MonthsLater(until, -3)) << Text(day);
    ASSERT_EQ(ToYmd(c.upgrade_application_due_by), MonthsLater(until, -3)) << Text(day);
    // Counted from the announcement day, not from the last valid day: unchanged.
    ASSERT_EQ(ToYmd(c.supervision()[0].date), MonthsLater(day, 12));
    ASSERT_EQ(ToYmd(c.supervision()[0].report_due), MonthsLater(MonthsLater(day, 12), -3));
    ASSERT_EQ(ToYmd(c.upgrade_earliest), MonthsLater(day, 6));
  }
  // The leap start: 2024-02-29 至 2027-02-28 (2024-02-28 + 3 years), not 2027-02-27.
  EXPECT_EQ(ComputeCertificateDates(engine.rulebook(), D("2024-02-29")).valid_until, D("2027-02-28"));
  EXPECT_EQ(ComputeCertificateDates(engine.rulebook(), D("2024-03-01")).valid_until, D("2027-02-28"));
  EXPECT_EQ(ComputeCertificateDates(engine.rulebook(), D("2024-02-28")).valid_until, D("2027-02-27"));
  EXPECT_EQ(ComputeCertificateDates(engine.rulebook(), D("2024-02-29")).renewal_due_by,
            D("2026-11-28"));
  // "2026-03-20 至 2029-03-19"
  const bj::object r = RunCert(engine, Doc("2026-03-20", "2029-03-20"));
  EXPECT_EQ(S(r.at("valid_until")), "2029-03-19");
  EXPECT_EQ(S(r.at("renewal_due_by")), "2028-12-19");
  EXPECT_EQ(S(r.at("status")), "expired");
  EXPECT_TRUE(r.at("issue_day_is_day_one").as_bool());
  EXPECT_EQ(S(RunCert(engine, Doc("2026-03-20", "2029-03-19")).at("status")), "valid");
  // A renewal on 2029-03-20 is already after the last valid day under this convention.
  bj::object renewal = Doc("2026-03-20", "2029-03-20");
  renewal["reapplication"] = {{"kind", "renewal"}, {"filed_on", "2029-03-20"}};
  EXPECT_EQ(S(RunCert(engine, renewal).at("reapplication").at("status")), "treated_as_initial");
}

// REAPPLY.RENEWAL and REAPPLY.UPGRADE's notice are separate rulebook numbers: with different
// ones the two filing deadlines differ (the default's equal notice makes them one date).
TEST(CertificateTest, RenewalAndUpgradeNoticeAreSeparateNumbers) {
  const Engine engine = EngineWithEditedRulebook([](bj::object& rb) {
    auto& c = rb["certificate"].as_object();
    c["renewal_lead_months"] = 2;
    c["upgrade_lead_months"] = 5;
  });
  for (Ymd day{2023, 1, 1}; day.y <= 2026; day = NextDay(day)) {
    const Date d = *Date::FromYmd(day.y, day.m, day.d);
    const CertificateDates c = ComputeCertificateDates(engine.rulebook(), d);
    const Ymd until = MonthsLater(day, 36);
    ASSERT_EQ(ToYmd(c.renewal_due_by), MonthsLater(until, -2)) << Text(day);
    ASSERT_EQ(ToYmd(c.upgrade_application_due_by), MonthsLater(until, -5)) << Text(day);
  }
  const bj::object r = RunCert(engine, Doc("2026-03-20", "2026-03-20"));
  EXPECT_EQ(S(r.at("renewal_due_by")), "2029-01-20");
  EXPECT_EQ(S(r.at("upgrade_application_due_by")), "2028-10-20");
}

// READ.REST: with a rest-day calendar the report and filing deadlines move to the next working
// day; the anniversaries, the last valid day and the earliest upgrade day never move.
TEST(CertificateTest, RestDaysRollDeadlinesForward) {
  const std::vector<std::string> holidays = {"2027-12-20", "2027-12-21", "2026-01-02"};
  const Engine engine = EngineWithEditedRulebook([&](bj::object& rb) {
    bj::array h;
    for (const auto& s : holidays) h.emplace_back(s);
    rb["rest_days"] = {{"weekends", true}, {"holidays", h}, {"working_days", bj::array{}}};
  });
  auto is_rest = [&](Ymd day) {
    return Weekday(day) >= 5 ||
           std::find(holidays.begin(), holidays.end(), Text(day)) != holidays.end();
  };
  auto roll = [&](Ymd day) {
    while (is_rest(day)) day = NextDay(day);
    return day;
  };
  for (Ymd day{2023, 1, 1}; day.y <= 2026; day = NextDay(day)) {
    const Date d = *Date::FromYmd(day.y, day.m, day.d);
    const CertificateDates c = ComputeCertificateDates(engine.rulebook(), d);
    const Ymd until = MonthsLater(day, 36);
    ASSERT_EQ(ToYmd(c.valid_until), until);
    ASSERT_EQ(ToYmd(c.upgrade_earliest), MonthsLater(day, 6));
    for (int k = 1; k <= 2; ++k) {
      const Ymd anniversary = MonthsLater(day, 12 * k);
      ASSERT_EQ(ToYmd(c.supervision()[static_cast<size_t>(k - 1)].date), anniversary);
      ASSERT_EQ(ToYmd(c.supervision()[static_cast<size_t>(k - 1)].report_due),
                roll(MonthsLater(anniversary, -3)))
          << Text(day) << " anniversary " << k;
    }
    ASSERT_EQ(ToYmd(c.renewal_due_by), roll(MonthsLater(until, -3))) << Text(day);
  }
  // 2026-12-20 is a Sunday: the first report is due Monday 2026-12-21. 2027-12-20/21 are listed
  // holidays (a Monday and Tuesday): the second is due Wednesday 2027-12-22.
  const bj::object r = RunCert(engine, Doc("2026-03-20", "2026-12-21"));
  EXPECT_EQ(S(r.at("supervision").at(0).at("report_due")), "2026-12-21");
  EXPECT_EQ(S(r.at("supervision").at(0).at("status")), "upcoming");
  EXPECT_EQ(S(r.at("supervision").at(1).at("report_due")), "2027-12-22");
  EXPECT_EQ(S(RunCert(engine, Doc("2026-03-20", "2026-12-22")).at("supervision").at(0).at("status")),
            "missing");
  // 2028-12-23 is a Saturday: a renewal filed on Monday 2028-12-25 is still timely.
  bj::object renewal = Doc("2026-03-23", "2028-12-25");
  renewal["reapplication"] = {{"kind", "renewal"}, {"filed_on", "2028-12-25"}};
  const bj::object rr = RunCert(engine, renewal);
  EXPECT_EQ(S(rr.at("renewal_due_by")), "2028-12-25");
  EXPECT_EQ(S(rr.at("reapplication").at("status")), "timely");
  // 2026-09-19 is a Saturday, but the earliest upgrade day is not a deadline: it stays.
  EXPECT_EQ(S(RunCert(engine, Doc("2026-03-19", "2026-03-19")).at("upgrade_earliest")), "2026-09-19");
}

// ---- CERT.VALIDITY and REVOKE.TRIGGERS: status boundaries ----------------------------------

TEST(CertificateTest, StatusAroundValidFromAndValidUntil) {
  const Engine engine = DefaultEngine();
  const struct {
    const char* as_of;
    const char* status;
  } cases[] = {
      {"2026-03-19", "not_yet_valid"}, {"2026-03-20", "valid"},   {"2026-03-21", "valid"},
      {"2029-03-19", "valid"},         {"2029-03-20", "valid"},   {"2029-03-21", "expired"},
  };
  for (const auto& c : cases) {
    const bj::object r = RunCert(engine, Doc("2026-03-20", c.as_of));
    EXPECT_EQ(S(r.at("status")), c.status) << c.as_of;
    EXPECT_EQ(CertificateStatusName(CertificateStatusOn(
                  ComputeCertificateDates(engine.rulebook(), D("2026-03-20")), D(c.as_of))),
              c.status);
    EXPECT_NE(S(r.at("message")).find(c.as_of), std::string::npos);
  }
  // Typed: the same boundaries for the leap-day certificate (last valid day 2027-02-28).
  const CertificateDates leap = ComputeCertificateDates(engine.rulebook(), D("2024-02-29"));
  EXPECT_EQ(CertificateStatusOn(leap, D("2024-02-28")), CertificateStatus::kNotYetValid);
  EXPECT_EQ(CertificateStatusOn(leap, D("2024-02-29")), CertificateStatus::kValid);
  EXPECT_EQ(CertificateStatusOn(leap, D("2027-02-27")), CertificateStatus::kValid);
  EXPECT_EQ(CertificateStatusOn(leap, D("2027-02-28")), CertificateStatus::kValid);
  EXPECT_EQ(CertificateStatusOn(leap, D("2027-03-01")), CertificateStatus::kExpired);
}

TEST(CertificateTest, RevokedFromTheRevocationDateOnWithItsTrigger) {
  const Engine engine = DefaultEngine();
  const char* triggers[] = {"serious_fault", "serious_complaints", "serious_violation",
                            "supervision_nonconformity"};
  const char* articles[] = {"14(12)3(1)", "14(12)3(2)", "14(12)3(3)", "14(12)3(4)"};
  for (size_t t = 0; t < 4; ++t) {
    for (const auto& [as_of, status] :
         {std::pair{"2027-05-31", "valid"}, {"2027-06-01", "revoked"}, {"2027-06-02", "revoked"},
          {"2030-01-01", "revoked"}}) {
      bj::object doc = Doc("2026-03-20", as_of);
      doc["revocation"] = {{"on", "2027-06-01"}, {"trigger", triggers[t]}};
      const bj::object r = RunCert(engine, doc);
      EXPECT_EQ(S(r.at("status")), status) << as_of << " " << triggers[t];
      const bj::object& rev = r.at("revocation").as_object();
      EXPECT_EQ(S(rev.at("on")), "2027-06-01");
      EXPECT_EQ(S(rev.at("trigger")), triggers[t]);
      EXPECT_EQ(S(rev.at("article")), articles[t]);
      EXPECT_EQ(rev.at("effective").as_bool(), std::string(status) == "revoked");
      if (std::string(status) == "revoked") {
        EXPECT_NE(S(r.at("message")).find(articles[t]), std::string::npos);
        EXPECT_NE(S(r.at("message_zh")).find("吊销"), std::string::npos);
      }
    }
  }
  // Revocation on the first and on the last valid day is possible.
  for (const char* on : {"2026-03-20", "2029-03-20"}) {
    bj::object doc = Doc("2026-03-20", on);
    doc["revocation"] = {{"on", on}, {"trigger", "serious_violation"}};
    EXPECT_EQ(S(RunCert(engine, doc).at("status")), "revoked") << on;
  }
  EXPECT_TRUE(RunCert(engine, Doc("2026-03-20", "2027-01-01")).at("revocation").is_null());
  // Typed: the same boundary.
  const CertificateDates c = ComputeCertificateDates(engine.rulebook(), D("2026-03-20"));
  EXPECT_EQ(CertificateStatusOn(c, D("2027-05-31"), D("2027-06-01")), CertificateStatus::kValid);
  EXPECT_EQ(CertificateStatusOn(c, D("2027-06-01"), D("2027-06-01")), CertificateStatus::kRevoked);
  EXPECT_EQ(CertificateStatusOn(c, D("2027-06-02"), D("2027-06-01")), CertificateStatus::kRevoked);
  EXPECT_FALSE(RevocationDateIsPossible(c, D("2026-03-19")));
  EXPECT_TRUE(RevocationDateIsPossible(c, D("2026-03-20")));
  EXPECT_TRUE(RevocationDateIsPossible(c, D("2029-03-20")));
  EXPECT_FALSE(RevocationDateIsPossible(c, D("2029-03-21")));
}

// ---- SUP.MISSING, SUP.FILING: each report due date ----------------------------------------

TEST(CertificateTest, SupervisionStatusAroundEachDueDate) {
  const Engine engine = DefaultEngine();
  // Certified 2026-05-31: reports due 2027-02-28 and 2028-02-29 (backwards from month ends).
  const char* due[] = {"2027-02-28", "2028-02-29"};
  const char* day_before[] = {"2027-02-27", "2028-02-28"};
  const char* day_after[] = {"2027-03-01", "2028-03-01"};
  for (int k = 1; k <= 2; ++k) {
    const size_t i = static_cast<size_t>(k - 1);
    // Nothing submitted: upcoming through the due day, missing the day after.
    for (const auto& [as_of, status] : {std::pair{day_before[i], "upcoming"},
                                        {due[i], "upcoming"}, {day_after[i], "missing"}}) {
      const bj::object r = RunCert(engine, Doc("2026-05-31", as_of));
      const bj::object& s = r.at("supervision").at(i).as_object();
      EXPECT_EQ(S(s.at("report_due")), due[i]);
      EXPECT_EQ(S(s.at("status")), status) << "anniversary " << k << " on " << as_of;
      const CertificateDates c = ComputeCertificateDates(engine.rulebook(), D("2026-05-31"));
      EXPECT_EQ(SupervisionStatusName(SupervisionStatusOn(c.supervision()[i], D(as_of), {})),
                status);
      const bool inspection = std::string(status) == "missing";
      EXPECT_EQ(s.at("inspection_at_holder_expense").as_bool(), inspection);
      if (inspection) {
        EXPECT_NE(S(s.at("message")).find("unannounced inspection"), std::string::npos);
        EXPECT_NE(S(s.at("message")).find("holder's expense"), std::string::npos);
        EXPECT_NE(S(s.at("message_zh")).find("明察或暗访"), std::string::npos);
        EXPECT_NE(S(s.at("message_zh")).find("费用由获证单位承担"), std::string::npos);
      }
    }
    // Submitted: on the due day is on time, the day after is late (and triggers inspection).
    for (const auto& [submitted, status] :
         {std::pair{day_before[i], "on_time"}, {due[i], "on_time"}, {day_after[i], "late"}}) {
      bj::object doc = Doc("2026-05-31", "2028-06-01");
      doc["reports"] = bj::array{bj::object{{"anniversary", k}, {"submitted_on", submitted}}};
      const bj::object r = RunCert(engine, doc);
      const bj::object& s = r.at("supervision").at(i).as_object();
      EXPECT_EQ(S(s.at("status")), status) << "anniversary " << k << " submitted " << submitted;
      const CertificateDates c = ComputeCertificateDates(engine.rulebook(), D("2026-05-31"));
      EXPECT_EQ(SupervisionStatusName(
                    SupervisionStatusOn(c.supervision()[i], D("2028-06-01"), D(submitted))),
                status);
      EXPECT_EQ(S(s.at("submitted_on")), submitted);
      EXPECT_EQ(s.at("inspection_at_holder_expense").as_bool(), std::string(status) == "late");
      // The other anniversary had nothing: missing by 2028-06-01.
      EXPECT_EQ(S(r.at("supervision").at(1 - i).at("status")), "missing");
    }
  }
  // A report dated after as_of is not known yet on as_of.
  bj::object doc = Doc("2026-05-31", "2027-03-05");
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2027-03-10"}}};
  EXPECT_EQ(S(RunCert(engine, doc).at("supervision").at(0).at("status")), "missing");
  doc["as_of"] = "2027-03-10";
  EXPECT_EQ(S(RunCert(engine, doc).at("supervision").at(0).at("status")), "late");
}

// SUP.FILING follows the supervision result (reports[].result), never the self-inspection
// report's own significant_change.
TEST(CertificateTest, SupervisionFilingFollowsTheSupervisionResult) {
  const Engine engine = DefaultEngine();
  bj::object doc = Doc("2026-03-20", "2028-01-10");
  doc["reports"] = bj::array{
      bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"}, {"significant_change", false},
                 {"result", {{"significant_change", true}}}},
      bj::object{{"anniversary", 2}, {"submitted_on", "2027-12-01"}, {"significant_change", true},
                 {"result", {{"significant_change", false}}}},
  };
  const bj::object r = RunCert(engine, doc);
  EXPECT_TRUE(r.at("supervision").at(0).at("filed_and_publicised").as_bool());
  EXPECT_NE(S(r.at("supervision").at(0).at("message")).find("filed and publicised"),
            std::string::npos);
  EXPECT_FALSE(r.at("supervision").at(1).at("filed_and_publicised").as_bool());
  EXPECT_NE(S(r.at("supervision").at(1).at("message_zh")).find("无需公示和备案"),
            std::string::npos);
  // No result yet: unknown, whatever the holder's own report says.
  for (const bool with_null_result : {false, true}) {
    bj::object report{{"anniversary", 1}, {"submitted_on", "2026-12-01"}, {"significant_change", true}};
    if (with_null_result) report["result"] = nullptr;
    doc["reports"] = bj::array{report};
    EXPECT_TRUE(RunCert(engine, doc).at("supervision").at(0).at("filed_and_publicised").is_null());
  }
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"}}};
  EXPECT_TRUE(RunCert(engine, doc).at("supervision").at(0).at("filed_and_publicised").is_null());
  // A report missing (an inspection owed) with no result: unknown too.
  doc["reports"] = bj::array{};
  const bj::object missing = RunCert(engine, doc);
  EXPECT_EQ(S(missing.at("supervision").at(0).at("status")), "missing");
  EXPECT_TRUE(missing.at("supervision").at(0).at("filed_and_publicised").is_null());
  // A malformed result is refused by name.
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"},
                                        {"result", {{"significant_change", "yes"}}}}};
  std::string out;
  EXPECT_EQ(engine.RunToDocument("certificate", bj::serialize(doc), out), ErrorCode::kInvalidInput);
  EXPECT_NE(out.find("/reports/0/result/significant_change"), std::string::npos) << out;
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"},
                                        {"result", bj::object{}}}};
  EXPECT_EQ(engine.RunToDocument("certificate", bj::serialize(doc), out), ErrorCode::kInvalidInput);
  EXPECT_NE(out.find("/reports/0/result/significant_change"), std::string::npos) << out;
}

TEST(CertificateTest, RevocationBeforeTheDueDateMeansNoReportIsOwed) {
  const Engine engine = DefaultEngine();
  // Report 1 is due 2026-12-20.
  for (const auto& [on, status] : {std::pair{"2026-12-19", "not_required"},
                                   {"2026-12-20", "not_required"}, {"2026-12-21", "missing"}}) {
    bj::object doc = Doc("2026-03-20", "2027-01-10");
    doc["revocation"] = {{"on", on}, {"trigger", "serious_complaints"}};
    const bj::object r = RunCert(engine, doc);
    EXPECT_EQ(S(r.at("supervision").at(0).at("status")), status) << on;
    EXPECT_EQ(S(r.at("supervision").at(1).at("status")), "not_required") << on;
    EXPECT_FALSE(r.at("supervision").at(1).at("inspection_at_holder_expense").as_bool());
  }
  // A revocation still in the future on as_of changes nothing yet.
  bj::object doc = Doc("2026-03-20", "2027-01-10");
  doc["revocation"] = {{"on", "2027-02-01"}, {"trigger", "serious_fault"}};
  EXPECT_EQ(S(RunCert(engine, doc).at("supervision").at(0).at("status")), "missing");
}

// ---- REAPPLY.*: every verdict on both sides of its boundary --------------------------------

TEST(CertificateTest, ReapplicationVerdictsOnBothSidesOfEachBoundary) {
  const Engine engine = DefaultEngine();
  // Certified 2026-08-31: valid through 2029-08-31, renewal due by 2029-05-31, upgrade earliest
  // 2027-02-28.
  const struct {
    const char* kind;
    const char* filed_on;
    const char* status;
  } cases[] = {
      {"renewal", "2026-08-31", "timely"},
      {"renewal", "2029-05-30", "timely"},
      {"renewal", "2029-05-31", "timely"},
      {"renewal", "2029-06-01", "late"},
      {"renewal", "2029-08-31", "late"},
      {"renewal", "2029-09-01", "treated_as_initial"},
      {"upgrade", "2026-08-31", "too_early"},
      {"upgrade", "2027-02-27", "too_early"},
      {"upgrade", "2027-02-28", "allowed"},
      {"upgrade", "2027-03-01", "allowed"},
      // REAPPLY.UPGRADE: allowed through upgrade_application_due_by (2029-05-31), then
      // short_notice through the last valid day.
      {"upgrade", "2029-05-31", "allowed"},
      {"upgrade", "2029-06-01", "short_notice"},
      {"upgrade", "2029-08-31", "short_notice"},
      {"upgrade", "2029-09-01", "expired"},
  };
  for (const auto& c : cases) {
    bj::object doc = Doc("2026-08-31", "2027-01-01");
    doc["reapplication"] = {{"kind", c.kind}, {"filed_on", c.filed_on}};
    const bj::object r = RunCert(engine, doc);
    EXPECT_EQ(S(r.at("renewal_due_by")), "2029-05-31");
    EXPECT_EQ(S(r.at("upgrade_earliest")), "2027-02-28");
    const bj::object& a = r.at("reapplication").as_object();
    EXPECT_EQ(S(a.at("kind")), c.kind);
    EXPECT_EQ(S(a.at("status")), c.status) << c.kind << " " << c.filed_on;
    EXPECT_NE(S(a.at("message")).find(c.filed_on), std::string::npos);
    EXPECT_FALSE(S(a.at("message_zh")).empty());
    // The typed API gives the same verdict.
    const ReapplicationKind kind = std::string(c.kind) == "renewal" ? ReapplicationKind::kRenewal
                                                                     : ReapplicationKind::kUpgrade;
    EXPECT_EQ(ReapplicationStatusName(ReapplicationVerdict(
                  ComputeCertificateDates(engine.rulebook(), D("2026-08-31")), kind, D(c.filed_on))),
              c.status)
        << c.kind << " " << c.filed_on;
  }
  EXPECT_TRUE(RunCert(engine, Doc("2026-08-31", "2027-01-01")).at("reapplication").is_null());
}

// ---- Input validation: every bad field, named by its pointer ------------------------------

TEST(CertificateTest, MalformedInputNamesEveryField) {
  const Engine engine = DefaultEngine();
  bj::object doc = Doc("2026-02-30", "2027-13-01");
  auto paths = ErrorPaths(Fail(engine, doc, ErrorCode::kInvalidInput));
  EXPECT_EQ(paths, (std::vector<std::string>{"/certified_on", "/as_of"}));

  doc = Doc("2026-03-20", "2027-01-01");
  doc["reports"] = bj::array{
      bj::object{{"anniversary", 3}, {"submitted_on", "2026-12-01"}},
      bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"}},
      bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-02"}},
      bj::object{{"anniversary", 2}, {"submitted_on", "2026-03-19"}},
      bj::object{{"anniversary", "two"}, {"submitted_on", "2026/12/01"}},
      bj::object{{"anniversary", 2}, {"submitted_on", "2026-12-01"}, {"significant_change", "yes"}},
      "not an object",
  };
  doc["revocation"] = {{"on", "2026-03-19"}, {"trigger", "bad_weather"}};
  doc["reapplication"] = {{"kind", "downgrade"}, {"filed_on", "2026-01-01"}};
  const bj::object error = Fail(engine, doc, ErrorCode::kInvalidInput);
  EXPECT_EQ(S(error.at("code")), "invalid_input");
  paths = ErrorPaths(error);
  for (const char* p :
       {"/reports/0/anniversary", "/reports/2/anniversary", "/reports/3/submitted_on",
        "/reports/4/anniversary", "/reports/4/submitted_on", "/reports/5/significant_change",
        "/reports/6", "/revocation/on", "/revocation/trigger", "/reapplication/kind",
        "/reapplication/filed_on"}) {
    EXPECT_NE(std::find(paths.begin(), paths.end(), p), paths.end()) << p;
  }
  EXPECT_EQ(std::find(paths.begin(), paths.end(), "/reports/1/anniversary"), paths.end());
  const std::string all = bj::serialize(error);
  EXPECT_NE(all.find("already given at /reports/1"), std::string::npos);
  EXPECT_NE(all.find("supervision anniversaries (1, 2)"), std::string::npos);
  EXPECT_NE(all.find("supervision_nonconformity"), std::string::npos);  // lists the triggers

  // A revocation after the last valid day; reports that are not an array; a missing as_of.
  doc = {{"schema", "sqp.certificate/1"}, {"certified_on", "2026-03-20"}, {"reports", 5}};
  doc["revocation"] = {{"on", "2029-03-21"}, {"trigger", "serious_fault"}};
  paths = ErrorPaths(Fail(engine, doc, ErrorCode::kInvalidInput));
  EXPECT_EQ(paths, (std::vector<std::string>{"/as_of", "/reports", "/revocation/on"}));

  // Wrong schema; not an object.
  Fail(engine, {{"schema", "sqp.certificate/2"}}, ErrorCode::kInvalidSchema);
  std::string out;
  EXPECT_EQ(engine.RunToDocument("certificate", "[1,2]", out), ErrorCode::kInvalidSchema);
}

TEST(CertificateTest, HostileValuesNeverCrash) {
  const Engine engine = DefaultEngine();
  const bj::value odd[] = {nullptr, true, -1, 1e300, "", "9999-99-99", bj::array{},
                           bj::object{}, "2999-12-31", "1900-01-01", 18446744073709551615ull};
  for (const auto& v : odd) {
    for (const char* key : {"certified_on", "as_of", "reports", "revocation", "reapplication"}) {
      bj::object doc = Doc("2026-03-20", "2027-01-01");
      doc[key] = v;
      std::string out;
      engine.RunToDocument("certificate", bj::serialize(doc), out);
      EXPECT_FALSE(bj::parse(out).at("schema").as_string().empty());
    }
  }
  // The extremes of the accepted range compute without leaving Boost's range.
  const bj::object late = RunCert(engine, Doc("2999-12-31", "2999-12-31"));
  EXPECT_EQ(S(late.at("valid_until")), "3002-12-31");
}

// Unknown extra fields are tolerated (real CRM documents carry them).
// READ.MEMBERS: members the schema does not define are refused, every one by its pointer; with
// unknown_members = kNote they are accepted, not read, and listed by INPUT.UNKNOWN_MEMBER.
TEST(CertificateTest, ExtraFieldsAreRefusedOrNoted) {
  const Engine engine = DefaultEngine();
  bj::object doc = Doc("2026-03-20", "2027-01-05");
  doc["crm_id"] = "X-1";
  doc["certificate_no"] = "CCEA-2026-0001";
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"},
                                        {"note", "sent by mail"}}};
  const bj::object err = Fail(engine, doc, ErrorCode::kInvalidInput);
  ASSERT_EQ(err.at("errors").as_array().size(), 2u) << bj::serialize(err);
  EXPECT_EQ(S(err.at("errors").at(0).at("path")), "/crm_id");
  EXPECT_EQ(S(err.at("errors").at(1).at("path")), "/reports/0/note");

  EngineOptions options;
  options.unknown_members = UnknownMembers::kNote;
  const Engine noting = *Engine::Create(options);
  const bj::object r = RunCert(noting, doc);
  EXPECT_EQ(S(r.at("certificate_no")), "CCEA-2026-0001");
  EXPECT_EQ(S(r.at("supervision").at(0).at("status")), "on_time");
  ASSERT_EQ(r.at("findings").as_array().size(), 1u);
  const bj::object& note = r.at("findings").at(0).as_object();
  EXPECT_EQ(S(note.at("rule")), "INPUT.UNKNOWN_MEMBER");
  EXPECT_EQ(S(note.at("status")), "note");
  EXPECT_EQ(note.at("pointers"), (bj::array{"/crm_id", "/reports/0/note"}));
  // Without unknown members the result has no findings member, as before.
  doc.erase("crm_id");
  doc["reports"] = bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"}}};
  EXPECT_FALSE(RunCert(noting, doc).contains("findings"));
}

// The typed API evaluates what the JSON door reports.
TEST(CertificateTest, TypedEvaluationMatchesJsonDoor) {
  const Engine engine = DefaultEngine();
  const SupervisionReport reports[] = {{1, D("2027-01-02"), true, false}};
  CertificateInput in;
  in.certified_on = D("2026-03-20");
  in.as_of = D("2028-01-05");
  in.reports = reports;
  in.reapplication = Reapplication{ReapplicationKind::kUpgrade, D("2027-01-01")};
  const CertificateResult r = EvaluateCertificate(engine.rulebook(), in);
  EXPECT_EQ(r.status, CertificateStatus::kValid);
  ASSERT_EQ(r.supervision().size(), 2u);
  EXPECT_EQ(r.supervision()[0].status, SupervisionStatus::kLate);
  EXPECT_TRUE(r.supervision()[0].inspection_at_holder_expense);
  EXPECT_EQ(r.supervision()[0].filed_and_publicised, std::optional<bool>(false));
  EXPECT_EQ(r.supervision()[1].status, SupervisionStatus::kMissing);
  EXPECT_EQ(r.reapplication->status, ReapplicationStatus::kAllowed);

  bj::object doc = Doc("2026-03-20", "2028-01-05");
  doc["reports"] = bj::array{bj::object{
      {"anniversary", 1}, {"submitted_on", "2027-01-02"}, {"significant_change", true},
      {"result", {{"significant_change", false}}}}};
  doc["reapplication"] = {{"kind", "upgrade"}, {"filed_on", "2027-01-01"}};
  const bj::object j = RunCert(engine, doc);
  EXPECT_EQ(S(j.at("status")), CertificateStatusName(r.status));
  EXPECT_EQ(S(j.at("supervision").at(0).at("status")),
            SupervisionStatusName(r.supervision()[0].status));
  EXPECT_EQ(S(j.at("supervision").at(1).at("status")),
            SupervisionStatusName(r.supervision()[1].status));
  EXPECT_EQ(S(j.at("reapplication").at("status")), ReapplicationStatusName(r.reapplication->status));
}

// More anniversaries in a rulebook: each appears, in order, inside the validity.
TEST(CertificateTest, RulebookAnniversariesAreData) {
  const Engine engine = EngineWithEditedRulebook([](bj::object& rb) {
    auto& c = rb["certificate"].as_object();
    c["validity_years"] = 5;
    c["supervision_anniversaries"] = bj::array{1, 2, 3, 4};
    c["supervision_report_lead_months"] = 2;
  });
  const bj::object r = RunCert(engine, Doc("2024-02-29", "2024-03-01"));
  EXPECT_EQ(S(r.at("valid_until")), "2029-02-28");
  const bj::array& sup = r.at("supervision").as_array();
  ASSERT_EQ(sup.size(), 4u);
  EXPECT_EQ(S(sup[3].at("date")), "2028-02-29");
  EXPECT_EQ(S(sup[3].at("report_due")), "2027-12-29");
  EXPECT_EQ(S(sup[0].at("report_due")), "2024-12-28");
  bj::object doc = Doc("2024-02-29", "2024-03-01");
  doc["reports"] = bj::array{bj::object{{"anniversary", 5}, {"submitted_on", "2025-01-01"}}};
  const bj::object error = Fail(engine, doc, ErrorCode::kInvalidInput);
  EXPECT_EQ(S(error.at("path")), "/reports/0/anniversary");
  EXPECT_NE(S(error.at("message")).find("1, 2, 3, 4"), std::string::npos);
}

}  // namespace
}  // namespace sqp
