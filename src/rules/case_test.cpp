// The procedure as one case (PROC.ORDER, PROC.ACCEPTANCE, PROC.INVESTIGATION, PROC.BODY,
// PROC.REPORT, PROC.EXPERT_REVIEW, PROC.PUBLICITY, PROC.FINAL_REVIEW, PROC.ANNOUNCEMENT,
// PROC.NEXT, TEAM.AUDITORS; Art. 14, 22-23): each rule on both sides of its boundary, the dates
// against an oracle of their own (std::chrono, not sqp's date code), the bundled examples'
// outcomes, and a case's verdicts against the single operations on the same data.
#include "test_support.hpp"
#include "sqp/case.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "ops/certificate_render.hpp"
#include "sqp.h"
#include "sqp/engine.hpp"
#include "strings.hpp"

namespace sqp {
namespace {

using test::DefaultEngine;
using test::ReadExample;
namespace bj = boost::json;
namespace chr = std::chrono;

// ---- The oracle: Civil Code periods and natural days through std::chrono --------------------

chr::year_month_day Ymd(std::string_view text) {
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  return chr::year{y} / chr::month{m} / chr::day{d};
}
std::string Text(chr::year_month_day ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}
// READ.PERIOD: the corresponding day N months later, or that month's last day.
std::string OraclePlusMonths(std::string_view start, int months) {
  const chr::year_month_day s = Ymd(start);
  const chr::year_month ym = chr::year_month{s.year(), s.month()} + chr::months{months};
  const chr::day last = chr::year_month_day_last{ym.year(), chr::month_day_last{ym.month()}}.day();
  return Text(ym / std::min(s.day(), last));
}
std::string OraclePlusDays(std::string_view start, int days) {
  return Text(chr::year_month_day{chr::sys_days{Ymd(start)} + chr::days{days}});
}
std::string OracleLastDayOfMonth(std::string_view any_day) {
  const chr::year_month_day s = Ymd(any_day);
  return Text(chr::year_month_day_last{s.year(), chr::month_day_last{s.month()}});
}

// ---- Running a case -------------------------------------------------------------------------

bj::object Example(std::string_view name) {
  return bj::parse(ReadExample(std::string(name))).as_object();
}
bj::object RunOp(const Engine& engine, std::string_view op, const bj::object& doc) {
  auto out = engine.Run(op, bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? bj::parse(*out).as_object() : bj::object{};
}
bj::object RunCase(const Engine& engine, const bj::object& doc) { return RunOp(engine, "case", doc); }

// The statuses of one rule's findings, in order.
std::vector<std::string> StatusesOf(const bj::object& result, std::string_view rule) {
  std::vector<std::string> out;
  for (const bj::value& f : result.at("findings").as_array()) {
    if (f.at("rule").as_string() == rule) out.emplace_back(f.at("status").as_string());
  }
  return out;
}
// The evidence pointers of one rule's findings with `status`.
std::vector<std::string> PointersOf(const bj::object& result, std::string_view rule,
                                    std::string_view status) {
  std::vector<std::string> out;
  for (const bj::value& f : result.at("findings").as_array()) {
    if (f.at("rule").as_string() == rule && f.at("status").as_string() == status) {
      out.emplace_back(f.at("evidence").is_string() ? f.at("evidence").as_string() : "");
    }
  }
  return out;
}
bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
bj::object& Steps(bj::object& doc) { return doc["steps"].as_object(); }
// A result's string member as std::string, to compare with the oracle's dates.
std::string S(const bj::value& v) { return v.is_string() ? std::string(v.as_string()) : "<not a string>"; }

// ---- The bundled examples -------------------------------------------------------------------

TEST(CaseExamples, EachGivesItsOutcomeAndNamesTheDefectiveStep) {
  const Engine engine = DefaultEngine();
  bj::object r = RunCase(engine, Example("case-awarded.json"));
  EXPECT_EQ(r.at("outcome"), "awarded");
  EXPECT_EQ(r.at("stage"), "announced");
  EXPECT_EQ(r.at("grade"), "four_star");
  // CERT.VALIDITY from the announcement date (Art. 14(10)): 2026-03-25 + 3 years.
  EXPECT_EQ(r.at("certificate").at("valid_from"), "2026-03-25");
  EXPECT_EQ(S(r.at("certificate").at("valid_until")), OraclePlusMonths("2026-03-25", 36));
  for (std::string_view rule : {"PROC.ORDER", "PROC.REPORT", "PROC.FINAL_REVIEW"}) {
    EXPECT_FALSE(Has(StatusesOf(r, rule), "fail")) << rule;
  }

  r = RunCase(engine, Example("case-in-progress.json"));
  EXPECT_EQ(r.at("outcome"), "in_progress");
  EXPECT_EQ(r.at("stage"), "materials_received");
  ASSERT_FALSE(r.at("next").as_array().empty());
  const bj::object& first = r.at("next").at(0).as_object();
  EXPECT_EQ(first.at("step"), "report_received");
  EXPECT_EQ(S(first.at("due_by")), OraclePlusMonths("2026-02-03", 1));
  EXPECT_EQ(first.at("overdue"), false);
  EXPECT_EQ(r.at("next").as_array().back().at("step"), "announced");
  EXPECT_EQ(r.at("next").as_array().back().at("due_by"), "2026-03-31");

  r = RunCase(engine, Example("case-late-report.json"));
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_EQ(PointersOf(r, "PROC.REPORT", "fail"), std::vector<std::string>{"/steps/report_received_on"});

  r = RunCase(engine, Example("case-final-review-early.json"));
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_TRUE(Has(PointersOf(r, "PROC.FINAL_REVIEW", "fail"), "/steps/final_review/held_on"));

  r = RunCase(engine, Example("case-objection-open.json"));
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_TRUE(Has(PointersOf(r, "PROC.FINAL_REVIEW", "fail"), "/steps/publicity/objections/0"));

  r = RunCase(engine, Example("case-disqualified.json"));
  EXPECT_EQ(r.at("outcome"), "disqualified");
  EXPECT_EQ(r.at("eligibility").at("disqualified"), true);
  EXPECT_TRUE(r.at("next").as_array().empty());
}

// ---- Each PROC rule on both sides of its boundary -------------------------------------------

// PROC.REPORT (Art. 14(6)): due one month after the materials arrive (READ.PERIOD), month ends
// included; the due day passes, the day after fails with its days late.
TEST(CaseBoundaries, ReportOnItsDueDayAndTheDayAfter) {
  const Engine engine = DefaultEngine();
  for (std::string_view received :
       {"2026-01-31", "2026-02-03", "2026-01-29", "2026-03-31", "2026-02-28", "2026-12-31"}) {
    bj::object doc = Example("case-awarded.json");
    bj::object& s = Steps(doc);
    // A case in progress up to its report, dated around `received`.
    for (auto k : {"evaluated_on", "preliminary_result", "expert_review", "publicity", "final_review",
                   "announced_on"}) {
      s.erase(k);
    }
    doc["as_of"] = "2027-06-30";
    doc["application"].as_object()["applied_on"] = "2025-12-20";
    s["accepted_on"] = "2026-01-05";
    s["investigation"] = bj::object{{"completed_on", "2026-01-10"}};
    s["commissioned"].as_object()["on"] = "2026-01-12";
    s["materials_received_on"] = received;
    const std::string due = OraclePlusMonths(received, 1);
    s["report_received_on"] = due;
    bj::object r = RunCase(engine, doc);
    EXPECT_EQ(S(r.at("calendar").at("report_due")), due) << received;
    EXPECT_EQ(StatusesOf(r, "PROC.REPORT"), std::vector<std::string>{"pass"}) << received;
    EXPECT_EQ(r.at("outcome"), "in_progress");
    s["report_received_on"] = OraclePlusDays(due, 1);
    r = RunCase(engine, doc);
    EXPECT_EQ(StatusesOf(r, "PROC.REPORT"), std::vector<std::string>{"fail"}) << received;
    EXPECT_EQ(r.at("outcome"), "procedure_defective");
    EXPECT_NE(std::string(r.at("findings").as_array().back().at("message").as_string()).size(), 0u);
  }
}

// PROC.PUBLICITY (Art. 14(8), CYCLE.PUBLICITY): 7 natural days pass, 6 fail.
TEST(CaseBoundaries, PublicityOfSevenAndOfSixDays) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  bj::object& p = Steps(doc)["publicity"].as_object();
  p["ends_on"] = OraclePlusDays("2026-03-09", 6);  // 7 days, both ends included
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PROC.PUBLICITY", "pass"), std::vector<std::string>{"/steps/publicity/ends_on"});
  EXPECT_TRUE(PointersOf(r, "PROC.PUBLICITY", "fail").empty());
  EXPECT_EQ(r.at("outcome"), "awarded");
  p["ends_on"] = OraclePlusDays("2026-03-09", 5);  // 6 days
  r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PROC.PUBLICITY", "fail"), std::vector<std::string>{"/steps/publicity/ends_on"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
}

// PROC.FINAL_REVIEW (Art. 14(9)): after publicity has ended: on its last day fails, the day
// after passes.
TEST(CaseBoundaries, FinalReviewOnTheLastPublicityDayAndTheDayAfter) {
  const Engine engine = DefaultEngine();
  for (std::string_view start : {"2026-03-09", "2026-03-01", "2026-02-23"}) {
    bj::object doc = Example("case-awarded.json");
    bj::object& s = Steps(doc);
    s["expert_review"].as_object()["held_on"] = "2026-02-22";
    s["report_received_on"] = "2026-02-21";
    s["evaluated_on"] = "2026-02-20";
    bj::object& p = s["publicity"].as_object();
    p["starts_on"] = start;
    p["objections"] = bj::array{};
    const std::string last = OraclePlusDays(start, 6);
    s["final_review"].as_object()["held_on"] = last;
    bj::object r = RunCase(engine, doc);
    EXPECT_EQ(S(r.at("calendar").at("publicity").at("ends_on")), last);
    EXPECT_EQ(PointersOf(r, "PROC.FINAL_REVIEW", "fail"),
              (std::vector<std::string>{"/steps/final_review/held_on", "/steps/final_review/motions/0"}))
        << start;
    EXPECT_EQ(r.at("outcome"), "procedure_defective");
    s["final_review"].as_object()["held_on"] = OraclePlusDays(last, 1);
    r = RunCase(engine, doc);
    EXPECT_EQ(StatusesOf(r, "PROC.FINAL_REVIEW"), std::vector<std::string>{"pass"}) << start;
    EXPECT_EQ(r.at("outcome"), "awarded");
  }
}

// PROC.FINAL_REVIEW: every admissible objection investigated by the day the final review meets.
TEST(CaseBoundaries, ObjectionInvestigatedOnTheDayOfTheFinalReviewAndTheDayAfter) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  bj::object& o = Steps(doc)["publicity"].as_object()["objections"].as_array()[0].as_object();
  o["investigation"].as_object()["on"] = "2026-03-18";  // the final review's day
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "awarded");
  o["investigation"].as_object()["on"] = "2026-03-19";
  bj::object r = RunCase(engine, doc);
  EXPECT_TRUE(Has(PointersOf(r, "PROC.FINAL_REVIEW", "fail"), "/steps/publicity/objections/0"));
  // Not investigated and no final review yet: pending, and the investigation is what comes next.
  o.erase("investigation");
  Steps(doc).erase("final_review");
  Steps(doc).erase("announced_on");
  r = RunCase(engine, doc);
  EXPECT_EQ(r.at("outcome"), "in_progress");
  EXPECT_EQ(PointersOf(r, "PROC.PUBLICITY", "pending"),
            std::vector<std::string>{"/steps/publicity/objections/0"});
  bool listed = false;
  for (const bj::value& n : r.at("next").as_array()) {
    listed = listed || (n.at("step") == "objection_investigation" &&
                        n.at("evidence") == "/steps/publicity/objections/0");
  }
  EXPECT_TRUE(listed);
}

