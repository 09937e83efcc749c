// The rulebook's scoring section (SCORE.TABLE, SCORE.METHODS, SCORE.RULES, SCORE.GRADE): the
// default template tables, and validation of broken tables — every error with its pointer.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include <boost/json.hpp>

#include "sqp/rulebook.hpp"
#include "sqp/status.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

// A string member equal to `s` (Boost.JSON compares values only with values).
bool IsStr(const bj::value& v, std::string_view s) {
  return v.is_string() && std::string_view(v.get_string()) == s;
}

bj::value DefaultDoc() { return bj::parse(DefaultRulebookJson()); }

bj::object& Table(bj::value& doc, std::string_view site) {
  return doc.at("scoring").at("tables").at(site).as_object();
}

// The item `id` of `site`'s table, and its JSON pointer.
bj::object& Item(bj::value& doc, std::string_view site, std::string_view id, std::string* pointer = nullptr) {
  bj::array& dims = Table(doc, site).at("dimensions").as_array();
  for (size_t d = 0; d < dims.size(); ++d) {
    bj::array& items = dims[d].at("items").as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      if (IsStr(items[i].at("id"), id)) {
        if (pointer) {
          *pointer = "/scoring/tables/" + std::string(site) + "/dimensions/" + std::to_string(d) +
                     "/items/" + std::to_string(i);
        }
        return items[i].as_object();
      }
    }
  }
  ADD_FAILURE() << "no item " << id;
  static bj::object none;
  return none;
}

// The error paths of a rulebook that must fail validation.
std::set<std::string> ErrorPaths(const bj::value& doc) {
  auto rb = ParseRulebook(bj::serialize(doc));
  EXPECT_FALSE(rb.ok()) << "rulebook unexpectedly valid";
  std::set<std::string> paths;
  if (rb.ok()) return paths;
  const ErrorInfo info = DescribeError(rb.status());
  EXPECT_EQ(info.code, ErrorCode::kInvalidRulebook);
  for (const Issue& i : info.issues) paths.insert(i.path);
  return paths;
}

std::string Messages(const bj::value& doc) {
  auto rb = ParseRulebook(bj::serialize(doc));
  if (rb.ok()) return "";
  std::string all;
  for (const Issue& i : DescribeError(rb.status()).issues) all += i.path + ": " + i.message + "\n";
  return all;
}

constexpr std::string_view kBh = "/scoring/tables/business_hall";

TEST(ScoringRulebookTest, DefaultTablesAreCompleteTemplates) {  // SCORE.TABLE
  auto rb = ParseRulebook(DefaultRulebookJson());
  ASSERT_TRUE(rb.ok()) << rb.status();
  EXPECT_TRUE(rb->scoring.template_tables);
  EXPECT_EQ(rb->scoring.precision, 1);
  for (size_t s = 0; s < kSiteTypeCount; ++s) {
    const ScoringTable& t = rb->scoring.tables[s];
    SCOPED_TRACE(kSiteTypeNames[s]);
    ASSERT_EQ(t.dimensions.size(), 3u);
    EXPECT_EQ(t.dimensions[0].id, "resources");
    EXPECT_EQ(t.dimensions[1].id, "process");
    EXPECT_EQ(t.dimensions[2].id, "results");
    EXPECT_GE(t.items.size(), 12u);
    Decimal items_sum, dims_sum;
    int keys = 0;
    for (const auto& item : t.items) {
      items_sum += item.max;
      keys += item.key ? 1 : 0;
      // Every template item carries one tag of the quantitative/qualitative and of the
      // experience/audit pair, so those pairs partition the total.
      EXPECT_TRUE(item.Has(ScoreMethod::kQuantitative) != item.Has(ScoreMethod::kQualitative)) << item.id;
      EXPECT_TRUE(item.Has(ScoreMethod::kExperience) != item.Has(ScoreMethod::kAudit)) << item.id;
    }
    for (const auto& d : t.dimensions) dims_sum += d.max;
    EXPECT_EQ(items_sum, t.max_total);
    EXPECT_EQ(dims_sum, t.max_total);
    EXPECT_GE(keys, 3);
    ASSERT_GE(t.grades.size(), 3u);
    EXPECT_TRUE(t.grades.front().requires_key_items);
  }
  // SCORE.INDICATORS: each default target is scored by a threshold, linear or bands rule in the
  // table of some site type that the rulebook requires it for.
  for (size_t k = 0; k < rb->indicators.definitions.size(); ++k) {
    bool scored = false;
    for (size_t s = 0; s < kSiteTypeCount; ++s) {
      for (const auto& item : rb->scoring.tables[s].items) {
        scored = scored || item.rule.indicator == static_cast<int>(k);
      }
    }
    EXPECT_TRUE(scored) << rb->indicators.definitions[k].name;
  }
}

