// `meeting`: the quorum and the motions of a review meeting (sqp.meeting/1 →
// sqp.meeting-result/1, VOTE.*), from counts or from named ballots.
//
// Input, beyond CONTRACT.md §2: the attendance may be given by name ("attendees": [...], then
// "present" may be omitted and, when given, must equal the number of names), and a motion may
// carry named ballots ("ballots": [{"voter", "vote": "for" | "against" | "abstain"}]) instead of
// the counts "for", "against", "abstain" ("against" and "abstain" default to 0). Every voter must
// be an attendee and vote at most once per motion (VOTE.CONSISTENCY).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/operation.hpp"
#include "codec/schema.hpp"
#include "ops/meeting_codec.hpp"
#include "ops/report_text.hpp"
#include "sqp/meeting.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::schema;
using codec::Fields;

// ---- sqp.meeting/1 (READ.MEMBERS, VOTE.CONSISTENCY) -------------------------------------------
// The one description of the document: its member tables (kMeetingMembers, and the motion's and
// the ballot's) and the reading of each member (its type, need and range) come from it
// (src/codec/schema.hpp). Members are listed in the order strict reading names them. The
// cross-field checks run as code on the typed values, between the members' readings, in the
// order they have always reported: the members marked ReadInCode are read by that code where its
// checks need them.

enum class Vote { kFor, kAgainst, kAbstain };
constexpr std::array<std::string_view, 3> kVoteNames = {"for", "against", "abstain"};

// A named ballot: VOTE.CONSISTENCY checks the voter against the attendees (DecodeMotion).
struct Ballot {
  std::optional<std::string_view> voter;
  std::optional<Vote> vote;
};
using BallotDocument =
    Object<Ballot, Field<"voter", kRequired, NonEmptyString, &Ballot::voter>,
           Field<"vote", kRequired, EnumOf<Vote, kVoteNames>, &Ballot::vote>>;

// One motion as read, each member there when it was read without a problem.
struct MotionValues {
  std::optional<std::string_view> subject;
  std::optional<MeetingDecision> decision;
  std::optional<std::string_view> reason;
  std::optional<std::int64_t> for_votes;
  std::optional<std::int64_t> against;
  std::optional<std::int64_t> abstain;
};
using VoteCountReader = Integer<0, kMaxMeetingCount>;
// PROC.FINAL_REVIEW: stated for the opinion `other` only, after the decision is checked.
using Reason = Field<"reason", kOptional, NonEmptyString, &MotionValues::reason>;
// The counts, read only when no named ballots are given ("for" is then required).
using For = Field<"for", kRequired, VoteCountReader, &MotionValues::for_votes>;
using Against = Field<"against", kOptional, VoteCountReader, &MotionValues::against>;
using Abstain = Field<"abstain", kOptional, VoteCountReader, &MotionValues::abstain>;
// Each ballot is checked against the attendees as it is read.
using Ballots = Field<"ballots", kOptional, List<BallotDocument>>;
using MotionDocument = Object<
    MotionValues, Field<"subject", kRequired, NonEmptyString, &MotionValues::subject>,
    Field<"decision", kRequired, EnumOf<MeetingDecision, kMeetingDecisionNames>,
          &MotionValues::decision>,
    ReadInCode<Reason>, ReadInCode<For>, ReadInCode<Against>, ReadInCode<Abstain>,
    ReadInCode<Ballots>>;

// "attendees": distinct non-empty names; name → position in the list.
using Roll = std::unordered_map<std::string_view, size_t>;
struct Attendance {
  Roll roll;
  std::int64_t listed = 0;  // the names listed, those with a problem included
};
// Anything but an array is an issue (false); each name that is not a non-empty string, or that
// is listed twice, is an issue where it stands, and the others make the roll.
struct AttendeeRoll {
  using Value = Attendance;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Attendance& out) {
    const bj::array* a = v.if_array();
    if (a == nullptr) {
      issues.Add(at, "expected an array, got " + std::string(json::KindOf(v)));
      return false;
    }
    out.listed = static_cast<std::int64_t>(a->size());
    out.roll.reserve(a->size());
    for (size_t i = 0; i < a->size(); ++i) {
      const Loc el = at.Index(i);
      std::string_view name;
      if (!NonEmptyString::Read((*a)[i], el, issues, name)) continue;
      auto [it, inserted] = out.roll.emplace(name, i);
      if (!inserted) {
        issues.Add(el, Cat(json::Quote(name), " is listed twice (first at ",
                           at.Index(it->second).Pointer(), ")"));
      }
    }
    return true;
  }
};