// PROC.ANNOUNCEMENT (Art. 14(3), 14(10)): inside the batch's announcement month, its last day
// included; the next month's first day fails. The certificate starts on the announcement day.
TEST(CaseBoundaries, AnnouncementInsideAndOutsideTheAnnouncementMonth) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  doc["as_of"] = "2026-06-30";
  const std::string last = OracleLastDayOfMonth("2026-03-01");
  Steps(doc)["announced_on"] = last;
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "PROC.ANNOUNCEMENT"), std::vector<std::string>{"pass"});
  EXPECT_EQ(S(r.at("certificate").at("valid_from")), last);
  Steps(doc)["announced_on"] = OraclePlusDays(last, 1);
  r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PROC.ANNOUNCEMENT", "fail"), std::vector<std::string>{"/steps/announced_on"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_TRUE(r.at("certificate").is_null());
}

// PROC.ACCEPTANCE (Art. 14(3)): inside the acceptance month of the filing's batch (CYCLE.BATCH).
TEST(CaseBoundaries, AcceptanceInsideAndOutsideTheAcceptanceMonth) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-in-progress.json");
  Steps(doc)["accepted_on"] = "2026-01-31";
  EXPECT_EQ(StatusesOf(RunCase(engine, doc), "PROC.ACCEPTANCE"), std::vector<std::string>{"pass"});
  // A November filing joins next year's January batch: accepted in November is outside it.
  doc["application"].as_object()["applied_on"] = "2025-11-20";
  Steps(doc)["accepted_on"] = "2025-11-25";
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(r.at("calendar").at("acceptance_month"), "2026-01");
  EXPECT_EQ(PointersOf(r, "PROC.ACCEPTANCE", "fail"), std::vector<std::string>{"/steps/accepted_on"});
  Steps(doc)["accepted_on"] = "2026-01-01";
  EXPECT_EQ(StatusesOf(RunCase(engine, doc), "PROC.ACCEPTANCE"), std::vector<std::string>{"pass"});
}

