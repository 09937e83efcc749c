// The procedure calendar (CYCLE.*): typed API and the `cycle` operation's JSON door.
#include "test_support.hpp"
#include "sqp/cycle.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/operation.hpp"
#include "sqp/engine.hpp"

namespace sqp {
namespace {

using test::D;
using test::DefaultEngine;
using test::EngineWithEditedRulebook;
using test::HasIssueAt;

namespace bj = boost::json;

bj::object RunCycle(const Engine& engine, const bj::object& input) {
  bj::object doc = input;
  doc["schema"] = "sqp.cycle/1";
  auto out = engine.Run("cycle", bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status();
  if (!out.ok()) return {};
  return bj::parse(*out).as_object();
}

ErrorInfo CycleError(const Engine& engine, std::string_view json_text) {
  auto out = engine.Run("cycle", json_text);
  EXPECT_FALSE(out.ok()) << *out;
  if (out.ok()) return {};
  return DescribeError(out.status());
}

// ---- CYCLE.BATCH ------------------------------------------------------------------------

// An independent reading of Art. 14(3): quarters start in months 1, 4, 7, 10; an application
// joins its own quarter's batch if filed in the quarter's first month, otherwise the next
// quarter's (January of next year after October).
struct ExpectedBatch {
  int year;
  int quarter;
  int acceptance;
  int announcement;
};
ExpectedBatch Expected(int year, int month) {
  int quarter = (month + 2) / 3;           // 1..4
  if (month != 3 * quarter - 2) ++quarter;  // not the quarter's first month: next quarter
  if (quarter == 5) {
    quarter = 1;
    ++year;
  }
  return {year, quarter, 3 * quarter - 2, 3 * quarter};
}

TEST(CycleBatchTest, EveryMonthOfSeveralYearsIncludingRollover) {
  const Engine engine = DefaultEngine();
  for (int year : {2024, 2025, 2026, 2027}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day : {1, 15, Date::DaysInMonth(year, month)}) {
        const Date applied = *Date::FromYmd(year, month, day);
        const ExpectedBatch want = Expected(year, month);
        const Batch b = BatchFor(engine.rulebook().calendar, applied);
        SCOPED_TRACE(applied.ToString());
        EXPECT_EQ(b.year(), want.year);
        EXPECT_EQ(b.quarter, want.quarter);
        EXPECT_EQ(b.acceptance, (YearMonth{want.year, want.acceptance}));
        EXPECT_EQ(b.announcement, (YearMonth{want.year, want.announcement}));
      }
    }
  }
}

TEST(CycleBatchTest, EveryMonthThroughTheJsonDoor) {
  const Engine engine = DefaultEngine();
  for (int month = 1; month <= 12; ++month) {
    const Date applied = *Date::FromYmd(2026, month, 28);
    const ExpectedBatch want = Expected(2026, month);
    const bj::object r = RunCycle(engine, {{"applied_on", applied.ToString()}});
    char label[16], acc[16], ann[16];
    std::snprintf(label, sizeof label, "%04d-Q%d", want.year, want.quarter);
    std::snprintf(acc, sizeof acc, "%04d-%02d", want.year, want.acceptance);
    std::snprintf(ann, sizeof ann, "%04d-%02d", want.year, want.announcement);
    EXPECT_EQ(r.at("batch"), label) << month;
    EXPECT_EQ(r.at("acceptance_month"), acc) << month;
    EXPECT_EQ(r.at("announcement_month"), ann) << month;
  }
}

TEST(CycleBatchTest, RulesExamples) {
  const Engine engine = DefaultEngine();
  bj::object r = RunCycle(engine, {{"applied_on", "2026-02-10"}});
  EXPECT_EQ(r.at("batch"), "2026-Q2");
  EXPECT_EQ(r.at("acceptance_month"), "2026-04");
  EXPECT_EQ(r.at("announcement_month"), "2026-06");
  r = RunCycle(engine, {{"applied_on", "2026-11-22"}});
  EXPECT_EQ(r.at("batch"), "2027-Q1");
  EXPECT_EQ(r.at("acceptance_month"), "2027-01");
  EXPECT_EQ(r.at("announcement_month"), "2027-03");
  // Boundaries: the last day of an acceptance month is still that batch; the first day after
  // it is the next one; New Year's Eve rolls over.
  EXPECT_EQ(RunCycle(engine, {{"applied_on", "2026-04-30"}}).at("batch"), "2026-Q2");
  EXPECT_EQ(RunCycle(engine, {{"applied_on", "2026-05-01"}}).at("batch"), "2026-Q3");
  EXPECT_EQ(RunCycle(engine, {{"applied_on", "2026-10-31"}}).at("batch"), "2026-Q4");
  EXPECT_EQ(RunCycle(engine, {{"applied_on", "2026-12-31"}}).at("batch"), "2027-Q1");
  EXPECT_EQ(RunCycle(engine, {{"applied_on", "2027-01-01"}}).at("batch"), "2027-Q1");
}

TEST(CycleBatchTest, RulebookMonthsAreData) {
  // A revision accepting twice a year (March, September; announced May, November).
  const Engine engine = EngineWithEditedRulebook([](bj::object& doc) {
    doc["calendar"].as_object()["acceptance_months"] = bj::array{3, 9};
    doc["calendar"].as_object()["announcement_months"] = bj::array{5, 11};
  });
  bj::object r = RunCycle(engine, {{"applied_on", "2026-04-02"}});
  EXPECT_EQ(r.at("batch"), "2026-Q3");
  EXPECT_EQ(r.at("acceptance_month"), "2026-09");
  EXPECT_EQ(r.at("announcement_month"), "2026-11");
  r = RunCycle(engine, {{"applied_on", "2026-10-01"}});
  EXPECT_EQ(r.at("acceptance_month"), "2027-03");
  EXPECT_EQ(r.at("batch"), "2027-Q1");
}

// ---- CYCLE.REPORT_DUE -------------------------------------------------------------------

TEST(CycleReportDueTest, CivilCodeMonthEnds) {
  const Engine engine = DefaultEngine();
  const struct {
    const char* received;
    const char* due;
  } cases[] = {
      {"2026-01-31", "2026-02-28"},  // RULES example: February has no 31st
      {"2026-01-29", "2026-02-28"},  // nor a 29th in 2026
      {"2024-01-31", "2024-02-29"},  // leap year
      {"2024-01-29", "2024-02-29"},
      {"2024-02-29", "2024-03-29"},  // not snapped to the month end (Boost would say 03-31)
      {"2026-02-28", "2026-03-28"},  // idem
      {"2026-08-31", "2026-09-30"},
      {"2026-03-31", "2026-04-30"},
      {"2026-12-31", "2027-01-31"},  // year rollover
      {"2026-06-15", "2026-07-15"},
  };
  for (const auto& c : cases) {
    const ReportDue due = ReportDueFor(engine.rulebook(), D(c.received));
    EXPECT_EQ(due.due.ToString(), c.due) << c.received;
    EXPECT_FALSE(due.moved());
    const bj::object r = RunCycle(engine, {{"materials_received_on", c.received}});
    EXPECT_EQ(r.at("report_due"), c.due) << c.received;
    EXPECT_EQ(r.at("report_due_nominal"), c.due) << c.received;
  }
}

TEST(CycleReportDueTest, RollsForwardOverRulebookRestDays) {
  // READ.REST: 2026-02-28 is a Saturday; with weekends and a holiday on Monday 2026-03-02 the
  // report is due Tuesday 2026-03-03.
  const Engine engine = EngineWithEditedRulebook([](bj::object& doc) {
    doc["rest_days"] = bj::object{{"weekends", true},
                                  {"holidays", bj::array{"2026-03-02"}},
                                  {"working_days", bj::array{}}};
  });
  const bj::object r = RunCycle(engine, {{"materials_received_on", "2026-01-31"}});
  EXPECT_EQ(r.at("report_due"), "2026-03-03");
  EXPECT_EQ(r.at("report_due_nominal"), "2026-02-28");
  // A working day is not moved.
  EXPECT_EQ(RunCycle(engine, {{"materials_received_on", "2026-01-15"}}).at("report_due"),
            "2026-02-16");  // 02-15 is a Sunday
  EXPECT_EQ(RunCycle(engine, {{"materials_received_on", "2026-01-13"}}).at("report_due"),
            "2026-02-13");  // a Friday
}

TEST(CycleReportDueTest, MonthsAreData) {
  const Engine engine = EngineWithEditedRulebook(
      [](bj::object& doc) { doc["calendar"].as_object()["report_due_months"] = 2; });
  EXPECT_EQ(RunCycle(engine, {{"materials_received_on", "2025-12-31"}}).at("report_due"),
            "2026-02-28");
}

// ---- CYCLE.PUBLICITY --------------------------------------------------------------------

TEST(CyclePublicityTest, SevenNaturalDaysInclusive) {
  const Engine engine = DefaultEngine();
  const DayRange w = PublicityWindow(engine.rulebook().calendar, D("2026-03-10"));
  EXPECT_EQ(w.first, D("2026-03-10"));
  EXPECT_EQ(w.last, D("2026-03-16"));
  const bj::object r = RunCycle(engine, {{"publicity_starts_on", "2026-03-10"}});
  EXPECT_EQ(r.at("publicity").at("starts_on"), "2026-03-10");
  EXPECT_EQ(r.at("publicity").at("ends_on"), "2026-03-16");
  EXPECT_EQ(r.at("publicity").at("days"), 7);
  // Across a month and a year end.
  EXPECT_EQ(RunCycle(engine, {{"publicity_starts_on", "2026-12-28"}}).at("publicity").at("ends_on"),
            "2027-01-03");
}

TEST(CyclePublicityTest, NeverMovedForRestDaysAndDaysAreData) {
  // Ends on Sunday 2026-03-15 even with a weekend calendar: natural days never move.
  const Engine rest = EngineWithEditedRulebook([](bj::object& doc) {
    doc["rest_days"] = bj::object{
        {"weekends", true}, {"holidays", bj::array{}}, {"working_days", bj::array{}}};
  });
  EXPECT_EQ(RunCycle(rest, {{"publicity_starts_on", "2026-03-09"}}).at("publicity").at("ends_on"),
            "2026-03-15");
  const Engine ten = EngineWithEditedRulebook(
      [](bj::object& doc) { doc["calendar"].as_object()["publicity_days"] = 10; });
  EXPECT_EQ(RunCycle(ten, {{"publicity_starts_on", "2026-03-10"}}).at("publicity").at("ends_on"),
            "2026-03-19");
}

// ---- CYCLE.OBJECTION --------------------------------------------------------------------

std::vector<std::string> ReasonCodes(const bj::value& objection) {
  std::vector<std::string> codes;
  for (const auto& r : objection.at("reasons").as_array()) {
    codes.emplace_back(r.at("code").as_string());
    EXPECT_FALSE(r.at("message").as_string().empty());
    EXPECT_FALSE(r.at("message_zh").as_string().empty());
  }
  return codes;
}

bj::object Objection(const char* received, bool writing, bool evidence, bool contact) {
  return {{"received_on", received},
          {"in_writing", writing},
          {"has_evidence", evidence},
          {"has_contact", contact}};
}

TEST(CycleObjectionTest, EachDefectOnItsOwn) {
  const Engine engine = DefaultEngine();
  const bj::object r = RunCycle(
      engine, {{"publicity_starts_on", "2026-03-10"},
               {"objections", bj::array{Objection("2026-03-12", true, true, true),
                                        Objection("2026-03-12", false, true, true),
                                        Objection("2026-03-12", true, false, true),
                                        Objection("2026-03-12", true, true, false),
                                        Objection("2026-03-17", true, true, true),
                                        Objection("2026-03-09", true, true, true)}}});
  const bj::array& o = r.at("objections").as_array();
  ASSERT_EQ(o.size(), 6u);
  EXPECT_EQ(o[0].at("admissible"), true);
  EXPECT_TRUE(ReasonCodes(o[0]).empty());
  const std::vector<std::vector<std::string>> want = {
      {"not_in_writing"}, {"no_evidence"}, {"no_contact"}, {"outside_publicity"},
      {"outside_publicity"}};
  for (size_t i = 1; i < o.size(); ++i) {
    EXPECT_EQ(o[i].at("admissible"), false) << i;
    EXPECT_EQ(ReasonCodes(o[i]), want[i - 1]) << i;
  }
  // The message states the facts: the day received and the window.
  const std::string late(o[4].at("reasons").at(0).at("message").as_string());
  EXPECT_NE(late.find("2026-03-17"), std::string::npos) << late;
  EXPECT_NE(late.find("after"), std::string::npos) << late;
  EXPECT_NE(late.find("2026-03-16"), std::string::npos) << late;
  const std::string early(o[5].at("reasons").at(0).at("message").as_string());
  EXPECT_NE(early.find("before"), std::string::npos) << early;
}

TEST(CycleObjectionTest, WindowEndsAreInsideAndEveryDefectIsListed) {
  const DayRange window = NaturalDays(D("2026-03-10"), 7);
  EXPECT_TRUE(JudgeObjection(window, {D("2026-03-10"), true, true, true}).admissible());
  EXPECT_TRUE(JudgeObjection(window, {D("2026-03-16"), true, true, true}).admissible());
  EXPECT_FALSE(JudgeObjection(window, {D("2026-03-17"), true, true, true}).admissible());
  EXPECT_FALSE(JudgeObjection(window, {D("2026-03-09"), true, true, true}).admissible());
  const ObjectionVerdict all = JudgeObjection(window, {D("2026-04-01"), false, false, false});
  for (size_t d = 0; d < kObjectionDefectCount; ++d) {
    EXPECT_TRUE(all.Has(static_cast<ObjectionDefect>(d))) << d;
  }
  const Engine engine = DefaultEngine();
  const bj::object r =
      RunCycle(engine, {{"publicity_starts_on", "2026-03-10"},
                        {"objections", bj::array{Objection("2026-04-01", false, false, false)}}});
  EXPECT_EQ(ReasonCodes(r.at("objections").at(0)),
            (std::vector<std::string>{"not_in_writing", "no_evidence", "no_contact",
                                      "outside_publicity"}));
}

TEST(CycleObjectionTest, ObjectionsNeedThePublicityWindow) {
  const Engine engine = DefaultEngine();
  const ErrorInfo e = CycleError(
      engine,
      R"({"schema":"sqp.cycle/1","objections":[{"received_on":"2026-03-12","in_writing":true,"has_evidence":true,"has_contact":true}]})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(e.path, "/publicity_starts_on");
  // The typed API refuses the same.
  CycleInput in;
  in.objections = std::vector<sqp::Objection>{{D("2026-03-12"), true, true, true}};
  auto r = EvaluateCycle(engine.rulebook(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(DescribeError(r.status()).path, "/publicity_starts_on");
  // An empty list still needs it, and gets an empty answer when it is there.
  EXPECT_EQ(CycleError(engine, R"({"schema":"sqp.cycle/1","objections":[]})").path,
            "/publicity_starts_on");
  const bj::object ok =
      RunCycle(engine, {{"publicity_starts_on", "2026-03-10"}, {"objections", bj::array{}}});
  EXPECT_TRUE(ok.at("objections").as_array().empty());
}

// ---- Parts, errors, rendering -----------------------------------------------------------

TEST(CycleOperationTest, EachPartOnlyWhenItsInputIs) {
  const Engine engine = DefaultEngine();
  bj::object r = RunCycle(engine, {{"applied_on", "2026-02-10"}});
  EXPECT_TRUE(r.contains("batch"));
  EXPECT_FALSE(r.contains("report_due"));
  EXPECT_FALSE(r.contains("publicity"));
  EXPECT_FALSE(r.contains("objections"));
  r = RunCycle(engine, {{"materials_received_on", "2026-02-10"}, {"applied_on", nullptr}});
  EXPECT_FALSE(r.contains("batch"));
  EXPECT_TRUE(r.contains("report_due"));
  EXPECT_EQ(r.at("schema"), "sqp.cycle-result/1");
  EXPECT_EQ(r.at("rulebook").at("id"), "sqp.default");
}

TEST(CycleOperationTest, MalformedInputNamesEveryField) {
  const Engine engine = DefaultEngine();
  const ErrorInfo e = CycleError(engine, R"({"schema":"sqp.cycle/1",
      "applied_on":"2026-02-30","materials_received_on":20260131,"publicity_starts_on":"10.03.2026",
      "objections":[{"received_on":"2026-03-12","in_writing":"yes","has_evidence":true},7]})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
  for (const char* path : {"/applied_on", "/materials_received_on", "/publicity_starts_on",
                           "/objections/0/in_writing", "/objections/0/has_contact",
                           "/objections/1"}) {
    EXPECT_TRUE(HasIssueAt(e, path)) << path;
  }
  EXPECT_EQ(CycleError(engine, R"({"schema":"sqp.cycle/1","objections":{}})").path,
            "/objections");
  // A misspelt member is refused by name (READ.MEMBERS); a document with no part has nothing to
  // evaluate.
  const ErrorInfo misspelt = CycleError(engine, R"({"schema":"sqp.cycle/1","applied":"2026-01-01"})");
  EXPECT_EQ(misspelt.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(misspelt.path, "/applied");
  EXPECT_EQ(misspelt.issues.front().message, R"(unknown member; did you mean "applied_on"?)");
  const ErrorInfo empty = CycleError(engine, R"({"schema":"sqp.cycle/1"})");
  EXPECT_EQ(empty.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(empty.path, "");
  // No crash on any value kind in any position.
  const char* values[] = {"null", "true", "1", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[{}]",
                          "[null]", "\"9999-12-31\"", "\"2026-13-01\""};
  for (const char* key : {"applied_on", "materials_received_on", "publicity_starts_on", "objections"}) {
    for (const char* v : values) {
      bj::object input{{"schema", "sqp.cycle/1"},
                       {"publicity_starts_on", "2026-03-10"},
                       {"materials_received_on", "2026-01-31"}};
      input[key] = bj::parse(v);
      const std::string doc = bj::serialize(input);
      std::string out;
      const ErrorCode code = engine.RunToDocument("cycle", doc, out);
      EXPECT_TRUE(code == ErrorCode::kOk || code == ErrorCode::kInvalidInput) << doc;
      const bj::value parsed = bj::parse(out);
      if (code != ErrorCode::kOk) {
        EXPECT_EQ(parsed.at("schema"), "sqp.error/1") << doc;
        EXPECT_EQ(parsed.at("path").as_string().find(std::string("/") + key), 0u) << doc << out;
      }
    }
  }
}

TEST(CycleOperationTest, TextCalendarIsBilingual) {
  const Engine engine = DefaultEngine();
  const bj::object doc{{"schema", "sqp.cycle/1"},
                       {"applied_on", "2026-11-22"},
                       {"materials_received_on", "2026-01-31"},
                       {"publicity_starts_on", "2026-03-10"},
                       {"objections", bj::array{Objection("2026-03-20", true, true, true)}}};
  const internal::OperationDef* op = internal::FindOperation("cycle");
  ASSERT_NE(op, nullptr);
  ASSERT_FALSE(op->renderers.empty());
  EXPECT_EQ(op->renderers[0].format, "text");
  const auto rendered = engine.Render("cycle", "text", bj::serialize(doc));
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  const std::string& text = *rendered;
  for (const char* s : {"2027-Q1", "2027-01", "2027-03", "2026-02-28", "2026-03-16", "不予受理",
                        "inadmissible", "公示期", "Publicity"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
}

}  // namespace
}  // namespace sqp
