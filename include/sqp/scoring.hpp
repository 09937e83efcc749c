// Scoring a site against its Table 1 (SCORE.*, Art. 12-13): points per item, per dimension, per
// evaluation method, the total, the grade and what the next grade up still needs.
//
// Pure and typed: the table, the grades and every number come from the rulebook
// (sqp/scoring_rules.hpp); points are exact Decimals (SCORE.RULES: no binary floating point in a
// sum), thresholds are integer comparisons (READ.INCLUSIVE). The JSON door
// (src/ops/score_codec.cpp) only maps names to indexes, calls CheckScoreInput and EvaluateScore,
// and writes the result. Declared here and written in src/rules/scoring.cpp, but for the
// constexpr arithmetic (RoundQuotientHalfUp, LinearPoints), which stays here.
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
Decimal ThresholdPoints(const IndicatorDefinition& indicator, Decimal max, Decimal value);

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
BandResult BandPoints(std::span<const ScoreBand> bands, Decimal value);

// ---- Input check ---------------------------------------------------------------------------

// What keeps `in` from being scored against its site type's table, in table order (empty: it can
// be scored).
std::vector<ScoreProblem> CheckScoreInput(const Rulebook& rb, const ScoreInput& in);

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
GradeCheck CheckGrade(const ScoringTable& table, size_t g, std::span<const Decimal> dimension_points,
                      Decimal total, std::span<const size_t> key_items_failed, std::int64_t step);

// Scores `in` against its site type's table. Precondition: CheckScoreInput(rb, in) is empty
// (a missing value is then taken as 0, so the function stays total for any input).
ScoreResult EvaluateScore(const Rulebook& rb, const ScoreInput& in);

}  // namespace sqp