// PROC.EXPERT_REVIEW / PROC.FINAL_REVIEW with VOTE.*: quorum and votes at their thresholds.
TEST(CaseBoundaries, QuorumAndVotesAtTheirThresholds) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  bj::object& er = Steps(doc)["expert_review"].as_object();
  er.erase("attendees");
  er["members"] = 9;
  er["present"] = 6;  // 6 * 3 >= 9 * 2
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "VOTE.EXPERT_QUORUM"), std::vector<std::string>{"pass"});
  EXPECT_EQ(r.at("outcome"), "awarded");
  er["present"] = 5;  // the case went on on an invalid meeting's result
  r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "VOTE.EXPERT_QUORUM"), std::vector<std::string>{"fail"});
  EXPECT_EQ(PointersOf(r, "PROC.EXPERT_REVIEW", "fail"), std::vector<std::string>{"/steps/expert_review"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");

  doc = Example("case-awarded.json");
  bj::object& fr = Steps(doc)["final_review"].as_object();
  fr["members"] = 15;
  fr["present"] = 10;
  bj::object& motion = fr["motions"].as_array()[0].as_object();
  motion["for"] = 7;  // 7 * 3 >= 10 * 2
  motion["against"] = 3;
  r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "VOTE.FINAL_DECISION"), std::vector<std::string>{"pass"});
  EXPECT_EQ(r.at("outcome"), "awarded");
  motion["for"] = 6;
  r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "VOTE.FINAL_DECISION"), std::vector<std::string>{"fail"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");  // announced without an agreed opinion
  EXPECT_TRUE(Has(PointersOf(r, "PROC.ANNOUNCEMENT", "fail"), "/steps/announced_on"));
  fr["present"] = 9;  // below quorum
  motion["for"] = 9;
  motion["against"] = 0;
  r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "VOTE.FINAL_QUORUM"), std::vector<std::string>{"fail"});
  EXPECT_EQ(StatusesOf(r, "VOTE.FINAL_DECISION"), std::vector<std::string>{"fail"});
}

