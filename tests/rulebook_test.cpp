// The rulebook: default loads, identity is stable under reformatting, validation lists every
// problem with its JSON pointer.
#include "sqp/rulebook.hpp"

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;
using ::testing::Contains;
using ::testing::Field;

bj::object DefaultDoc() { return bj::parse(DefaultRulebookJson()).as_object(); }

std::vector<Issue> IssuesOf(const bj::value& doc) {
  auto rb = ParseRulebook(bj::serialize(doc));
  EXPECT_FALSE(rb.ok());
  if (rb.ok()) return {};
  const ErrorInfo info = DescribeError(rb.status());
  EXPECT_EQ(info.code, ErrorCode::kInvalidRulebook);
  return info.issues;
}

MATCHER_P(HasPath, path, "") { return arg.path == path; }

TEST(RulebookTest, DefaultHoldsEveryNumberOfRules) {
  auto rb = ParseRulebook(DefaultRulebookJson());
  ASSERT_TRUE(rb.ok()) << rb.status();
  EXPECT_EQ(rb->identity.id, "sqp.default");
  EXPECT_EQ(rb->identity.sha256.size(), 64u);
  EXPECT_EQ(rb->eligibility.lookback_years, 3);
  EXPECT_EQ(rb->eligibility.min_trained_staff, 2);
  EXPECT_FALSE(rb->eligibility.disqualifying_severity[Index(AccidentSeverity::kGeneral)]);
  EXPECT_TRUE(rb->eligibility.disqualifying_severity[Index(AccidentSeverity::kLarger)]);
  EXPECT_EQ(rb->calendar.acceptance_months, (std::vector<int>{1, 4, 7, 10}));
  EXPECT_EQ(rb->calendar.announcement_months, (std::vector<int>{3, 6, 9, 12}));
  EXPECT_EQ(rb->calendar.report_due_months, 1);
  EXPECT_EQ(rb->calendar.publicity_days, 7);
  EXPECT_EQ(rb->expert_review.quorum, (Fraction{2, 3}));
  EXPECT_EQ(rb->final_review.decision, (Fraction{2, 3}));
  EXPECT_EQ(rb->certificate.validity_years, 3);
  EXPECT_FALSE(rb->certificate.issue_day_is_day_one);
  EXPECT_EQ(rb->certificate.supervision_anniversaries, (std::vector<int>{1, 2}));
  EXPECT_EQ(rb->certificate.upgrade_min_months, 6);
  EXPECT_TRUE(rb->rest_days.empty());
  // SCORE.INDICATORS targets of the 2025 manual.
  const auto* sat = rb->indicators.Find("user_satisfaction_pct");
  ASSERT_NE(sat, nullptr);
  EXPECT_EQ(sat->bound, Decimal::FromInt(95));
  EXPECT_TRUE(sat->Meets(Decimal::FromInt(95)));  // "≥ 95 %" includes 95
  EXPECT_FALSE(sat->Meets(*Decimal::Parse("94.99")));
  const auto* avail = rb->indicators.Find("network_availability_pct");
  ASSERT_NE(avail, nullptr);
  EXPECT_EQ(avail->bound, *Decimal::Parse("99.99"));
  const auto* repair = rb->indicators.Find("fault_repair_hours");
  ASSERT_NE(repair, nullptr);
  EXPECT_TRUE(repair->Meets(Decimal::FromInt(4)));
  EXPECT_FALSE(repair->Meets(*Decimal::Parse("4.01")));
}

TEST(RulebookTest, IdentityIgnoresWhitespaceAndKeyOrder) {
  const auto a = ParseRulebook(DefaultRulebookJson());
  ASSERT_TRUE(a.ok());
  // Reverse every object's key order and print with different whitespace.
  std::function<bj::value(const bj::value&)> reverse = [&](const bj::value& v) -> bj::value {
    if (v.is_object()) {
      bj::object o;
      const auto& src = v.get_object();
      for (auto it = src.end(); it != src.begin();) { --it; o[it->key()] = reverse(it->value()); }
      return o;
    }
    if (v.is_array()) {
      bj::array arr;
      for (const auto& e : v.get_array()) arr.push_back(reverse(e));
      return arr;
    }
    return v;
  };
  std::string reformatted = bj::serialize(reverse(bj::parse(DefaultRulebookJson())));
  reformatted.insert(0, "\n\t  ");
  reformatted += "\n";
  const auto b = ParseRulebook(reformatted);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->identity.sha256, b->identity.sha256);
  // The hash is of the canonical form, which is computed independently here.
  EXPECT_EQ(a->identity.sha256, Sha256Hex(*CanonicalRulebookJson(reformatted)));
  // A changed number changes the hash.
  bj::object changed = DefaultDoc();
  changed["calendar"].as_object()["publicity_days"] = 8;
  const auto c = ParseRulebook(bj::serialize(changed));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->identity.sha256, c->identity.sha256);
}

