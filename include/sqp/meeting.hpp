// Review meetings and votes (RULES.md §3, Art. 14(7), 14(9)): the quorum of the expert review
// meeting and of the promotion committee's final review meeting, and whether each motion passed.
//
// Thresholds are the rulebook's fractions (2/3 by default) read inclusively (READ.INCLUSIVE):
// `present * den >= members * num`, `for * den >= present * num`, integer arithmetic only. The
// count checks and thresholds below are constexpr and allocation-free: the C ABI's
// sqp_check_vote is a thin shell around them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sqp/fraction.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/status.hpp"

namespace sqp {

// Which body meets. The values are the C ABI's SQP_BODY_* constants and never change.
enum class MeetingBody : int {
  kExpertReview = 0,  // 专家评审会 (Art. 14(7))
  kFinalReview = 1,   // 推进委员会终审会 (Art. 14(9))
};
inline constexpr size_t kMeetingBodyCount = 2;
inline constexpr std::array<std::string_view, kMeetingBodyCount> kMeetingBodyNames = {
    "expert_review", "final_review"};
inline constexpr std::array<std::string_view, kMeetingBodyCount> kMeetingBodyNamesZh = {
    "专家评审会", "终审会"};
constexpr size_t Index(MeetingBody b) { return static_cast<size_t>(b); }
constexpr std::string_view MeetingBodyName(MeetingBody b) { return kMeetingBodyNames[Index(b)]; }

// VOTE.MODE (Art. 14(7), 14(9)): in special circumstances by correspondence (通讯方式); same
// thresholds, the mode is recorded.
enum class MeetingMode { kInPerson, kCorrespondence };
inline constexpr std::array<std::string_view, 2> kMeetingModeNames = {"in_person", "correspondence"};
inline constexpr std::array<std::string_view, 2> kMeetingModeNamesZh = {"现场会议", "通讯方式"};
constexpr std::string_view MeetingModeName(MeetingMode m) {
  return kMeetingModeNames[static_cast<size_t>(m)];
}

// The decisions each body may take.
enum class MeetingDecision {
  // VOTE.EXPERT_DECISION (Art. 14(7)), on a disputed applicant.
  kDeferReReview,  // 延期复审
  kSuspend,        // 暂停
  kStop,           // 停止
  // VOTE.FINAL_DECISION (Art. 14(9)), the final opinion, in the article's own words.
  kAgreePreliminary,      // 同意初步评审结果
  kContinueVerification,  // 继续核查下次复审
  kTerminateReview,       // 终止审议
  // PROC.FINAL_REVIEW: "如有特殊情况，需审议后给出终审意见" — another opinion, with its reason stated.
  kOther,
};
inline constexpr size_t kMeetingDecisionCount = 7;
inline constexpr std::array<std::string_view, kMeetingDecisionCount> kMeetingDecisionNames = {
    "defer_re_review",   "suspend",               "stop",
    "agree_preliminary", "continue_verification", "terminate_review", "other"};
inline constexpr std::array<std::string_view, kMeetingDecisionCount> kMeetingDecisionNamesZh = {
    "延期复审", "暂停", "停止",
    // Art. 14(9): "同意初步评审结果、继续核查下次复审、终止审议" (PROC.FINAL_REVIEW).
    "同意初步评审结果", "继续核查下次复审", "终止审议", "特殊情况下的其他终审意见"};
inline constexpr std::array<std::string_view, kMeetingDecisionCount> kMeetingDecisionNamesEn = {
    "defer re-review", "suspend", "stop", "agree with the preliminary result",
    "continue verification and re-review next time", "terminate review",
    "another final opinion (special circumstances)"};
constexpr size_t Index(MeetingDecision d) { return static_cast<size_t>(d); }
constexpr std::string_view MeetingDecisionName(MeetingDecision d) {
  return kMeetingDecisionNames[Index(d)];
}
// The body that may take `d`: the first three belong to the expert group, the rest (other
// included) to the promotion committee.
constexpr MeetingBody DecisionBody(MeetingDecision d) {
  return Index(d) < 3 ? MeetingBody::kExpertReview : MeetingBody::kFinalReview;
}
constexpr bool DecisionAllowed(MeetingBody body, MeetingDecision d) { return DecisionBody(d) == body; }

// The rulebook's fractions for one body.
constexpr const MeetingRules& RulesFor(const Rulebook& rulebook, MeetingBody body) {
  return body == MeetingBody::kExpertReview ? rulebook.expert_review : rulebook.final_review;
}

// VOTE.CONSISTENCY bounds: no body has a million members, and the bound keeps every product with
// a rulebook fraction term (<= kMaxFractionTerm) far inside int64.
inline constexpr std::int64_t kMaxMeetingCount = 1'000'000;

struct VoteCount {
  std::int64_t for_votes = 0;
  std::int64_t against = 0;
  std::int64_t abstain = 0;
  constexpr std::int64_t cast() const { return for_votes + against + abstain; }
};

// VOTE.CONSISTENCY: what is wrong with a set of counts (kNone when they are consistent).
enum class CountProblem {
  kNone,
  kMembersOutOfRange,      // members < 1 or > kMaxMeetingCount: a body has members
  kPresentOutOfRange,      // present < 0 or > kMaxMeetingCount
  kVoteOutOfRange,         // a vote count < 0 or > kMaxMeetingCount
  kPresentExceedsMembers,  // present > members
  kVotesExceedPresent,     // for + against + abstain > present
};

// VOTE.CONSISTENCY for the attendance: members >= 1, 0 <= present <= members.
constexpr CountProblem CheckAttendance(std::int64_t members, std::int64_t present) {
  if (members < 1 || members > kMaxMeetingCount) return CountProblem::kMembersOutOfRange;
  if (present < 0 || present > kMaxMeetingCount) return CountProblem::kPresentOutOfRange;
  if (present > members) return CountProblem::kPresentExceedsMembers;
  return CountProblem::kNone;
}

// VOTE.CONSISTENCY for one motion: non-negative counts whose sum is at most those present.
// Abstentions and absent members are not votes for (VOTE.EXPERT_DECISION).
constexpr CountProblem CheckVotes(std::int64_t present, VoteCount v) {
  for (std::int64_t n : {v.for_votes, v.against, v.abstain}) {
    if (n < 0 || n > kMaxMeetingCount) return CountProblem::kVoteOutOfRange;
  }
  if (v.cast() > present) return CountProblem::kVotesExceedPresent;
  return CountProblem::kNone;
}

struct Quorum {
  std::int64_t members = 0;
  std::int64_t present = 0;
  std::int64_t required = 0;  // the fewest attendees that make the meeting valid
  bool met = false;
};

// VOTE.EXPERT_QUORUM (Art. 14(7)) / VOTE.FINAL_QUORUM (Art. 14(9)): valid only if at least the
// quorum fraction of the members attend: present * den >= members * num (9 members: 6 valid,
// 5 not). Counts must have passed CheckAttendance.
constexpr Quorum EvaluateQuorum(const MeetingRules& rules, std::int64_t members,
                                std::int64_t present) {
  return {members, present, MinimumCount(members, rules.quorum),
          AtLeastFractionOf(present, members, rules.quorum)};
}

struct MotionTally {
  std::int64_t required = 0;  // the fewest votes for that carry the motion
  bool passed = false;
};

// VOTE.EXPERT_DECISION (Art. 14(7)) / VOTE.FINAL_DECISION (Art. 14(9)): a decision takes effect
// only with at least the decision fraction of those present voting for it
// (for * den >= present * num), and never at a meeting without quorum. Counts must have passed
// CheckVotes.
constexpr MotionTally EvaluateMotion(const MeetingRules& rules, const Quorum& quorum,
                                     VoteCount votes) {
  return {MinimumCount(quorum.present, rules.decision),
          quorum.met && AtLeastFractionOf(votes.for_votes, quorum.present, rules.decision)};
}

// sqp.meeting/1 as typed input. Named ballots are resolved to counts by the decoder.
struct Motion {
  std::string subject;  // the applicant or matter voted on ("APP-1")
  MeetingDecision decision = MeetingDecision::kDeferReReview;
  VoteCount votes;
  std::string reason;  // kOther: the special circumstances stated ("" for the other decisions)
};

struct MeetingInput {
  MeetingBody body = MeetingBody::kExpertReview;
  MeetingMode mode = MeetingMode::kInPerson;
  std::int64_t members = 0;
  std::int64_t present = 0;
  std::vector<Motion> motions;
};

struct MotionResult {
  MeetingDecision decision = MeetingDecision::kDeferReReview;
  VoteCount votes;
  MotionTally tally;
};

struct MeetingResult {
  MeetingBody body = MeetingBody::kExpertReview;
  MeetingMode mode = MeetingMode::kInPerson;
  Fraction quorum_fraction;
  Fraction decision_fraction;
  Quorum quorum;
  bool valid() const { return quorum.met; }
  std::vector<MotionResult> motions;  // in input order
};

// Evaluates a meeting (src/rules/meeting.cpp). Inconsistent counts or a decision the body may not
// take are kInvalidInput errors naming the field ("/present", "/motions/0", "/motions/0/decision"),
// never a decision.
absl::StatusOr<MeetingResult> EvaluateMeeting(const Rulebook& rulebook, const MeetingInput& in);

}  // namespace sqp