struct MeetingValues {
  std::optional<MeetingBody> body;
  std::optional<MeetingMode> mode;
  std::optional<std::int64_t> members;
  std::optional<std::int64_t> present;
  Attendance attendance;
  bool named = false;  // "attendees" is an array: the roll is taken
};
// Required unless the attendees are named (then it must be their number); read after them.
template <json::Need kNeed>
using Present = Field<"present", kNeed, Integer<0, kMaxMeetingCount>, &MeetingValues::present>;
using Attendees =
    Field<"attendees", kOptional, AttendeeRoll, &MeetingValues::attendance, &MeetingValues::named>;
// Each motion is read with the meeting's body, attendance and roll (DecodeMotion).
using Motions = Field<"motions", kOptional, List<MotionDocument>>;
using MeetingDocument = Object<
    MeetingValues, Field<"schema", kRequired, SchemaName<"sqp.meeting/1">>,
    Field<"body", kRequired, EnumOf<MeetingBody, kMeetingBodyNames>, &MeetingValues::body>,
    Field<"mode", kRequired, EnumOf<MeetingMode, kMeetingModeNames>, &MeetingValues::mode>,
    Field<"members", kRequired, Integer<1, kMaxMeetingCount>, &MeetingValues::members>,
    ReadInCode<Present<kOptional>>, ReadInCode<Attendees>, ReadInCode<Motions>>;

std::string AllowedDecisions(MeetingBody body) {
  std::string s;
  for (size_t d = 0; d < kMeetingDecisionCount; ++d) {
    if (!DecisionAllowed(body, static_cast<MeetingDecision>(d))) continue;
    if (!s.empty()) s += ", ";
    s += kMeetingDecisionNames[d];
  }
  return s;
}

// One motion. `present` is nullopt when the attendance itself was bad (then the vote sum cannot
// be checked); `roll` is the attendees list when given.
std::optional<Motion> DecodeMotion(const bj::value& v, const Loc& at, Issues& issues,
                                   std::optional<MeetingBody> body,
                                   std::optional<std::int64_t> present, const Roll* roll) {
  const Fields f(v, at, issues);
  MotionValues m;
  MotionDocument::ReadFields(f, m);  // subject, decision
  bool ok = f.ok() && m.subject && m.decision;
  // VOTE.EXPERT_DECISION / VOTE.FINAL_DECISION: each body takes only its own decisions.
  if (m.decision && body && !DecisionAllowed(*body, *m.decision)) {
    issues.Add(at.Key("decision"),
               Cat("\"", MeetingDecisionName(*m.decision), "\" is not a decision of the ",
                   MeetingBodyName(*body), " meeting; expected one of: ", AllowedDecisions(*body)));
    ok = false;
  }
  // PROC.FINAL_REVIEW: an opinion `other` states its special circumstances; no other does.
  const bool has_reason = f.Get(Reason::kName, kOptional) != nullptr;
  Reason::Read(f, m);
  if (has_reason && !m.reason) ok = false;  // recorded by the reader
  if (ok && m.decision == MeetingDecision::kOther && !has_reason) {
    issues.Add(at.Key("decision"), "the opinion \"other\" needs its \"reason\" (the special "
                                   "circumstances, Art. 14(9))");
    ok = false;
  } else if (ok && m.decision != MeetingDecision::kOther && has_reason) {
    issues.Add(at.Key("reason"), "a reason is stated only for the opinion \"other\"");
    ok = false;
  }
  Motion motion;
  if (ok) {
    motion.subject = std::string(*m.subject);
    motion.decision = *m.decision;
    if (m.reason) motion.reason = std::string(*m.reason);
  }
  const bool has_counts = f.Get(For::kName, kOptional) != nullptr ||
                          f.Get(Against::kName, kOptional) != nullptr ||
                          f.Get(Abstain::kName, kOptional) != nullptr;
  if (const bj::array* ballots = f.Array(Ballots::kName, kOptional)) {
    const Loc list = at.Key(Ballots::kName);
    if (has_counts) {
      issues.Add(list, "give either the counts (for, against, abstain) or named ballots, not both");
      ok = false;
    }
    if (roll == nullptr) {
      issues.Add(list, "named ballots need the meeting's \"attendees\" list");
      ok = false;
    }
    // VOTE.CONSISTENCY: each voter a present member, voting once.
    std::unordered_map<std::string_view, size_t> voted;
    voted.reserve(ballots->size());
    for (size_t i = 0; i < ballots->size(); ++i) {
      const Loc b_at = list.Index(i);
      Ballot b;
      BallotDocument::Read((*ballots)[i], b_at, issues, b);
      if (!b.voter || !b.vote) {
        ok = false;
        continue;
      }
      if (roll != nullptr && !roll->contains(*b.voter)) {
        issues.Add(b_at.Key("voter"), Cat(json::Quote(*b.voter), " is not among the attendees"));
        ok = false;
        continue;
      }
      auto [it, inserted] = voted.emplace(*b.voter, i);
      if (!inserted) {
        issues.Add(b_at.Key("voter"), Cat(json::Quote(*b.voter), " already voted on this motion (",
                                          list.Index(it->second).Pointer(), ")"));
        ok = false;
        continue;
      }
      switch (*b.vote) {
        case Vote::kFor: ++motion.votes.for_votes; break;
        case Vote::kAgainst: ++motion.votes.against; break;
        case Vote::kAbstain: ++motion.votes.abstain; break;
      }
    }
    return ok ? std::optional<Motion>(std::move(motion)) : std::nullopt;
  }

  For::Read(f, m);
  Against::Read(f, m);
  Abstain::Read(f, m);
  const bool against_ok = m.against || f.Get(Against::kName, kOptional) == nullptr;
  const bool abstain_ok = m.abstain || f.Get(Abstain::kName, kOptional) == nullptr;
  if (!m.for_votes || !against_ok || !abstain_ok) return std::nullopt;
  motion.votes = {*m.for_votes, m.against.value_or(0), m.abstain.value_or(0)};
  // VOTE.CONSISTENCY: for + against + abstain <= present.
  if (present && CheckVotes(*present, motion.votes) == CountProblem::kVotesExceedPresent) {
    issues.Add(at, Cat("for ", motion.votes.for_votes, " + against ", motion.votes.against,
                       " + abstain ", motion.votes.abstain, " = ", motion.votes.cast(),
                       " votes exceed the ", *present, " present"));
    ok = false;
  }
  return ok ? std::optional<Motion>(std::move(motion)) : std::nullopt;
}

}  // namespace

