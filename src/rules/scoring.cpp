// Scoring a site against its Table 1 (RULES.md §5; Art. 12, 13), declared in sqp/scoring.hpp.
#include "sqp/scoring.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sqp {

// SCORE.RULES threshold.
Decimal ThresholdPoints(const IndicatorDefinition& indicator, Decimal max, Decimal value) {
  return indicator.Meets(value) ? max : Decimal();
}

// SCORE.RULES bands.
BandResult BandPoints(std::span<const ScoreBand> bands, Decimal value) {
  BandResult r;
  for (const ScoreBand& b : bands) {
    if ((b.from && value < *b.from) || (b.to && value > *b.to)) continue;
    if (!r.matched || b.points > r.points) r.points = b.points;
    r.matched = true;
  }
  return r;
}

// SCORE.RULES, SCORE.KEY: the scoresheet fits the table (each problem names its item or indicator).
std::vector<ScoreProblem> CheckScoreInput(const Rulebook& rb, const ScoreInput& in) {
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

// SCORE.GRADE.
GradeCheck CheckGrade(const ScoringTable& table, size_t g, std::span<const Decimal> dimension_points,
                      Decimal total, std::span<const size_t> key_items_failed, std::int64_t step) {
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

// SCORE.TABLE, SCORE.RULES, SCORE.KEY, SCORE.METHODS, SCORE.GRADE, each where it is applied below.
ScoreResult EvaluateScore(const Rulebook& rb, const ScoreInput& in) {
  // SCORE.TABLE: the rulebook's table for the site type.
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