// PROC.EXPERT_REVIEW: a disputed applicant's decision takes effect only if passed, and then ends
// the case; a motion that fails leaves the dispute open.
TEST(CaseBoundaries, DisputedApplicantDecisions) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  bj::object& s = Steps(doc);
  for (auto k : {"publicity", "final_review", "announced_on"}) s.erase(k);
  s["preliminary_result"].as_object()["disputed"] = true;
  bj::object& er = s["expert_review"].as_object();
  const std::pair<const char*, const char*> decisions[] = {
      {"suspend", "suspended"}, {"stop", "stopped"}, {"defer_re_review", "deferred"}};
  for (const auto& [decision, outcome] : decisions) {
    er["motions"] = bj::array{bj::object{{"subject", "APP-2026-0007"}, {"decision", decision}, {"for", 5}}};
    bj::object r = RunCase(engine, doc);  // 7 present: 5 * 3 >= 7 * 2
    EXPECT_EQ(r.at("outcome"), outcome) << decision;
    EXPECT_TRUE(r.at("next").as_array().empty());
    er["motions"].as_array()[0].as_object()["for"] = 4;
    r = RunCase(engine, doc);
    EXPECT_EQ(r.at("outcome"), "in_progress") << decision;
    EXPECT_EQ(StatusesOf(r, "PROC.EXPERT_REVIEW"), std::vector<std::string>{"pending"});
  }
  // A motion about another applicant does not decide this one.
  er["motions"] = bj::array{bj::object{{"subject", "APP-OTHER"}, {"decision", "stop"}, {"for", 7}}};
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "in_progress");
  // The case ended by a decision: a later step is a defect.
  er["motions"] = bj::array{bj::object{{"subject", "APP-2026-0007"}, {"decision", "stop"}, {"for", 7}}};
  s["publicity"] = bj::object{{"starts_on", "2026-03-09"}};
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_TRUE(Has(PointersOf(r, "PROC.ORDER", "fail"), "/steps/publicity/starts_on"));
}