constinit const json::ObjectDef kMeetingMembers = MeetingDocument::kMembers;

bool DecodeMeeting(const bj::value& input, const Loc& root, Issues& issues, MeetingInput& out,
                   std::vector<std::string>* attendees) {
  const size_t issues_before = issues.list().size();
  const Fields f(input, root, issues);
  MeetingValues m;
  MeetingDocument::ReadFields(f, m);  // body, mode, members
  Attendees::Read(f, m);
  const Roll* roll = m.named ? &m.attendance.roll : nullptr;
  if (roll != nullptr) {
    Present<kOptional>::Read(f, m);
  } else {
    Present<kRequired>::Read(f, m);
  }
  std::optional<std::int64_t> present = m.present;
  if (roll != nullptr) {
    const std::int64_t named = m.attendance.listed;
    if (present && *present != named) {
      issues.Add(root.Key("present"), Cat("says ", *present, " present but \"attendees\" names ",
                                          named));
      present.reset();
    } else {
      present = named;
    }
  }
  // VOTE.CONSISTENCY: present <= members.
  if (m.members && present && *present > *m.members) {
    const bool counted = roll != nullptr && f.Get("present", kOptional) == nullptr;
    issues.Add(root.Key(counted ? "attendees" : "present"),
               Cat(*present, " present exceeds the ", *m.members, " members of the body"));
    present.reset();
  }
  if (const bj::array* motions = f.Array(Motions::kName, kOptional)) {
    const Loc list = root.Key(Motions::kName);
    out.motions.reserve(motions->size());
    for (size_t i = 0; i < motions->size(); ++i) {
      auto motion = DecodeMotion((*motions)[i], list.Index(i), issues, m.body, present, roll);
      if (motion) out.motions.push_back(std::move(*motion));
    }
  }
  if (issues.list().size() != issues_before || !m.body || !m.mode || !m.members || !present) {
    return false;
  }
  out.body = *m.body;
  out.mode = *m.mode;
  out.members = *m.members;
  out.present = *present;
  if (attendees != nullptr && roll != nullptr) {
    attendees->assign(roll->size(), std::string());
    for (const auto& [name, i] : *roll) (*attendees)[i] = std::string(name);
  }
  return true;
}

namespace {

void WriteFraction(const json::Name& key, Fraction fr, json::Writer& w) {
  w.Key(key);
  w.BeginObject();
  w.Field("num", fr.num);
  w.Field("den", fr.den);
  w.EndObject();
}

}  // namespace

