// A review meeting evaluated whole (RULES.md §3; Art. 14(7), 14(9)), declared in sqp/meeting.hpp.
// The thresholds and count checks it applies are constexpr and stay in the header, where the C
// ABI's sqp_check_vote uses them too; this file puts them together for one meeting.
#include "sqp/meeting.hpp"

#include <string>
#include <utility>
#include <vector>

#include "sqp/status.hpp"

namespace sqp {

absl::StatusOr<MeetingResult> EvaluateMeeting(const Rulebook& rulebook, const MeetingInput& in) {
  // VOTE.CONSISTENCY: every count and every decision checked before any threshold.
  std::vector<Issue> issues;
  switch (CheckAttendance(in.members, in.present)) {
    case CountProblem::kNone: break;
    case CountProblem::kMembersOutOfRange:
      issues.push_back({"/members", "must be a whole number from 1 to 1000000"});
      break;
    case CountProblem::kPresentExceedsMembers:
      issues.push_back({"/present", "more present than the body has members"});
      break;
    default:
      issues.push_back({"/present", "must be a whole number from 0 to 1000000"});
      break;
  }
  for (size_t i = 0; i < in.motions.size(); ++i) {
    const Motion& m = in.motions[i];
    const std::string at = "/motions/" + std::to_string(i);
    if (!DecisionAllowed(in.body, m.decision)) {
      issues.push_back({at + "/decision", "not a decision this body may take"});
    }
    if (CheckVotes(in.present, m.votes) != CountProblem::kNone) {
      issues.push_back({at, "votes must be non-negative and for + against + abstain at most "
                            "the members present"});
    }
  }
  if (!issues.empty()) return MakeErrors(ErrorCode::kInvalidInput, std::move(issues));

  // VOTE.EXPERT_QUORUM / VOTE.FINAL_QUORUM, then VOTE.EXPERT_DECISION / VOTE.FINAL_DECISION per
  // motion, with the fractions of the body that meets (VOTE.MODE changes none of them).
  const MeetingRules& rules = RulesFor(rulebook, in.body);
  MeetingResult r;
  r.body = in.body;
  r.mode = in.mode;
  r.quorum_fraction = rules.quorum;
  r.decision_fraction = rules.decision;
  r.quorum = EvaluateQuorum(rules, in.members, in.present);
  r.motions.reserve(in.motions.size());
  for (const Motion& m : in.motions) {
    r.motions.push_back({m.decision, m.votes, EvaluateMotion(rules, r.quorum, m.votes)});
  }
  return r;
}

}  // namespace sqp