TEST(ScoringRulebookTest, ItemsMustSumToTheirDimension) {  // SCORE.TABLE
  bj::value doc = DefaultDoc();
  std::string at;
  bj::object& item = Item(doc, "business_hall", "environment", &at);
  item["max"] = 4;
  const auto paths = ErrorPaths(doc);
  EXPECT_TRUE(paths.count(std::string(kBh) + "/dimensions/0/max")) << Messages(doc);
  // The dimension sum then also disagrees with... nothing else: max_total still adds up.
  EXPECT_FALSE(paths.count(std::string(kBh) + "/max_total")) << Messages(doc);
  EXPECT_NE(Messages(doc).find("items sum to 29, not the dimension's max 30"), std::string::npos)
      << Messages(doc);
}

TEST(ScoringRulebookTest, DimensionsMustSumToMaxTotal) {  // SCORE.TABLE
  bj::value doc = DefaultDoc();
  Table(doc, "business_hall")["max_total"] = 101;
  const auto paths = ErrorPaths(doc);
  EXPECT_EQ(paths, std::set<std::string>{std::string(kBh) + "/max_total"}) << Messages(doc);
}

TEST(ScoringRulebookTest, DuplicateIdsAreRefused) {
  bj::value doc = DefaultDoc();
  std::string at;
  Item(doc, "business_hall", "reception", &at)["id"] = "environment";  // another dimension
  bj::array& dims = Table(doc, "business_hall").at("dimensions").as_array();
  dims[2].as_object()["id"] = "resources";
  bj::array& grades = Table(doc, "business_hall").at("grades").as_array();
  grades[1].as_object()["id"] = "five_star";
  const auto paths = ErrorPaths(doc);
  EXPECT_TRUE(paths.count(at + "/id")) << Messages(doc);
  EXPECT_TRUE(paths.count(std::string(kBh) + "/dimensions/2/id")) << Messages(doc);
  EXPECT_TRUE(paths.count(std::string(kBh) + "/grades/1/id")) << Messages(doc);
  // The same item id in another site type's table is fine: ids are per table.
  EXPECT_EQ(paths.size(), 3u) << Messages(doc);
}

TEST(ScoringRulebookTest, BandsMustBeOrderedWithoutOverlap) {  // SCORE.RULES
  bj::value doc = DefaultDoc();
  std::string at;
  bj::object& item = Item(doc, "business_hall", "complaint_response", &at);
  // Touching ends are allowed (the default table has them); overlapping ones are not.
  bj::array& bands = item["rule"].at("bands").as_array();
  bands[1].as_object()["from"] = 11.9;
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{at + "/rule/bands/1/from"}) << Messages(doc);

  bands[1].as_object()["from"] = 12;
  bands[2].as_object()["from"] = 5;  // before band 1 starts
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{at + "/rule/bands/2/from"}) << Messages(doc);
  EXPECT_NE(Messages(doc).find("ascending"), std::string::npos);

  bands[2].as_object()["from"] = 50;  // from above to
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{at + "/rule/bands/2"}) << Messages(doc);

  bands[2].as_object()["from"] = 24;
  bands[2].as_object()["points"] = 7;  // item max is 6
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{at + "/rule/bands/2/points"}) << Messages(doc);

  bands[2].as_object()["points"] = 1;
  bands[1].as_object()["to"] = nullptr;  // unbounded in the middle
  bands[2].as_object()["from"] = nullptr;
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{at + "/rule/bands/2/from"})) << Messages(doc);
  bands[2].as_object()["from"] = 24;
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{at + "/rule/bands/1/to"})) << Messages(doc);

  bands[1].as_object().erase("to");  // required even when unbounded (null)
  EXPECT_TRUE(ErrorPaths(doc).count(at + "/rule/bands/1/to")) << Messages(doc);

  item["rule"].as_object()["bands"] = bj::array();
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{at + "/rule/bands"}) << Messages(doc);
}

