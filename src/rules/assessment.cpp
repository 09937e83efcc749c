// The whole assessment of one application (CONTRACT.md `assess`), declared in sqp/assessment.hpp:
// ELIG.*, CYCLE.* and SCORE.* by their own functions, composed; no rule of its own.
#include "sqp/assessment.hpp"

#include <utility>

namespace sqp {

absl::StatusOr<AssessmentResult> EvaluateAssessment(const Rulebook& rb, const AssessmentInput& in) {
  AssessmentResult r;
  EvaluateEligibility(rb, in.application, r.eligibility);
  CycleInput procedure = in.procedure;
  procedure.applied_on = in.application.applied_on;
  auto cycle = EvaluateCycle(rb, procedure);
  if (!cycle.ok()) return cycle.status();
  r.cycle = *std::move(cycle);
  if (in.scoresheet) r.score = EvaluateScore(rb, *in.scoresheet);

  // No grade for an applicant that is not (yet) eligible, whatever the score.
  switch (r.eligibility.decision) {
    case Decision::kIneligible: r.outcome = AssessmentOutcome::kIneligible; break;
    case Decision::kPending: r.outcome = AssessmentOutcome::kPending; break;
    case Decision::kEligible:
      r.outcome = !r.score ? AssessmentOutcome::kNotScored
                  : r.score->grade ? AssessmentOutcome::kGraded
                                   : AssessmentOutcome::kNoGrade;
  }
  return r;
}

}  // namespace sqp