// PROC.FINAL_REVIEW's opinions: continue verification defers, terminate ends, other (with its
// reason) leaves the case going on.
TEST(CaseBoundaries, FinalOpinions) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  Steps(doc).erase("announced_on");
  bj::object& motion = Steps(doc)["final_review"].as_object()["motions"].as_array()[0].as_object();
  motion["decision"] = "continue_verification";
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "deferred");
  motion["decision"] = "terminate_review";
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "terminated");
  motion["decision"] = "other";
  motion["reason"] = "需补充核查投诉材料";
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(r.at("outcome"), "in_progress");
  EXPECT_EQ(StatusesOf(r, "PROC.FINAL_REVIEW"), std::vector<std::string>{"pass"});
  EXPECT_EQ(r.at("final_review").at("motions").at(0).at("reason"), "需补充核查投诉材料");
  // Announced after `other`: only an agreed opinion may be announced.
  Steps(doc)["announced_on"] = "2026-03-25";
  EXPECT_TRUE(Has(PointersOf(RunCase(engine, doc), "PROC.ANNOUNCEMENT", "fail"), "/steps/announced_on"));
}

// TEAM.AUDITORS (Art. 9, 23(4)) and PEOPLE.REMOVAL (Art. 21): on the evaluation day.
TEST(CaseBoundaries, AuditorsAndRemovalsOnTheEvaluationDay) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  bj::object& member = Steps(doc)["commissioned"].as_object()["team"].as_array()[0].as_object();
  member["valid_until"] = "2026-02-20";  // the evaluation's day
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "awarded");
  member["valid_until"] = "2026-02-19";
  bj::object r = RunCase(engine, doc);
  EXPECT_TRUE(Has(PointersOf(r, "TEAM.AUDITORS", "fail"), "/steps/commissioned/team/0/valid_until"));
  EXPECT_EQ(StatusesOf(r, "PROC.BODY"), std::vector<std::string>{"fail"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  member["valid_until"] = nullptr;
  member["ccaa_registration"] = nullptr;  // not an auditor at all
  r = RunCase(engine, doc);
  EXPECT_TRUE(Has(PointersOf(r, "TEAM.AUDITORS", "fail"), "/steps/commissioned/team/0/ccaa_registration"));

  // An expert removed on the day of the expert review may not sit in it; the day after, may.
  doc = Example("case-awarded.json");
  doc["people"].as_array()[0].as_object()["removals"] = bj::array{bj::object{{"ground", 2}, {"on", "2026-03-05"}}};
  r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PEOPLE.REMOVAL", "fail"), std::vector<std::string>{"/steps/expert_review/attendees/0"});
  EXPECT_EQ(StatusesOf(r, "PROC.EXPERT_REVIEW"), std::vector<std::string>{"fail"});
  doc["people"].as_array()[0].as_object()["removals"] = bj::array{bj::object{{"ground", 2}, {"on", "2026-03-06"}}};
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "awarded");
  // An evaluator removed by the evaluation may not evaluate.
  doc["people"].as_array()[1].as_object()["removals"] = bj::array{bj::object{{"ground", 3}, {"on", "2026-02-20"}}};
  r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PEOPLE.REMOVAL", "fail"), std::vector<std::string>{"/steps/commissioned/team/0"});
}

// PROC.BODY with BODY.*: the commissioned body offered, qualified and not disqualified by the
// evaluation.
TEST(CaseBoundaries, TheCommissionedBody) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  Steps(doc)["commissioned"].as_object()["body"] = "丙认证有限公司 Body C Certification";  // unqualified
  EXPECT_EQ(StatusesOf(RunCase(engine, doc), "PROC.BODY"), std::vector<std::string>{"fail"});
  Steps(doc)["commissioned"].as_object()["body"] = "戊认证 not offered";
  EXPECT_EQ(PointersOf(RunCase(engine, doc), "PROC.BODY", "fail"),
            (std::vector<std::string>{"/steps/commissioned/body", "/steps/commissioned"}));
  doc = Example("case-awarded.json");
  bj::object& body = doc["bodies_offered"].as_array()[0].as_object();
  body["violations"] = bj::array{bj::object{{"ground", 4}, {"on", "2026-02-20"}}};  // the evaluation's day
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "BODY.DISQUALIFY", "fail"), std::vector<std::string>{"/bodies_offered/0/violations/0"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  body["violations"] = bj::array{bj::object{{"ground", 4}, {"on", "2026-02-21"}}};
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "awarded");
  // No list of offered bodies: the choice cannot be shown (pending), and so no award.
  doc = Example("case-awarded.json");
  doc.erase("bodies_offered");
  r = RunCase(engine, doc);
  EXPECT_EQ(StatusesOf(r, "PROC.BODY"), std::vector<std::string>{"pending"});
  EXPECT_EQ(r.at("outcome"), "in_progress");
}