TEST(RulebookTest, Sha256KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(RulebookTest, EveryErrorListedWithItsPointer) {
  bj::object doc = DefaultDoc();
  doc.erase("version");                                               // missing field
  doc["eligibility"].as_object()["lookback_years"] = "three";         // wrong type
  doc["eligibility"].as_object()["disqualifying_accident_severities"] = bj::array{"larger", "huge"};
  doc["calendar"].as_object()["acceptance_months"] = bj::array{1, 13};  // month out of range
  doc["meetings"].as_object()["expert_review"].as_object()["quorum"] = bj::object{{"num", 2}, {"den", 0}};
  doc["meetings"].as_object()["final_review"].as_object()["decision"] = bj::object{{"num", 4}, {"den", 3}};
  doc["certificate"].as_object()["validity_yeras"] = 3;               // typo: unknown key
  doc["indicators"].as_object()["required_by_site_type"].as_object()["business_hall"] =
      bj::array{"user_satisfaction_pct", "no_such_indicator"};
  doc["rest_days"] = bj::object{{"weekends", true}, {"holidays", bj::array{"2026-02-30"}},
                                {"working_days", bj::array{}}};
  const auto issues = IssuesOf(doc);
  for (const char* path :
       {"/version", "/eligibility/lookback_years", "/eligibility/disqualifying_accident_severities/1",
        "/calendar/acceptance_months/1", "/meetings/expert_review/quorum/den",
        "/meetings/final_review/decision", "/certificate/validity_yeras",
        "/indicators/required_by_site_type/business_hall/1", "/rest_days/holidays/0"}) {
    EXPECT_THAT(issues, Contains(HasPath(path))) << path;
  }
  EXPECT_GE(issues.size(), 9u);
}

// Issue 16, item 7: a rest-day calendar names each day once, in one list; the id and version
// (stamped into every output) are one short line of printable characters.
TEST(RulebookTest, RestDaysOnceAndIdentityPrintable) {
  bj::object doc = DefaultDoc();
  doc["rest_days"] = bj::object{
      {"weekends", true},
      {"holidays", bj::array{"2026-10-01", "2026-10-02", "2026-10-01"}},
      {"working_days", bj::array{"2026-09-27", "2026-10-02"}}};
  doc["id"] = "cca\x1b[2J-sqp";
  doc["version"] = std::string(60'000, '9');
  auto issues = IssuesOf(doc);
  EXPECT_THAT(issues, Contains(HasPath("/rest_days/holidays/2")));
  EXPECT_THAT(issues, Contains(HasPath("/rest_days/working_days/1")));
  EXPECT_THAT(issues, Contains(HasPath("/id")));
  EXPECT_THAT(issues, Contains(HasPath("/version")));
  EXPECT_EQ(issues.size(), 4u);
  doc = DefaultDoc();
  doc["rest_days"] = bj::object{{"weekends", true},
                                {"holidays", bj::array{"2026-10-01", "2026-10-02"}},
                                {"working_days", bj::array{"2026-09-27"}}};
  doc["version"] = std::string(128, '9');
  EXPECT_TRUE(ParseRulebook(bj::serialize(doc)).ok());
}

// ELIG.IN_FORCE (Art. 25): `in_force_from`, a strict date, optional (absent: 2020-05-17), and
// part of the identity like every other value.
TEST(RulebookTest, InForceFromIsValidatedOptionalAndHashed) {
  bj::object doc = DefaultDoc();
  auto rb = ParseRulebook(bj::serialize(doc));
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb->in_force_from, *Date::Parse("2020-05-17"));
  const std::string default_sha = rb->identity.sha256;
  doc["in_force_from"] = "2021-01-01";
  rb = ParseRulebook(bj::serialize(doc));
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb->in_force_from, *Date::Parse("2021-01-01"));
  EXPECT_NE(rb->identity.sha256, default_sha);
  doc.erase("in_force_from");
  rb = ParseRulebook(bj::serialize(doc));
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb->in_force_from, *Date::Parse("2020-05-17"));
  for (const bj::value& bad : {bj::value("2020-02-30"), bj::value(20200517), bj::value("2020/05/17")}) {
    doc["in_force_from"] = bad;
    EXPECT_THAT(IssuesOf(doc), Contains(HasPath("/in_force_from"))) << bj::serialize(bad);
  }
}

TEST(RulebookTest, MonthsOrderAndPairing) {
  bj::object doc = DefaultDoc();
  doc["calendar"].as_object()["acceptance_months"] = bj::array{4, 1};
  doc["calendar"].as_object()["announcement_months"] = bj::array{3, 6, 9};
  const auto issues = IssuesOf(doc);
  EXPECT_THAT(issues, Contains(HasPath("/calendar/acceptance_months/1")));
  EXPECT_THAT(issues, Contains(HasPath("/calendar/announcement_months")));
}

TEST(RulebookTest, NotJsonAndWrongSchema) {
  auto rb = ParseRulebook("{\"schema\":");
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(DescribeError(rb.status()).code, ErrorCode::kInvalidJson);
  bj::object doc = DefaultDoc();
  doc["schema"] = "sqp.rulebook/2";
  EXPECT_THAT(IssuesOf(doc), Contains(HasPath("/schema")));
  EXPECT_THAT(IssuesOf(bj::array{}), Contains(HasPath("")));
}

TEST(RulebookTest, RestDayCalendarLoads) {
  bj::object doc = DefaultDoc();
  doc["rest_days"] = bj::object{{"weekends", true}, {"holidays", bj::array{"2026-10-01"}},
                                {"working_days", bj::array{"2026-10-11"}}};
  auto rb = ParseRulebook(bj::serialize(doc));
  ASSERT_TRUE(rb.ok()) << rb.status();
  EXPECT_FALSE(rb->rest_days.empty());
  EXPECT_EQ(rb->rest_days.RollForward(*Date::Parse("2026-10-01")), *Date::Parse("2026-10-02"));
  // rest_days must be present (null when none): an omitted calendar is not silently "none".
  doc.erase("rest_days");
  EXPECT_THAT(IssuesOf(doc), Contains(HasPath("/rest_days")));
}

TEST(RulebookTest, EngineFromBrokenRulebookFails) {
  auto e = Engine::FromRulebookJson("{}");
  ASSERT_FALSE(e.ok());
  const ErrorInfo info = DescribeError(e.status());
  EXPECT_EQ(info.code, ErrorCode::kInvalidRulebook);
  EXPECT_GE(info.issues.size(), 8u);  // every missing section is listed, not just the first
}

}  // namespace
}  // namespace sqp
