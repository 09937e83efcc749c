// The typed quorum and vote test (VOTE.*) for callers without JSON: a thin shell over the
// constexpr rules of sqp/meeting.hpp, so it cannot disagree with the `meeting` operation.
// No allocation, no exception, no I/O.
#include <cstddef>

#include "engine_handle.hpp"
#include "sqp.h"
#include "sqp/meeting.hpp"

namespace {

// The first version of each struct ends with these fields; a caller built against this header
// passes at least that size (later versions may pass more).
constexpr size_t kQuerySizeV1 = offsetof(sqp_vote_query, abstain) + sizeof(int32_t);
constexpr size_t kResultSizeV1 = offsetof(sqp_vote_result, problem) + sizeof(int32_t);

// sqp::CountProblem → sqp_vote_problem; the C values are fixed by the header.
int ProblemCode(sqp::CountProblem p) {
  switch (p) {
    case sqp::CountProblem::kNone: return SQP_VOTE_OK;
    case sqp::CountProblem::kMembersOutOfRange: return SQP_VOTE_MEMBERS_OUT_OF_RANGE;
    case sqp::CountProblem::kPresentOutOfRange: return SQP_VOTE_PRESENT_OUT_OF_RANGE;
    case sqp::CountProblem::kVoteOutOfRange: return SQP_VOTE_COUNT_OUT_OF_RANGE;
    case sqp::CountProblem::kPresentExceedsMembers: return SQP_VOTE_PRESENT_EXCEEDS_MEMBERS;
    case sqp::CountProblem::kVotesExceedPresent: return SQP_VOTE_VOTES_EXCEED_PRESENT;
  }
  return SQP_VOTE_OK;
}

}  // namespace

extern "C" {

int sqp_check_vote(const sqp_engine* engine, const sqp_vote_query* query,
                   sqp_vote_result* result) {
  if (engine == nullptr || query == nullptr || result == nullptr) return SQP_ERR_USAGE;
  if (query->struct_size < kQuerySizeV1 || result->struct_size < kResultSizeV1) {
    return SQP_ERR_USAGE;
  }
  if (query->body != SQP_BODY_EXPERT_REVIEW && query->body != SQP_BODY_FINAL_REVIEW) {
    return SQP_ERR_USAGE;
  }
  result->quorum_required = 0;
  result->quorum_met = 0;
  result->votes_required = 0;
  result->passed = 0;
  result->problem = SQP_VOTE_OK;

  // VOTE.CONSISTENCY: inconsistent counts are never a decision.
  const sqp::VoteCount votes{query->votes_for, query->votes_against, query->abstain};
  sqp::CountProblem problem = sqp::CheckAttendance(query->members, query->present);
  if (problem == sqp::CountProblem::kNone) problem = sqp::CheckVotes(query->present, votes);
  if (problem != sqp::CountProblem::kNone) {
    result->problem = ProblemCode(problem);
    return SQP_ERR_INPUT;
  }

  // VOTE.EXPERT_QUORUM / VOTE.FINAL_QUORUM, VOTE.EXPERT_DECISION / VOTE.FINAL_DECISION.
  const sqp::MeetingRules& rules =
      sqp::RulesFor(engine->engine.rulebook(), static_cast<sqp::MeetingBody>(query->body));
  const sqp::Quorum quorum = sqp::EvaluateQuorum(rules, query->members, query->present);
  const sqp::MotionTally tally = sqp::EvaluateMotion(rules, quorum, votes);
  // Both figures are at most the member count (<= kMaxMeetingCount), so they fit int32_t.
  result->quorum_required = static_cast<int32_t>(quorum.required);
  result->quorum_met = quorum.met ? 1 : 0;
  result->votes_required = static_cast<int32_t>(tally.required);
  result->passed = tally.passed ? 1 : 0;
  return SQP_OK;
}

}  // extern "C"