// PROC.ORDER (Art. 14): a step before one it depends on, a skipped step, a step after the end.
TEST(CaseBoundaries, OrderOfSteps) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-awarded.json");
  Steps(doc)["commissioned"].as_object()["on"] = "2026-01-29";  // the investigation ends on 01-30
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PROC.ORDER", "fail"), std::vector<std::string>{"/steps/commissioned/on"});
  Steps(doc)["commissioned"].as_object()["on"] = "2026-01-30";  // the same day is in order
  EXPECT_EQ(RunCase(engine, doc).at("outcome"), "awarded");
  Steps(doc).erase("expert_review");
  Steps(doc).erase("preliminary_result");
  r = RunCase(engine, doc);
  EXPECT_EQ(PointersOf(r, "PROC.ORDER", "fail"), std::vector<std::string>{"/steps/publicity/starts_on"});
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  // Disqualified at the reverse investigation, yet commissioned: the case had ended.
  doc = Example("case-disqualified.json");
  bj::object awarded = Example("case-awarded.json");
  Steps(doc)["commissioned"] = Steps(awarded).at("commissioned");
  doc["as_of"] = "2026-04-01";
  r = RunCase(engine, doc);
  EXPECT_EQ(r.at("outcome"), "procedure_defective");
  EXPECT_TRUE(Has(PointersOf(r, "PROC.ORDER", "fail"), "/steps/commissioned/on"));
}

// PROC.NEXT: the report's deadline is overdue the day after it, not on it.
TEST(CaseBoundaries, NextStepsOverdueTheDayAfterTheirDueDate) {
  const Engine engine = DefaultEngine();
  bj::object doc = Example("case-in-progress.json");
  const std::string due = OraclePlusMonths("2026-02-03", 1);
  doc["as_of"] = due;
  bj::object r = RunCase(engine, doc);
  EXPECT_EQ(r.at("next").at(0).at("overdue"), false);
  EXPECT_TRUE(StatusesOf(r, "PROC.NEXT").empty());
  doc["as_of"] = OraclePlusDays(due, 1);
  r = RunCase(engine, doc);
  EXPECT_EQ(r.at("next").at(0).at("step"), "report_received");
  EXPECT_EQ(r.at("next").at(0).at("overdue"), true);
  EXPECT_EQ(StatusesOf(r, "PROC.NEXT"), std::vector<std::string>{"pending"});
  // Nothing but the application: acceptance is due by the acceptance month's last day.
  doc = Example("case-in-progress.json");
  doc["steps"] = bj::object{};
  r = RunCase(engine, doc);
  EXPECT_EQ(r.at("stage"), "applied");
  EXPECT_EQ(r.at("next").at(0).at("step"), "accepted");
  EXPECT_EQ(r.at("next").at(0).at("due_by"), "2026-01-31");
}

// ---- A case's verdicts equal the single operations' on the same data ------------------------

