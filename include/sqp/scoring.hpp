// Scoring a site against its Table 1 (SCORE.*, Art. 12-13): points per item, per dimension, per
// evaluation method, the total, the grade and what the next grade up still needs.
//
// Pure and typed: the table, the grades and every number come from the rulebook
// (sqp/scoring_rules.hpp); points are exact Decimals (SCORE.RULES: no binary floating point in a
// sum), thresholds are integer comparisons (READ.INCLUSIVE). The JSON door
// (src/ops/score_codec.cpp) only maps names to indexes, calls CheckScoreInput and EvaluateScore,
// and writes the result.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sqp/rulebook.hpp"
#include "sqp/scoring_rules.hpp"

namespace sqp {

// What the assessor brings, aligned to the rulebook so evaluation needs no name lookups.
struct ScoreInput {
  SiteType site_type = SiteType::kBusinessHall;
  // One entry per item of the site type's table (ScoringTable::items order): the points given to
  // a judged item; must be empty (nullopt) for items scored by another rule.
  std::vector<std::optional<Decimal>> judged;
  // One entry per indicator definition (IndicatorRules::definitions order): the measured value.
  std::vector<std::optional<Decimal>> indicators;
};

// Why an input cannot be scored. Every problem is reported, never guessed around: a judged item
// without points is not silently 0 (an assessor who gave nothing writes 0).
enum class ScoreProblemKind {
  kJudgedMissing,             // a judged item has no points
  kJudgedForRuleItem,         // points given for an item that a measured indicator scores
  kJudgedNegative,
  kJudgedAboveMax,
  kJudgedFinerThanPrecision,  // e.g. 4.25 when the rulebook keeps one decimal
  kIndicatorMissing,          // a rule needs this indicator and it was not measured
  kIndicatorNegative,         // indicator values are measurements: times, percentages
};
struct ScoreProblem {
  ScoreProblemKind kind;
  size_t item = 0;     // index into the table's items (the first item needing the indicator)
  int indicator = -1;  // index into the indicator definitions, for indicator problems
};

// ---- SCORE.RULES: one item's points --------------------------------------------------------

// Rounds a non-negative exact quotient num / den (in Decimal units) half up to a multiple of
// `step` units. int128 keeps max * (value - zero_at) exact for every figure the loader accepts.
constexpr Decimal RoundQuotientHalfUp(Int128 num, Int128 den, std::int64_t step) {
  const Int128 steps = (2 * num + den * step) / (2 * den * step);
  return Decimal::FromUnits(static_cast<std::int64_t>(steps * step));
}

// SCORE.RULES threshold: full marks when the value meets the indicator's bound (inclusive).
inline Decimal ThresholdPoints(const IndicatorDefinition& indicator, Decimal max, Decimal value) {
  return indicator.Meets(value) ? max : Decimal();
}

// SCORE.RULES linear: `max` at full_at or beyond, 0 at zero_at or beyond, and in between
// max * (value - zero_at) / (full_at - zero_at), rounded half up to `step` units. Works in
// either direction (full_at above or below zero_at); full_at != zero_at.
constexpr Decimal LinearPoints(Decimal max, Decimal full_at, Decimal zero_at, Decimal value,
                               std::int64_t step) {
  const bool rising = full_at > zero_at;
  if (rising ? value >= full_at : value <= full_at) return max;
  if (rising ? value <= zero_at : value >= zero_at) return Decimal();
  Int128 num = static_cast<Int128>(max.units()) * (value - zero_at).units();
  Int128 den = (full_at - zero_at).units();
  if (den < 0) { num = -num; den = -den; }
  return RoundQuotientHalfUp(num, den, step);
}

// SCORE.RULES bands: the points of the band holding `value`; on an end two bands share, the
// higher of the two. `matched` is false (and points 0) when no band holds the value.
struct BandResult {
  Decimal points;
  bool matched = false;
};
inline BandResult BandPoints(std::span<const ScoreBand> bands, Decimal value) {
  BandResult r;
  for (const ScoreBand& b : bands) {
    if ((b.from && value < *b.from) || (b.to && value > *b.to)) continue;
    if (!r.matched || b.points > r.points) r.points = b.points;
    r.matched = true;
  }
  return r;
}

// ---- Input check ---------------------------------------------------------------------------

inline std::vector<ScoreProblem> CheckScoreInput(const Rulebook& rb, const ScoreInput& in) {
  std::vector<ScoreProblem> problems;
  const ScoringTable& table = rb.scoring.Table(in.site_type);
  const std::int64_t step = rb.scoring.StepUnits();
  auto judged = [&](size_t i) { return i < in.judged.size() ? in.judged[i] : std::nullopt; };
  std::vector<bool> indicator_reported(rb.indicators.definitions.size(), false);
  for (size_t i = 0; i < table.items.size(); ++i) {
    const ScoringItem& item = table.items[i];
    const auto points = judged(i);
    if (item.rule.type != ItemRuleType::kJudged) {
      if (points) problems.push_back({ScoreProblemKind::kJudgedForRuleItem, i, item.rule.indicator});
      const auto k = static_cast<size_t>(item.rule.indicator);
      if (k >= indicator_reported.size()) continue;  // the loader never lets this happen
      const bool measured = k < in.indicators.size() && in.indicators[k].has_value();
      if (!measured && !indicator_reported[k]) {
        indicator_reported[k] = true;
        problems.push_back({ScoreProblemKind::kIndicatorMissing, i, item.rule.indicator});
      }
      continue;
    }
    if (!points) {
      problems.push_back({ScoreProblemKind::kJudgedMissing, i});
    } else if (*points < Decimal()) {
      problems.push_back({ScoreProblemKind::kJudgedNegative, i});
    } else if (*points > item.max) {
      problems.push_back({ScoreProblemKind::kJudgedAboveMax, i});
    } else if (points->units() % step != 0) {
      problems.push_back({ScoreProblemKind::kJudgedFinerThanPrecision, i});
    }
  }
  for (size_t k = 0; k < in.indicators.size() && k < rb.indicators.definitions.size(); ++k) {
    if (in.indicators[k] && *in.indicators[k] < Decimal()) {
      problems.push_back({ScoreProblemKind::kIndicatorNegative, 0, static_cast<int>(k)});
    }
  }
  return problems;
}

// ---- Result --------------------------------------------------------------------------------

struct ItemScore {
  Decimal points;
  std::optional<Decimal> value;  // the measured indicator value, for rule-scored items
  bool passed = true;            // key items: points >= pass (SCORE.KEY); true for others
  bool outside_bands = false;    // bands: the value lies in no band (0 points)
};

struct MethodTotal {
  Decimal points;
  Decimal max;
};

struct DimensionShortfall {
  size_t dimension = 0;
  Decimal points;
  Decimal required;  // the fewest points, at the precision, that meet the grade's share
};

// One grade's conditions against a score: met when nothing is short.
struct GradeCheck {
  size_t grade = 0;  // index into ScoringTable::grades
  Decimal points_short;  // min_total - total, or 0
  std::vector<DimensionShortfall> dimensions_short;
  std::vector<size_t> key_items_failed;  // when the grade requires key items
  bool met() const {
    return points_short == Decimal() && dimensions_short.empty() && key_items_failed.empty();
  }
  // Met on total and dimensions; only the key-item requirement withholds it (SCORE.KEY veto).
  bool vetoed_by_key_items() const {
    return points_short == Decimal() && dimensions_short.empty() && !key_items_failed.empty();
  }
};

struct ScoreResult {
  SiteType site_type = SiteType::kBusinessHall;
  std::vector<ItemScore> items;     // one per table item
  std::vector<Decimal> dimensions;  // points per dimension
  Decimal total;
  Decimal max_total;
  std::optional<size_t> grade;          // the highest grade met (SCORE.GRADE), or none
  bool key_items_met = true;            // every key item reaches its pass mark
  std::vector<size_t> key_items_failed;  // items below their pass mark
  std::optional<GradeCheck> next_grade;  // the grade just above `grade` and what it lacks
  // The highest grade above `grade` that only the key items withhold, if any.
  std::optional<size_t> vetoed_grade;
  std::array<MethodTotal, kScoreMethodCount> by_method = {};
};

// SCORE.GRADE: grade `g`'s conditions — total, each dimension's share (points * den >=
// max * num, an integer comparison), and key items when the grade requires them.
inline GradeCheck CheckGrade(const ScoringTable& table, size_t g,
                             std::span<const Decimal> dimension_points, Decimal total,
                             std::span<const size_t> key_items_failed, std::int64_t step) {
  const ScoreGrade& grade = table.grades[g];
  GradeCheck check;
  check.grade = g;
  if (total < grade.min_total) check.points_short = grade.min_total - total;
  const Fraction share = grade.min_dimension_share;
  for (size_t d = 0; d < table.dimensions.size(); ++d) {
    const Int128 max = table.dimensions[d].max.units();
    const Int128 points = dimension_points[d].units();
    if (points * share.den >= max * share.num) continue;
    // ceil(max * num / den), then up to the next multiple of the step.
    const Int128 exact = (max * share.num + share.den - 1) / share.den;
    const Int128 required = (exact + step - 1) / step * step;
    check.dimensions_short.push_back(
        {d, dimension_points[d], Decimal::FromUnits(static_cast<std::int64_t>(required))});
  }
  if (grade.requires_key_items) {
    check.key_items_failed.assign(key_items_failed.begin(), key_items_failed.end());
  }
  return check;
}

// Scores `in` against its site type's table. Precondition: CheckScoreInput(rb, in) is empty
// (a missing value is then taken as 0, so the function stays total for any input).
inline ScoreResult EvaluateScore(const Rulebook& rb, const ScoreInput& in) {
  const ScoringTable& table = rb.scoring.Table(in.site_type);
  const std::int64_t step = rb.scoring.StepUnits();
  ScoreResult r;
  r.site_type = in.site_type;
  r.max_total = table.max_total;
  r.items.resize(table.items.size());
  r.dimensions.assign(table.dimensions.size(), Decimal());
  for (size_t i = 0; i < table.items.size(); ++i) {
    const ScoringItem& item = table.items[i];
    ItemScore& s = r.items[i];
    if (item.rule.type == ItemRuleType::kJudged) {
      // SCORE.RULES judged: the assessor's points, already at the precision.
      s.points = i < in.judged.size() ? in.judged[i].value_or(Decimal()) : Decimal();
    } else {
      const auto k = static_cast<size_t>(item.rule.indicator);
      const Decimal value = k < in.indicators.size() ? in.indicators[k].value_or(Decimal()) : Decimal();
      s.value = value;
      switch (item.rule.type) {
        case ItemRuleType::kThreshold:
          // The loader guarantees a valid indicator index; a hand-made rulebook without one scores 0.
          if (k < rb.indicators.definitions.size()) {
            s.points = ThresholdPoints(rb.indicators.definitions[k], item.max, value);
          }
          break;
        case ItemRuleType::kLinear:
          s.points = LinearPoints(item.max, item.rule.full_at, item.rule.zero_at, value, step);
          break;
        case ItemRuleType::kBands: {
          const BandResult b = BandPoints(item.rule.bands, value);
          s.points = b.points;
          s.outside_bands = !b.matched;
          break;
        }
        case ItemRuleType::kJudged:
          break;
      }
    }
    // SCORE.KEY: a key item passes at its pass mark or above.
    if (item.key && s.points < item.pass) {
      s.passed = false;
      r.key_items_failed.push_back(i);
    }
    r.dimensions[item.dimension] += s.points;
    r.total += s.points;
    // SCORE.METHODS: totals per evaluation method.
    for (size_t m = 0; m < kScoreMethodCount; ++m) {
      if (!item.methods[m]) continue;
      r.by_method[m].points += s.points;
      r.by_method[m].max += item.max;
    }
  }
  r.key_items_met = r.key_items_failed.empty();
  // SCORE.GRADE: grades run highest first; the first met is the grade. The loader guarantees each
  // grade is at least as demanding as the next, so every grade below it is met too.
  size_t g = 0;
  for (; g < table.grades.size(); ++g) {
    const GradeCheck check = CheckGrade(table, g, r.dimensions, r.total, r.key_items_failed, step);
    if (check.met()) break;
    if (!r.vetoed_grade && check.vetoed_by_key_items()) r.vetoed_grade = g;
  }
  if (g < table.grades.size()) r.grade = g;
  if (g > 0 && !table.grades.empty()) {
    r.next_grade = CheckGrade(table, g - 1, r.dimensions, r.total, r.key_items_failed, step);
  }
  return r;
}

}  // namespace sqp