TEST(ScoringRulebookTest, PassMarks) {  // SCORE.KEY
  bj::value doc = DefaultDoc();
  std::string staffing, environment;
  Item(doc, "business_hall", "staffing", &staffing)["pass"] = 5.5;  // max 5
  Item(doc, "business_hall", "environment", &environment)["pass"] = 3;  // not a key item
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{staffing + "/pass", environment + "/pass"}))
      << Messages(doc);
  Item(doc, "business_hall", "staffing")["pass"] = nullptr;  // a key item needs one
  Item(doc, "business_hall", "environment").erase("pass");   // must be written, as null
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{staffing + "/pass", environment + "/pass"}))
      << Messages(doc);
  Item(doc, "business_hall", "staffing")["pass"] = 5;  // pass == max is allowed
  Item(doc, "business_hall", "environment")["pass"] = nullptr;
  EXPECT_TRUE(ParseRulebook(bj::serialize(doc)).ok());
}

TEST(ScoringRulebookTest, GradesMustRunFromHighestToLowest) {  // SCORE.GRADE
  bj::value doc = DefaultDoc();
  bj::array& grades = Table(doc, "business_hall").at("grades").as_array();
  grades[2].as_object()["min_total"] = 80;  // equal to the grade above
  grades[3].as_object()["min_dimension_share"] = bj::object{{"num", 2}, {"den", 3}};  // above 3/5
  grades[4].as_object()["requires_key_items"] = true;  // grade above does not
  grades[0].as_object()["min_total"] = 100.5;  // above max_total
  const std::string g = std::string(kBh) + "/grades/";
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{g + "0/min_total", g + "2/min_total",
                                                     g + "3/min_dimension_share",
                                                     g + "4/requires_key_items"}))
      << Messages(doc);
}

TEST(ScoringRulebookTest, GradeShareIsAFractionUpToOne) {
  bj::value doc = DefaultDoc();
  bj::array& grades = Table(doc, "business_hall").at("grades").as_array();
  grades[0].as_object()["min_dimension_share"] = bj::object{{"num", 5}, {"den", 4}};
  grades[1].as_object()["min_dimension_share"] = bj::object{{"num", 1}, {"den", 0}};
  const std::string g = std::string(kBh) + "/grades/";
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{g + "0/min_dimension_share",
                                                     g + "1/min_dimension_share/den"}))
      << Messages(doc);
}

TEST(ScoringRulebookTest, RulesNameKnownIndicators) {  // SCORE.RULES
  bj::value doc = DefaultDoc();
  std::string linear, threshold;
  Item(doc, "business_hall", "request_ack", &threshold)["rule"].as_object()["indicator"] = "queue_minutes";
  bj::object& rule = Item(doc, "business_hall", "service_response", &linear)["rule"].as_object();
  rule["zero_at"] = 30;  // equal to full_at
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{threshold + "/rule/indicator",
                                                     linear + "/rule/zero_at"}))
      << Messages(doc);
  EXPECT_NE(Messages(doc).find("unknown indicator \"queue_minutes\""), std::string::npos);
  // Swapped ends: service response is bounded at most, so full marks must be the lower value.
  rule["zero_at"] = 15;
  Item(doc, "business_hall", "request_ack")["rule"].as_object()["indicator"] = "request_ack_min";
  EXPECT_EQ(ErrorPaths(doc), std::set<std::string>{linear + "/rule/full_at"}) << Messages(doc);
}

TEST(ScoringRulebookTest, RuleShapes) {
  bj::value doc = DefaultDoc();
  std::string a, b, c;
  Item(doc, "business_hall", "environment", &a)["rule"] = bj::object{{"type", "judged"}, {"indicator", "x"}};
  Item(doc, "business_hall", "facilities", &b)["rule"] = bj::object{{"type", "guess"}};
  Item(doc, "business_hall", "request_ack", &c)["rule"].as_object().erase("indicator");
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{a + "/rule/indicator", b + "/rule/type",
                                                     c + "/rule/indicator"}))
      << Messages(doc);
}

