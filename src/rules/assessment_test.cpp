// `assess`: one report of eligibility, the procedure calendar and the score. It adds no rule of
// its own, so its parts must equal the standalone operations' results on the same data.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

bj::object Example() {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/docs/examples/assessment.json");
  std::stringstream s;
  s << in.rdbuf();
  return bj::parse(s.str()).as_object();
}

const Engine& Default() {
  static const Engine engine = *Engine::Create();
  return engine;
}

bj::object RunOp(const std::string& op, const bj::value& doc) {
  auto out = Default().Run(op, bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? bj::parse(*out).as_object() : bj::object();
}

std::vector<Issue> Errors(const bj::value& doc) {
  auto out = Default().Run("assess", bj::serialize(doc));
  EXPECT_FALSE(out.ok());
  if (out.ok()) return {};
  return DescribeError(out.status()).issues;
}

bool HasPath(const std::vector<Issue>& issues, std::string_view path) {
  for (const Issue& i : issues) {
    if (i.path == path) return true;
  }
  return false;
}

TEST(AssessTest, ExampleIsGradedAndPartsMatchStandaloneOperations) {
  const bj::object doc = Example();
  const bj::object r = RunOp("assess", doc);
  EXPECT_EQ(r.at("schema"), "sqp.assessment-result/1");
  const bj::object& summary = r.at("summary").as_object();
  EXPECT_EQ(summary.at("outcome"), "graded");
  EXPECT_EQ(summary.at("decision"), "eligible");
  EXPECT_EQ(summary.at("batch"), "2026-Q1");

  // Eligibility: same members as the eligibility operation, evidence re-rooted under /application.
  bj::object app = doc.at("application").as_object();
  const bj::object elig = RunOp("eligibility", app);
  const bj::object& embedded = r.at("eligibility").as_object();
  EXPECT_EQ(embedded.at("decision"), elig.at("decision"));
  EXPECT_EQ(embedded.at("window"), elig.at("window"));
  const auto& a = embedded.at("findings").as_array();
  const auto& b = elig.at("findings").as_array();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at("rule"), b[i].at("rule"));
    EXPECT_EQ(a[i].at("status"), b[i].at("status"));
    if (b[i].at("evidence").is_string()) {
      EXPECT_EQ(std::string(a[i].at("evidence").as_string()),
                "/application" + std::string(b[i].at("evidence").as_string()));
    }
  }

  // Cycle: the procedure plus the application's filing date.
  bj::object cycle_in = doc.at("procedure").as_object();
  cycle_in["schema"] = "sqp.cycle/1";
  cycle_in["applied_on"] = app.at("applied_on");
  bj::object cycle = RunOp("cycle", cycle_in);
  cycle.erase("schema");
  cycle.erase("rulebook");
  EXPECT_EQ(r.at("cycle").as_object(), cycle);

  // Score: identical to the score operation.
  bj::object score = RunOp("score", doc.at("scoresheet"));
  score.erase("schema");
  score.erase("rulebook");
  EXPECT_EQ(r.at("score").as_object(), score);
  EXPECT_EQ(summary.at("total"), score.at("total"));
  EXPECT_EQ(summary.at("grade"), score.at("grade"));
  EXPECT_EQ(summary.at("awarded_grade"), score.at("grade"));
}

TEST(AssessTest, IneligibleSiteIsNotAwardedItsGrade) {
  bj::object doc = Example();
  bj::array& accidents = doc["application"].as_object()["accidents"].as_array();
  accidents.push_back(bj::object{{"date", "2023-01-01"}, {"severity", "larger"}});
  const bj::object r = RunOp("assess", doc);
  const bj::object& summary = r.at("summary").as_object();
  EXPECT_EQ(summary.at("outcome"), "ineligible");
  EXPECT_TRUE(summary.at("disqualified").as_bool());
  EXPECT_EQ(summary.at("eligible_from"), "2026-11-01");  // RULES.md §1: the batch-year window
  EXPECT_FALSE(summary.at("grade").is_null());       // the score still says what it reached
  EXPECT_TRUE(summary.at("awarded_grade").is_null());  // but nothing is awarded
  // The evidence points into the assessment document.
  bool found = false;
  for (const auto& f : r.at("eligibility").at("findings").as_array()) {
    if (f.at("rule") == "ELIG.ACCIDENT" && f.at("status") == "fail") {
      found = true;
      EXPECT_EQ(f.at("evidence"), "/application/accidents/2");
    }
  }
  EXPECT_TRUE(found);
}

TEST(AssessTest, WithoutScoresheetOrProcedure) {
  bj::object doc = Example();
  doc.erase("scoresheet");
  doc.erase("procedure");
  const bj::object r = RunOp("assess", doc);
  EXPECT_EQ(r.at("summary").at("outcome"), "not_scored");
  EXPECT_TRUE(r.at("score").is_null());
  EXPECT_TRUE(r.at("summary").at("total").is_null());
  EXPECT_EQ(r.at("cycle").at("batch"), "2026-Q1");
  EXPECT_FALSE(r.at("cycle").as_object().contains("publicity"));
}

TEST(AssessTest, PendingEligibilityIsPending) {
  bj::object doc = Example();
  doc["application"].as_object()["adverse_records"].as_array().push_back(
      bj::object{{"date", "2025-06-01"}, {"regulator_opinion", "pending"}});
  EXPECT_EQ(RunOp("assess", doc).at("summary").at("outcome"), "pending");
}

TEST(AssessTest, ErrorsPointIntoTheAssessmentDocument) {
  bj::object doc = Example();
  doc["application"].as_object()["applied_on"] = "2026-02-30";
  doc["application"].as_object()["site"].as_object()["type"] = "kiosk";
  doc["scoresheet"].as_object()["judged"].as_object()["no_such_item"] = 3;
  doc["procedure"].as_object()["publicity_starts_on"] = 20260310;
  const auto issues = Errors(doc);
  EXPECT_TRUE(HasPath(issues, "/application/applied_on"));
  EXPECT_TRUE(HasPath(issues, "/application/site/type"));
  EXPECT_TRUE(HasPath(issues, "/scoresheet/judged/no_such_item"));
  EXPECT_TRUE(HasPath(issues, "/procedure/publicity_starts_on"));
}

TEST(AssessTest, StructuralErrors) {
  bj::object doc = Example();
  doc.erase("application");
  EXPECT_TRUE(HasPath(Errors(doc), "/application"));

  doc = Example();
  doc["application"].as_object()["schema"] = "sqp.application/2";
  EXPECT_TRUE(HasPath(Errors(doc), "/application/schema"));

  // A valid scoresheet, but for another kind of site than the application's.
  doc = Example();
  std::ifstream in(std::string(SQP_SOURCE_DIR) +
                   "/docs/examples/scoresheet-customer-service-center.json");
  std::stringstream sheet;
  sheet << in.rdbuf();
  doc["scoresheet"] = bj::parse(sheet.str());
  const auto mismatch = Errors(doc);
  ASSERT_EQ(mismatch.size(), 1u);
  EXPECT_EQ(mismatch[0].path, "/scoresheet/site_type");

  doc = Example();
  doc["procedure"].as_object()["applied_on"] = "2026-01-15";
  EXPECT_TRUE(HasPath(Errors(doc), "/procedure/applied_on"));

  doc = Example();
  doc["procedure"].as_object().erase("publicity_starts_on");
  EXPECT_TRUE(HasPath(Errors(doc), "/procedure/publicity_starts_on"));
}

}  // namespace
}  // namespace sqp
