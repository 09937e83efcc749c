// The scoring part of the rulebook (SCORE.*, Art. 12-13): per site type, the standard's Table 1
// (服务等级评价分值分配表) as data — dimensions, items with full marks, evaluation methods,
// key-factor pass marks, a scoring rule per item — and the grades that table leads to.
//
// Everything here is decoded and validated by the rulebook loader
// (src/rulebook/scoring_codec.cpp), so the evaluation (sqp/scoring.hpp) may rely on:
//   - items of a dimension sum to its max, dimensions sum to max_total (SCORE.TABLE);
//   - every max, pass and band value is a non-negative multiple of 10^-precision;
//   - ids are unique inside a table; rules name indicators that exist;
//   - bands are ordered and do not overlap; grades run from the highest to the lowest and each is
//     at least as demanding as the next one down in every respect.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqp/decimal.hpp"
#include "sqp/fraction.hpp"
#include "sqp/vocabulary.hpp"

namespace sqp {

// SCORE.METHODS (Art. 12): "定量与定性、体验与审核、明察与暗访". Three pairs; an item carries at
// most one tag of each pair and at least one tag, so within a pair no point is counted twice.
enum class ScoreMethod {
  kQuantitative,  // 定量
  kQualitative,   // 定性
  kExperience,    // 体验
  kAudit,         // 审核
  kOpen,          // 明察
  kUnannounced,   // 暗访
};
inline constexpr size_t kScoreMethodCount = 6;
inline constexpr std::array<std::string_view, kScoreMethodCount> kScoreMethodNames = {
    "quantitative", "qualitative", "experience", "audit", "open", "unannounced"};
inline constexpr std::array<std::string_view, kScoreMethodCount> kScoreMethodNamesZh = {
    "定量", "定性", "体验", "审核", "明察", "暗访"};
constexpr size_t Index(ScoreMethod m) { return static_cast<size_t>(m); }
// The pair a method belongs to (0: quantitative/qualitative, 1: experience/audit, 2: open/unannounced).
constexpr size_t MethodPair(ScoreMethod m) { return Index(m) / 2; }

// SCORE.RULES (Art. 12): how an item earns its points.
enum class ItemRuleType {
  kJudged,     // the assessor's points, 0..max, given in the scoresheet
  kThreshold,  // full marks when the measured indicator meets its rulebook bound, else 0
  kLinear,     // max at full_at, 0 at zero_at, linear between, clamped outside
  kBands,      // the points of the band the measured value lies in
};
inline constexpr std::array<std::string_view, 4> kItemRuleTypeNames = {"judged", "threshold",
                                                                       "linear", "bands"};
constexpr std::string_view ItemRuleTypeName(ItemRuleType t) {
  return kItemRuleTypeNames[static_cast<size_t>(t)];
}

// One band [from, to] (both inclusive; an absent end is unbounded). Adjacent bands may share an
// end: a value on the shared end scores the higher of the two bands, because in a quality table
// both "N 以内" and "N 以上" include N (READ.INCLUSIVE) and always describe the better band.
struct ScoreBand {
  std::optional<Decimal> from;
  std::optional<Decimal> to;
  Decimal points;
};

struct ItemRule {
  ItemRuleType type = ItemRuleType::kJudged;
  int indicator = -1;  // index into IndicatorRules::definitions (every type but judged)
  Decimal full_at;     // linear
  Decimal zero_at;     // linear; never equal to full_at
  std::vector<ScoreBand> bands;  // bands, ascending
};

struct ScoringItem {
  std::string id;  // unique in its table; the scoresheet's "judged" key
  std::string name_en;
  std::string name_zh;
  size_t dimension = 0;  // index into ScoringTable::dimensions
  Decimal max;
  std::array<bool, kScoreMethodCount> methods = {};
  bool key = false;  // SCORE.KEY: a key factor (关键因素)
  Decimal pass;      // key items: points needed (<= max); 0 for other items
  ItemRule rule;
  bool Has(ScoreMethod m) const { return methods[Index(m)]; }
};

struct ScoringDimension {
  std::string id;  // "resources", "process", "results" in the template; any id is allowed
  std::string name_en;
  std::string name_zh;
  Decimal max;
};

// SCORE.GRADE (Art. 13).
struct ScoreGrade {
  std::string id;
  std::string name_en;
  std::string name_zh;
  Decimal min_total;
  // Each dimension needs points * den >= max * num; {0, 1} sets no dimension minimum.
  Fraction min_dimension_share = {0, 1};
  bool requires_key_items = true;
};

// SCORE.TABLE (Art. 13): one site type's Table 1 and its grades.
struct ScoringTable {
  Decimal max_total;
  std::vector<ScoringDimension> dimensions;
  std::vector<ScoringItem> items;  // every item, dimension by dimension, in table order
  std::vector<ScoreGrade> grades;  // highest first

  const ScoringItem* FindItem(std::string_view id) const {
    for (const auto& item : items) {
      if (item.id == id) return &item;
    }
    return nullptr;
  }
  // The index of item `id`, or -1.
  std::ptrdiff_t ItemIndex(std::string_view id) const {
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].id == id) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
};

struct ScoringRules {
  int precision = 1;  // decimals kept in points, rounded half up (SCORE.RULES), 0..4
  // True: the tables are a template (the default rulebook's), not an official Table 1.
  bool template_tables = true;
  std::array<ScoringTable, kSiteTypeCount> tables;

  const ScoringTable& Table(SiteType t) const { return tables[Index(t)]; }
  // The smallest point step, 10^-precision, in Decimal units.
  std::int64_t StepUnits() const {
    std::int64_t step = 1;
    for (int p = precision; p < Decimal::kPlaces; ++p) step *= 10;
    return step;
  }
};

// Limits the loader enforces, keeping every sum and product exact in int64/int128.
inline constexpr std::int64_t kMaxScorePoints = 1'000'000;  // any max, max_total or band points
inline constexpr size_t kMaxItemsPerTable = 10'000;

}  // namespace sqp