TEST(CaseAgreesWithTheSingleOperations, OnEveryExample) {
  const Engine engine = DefaultEngine();
  for (std::string_view name : {"case-awarded.json", "case-in-progress.json", "case-late-report.json",
                                "case-final-review-early.json", "case-objection-open.json",
                                "case-disqualified.json"}) {
    SCOPED_TRACE(name);
    const bj::object doc = Example(name);
    const bj::object r = RunCase(engine, doc);
    const bj::object& steps = doc.at("steps").as_object();

    // ELIG.*: the eligibility operation on the application, findings pointing into it.
    bj::object app = doc.at("application").as_object();
    app["schema"] = "sqp.application/1";
    const bj::object e = RunOp(engine, "eligibility", app);
    for (auto k : {"decision", "disqualified", "window", "eligible_from"}) {
      EXPECT_EQ(r.at("eligibility").at(k), e.at(k)) << k;
    }
    bj::array elig_in_case;
    for (const bj::value& f : r.at("findings").as_array()) {
      if (f.at("rule").as_string().starts_with("ELIG.")) elig_in_case.push_back(f);
    }
    bj::array expected = e.at("findings").as_array();
    for (bj::value& f : expected) {
      if (f.at("evidence").is_string()) {
        f.as_object()["evidence"] = "/application" + std::string(f.at("evidence").as_string());
      }
    }
    EXPECT_EQ(elig_in_case, expected);

    // CYCLE.*: the cycle operation on the case's dates.
    bj::object cycle{{"schema", "sqp.cycle/1"}, {"applied_on", app.at("applied_on")}};
    if (steps.contains("materials_received_on")) cycle["materials_received_on"] = steps.at("materials_received_on");
    if (steps.contains("publicity")) {
      cycle["publicity_starts_on"] = steps.at("publicity").at("starts_on");
      bj::array objections;
      for (const bj::value& o : steps.at("publicity").at("objections").as_array()) {
        bj::object plain = o.as_object();
        plain.erase("ground");
        plain.erase("investigation");
        objections.push_back(plain);
      }
      cycle["objections"] = objections;
    }
    bj::object c = RunOp(engine, "cycle", cycle);
    c.erase("schema");
    c.erase("rulebook");
    EXPECT_EQ(r.at("calendar"), c);

    // VOTE.*: the meeting operation on each meeting.
    for (auto key : {"expert_review", "final_review"}) {
      if (!steps.contains(key)) {
        EXPECT_TRUE(r.at(key).is_null());
        continue;
      }
      bj::object meeting = steps.at(key).as_object();
      meeting.erase("held_on");
      meeting["schema"] = "sqp.meeting/1";
      bj::object m = RunOp(engine, "meeting", meeting);
      m.erase("schema");
      m.erase("rulebook");
      bj::object in_case = r.at(key).as_object();
      in_case.erase("held_on");
      in_case.erase("effective_motion");
      EXPECT_EQ(in_case, m) << key;
    }

    // BODY.*: the bodies operation on the offered list on the commissioning day.
    if (steps.contains("commissioned")) {
      const bj::object b = RunOp(engine, "bodies",
                               bj::object{{"schema", "sqp.bodies/1"},
                                          {"on", steps.at("commissioned").at("on")},
                                          {"bodies", doc.at("bodies_offered")}});
      EXPECT_EQ(r.at("bodies"), b.at("bodies"));
    }

    // CERT.*: the certificate operation from the announcement day, when awarded.
    if (r.at("outcome") == "awarded") {
      const bj::object cert = RunOp(engine, "certificate",
                                  bj::object{{"schema", "sqp.certificate/1"},
                                             {"certified_on", steps.at("announced_on")},
                                             {"as_of", doc.at("as_of")}});
      for (auto k : {"status", "valid_from", "valid_until", "renewal_due_by", "upgrade_earliest",
                     "upgrade_application_due_by"}) {
        EXPECT_EQ(r.at("certificate").at(k), cert.at(k)) << k;
      }
      const bj::array& sup = r.at("certificate").at("supervision").as_array();
      ASSERT_EQ(sup.size(), cert.at("supervision").as_array().size());
      for (size_t i = 0; i < sup.size(); ++i) {
        for (auto k : {"anniversary", "date", "report_due", "status"}) {
          EXPECT_EQ(sup[i].at(k), cert.at("supervision").at(i).at(k)) << k;
        }
      }
    } else {
      EXPECT_TRUE(r.at("certificate").is_null());
    }
  }
}

// The typed door gives what the JSON door writes.
TEST(CaseTyped, EvaluateCaseDirectly) {
  const Engine engine = DefaultEngine();
  CaseInput in;
  in.as_of = test::D("2026-02-25");
  Application app;
  app.application_id = "APP-T";
  app.applied_on = test::D("2026-01-12");
  app.business_registered = true;
  app.telecom_license = TelecomLicense{};
  app.indicators_attested = true;
  app.accidents_recorded = app.criticisms_recorded = app.adverse_records_recorded = true;
  app.trained_staff = {TrainedStaff{"C-1"}, TrainedStaff{"C-2"}};
  in.application = app;
  in.steps.accepted_on = test::D("2026-01-20");
  in.steps.investigation_completed_on = test::D("2026-01-30");
  const CaseResult r = EvaluateCase(engine.rulebook(), in);
  EXPECT_EQ(r.outcome, CaseOutcome::kInProgress);
  ASSERT_TRUE(r.stage.has_value());
  EXPECT_EQ(*r.stage, CaseStep::kInvestigation);
  ASSERT_FALSE(r.next.empty());
  EXPECT_EQ(r.next.front().step, NextStep::kCommission);
  EXPECT_EQ(r.rule_status[static_cast<size_t>(CaseRule::kInvestigation)], FindingStatus::kPass);
}

// `assess`'s report says which steps a full case would add, each with its rule.
TEST(CaseAssess, TheAssessmentReportNamesWhatACaseAdds) {
  const Engine engine = DefaultEngine();
  auto text = engine.Render("assess", "text", ReadExample("assessment.json"));
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_NE(text->find("A full case (sqp case) would add"), std::string::npos);
  for (std::string_view rule : {"PROC.ACCEPTANCE", "PROC.INVESTIGATION", "PROC.BODY", "TEAM.AUDITORS",
                                "PROC.REPORT", "PROC.EXPERT_REVIEW", "PROC.PUBLICITY",
                                "PROC.FINAL_REVIEW", "PROC.ANNOUNCEMENT"}) {
    EXPECT_NE(text->find(rule), std::string::npos) << rule;
  }
}