TEST(ScoringRulebookTest, MethodTags) {  // SCORE.METHODS
  bj::value doc = DefaultDoc();
  std::string a, b, c, d;
  Item(doc, "business_hall", "environment", &a)["methods"] = bj::array{"qualitative", "mystery"};
  Item(doc, "business_hall", "facilities", &b)["methods"] = bj::array{"open", "unannounced"};
  Item(doc, "business_hall", "safety", &c)["methods"] = bj::array{"audit", "audit"};
  Item(doc, "business_hall", "reception", &d)["methods"] = bj::array();
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{a + "/methods/1", b + "/methods/1",
                                                     c + "/methods/1", d + "/methods"}))
      << Messages(doc);
}

TEST(ScoringRulebookTest, PointsAtThePrecision) {  // SCORE.RULES
  bj::value doc = DefaultDoc();
  std::string a, b;
  Item(doc, "business_hall", "environment", &a)["max"] = 4.95;
  Item(doc, "business_hall", "facilities", &b)["max"] = 5.05;
  const auto paths = ErrorPaths(doc);
  EXPECT_TRUE(paths.count(a + "/max")) << Messages(doc);
  EXPECT_TRUE(paths.count(b + "/max")) << Messages(doc);
  EXPECT_NE(Messages(doc).find("finer than the scoring precision"), std::string::npos);
  // With two decimals the same figures are fine (and still sum to 30).
  doc.at("scoring").as_object()["precision"] = 2;
  EXPECT_TRUE(ParseRulebook(bj::serialize(doc)).ok()) << Messages(doc);
}

TEST(ScoringRulebookTest, StrictShape) {
  bj::value doc = DefaultDoc();
  doc.at("scoring").as_object().erase("template");
  doc.at("scoring").as_object()["colour"] = "red";
  Table(doc, "other_ict")["bonus"] = 5;
  doc.at("scoring").at("tables").as_object().erase("customer_service_center");
  doc.at("scoring").at("tables").as_object()["shop"] = bj::object();
  std::string at;
  Item(doc, "business_hall", "environment", &at)["weight"] = 1;
  EXPECT_EQ(ErrorPaths(doc), (std::set<std::string>{
                                 "/scoring/template", "/scoring/colour",
                                 "/scoring/tables/other_ict/bonus",
                                 "/scoring/tables/customer_service_center", "/scoring/tables/shop",
                                 at + "/weight"}))
      << Messages(doc);
}

TEST(ScoringRulebookTest, EveryProblemAtOnce) {
  bj::value doc = DefaultDoc();
  std::string a, b, c;
  Item(doc, "business_hall", "environment", &a)["max"] = 6;
  Item(doc, "customer_service_center", "complaint_response", &b)["rule"].at("bands").as_array()[1]
      .as_object()["from"] = 0;
  Item(doc, "installation_maintenance_center", "user_satisfaction", &c)["rule"].as_object()["indicator"] = "nps";
  Table(doc, "other_ict").at("grades").as_array()[1].as_object()["min_total"] = 95;
  doc.at("calendar").as_object()["publicity_days"] = 0;  // outside the scoring section
  const auto paths = ErrorPaths(doc);
  EXPECT_TRUE(paths.count(std::string(kBh) + "/dimensions/0/max"));
  EXPECT_TRUE(paths.count(b + "/rule/bands/1/from"));
  EXPECT_TRUE(paths.count(c + "/rule/indicator"));
  EXPECT_TRUE(paths.count("/scoring/tables/other_ict/grades/1/min_total"));
  EXPECT_TRUE(paths.count("/calendar/publicity_days"));
  EXPECT_EQ(paths.size(), 5u) << Messages(doc);
}

TEST(ScoringRulebookTest, ExampleOfficialFormatRulebookIsValid) {
  std::FILE* f = std::fopen(SQP_SOURCE_DIR "/docs/examples/rulebook-official-format.json", "rb");
  ASSERT_NE(f, nullptr);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  auto rb = ParseRulebook(text);
  ASSERT_TRUE(rb.ok()) << rb.status();
  EXPECT_EQ(rb->scoring.precision, 2);
  EXPECT_EQ(rb->scoring.Table(SiteType::kBusinessHall).max_total, Decimal::FromInt(1000));
  EXPECT_EQ(rb->scoring.Table(SiteType::kBusinessHall).grades.front().id, "AAAAA");
}

}  // namespace
}  // namespace sqp
