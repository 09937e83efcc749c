// The whole assessment of one application (CONTRACT.md `assess`): eligibility (ELIG.*), the
// procedure calendar for its filing date (CYCLE.*) and, when a scoresheet is given, the score
// and grade (SCORE.*), in one report. It composes the other operations' rules; it adds none.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "sqp/cycle.hpp"
#include "sqp/eligibility.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/scoring.hpp"

namespace sqp {

struct AssessmentInput {
  Application application;
  // The procedure dates beyond the filing date (materials received, publicity, objections);
  // applied_on always comes from the application.
  CycleInput procedure;
  std::optional<ScoreInput> scoresheet;
};

// What the report concludes, derived from its parts.
enum class AssessmentOutcome {
  kIneligible,  // some ELIG rule fails: no grade can be awarded whatever the score
  kPending,     // eligibility waits on something (a regulator's opinion, a credit code, …)
  kNotScored,   // eligible, no scoresheet yet
  kNoGrade,     // eligible and scored, but no grade's conditions hold
  kGraded,      // eligible and a grade holds
};
inline constexpr std::string_view kAssessmentOutcomeNames[] = {"ineligible", "pending",
                                                               "not_scored", "no_grade", "graded"};

struct AssessmentResult {
  EligibilityResult eligibility;
  CycleResult cycle;
  std::optional<ScoreResult> score;
  AssessmentOutcome outcome = AssessmentOutcome::kNotScored;
};

// Evaluates eligibility, the procedure calendar for the application's filing date and, when a
// scoresheet is given, the score; the outcome follows from them. An inconsistent procedure (see
// EvaluateCycle) is its error. Written in src/rules/assessment.cpp.
absl::StatusOr<AssessmentResult> EvaluateAssessment(const Rulebook& rb, const AssessmentInput& in);

}  // namespace sqp