// The renderings are laid out from the typed result, not from the answer read back: they must
// still say what the answer says. The case file lists every finding of the answer (the
// application's, the case's own, READ.MEMBERS' note) with both its messages, and shows the
// input's strings with their control characters escaped, as when it was made from the answer
// (each string TerminalSafe without line breaks); the calendar and the timeline escape them
// their own way.
TEST(CaseRenderings, SayWhatTheAnswerSays) {
  const test::ScopedEnv epoch("SOURCE_DATE_EPOCH", "1796268930");
  EngineOptions options;
  options.unknown_members = UnknownMembers::kNote;
  const Engine engine = *Engine::Create(options);
  bj::object doc = Example("case-awarded.json");
  const std::string id = "APP\n\x1b[2J<&>;,\"\u00e9";
  doc["application"].as_object()["application_id"] = id;
  for (bj::value& m : Steps(doc)["final_review"].as_object()["motions"].as_array()) {
    m.as_object()["subject"] = id;  // the motion names the applicant by its id
  }
  doc["x\tunknown"] = 1;
  const std::string input = bj::serialize(doc);
  const auto run = engine.Run("case", input);
  ASSERT_TRUE(run.ok()) << run.status();
  const bj::object answer = bj::parse(*run).as_object();
  ASSERT_EQ(S(answer.at("outcome")), "awarded");

  const auto text = engine.Render("case", "text", input);
  ASSERT_TRUE(text.ok()) << text.status();
  auto shown = [](const bj::value& v) { return TerminalSafe(S(v), /*keep_line_breaks=*/false); };
  EXPECT_NE(text->find(Cat("申请 Application: ", shown(answer.at("application_id")), "    ")),
            std::string::npos) << *text;
  EXPECT_EQ(text->find('\x1b'), std::string::npos);
  const bj::array& findings = answer.at("findings").as_array();
  ASSERT_EQ(S(findings.back().at("rule")), "INPUT.UNKNOWN_MEMBER");
  for (const bj::value& f : findings) {
    const std::string line = Cat(" ", S(f.at("status")), "] ", S(f.at("rule")), " (Art. ",
                                 S(f.at("article")), "): ", shown(f.at("message_zh")), " | ",
                                 shown(f.at("message")), "\n");
    EXPECT_NE(text->find(line), std::string::npos) << line;
  }
  EXPECT_NE(text->find(Cat("，等级 grade ", S(answer.at("grade")), "\n")), std::string::npos);
  const bj::object& next = answer.at("next").at(0).as_object();
  EXPECT_NE(text->find(Cat("，截止 due by ", S(next.at("due_by")), "\n")), std::string::npos);

  namespace format = internal::certificate_format;
  const auto ics = engine.Render("case", "ics", input);
  ASSERT_TRUE(ics.ok()) << ics.status();
  const std::string uid = format::EscapeIcsText(Cat(id, "-", S(next.at("step"))));
  EXPECT_NE(ics->find(Cat("UID:", uid, "@sqp\r\n")), std::string::npos) << *ics;
  const auto svg = engine.Render("case", "svg", input);
  ASSERT_TRUE(svg.ok()) << svg.status();
  EXPECT_NE(svg->find(format::EscapeXml(Cat("案件时间线 Case timeline — ", id))), std::string::npos)
      << *svg;
}

// The C door: sqp_run and sqp_render give the engine's bytes.
TEST(CaseCAbi, RunAndRenderThroughTheCAbi) {
  // The calendar's DTSTAMP is when it was made: pinned, so that the doors' bytes compare.
  const test::ScopedEnv epoch("SOURCE_DATE_EPOCH", "1796268930");
  const Engine engine = DefaultEngine();
  const std::string input = ReadExample("case-awarded.json");
  sqp_engine* e = nullptr;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &e, nullptr, nullptr), SQP_OK);
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(sqp_run(e, "case", input.data(), input.size(), &out, &len), SQP_OK);
  EXPECT_EQ(std::string(out, len), *engine.Run("case", input));
  sqp_free(out);
  for (const char* format : {"text", "ics", "svg"}) {
    ASSERT_EQ(sqp_render(e, "case", format, input.data(), input.size(), &out, &len), SQP_OK) << format;
    EXPECT_EQ(std::string(out, len), *engine.Render("case", format, input)) << format;
    sqp_free(out);
  }
  sqp_engine_free(e);
  // DTSTAMP is SOURCE_DATE_EPOCH (2026-12-03T03:35:30Z), not the case's as_of (2026-04-01),
  // which stays in each event's description.
  const std::string ics = *engine.Render("case", "ics", input);
  EXPECT_NE(ics.find("DTSTAMP:20261203T033530Z\r\n"), std::string::npos) << ics;
  EXPECT_EQ(ics.find("DTSTAMP:20260401"), std::string::npos) << ics;
  EXPECT_NE(ics.find("as of 2026-04-01"), std::string::npos) << ics;
}

}  // namespace
}  // namespace sqp
