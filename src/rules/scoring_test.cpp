// Scoring (SCORE.*, Art. 12-13): the typed rules at and around their boundaries, exactness,
// rounding, key-factor veto, dimension minimums, every grade boundary, and the `score`
// operation's JSON door.
#include "test_support.hpp"
#include "sqp/scoring.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace sqp {
namespace {

using test::DefaultEngine;

namespace bj = boost::json;

// A string member equal to `s` (Boost.JSON compares values only with values).
bool IsStr(const bj::value& v, std::string_view s) {
  return v.is_string() && std::string_view(v.get_string()) == s;
}

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

// A number of a result document, exactly (the writer prints the shortest decimal).
Decimal Dec(const bj::value& v) {
  auto d = Decimal::FromDouble(v.to_number<double>());
  EXPECT_TRUE(d.has_value()) << bj::serialize(v);
  return d.value_or(Decimal());
}

constexpr std::int64_t kStep1 = 100'000;  // one decimal
constexpr std::int64_t kStep0 = 1'000'000;
constexpr std::int64_t kStep2 = 10'000;

Engine EngineFrom(const bj::value& rulebook) {
  auto e = Engine::FromRulebookJson(bj::serialize(rulebook));
  EXPECT_TRUE(e.ok()) << e.status();
  return *std::move(e);
}

std::string ReadFile(const std::string& path) {
  std::string text;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
  }
  EXPECT_FALSE(text.empty()) << path;
  return text;
}