void WriteMeeting(const MeetingInput& in, const MeetingResult& r, json::Writer& w) {
  w.Field("body", MeetingBodyName(r.body));
  w.Field("mode", MeetingModeName(r.mode));  // VOTE.MODE: recorded, same thresholds
  w.Field("valid", r.valid());
  w.Key("quorum");
  w.BeginObject();
  w.Field("members", r.quorum.members);
  w.Field("required", r.quorum.required);
  w.Field("present", r.quorum.present);
  w.Field("met", r.quorum.met);
  w.EndObject();
  w.Key("thresholds");
  w.BeginObject();
  WriteFraction("quorum", r.quorum_fraction, w);
  WriteFraction("decision", r.decision_fraction, w);
  w.EndObject();
  w.Key("motions");
  w.BeginArray();
  for (size_t i = 0; i < r.motions.size(); ++i) {
    const MotionResult& m = r.motions[i];
    w.BeginObject();
    w.Field("subject", in.motions[i].subject);
    w.Field("decision", MeetingDecisionName(m.decision));
    if (!in.motions[i].reason.empty()) w.Field("reason", in.motions[i].reason);
    w.Field("required", m.tally.required);
    w.Field("for", m.votes.for_votes);
    w.Field("against", m.votes.against);
    w.Field("abstain", m.votes.abstain);
    w.Field("passed", m.tally.passed);
    w.EndObject();
  }
  w.EndArray();
}

namespace {

struct Evaluated {
  MeetingInput in;
  MeetingResult result;
};

absl::Status Compute(const Engine& engine, const bj::value& input, Evaluated& out) {
  Issues issues;
  if (!DecodeMeeting(input, Loc::Root(), issues, out.in, nullptr)) {
    return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  }
  absl::StatusOr<MeetingResult> r = EvaluateMeeting(engine.rulebook(), out.in);
  if (!r.ok()) return r.status();
  out.result = *std::move(r);
  return absl::OkStatus();
}

void Write(const Engine& /*engine*/, const Evaluated& e, RunContext& /*context*/,
           json::Writer& w) {
  WriteMeeting(e.in, e.result, w);
}

// --- The minutes' verdict, Chinese and English -----------------------------------------------

std::string FractionText(Fraction f) { return Cat(f.num, "/", f.den); }

std::string TextReport(const Engine& /*engine*/, const Evaluated& e, const RunContext& /*context*/) {
  const MeetingResult& r = e.result;
  std::string s;
  const bool expert = r.body == MeetingBody::kExpertReview;
  CatTo(s, kMeetingBodyNamesZh[static_cast<size_t>(r.body)],
        expert ? " Expert review meeting" : " Final review meeting", " — ",
        kMeetingModeNamesZh[static_cast<size_t>(r.mode)],
        r.mode == MeetingMode::kCorrespondence ? " by correspondence" : " in person", "\n");
  CatTo(s, "应到 Members: ", r.quorum.members, "，实到 present: ", r.quorum.present,
        "，法定人数 quorum: ", r.quorum.required, "（", FractionText(r.quorum_fraction),
        " 以上 at least）\n");
  const bool valid = r.valid();
  if (valid) {
    s += "结论：出席人数达到法定人数，会议有效。\nVerdict: the meeting is quorate and valid.\n";
  } else {
    s += "结论：出席人数不足法定人数，会议无效，任何议题均不生效。\n"
         "Verdict: the meeting lacks a quorum and is not valid; no motion can take effect.\n";
  }
  if (r.motions.empty()) return s;
  CatTo(s, "议题 Motions（须到会人数 ", FractionText(r.decision_fraction),
        " 以上赞成 at least this share of those present must vote for）:\n");
  for (size_t i = 0; i < r.motions.size(); ++i) {
    const MotionResult& m = r.motions[i];
    const auto decision = static_cast<size_t>(m.decision);
    CatTo(s, "  ", ReportString(e.in.motions[i].subject), "  ", kMeetingDecisionNamesZh[decision],
          " ", kMeetingDecisionNamesEn[decision], "\n", "    赞成 for ", m.votes.for_votes,
          "，反对 against ", m.votes.against, "，弃权 abstain ", m.votes.abstain, "；须 required ",
          m.tally.required, "\n    ");
    if (m.tally.passed) {
      s += "通过，决定生效。Passed: the decision takes effect.\n";
    } else if (!valid) {
      s += "未通过：会议无效。Not passed: the meeting is not valid.\n";
    } else {
      s += "未通过：赞成票不足。Not passed: too few votes for.\n";
    }
  }
  return s;
}

}  // namespace

const OperationDef& MeetingOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"meeting", "sqp.meeting/1", "sqp.meeting-result/1", &kMeetingMembers});
}

}  // namespace sqp::internal