bj::value Example(std::string_view name) {
  return bj::parse(ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/" + std::string(name)));
}

bj::object ScoreOk(const Engine& engine, const bj::value& sheet) {
  auto out = engine.Run("score", bj::serialize(sheet));
  EXPECT_TRUE(out.ok()) << out.status() << "\n" << bj::serialize(sheet);
  if (!out.ok()) return {};
  return bj::parse(*out).as_object();
}

ErrorInfo ScoreError(const Engine& engine, const bj::value& sheet) {
  auto out = engine.Run("score", bj::serialize(sheet));
  EXPECT_FALSE(out.ok()) << *out;
  if (out.ok()) return {};
  return DescribeError(out.status());
}

std::set<std::string> Paths(const ErrorInfo& info) {
  std::set<std::string> paths;
  for (const Issue& i : info.issues) paths.insert(i.path);
  return paths;
}

// A full-marks business-hall scoresheet for the default template: every judged item at its max
// and every indicator at a value that earns full marks. Built from the rulebook, so it follows
// the template if the template changes.
bj::object FullMarks(const Rulebook& rb, SiteType site) {
  const ScoringTable& t = rb.scoring.Table(site);
  bj::object judged, indicators;
  for (const ScoringItem& item : t.items) {
    if (item.rule.type == ItemRuleType::kJudged) {
      judged[item.id] = item.max.ToDouble();
      continue;
    }
    const IndicatorDefinition& def = rb.indicators.definitions[static_cast<size_t>(item.rule.indicator)];
    Decimal v = def.bound;
    if (item.rule.type == ItemRuleType::kLinear) v = item.rule.full_at;
    if (item.rule.type == ItemRuleType::kBands) {
      for (const ScoreBand& b : item.rule.bands) {
        if (b.points == item.max) v = b.from.value_or(b.to.value_or(Decimal()));
      }
    }
    indicators[def.name] = v.ToDouble();
  }
  return {{"schema", "sqp.scoresheet/1"}, {"site_type", kSiteTypeNames[Index(site)]},
          {"judged", judged}, {"indicators", indicators}};
}

// ---- SCORE.RULES: each rule at and around its boundaries ------------------------------------

TEST(ScoringRulesTest, ThresholdIsInclusiveAtTheBound) {  // SCORE.RULES, READ.INCLUSIVE
  IndicatorDefinition at_most{"t", BoundDirection::kAtMost, D("30"), "min", "", ""};
  EXPECT_EQ(ThresholdPoints(at_most, D("5"), D("30")), D("5"));
  EXPECT_EQ(ThresholdPoints(at_most, D("5"), D("29.999999")), D("5"));
  EXPECT_EQ(ThresholdPoints(at_most, D("5"), D("30.000001")), D("0"));
  IndicatorDefinition at_least{"s", BoundDirection::kAtLeast, D("99.99"), "%", "", ""};
  EXPECT_EQ(ThresholdPoints(at_least, D("8"), D("99.99")), D("8"));
  EXPECT_EQ(ThresholdPoints(at_least, D("8"), D("99.989999")), D("0"));
  EXPECT_EQ(ThresholdPoints(at_least, D("8"), D("100")), D("8"));
}

TEST(ScoringRulesTest, LinearFallingAtAndAroundItsEnds) {  // SCORE.RULES
  // Service response: 6 points at 30 min or faster, 0 at 60 min or slower.
  const Decimal max = D("6"), full = D("30"), zero = D("60");
  EXPECT_EQ(LinearPoints(max, full, zero, D("0"), kStep1), D("6"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("30"), kStep1), D("6"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("30.1"), kStep1), D("6"));  // 5.98 -> 6.0
  EXPECT_EQ(LinearPoints(max, full, zero, D("30.5"), kStep1), D("5.9"));  // 5.9 exactly
  EXPECT_EQ(LinearPoints(max, full, zero, D("45"), kStep1), D("3"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("59.9"), kStep1), D("0"));  // 0.02 -> 0.0
  EXPECT_EQ(LinearPoints(max, full, zero, D("59.5"), kStep1), D("0.1"));  // 0.1 exactly
  EXPECT_EQ(LinearPoints(max, full, zero, D("60"), kStep1), D("0"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("600"), kStep1), D("0"));
}

TEST(ScoringRulesTest, LinearRisingAtAndAroundItsEnds) {  // SCORE.RULES
  // Satisfaction: 10 points at 95 % or more, 0 at 85 % or less.
  const Decimal max = D("10"), full = D("95"), zero = D("85");
  EXPECT_EQ(LinearPoints(max, full, zero, D("100"), kStep1), D("10"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("95"), kStep1), D("10"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("94.99"), kStep1), D("10"));  // 9.99 -> 10.0
  EXPECT_EQ(LinearPoints(max, full, zero, D("94.9"), kStep1), D("9.9"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("90"), kStep1), D("5"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("85.01"), kStep1), D("0"));  // 0.01 -> 0.0
  EXPECT_EQ(LinearPoints(max, full, zero, D("85"), kStep1), D("0"));
  EXPECT_EQ(LinearPoints(max, full, zero, D("0"), kStep1), D("0"));
}

TEST(ScoringRulesTest, LinearRoundsHalfUpAtThePrecision) {  // SCORE.RULES
  // 10 points at 0, none at 1000: points = 10 - value / 100, so value 5 gives exactly 9.95.
  const Decimal max = D("10"), full = D("0"), zero = D("1000");
  EXPECT_EQ(LinearPoints(max, full, zero, D("5"), kStep1), D("10"));        // 9.95 up
  EXPECT_EQ(LinearPoints(max, full, zero, D("5.000001"), kStep1), D("9.9"));  // 9.94999999
  EXPECT_EQ(LinearPoints(max, full, zero, D("4.999999"), kStep1), D("10"));   // 9.95000001
  EXPECT_EQ(LinearPoints(max, full, zero, D("15"), kStep1), D("9.9"));       // 9.85 up
  EXPECT_EQ(LinearPoints(max, full, zero, D("15"), kStep2), D("9.85"));      // exact
  EXPECT_EQ(LinearPoints(max, full, zero, D("50"), kStep0), D("10"));        // 9.5 up
  EXPECT_EQ(LinearPoints(max, full, zero, D("50.000001"), kStep0), D("9"));  // 9.4999999
  // A third is never a binary fraction: 100 * 1/3 at 1, 2 and 4 decimals.
  EXPECT_EQ(LinearPoints(D("100"), D("3"), D("0"), D("1"), kStep1), D("33.3"));
  EXPECT_EQ(LinearPoints(D("100"), D("3"), D("0"), D("2"), kStep2), D("66.67"));
  EXPECT_EQ(LinearPoints(D("100"), D("3"), D("0"), D("2"), 100), D("66.6667"));
}

TEST(ScoringRulesTest, LinearStaysExactAtTheLargestFigures) {
  // max 10^6 points over a span of 2 * 10^12: the product needs 128 bits.
  const Decimal big = Decimal::FromInt(1'000'000'000'000);
  const Decimal minus_big = Decimal::FromInt(-1'000'000'000'000);
  EXPECT_EQ(LinearPoints(D("1000000"), big, minus_big, Decimal(), kStep1), D("500000"));
  // 10^6 * (1 + 10^12) / (2 * 10^12) = 500000.0000005: half up to the millionth.
  EXPECT_EQ(LinearPoints(D("1000000"), big, minus_big, D("1"), 1), D("500000.000001"));
  EXPECT_EQ(LinearPoints(D("1000000"), big, minus_big, D("2"), 1), D("500000.000001"));
  EXPECT_EQ(LinearPoints(D("1000000"), big, minus_big, D("3"), 1), D("500000.000002"));
}

TEST(ScoringRulesTest, BandsSharedEndsScoreTheBetterBand) {  // SCORE.RULES
  const std::vector<ScoreBand> bands = {
      {D("0"), D("12"), D("6")}, {D("12"), D("24"), D("4")}, {D("24"), D("48"), D("1")}};
  EXPECT_EQ(BandPoints(bands, D("0")).points, D("6"));
  EXPECT_EQ(BandPoints(bands, D("12")).points, D("6"));  // "12 小时以内" includes 12
  EXPECT_EQ(BandPoints(bands, D("12.000001")).points, D("4"));
  EXPECT_EQ(BandPoints(bands, D("24")).points, D("4"));
  EXPECT_EQ(BandPoints(bands, D("48")).points, D("1"));
  const BandResult outside = BandPoints(bands, D("48.000001"));
  EXPECT_FALSE(outside.matched);
  EXPECT_EQ(outside.points, D("0"));
  EXPECT_FALSE(BandPoints(bands, D("-1")).matched);
  // Rising bands (satisfaction): the shared end 98 also goes to the better band.
  const std::vector<ScoreBand> rising = {
      {std::nullopt, D("90"), D("0")}, {D("90"), D("98"), D("5")}, {D("98"), std::nullopt, D("10")}};
  EXPECT_EQ(BandPoints(rising, D("98")).points, D("10"));
  EXPECT_EQ(BandPoints(rising, D("97.999999")).points, D("5"));
  EXPECT_EQ(BandPoints(rising, D("90")).points, D("5"));
  EXPECT_TRUE(BandPoints(rising, D("-5")).matched);
  EXPECT_EQ(BandPoints(rising, D("1000")).points, D("10"));
  // A gap between bands scores nothing.
  const std::vector<ScoreBand> gap = {{D("0"), D("2"), D("8")}, {D("3"), D("4"), D("6")}};
  EXPECT_FALSE(BandPoints(gap, D("2.5")).matched);
}

// ---- Exactness ------------------------------------------------------------------------------

std::string TenthId(int i) {
  std::string id = "i";
  id += std::to_string(i);
  return id;
}

// A rulebook whose business-hall table is 1000 judged items of 0.1 points (SCORE.RULES: a
// thousand tenths make exactly 100, which binary floating point does not).
bj::value ThousandTenthsRulebook() {
  bj::value doc = bj::parse(DefaultRulebookJson());
  bj::array items;
  for (int i = 0; i < 1000; ++i) {
    items.push_back(bj::object{{"id", TenthId(i)}, {"name_en", "tenth"},
                               {"name_zh", "十分之一"}, {"max", 0.1},
                               {"methods", bj::array{"quantitative"}}, {"key", false},
                               {"pass", nullptr}, {"rule", bj::object{{"type", "judged"}}}});
  }
  bj::object& table = doc.at("scoring").at("tables").at("business_hall").as_object();
  table["dimensions"] = bj::array{bj::object{{"id", "all"}, {"name_en", "All"}, {"name_zh", "全部"},
                                             {"max", 100}, {"items", items}}};
  return doc;
}

TEST(ScoringExactnessTest, AThousandTenthsSumToExactlyOneHundred) {  // SCORE.RULES
  double binary = 0;
  for (int i = 0; i < 1000; ++i) binary += 0.1;
  EXPECT_NE(binary, 100.0);  // what the library must not do

  const bj::value rulebook = ThousandTenthsRulebook();
  auto rb = ParseRulebook(bj::serialize(rulebook));  // the loader's own sum check: exactly 100
  ASSERT_TRUE(rb.ok()) << rb.status();
  ScoreInput in;
  in.judged.assign(1000, D("0.1"));
  in.indicators.assign(rb->indicators.definitions.size(), std::nullopt);
  ASSERT_TRUE(CheckScoreInput(*rb, in).empty());
  const ScoreResult r = EvaluateScore(*rb, in);
  EXPECT_EQ(r.total, Decimal::FromInt(100));
  EXPECT_EQ(r.dimensions[0], Decimal::FromInt(100));
  EXPECT_EQ(r.by_method[Index(ScoreMethod::kQuantitative)].points, Decimal::FromInt(100));

  // Through the JSON door: 0.1 read from a double and printed exactly.
  const Engine engine = EngineFrom(rulebook);
  bj::object judged;
  for (int i = 0; i < 1000; ++i) judged[TenthId(i)] = 0.1;
  const bj::object out = ScoreOk(engine, bj::object{{"schema", "sqp.scoresheet/1"},
                                                    {"site_type", "business_hall"},
                                                    {"judged", judged}});
  EXPECT_EQ(out.at("total"), 100);
  EXPECT_EQ(out.at("grade"), "five_star");
  auto raw = engine.Run("score", bj::serialize(bj::object{{"schema", "sqp.scoresheet/1"},
                                                          {"site_type", "business_hall"},
                                                          {"judged", judged}}));
  ASSERT_TRUE(raw.ok());
  EXPECT_NE(raw->find("\"total\":100,"), std::string::npos);
}

// ---- SCORE.KEY, SCORE.GRADE on the default template -----------------------------------------

TEST(ScoringGradeTest, FullMarksReachTheHighestGrade) {  // SCORE.GRADE
  const Engine engine = DefaultEngine();
  for (size_t s = 0; s < kSiteTypeCount; ++s) {
    const auto site = static_cast<SiteType>(s);
    const bj::object out = ScoreOk(engine, FullMarks(engine.rulebook(), site));
    const ScoringTable& t = engine.rulebook().scoring.Table(site);
    EXPECT_EQ(Dec(out.at("total")), t.max_total);
    EXPECT_EQ(Dec(out.at("max_total")), t.max_total);
    EXPECT_TRUE(IsStr(out.at("grade"), t.grades.front().id)) << kSiteTypeNames[s];
    EXPECT_TRUE(out.at("key_items_met").as_bool());
    EXPECT_TRUE(out.at("next_grade").is_null());
    EXPECT_EQ(out.at("template"), true);
  }
}

// Sets one judged item of a full-marks sheet.
bj::object With(bj::object sheet, std::string_view item, Decimal points) {
  sheet["judged"].as_object()[item] = points.ToDouble();
  return sheet;
}

TEST(ScoringGradeTest, KeyFactorVetoWhateverTheTotal) {  // SCORE.KEY
  const Engine engine = DefaultEngine();
  const Rulebook& rb = engine.rulebook();
  const bj::object full = FullMarks(rb, SiteType::kBusinessHall);
  const ScoringItem* staffing = rb.scoring.Table(SiteType::kBusinessHall).FindItem("staffing");
  ASSERT_TRUE(staffing && staffing->key);

  // At the pass mark: the key item passes and the top grade stands.
  bj::object at_pass = ScoreOk(engine, With(full, "staffing", staffing->pass));
  EXPECT_EQ(at_pass.at("grade"), "five_star");
  EXPECT_TRUE(at_pass.at("key_items_met").as_bool());

  // A tenth below: total 97.9 still clears every total and dimension minimum, yet every grade
  // that requires key items is withheld.
  bj::object below = ScoreOk(engine, With(full, "staffing", staffing->pass - D("0.1")));
  EXPECT_EQ(Dec(below.at("total")), D("100") - (staffing->max - staffing->pass) - D("0.1"));
  EXPECT_FALSE(below.at("key_items_met").as_bool());
  std::string highest_without_keys;
  for (const auto& g : rb.scoring.Table(SiteType::kBusinessHall).grades) {
    if (!g.requires_key_items && highest_without_keys.empty()) highest_without_keys = g.id;
  }
  EXPECT_TRUE(IsStr(below.at("grade"), highest_without_keys)) << below.at("grade");
  ASSERT_EQ(below.at("key_items_failed").as_array().size(), 1u);
  EXPECT_EQ(below.at("key_items_failed").at(0).at("id"), "staffing");
  // The next grade up lacks nothing but the key item.
  const bj::object& next = below.at("next_grade").as_object();
  EXPECT_EQ(next.at("missing").at("points"), 0);
  EXPECT_TRUE(next.at("missing").at("dimensions").as_array().empty());
  EXPECT_EQ(next.at("missing").at("key_items").at(0).at("id"), "staffing");
  // And a message says the total would have reached the top grade.
  bool veto_message = false;
  for (const auto& m : below.at("messages").as_array()) {
    veto_message = veto_message || std::string_view(m.at("message").as_string()).find("SCORE.KEY") != std::string_view::npos;
  }
  EXPECT_TRUE(veto_message);
}

TEST(ScoringGradeTest, KeyItemScoredByAnIndicator) {  // SCORE.KEY
  const Engine engine = DefaultEngine();
  bj::object sheet = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  // user_satisfaction: linear 95 -> 10, 85 -> 0, pass 8: 93 % gives exactly 8.
  sheet["indicators"].as_object()["user_satisfaction_pct"] = 93;
  EXPECT_EQ(ScoreOk(engine, sheet).at("grade"), "five_star");
  sheet["indicators"].as_object()["user_satisfaction_pct"] = 92.9;  // 7.9
  const bj::object out = ScoreOk(engine, sheet);
  EXPECT_EQ(out.at("grade"), "two_star");
  EXPECT_EQ(out.at("key_items_failed").at(0).at("id"), "user_satisfaction");
  EXPECT_EQ(Dec(out.at("key_items_failed").at(0).at("points")), D("7.9"));
}

TEST(ScoringGradeTest, PerDimensionMinimumShare) {  // SCORE.GRADE
  const Engine engine = DefaultEngine();
  const Rulebook& rb = engine.rulebook();
  const ScoringTable& t = rb.scoring.Table(SiteType::kBusinessHall);
  const ScoreGrade& top = t.grades.front();
  // Resources needs max * share (30 * 4/5 = 24 in the template). Take points off judged
  // resources items until exactly that remains, then a tenth more.
  const Int128 need_units = (static_cast<Int128>(t.dimensions[0].max.units()) * top.min_dimension_share.num +
                             top.min_dimension_share.den - 1) / top.min_dimension_share.den;
  Decimal to_remove = t.dimensions[0].max - Decimal::FromUnits(static_cast<std::int64_t>(need_units));
  bj::object sheet = FullMarks(rb, SiteType::kBusinessHall);
  for (const ScoringItem& item : t.items) {
    if (item.dimension != 0 || item.rule.type != ItemRuleType::kJudged || item.key) continue;
    const Decimal take = std::min(to_remove, item.max);
    sheet["judged"].as_object()[item.id] = (item.max - take).ToDouble();
    to_remove -= take;
  }
  ASSERT_EQ(to_remove, Decimal());
  const bj::object at_share = ScoreOk(engine, sheet);
  EXPECT_TRUE(IsStr(at_share.at("grade"), top.id));
  EXPECT_GE(Dec(at_share.at("total")), top.min_total);

  // One tenth less in resources: the total still clears the top minimum; the dimension does not.
  for (const ScoringItem& item : t.items) {
    auto& v = sheet["judged"].as_object()[item.id];
    if (item.dimension == 0 && item.rule.type == ItemRuleType::kJudged && !item.key && Dec(v) >= D("0.1")) {
      v = (Dec(v) - D("0.1")).ToDouble();
      break;
    }
  }
  const bj::object below = ScoreOk(engine, sheet);
  EXPECT_GE(Dec(below.at("total")), top.min_total);
  EXPECT_TRUE(IsStr(below.at("grade"), t.grades[1].id));
  EXPECT_TRUE(below.at("key_items_met").as_bool());
  const bj::object& missing = below.at("next_grade").at("missing").as_object();
  EXPECT_EQ(missing.at("points"), 0);
  ASSERT_EQ(missing.at("dimensions").as_array().size(), 1u);
  const bj::object& dim = missing.at("dimensions").at(0).as_object();
  EXPECT_EQ(dim.at("id"), "resources");
  EXPECT_EQ(Dec(dim.at("required")), Decimal::FromUnits(static_cast<std::int64_t>(need_units)));
  EXPECT_EQ(Dec(dim.at("short")), D("0.1"));
}

// A two-dimension table that isolates the grades: A (key item a1 of 40, pass 20; a2 of 10) and
// B (b1 of 50), with the default template's grades.
bj::value GradeProbeRulebook() {
  bj::value doc = bj::parse(DefaultRulebookJson());
  auto judged_item = [](std::string_view id, int max, bool key, int pass) {
    return bj::object{{"id", id}, {"name_en", id}, {"name_zh", id}, {"max", max},
                      {"methods", bj::array{"qualitative"}}, {"key", key},
                      {"pass", key ? bj::value(pass) : bj::value(nullptr)},
                      {"rule", bj::object{{"type", "judged"}}}};
  };
  bj::object& table = doc.at("scoring").at("tables").at("business_hall").as_object();
  table["dimensions"] = bj::array{
      bj::object{{"id", "A"}, {"name_en", "A"}, {"name_zh", "甲"}, {"max", 50},
                 {"items", bj::array{judged_item("a1", 40, true, 20), judged_item("a2", 10, false, 0)}}},
      bj::object{{"id", "B"}, {"name_en", "B"}, {"name_zh", "乙"}, {"max", 50},
                 {"items", bj::array{judged_item("b1", 50, false, 0)}}}};
  return doc;
}

// Scores a probe sheet whose total is `total` (units), split evenly over A and B.
ScoreResult ProbeTotal(const Rulebook& rb, Decimal total) {
  const std::int64_t step = rb.scoring.StepUnits();
  const Decimal b = Decimal::FromUnits(total.units() / 2 / step * step);
  const Decimal a = total - b;
  const Decimal a1 = std::max(D("20"), a - D("10"));
  ScoreInput in;
  in.judged = {a1, a - a1, b};
  in.indicators.assign(rb.indicators.definitions.size(), std::nullopt);
  EXPECT_TRUE(CheckScoreInput(rb, in).empty()) << total.ToString();
  return EvaluateScore(rb, in);
}

TEST(ScoringGradeTest, EveryGradeBoundary) {  // SCORE.GRADE
  auto rb = ParseRulebook(bj::serialize(GradeProbeRulebook()));
  ASSERT_TRUE(rb.ok()) << rb.status();
  const ScoringTable& t = rb->scoring.Table(SiteType::kBusinessHall);
  const Decimal tenth = D("0.1");
  ASSERT_GE(t.grades.size(), 2u);
  for (size_t g = 0; g < t.grades.size(); ++g) {
    SCOPED_TRACE(t.grades[g].id);
    const ScoreResult at = ProbeTotal(*rb, t.grades[g].min_total);
    ASSERT_TRUE(at.grade.has_value());
    EXPECT_EQ(*at.grade, g);
    const ScoreResult below = ProbeTotal(*rb, t.grades[g].min_total - tenth);
    if (g + 1 < t.grades.size()) {
      ASSERT_TRUE(below.grade.has_value());
      EXPECT_EQ(*below.grade, g + 1);
    } else {
      EXPECT_FALSE(below.grade.has_value());
    }
    ASSERT_TRUE(below.next_grade.has_value());
    EXPECT_EQ(below.next_grade->grade, g);
    EXPECT_EQ(below.next_grade->points_short, tenth);
    // The next grade of a grade is the one above it, none for the top.
    if (g == 0) {
      EXPECT_FALSE(at.next_grade.has_value());
    } else {
      ASSERT_TRUE(at.next_grade.has_value());
      EXPECT_EQ(at.next_grade->grade, g - 1);
      EXPECT_EQ(at.next_grade->points_short, t.grades[g - 1].min_total - t.grades[g].min_total);
    }
  }
  // Far below the lowest grade: no grade; the next one is the lowest.
  const ScoreResult none = ProbeTotal(*rb, D("40"));
  EXPECT_FALSE(none.grade.has_value());
  EXPECT_EQ(none.next_grade->grade, t.grades.size() - 1);
}

TEST(ScoringGradeTest, DimensionShareIsAnIntegerComparison) {  // SCORE.GRADE, READ.INCLUSIVE
  auto rb = ParseRulebook(bj::serialize(GradeProbeRulebook()));
  ASSERT_TRUE(rb.ok());
  const ScoringTable& t = rb->scoring.Table(SiteType::kBusinessHall);
  // A at 2/3 of 50 is 33.33..: 33.3 is short, 33.4 meets it (ceil at the precision).
  const Fraction two_thirds{2, 3};
  const std::vector<Decimal> short_dims = {D("33.3"), D("50")};
  const std::vector<Decimal> met_dims = {D("33.4"), D("50")};
  ScoringTable probe = t;
  probe.grades = {ScoreGrade{"g", "G", "G", D("0"), two_thirds, false}};
  const GradeCheck s = CheckGrade(probe, 0, short_dims, D("83.3"), {}, rb->scoring.StepUnits());
  ASSERT_EQ(s.dimensions_short.size(), 1u);
  EXPECT_EQ(s.dimensions_short[0].required, D("33.4"));
  EXPECT_TRUE(CheckGrade(probe, 0, met_dims, D("83.4"), {}, rb->scoring.StepUnits()).met());
  // Share 0/1 sets no minimum at all.
  probe.grades[0].min_dimension_share = {0, 1};
  const std::vector<Decimal> zero_dims = {D("0"), D("0")};
  EXPECT_TRUE(CheckGrade(probe, 0, zero_dims, D("0"), {}, rb->scoring.StepUnits()).met());
}

TEST(ScoringMethodTest, TotalsByMethod) {  // SCORE.METHODS
  const Engine engine = DefaultEngine();
  const bj::object out = ScoreOk(engine, Example("scoresheet-customer-service-center.json"));
  // Recompute each method's totals from the item list of the result.
  for (size_t m = 0; m < kScoreMethodCount; ++m) {
    Decimal points, max;
    for (const auto& iv : out.at("items").as_array()) {
      bool tagged = false;
      for (const auto& t : iv.at("methods").as_array()) tagged = tagged || IsStr(t, kScoreMethodNames[m]);
      if (!tagged) continue;
      points += Dec(iv.at("points"));
      max += Dec(iv.at("max"));
    }
    const bj::object& bm = out.at("by_method").at(kScoreMethodNames[m]).as_object();
    EXPECT_EQ(Dec(bm.at("points")), points) << kScoreMethodNames[m];
    EXPECT_EQ(Dec(bm.at("max")), max) << kScoreMethodNames[m];
  }
  // In the template each item has one tag of the first two pairs, so each pair adds up to the total.
  auto pts = [&](std::string_view m) { return Dec(out.at("by_method").at(m).at("points")); };
  const Decimal total = Dec(out.at("total"));
  EXPECT_EQ(pts("quantitative") + pts("qualitative"), total);
  EXPECT_EQ(pts("experience") + pts("audit"), total);
}

// ---- The examples and the JSON door ---------------------------------------------------------

TEST(ScoreOperationTest, ExampleScoresheets) {
  const Engine engine = DefaultEngine();
  const bj::object bh = ScoreOk(engine, Example("scoresheet-business-hall.json"));
  EXPECT_EQ(bh.at("schema"), "sqp.score/1");
  EXPECT_EQ(Dec(bh.at("total")), D("91.5"));
  EXPECT_EQ(bh.at("grade"), "five_star");

  // Customer service centre: request_ack 12.5 min on the linear 10 -> 30 rule gives
  // 6 * 17.5 / 20 = 5.25, rounded half up to 5.3; the privacy key item (4.5 < 5) vetoes.
  const bj::object csc = ScoreOk(engine, Example("scoresheet-customer-service-center.json"));
  for (const auto& item : csc.at("items").as_array()) {
    if (IsStr(item.at("id"), "request_ack")) {
      EXPECT_EQ(Dec(item.at("points")), D("5.3"));
    }
  }
  EXPECT_EQ(Dec(csc.at("total")), D("94.8"));
  EXPECT_EQ(csc.at("grade"), "two_star");
  EXPECT_FALSE(csc.at("key_items_met").as_bool());

  // Installation & maintenance: fault repair 5.5 h falls in the 4-8 h band (2 points), network
  // availability 99.95 % gives 8 * 0.05 / 0.09 = 4.44.. -> 4.4; two dimensions short of four stars.
  const bj::object imc = ScoreOk(engine, Example("scoresheet-installation-maintenance-center.json"));
  EXPECT_EQ(Dec(imc.at("total")), D("70.8"));
  EXPECT_EQ(imc.at("grade"), "three_star");
  const bj::object& missing = imc.at("next_grade").at("missing").as_object();
  EXPECT_EQ(Dec(missing.at("points")), D("9.2"));
  EXPECT_EQ(missing.at("dimensions").as_array().size(), 2u);
}

TEST(ScoreOperationTest, CustomRulebookChangesResultsWithoutRecompiling) {  // SCORE.TABLE
  const bj::value sheet = Example("scoresheet-business-hall.json");
  const Engine engine = DefaultEngine();
  EXPECT_EQ(ScoreOk(engine, sheet).at("grade"), "five_star");
  // Same tables, stricter grades: five stars now need 95.
  bj::value rulebook = bj::parse(DefaultRulebookJson());
  rulebook.as_object()["id"] = "test.strict";
  rulebook.at("scoring").as_object()["template"] = false;
  rulebook.at("scoring").at("tables").at("business_hall").at("grades").at(0).as_object()["min_total"] = 95;
  const Engine strict = EngineFrom(rulebook);
  const bj::object out = ScoreOk(strict, sheet);
  EXPECT_EQ(out.at("grade"), "four_star");
  EXPECT_EQ(Dec(out.at("next_grade").at("missing").at("points")), D("3.5"));
  EXPECT_EQ(out.at("rulebook").at("id"), "test.strict");
  EXPECT_EQ(out.at("template"), false);
  EXPECT_TRUE(out.at("messages").as_array().empty());  // no template note
  // Other tables altogether: the example official-format rulebook (1000 points, AAA grades).
  const Engine official = [] {
    auto e = Engine::FromRulebookJson(
        ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/rulebook-official-format.json"));
    EXPECT_TRUE(e.ok()) << e.status();
    return *std::move(e);
  }();
  const bj::object o = ScoreOk(official, Example("scoresheet-official-format.json"));
  EXPECT_EQ(o.at("max_total"), 1000);
  EXPECT_EQ(Dec(o.at("total")), D("877.75"));
  EXPECT_EQ(o.at("grade"), "AAAA");
  EXPECT_EQ(o.at("precision"), 2);
}

bj::object Sheet(bj::object judged, bj::object indicators) {
  return {{"schema", "sqp.scoresheet/1"}, {"site_type", "business_hall"},
          {"judged", std::move(judged)}, {"indicators", std::move(indicators)}};
}

TEST(ScoreOperationTest, MalformedScoresheetsNameTheField) {
  const Engine engine = DefaultEngine();
  bj::object sheet = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  bj::object& judged = sheet["judged"].as_object();
  bj::object& ind = sheet["indicators"].as_object();
  judged["decor"] = 3;               // unknown item
  judged["user_satisfaction"] = 10;  // scored by an indicator, not by judgement
  judged["environment"] = 5.5;       // above max 5
  judged["facilities"] = -1;         // negative
  judged["accessibility"] = 3.25;    // finer than one decimal
  judged.erase("reception");         // missing judged item: an error, not a silent 0
  judged["safety"] = "four";         // not a number
  ind["queue_length"] = 3;           // unknown indicator
  ind.erase("request_ack_min");      // needed by a threshold rule
  ind["service_response_min"] = -2;  // a measurement cannot be negative
  const ErrorInfo info = ScoreError(engine, sheet);
  EXPECT_EQ(info.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Paths(info), (std::set<std::string>{
                             "/judged/decor", "/judged/user_satisfaction", "/judged/environment",
                             "/judged/facilities", "/judged/accessibility", "/judged/reception",
                             "/judged/safety", "/indicators/queue_length",
                             "/indicators/request_ack_min", "/indicators/service_response_min"}));
  for (const Issue& i : info.issues) EXPECT_FALSE(i.message.empty()) << i.path;
}

TEST(ScoreOperationTest, MalformedShapes) {
  const Engine engine = DefaultEngine();
  EXPECT_EQ(Paths(ScoreError(engine, bj::object{{"schema", "sqp.scoresheet/1"}, {"site_type", "kiosk"}})),
            std::set<std::string>{"/site_type"});
  EXPECT_EQ(Paths(ScoreError(engine, bj::object{{"schema", "sqp.scoresheet/1"}})).count("/site_type"), 1u);
  EXPECT_EQ(Paths(ScoreError(engine, Sheet({}, {}))).count("/judged/environment"), 1u);
  bj::object bad = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  bad["judged"] = bj::array{1, 2};
  EXPECT_EQ(Paths(ScoreError(engine, bad)).count("/judged"), 1u);
  bad = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  bad["indicators"] = 7;
  EXPECT_EQ(Paths(ScoreError(engine, bad)).count("/indicators"), 1u);
  // Wrong schema is the engine's business: kInvalidSchema at /schema.
  bad = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  bad["schema"] = "sqp.scoresheet/2";
  EXPECT_EQ(ScoreError(engine, bad).code, ErrorCode::kInvalidSchema);
  // A member the schema does not define is refused (READ.MEMBERS), with the one meant.
  bj::object extra = FullMarks(engine.rulebook(), SiteType::kBusinessHall);
  extra["assessor"] = "张三";
  EXPECT_EQ(Paths(ScoreError(engine, extra)).count("/assessor"), 1u);
  extra.erase("assessor");
  bj::value judged = extra.at("judged");  // a copy: inserting may move the members
  extra.erase("judged");
  extra["judge"] = std::move(judged);
  const ErrorInfo misspelt = ScoreError(engine, extra);
  EXPECT_EQ(misspelt.issues.front().path, "/judge");
  EXPECT_EQ(misspelt.issues.front().message, R"(unknown member; did you mean "judged"?)");
}

TEST(ScoreOperationTest, ItemIdsWithSlashesAreEscapedInPointers) {
  bj::value rulebook = bj::parse(ReadFile(std::string(SQP_SOURCE_DIR) +
                                          "/docs/examples/rulebook-official-format.json"));
  rulebook.at("scoring").at("tables").at("business_hall").at("dimensions").at(0).at("items").at(0)
      .as_object()["id"] = "5.1/1";
  const Engine engine = EngineFrom(rulebook);
  bj::value sheet = Example("scoresheet-official-format.json");
  sheet.at("judged").as_object().erase("5.1.1");
  EXPECT_EQ(Paths(ScoreError(engine, sheet)), std::set<std::string>{"/judged/5.1~11"});
}

TEST(ScoreOperationTest, VetoMessageIsBilingual) {
  const Engine engine = DefaultEngine();
  auto out = engine.Run("score", bj::serialize(Example("scoresheet-customer-service-center.json")));
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("关键因素否决"), std::string::npos);
  EXPECT_NE(out->find("withheld because key items are below their pass mark"), std::string::npos);
}

}  // namespace
}  // namespace sqp
