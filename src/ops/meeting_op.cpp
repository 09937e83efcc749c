// `meeting`: the quorum and the motions of a review meeting (sqp.meeting/1 →
// sqp.meeting-result/1, VOTE.*), from counts or from named ballots.
//
// Input, beyond CONTRACT.md §2: the attendance may be given by name ("attendees": [...], then
// "present" may be omitted and, when given, must equal the number of names), and a motion may
// carry named ballots ("ballots": [{"voter", "vote": "for" | "against" | "abstain"}]) instead of
// the counts "for", "against", "abstain" ("against" and "abstain" default to 0). Every voter must
// be an attendee and vote at most once per motion (VOTE.CONSISTENCY).
#include <string_view>
#include <unordered_map>

#include "engine/operation.hpp"
#include "codec/decode.hpp"
#include "ops/meeting_codec.hpp"
#include "ops/report_text.hpp"
#include "sqp/meeting.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::decoding;

constexpr json::EnumName<MeetingBody> kBodies[] = {
    {"expert_review", MeetingBody::kExpertReview}, {"final_review", MeetingBody::kFinalReview}};
constexpr json::EnumName<MeetingMode> kModes[] = {{"in_person", MeetingMode::kInPerson},
                                                  {"correspondence", MeetingMode::kCorrespondence}};
constexpr json::EnumName<MeetingDecision> kDecisions[] = {
    {"defer_re_review", MeetingDecision::kDeferReReview},
    {"suspend", MeetingDecision::kSuspend},
    {"stop", MeetingDecision::kStop},
    {"agree_preliminary", MeetingDecision::kAgreePreliminary},
    {"continue_verification", MeetingDecision::kContinueVerification},
    {"terminate_review", MeetingDecision::kTerminateReview},
    {"other", MeetingDecision::kOther}};
enum class Vote { kFor, kAgainst, kAbstain };
// The members of sqp.meeting/1 (READ.MEMBERS).
constexpr json::MemberDef kBallot[] = {{"voter"}, {"vote"}};
constexpr json::ObjectDef kBallotDef{kBallot};
constexpr json::MemberDef kMotion[] = {{"subject"}, {"decision"}, {"reason"}, {"for"},
                                       {"against"}, {"abstain"},  {"ballots", &kBallotDef}};
constexpr json::ObjectDef kMotionDef{kMotion};
constexpr json::MemberDef kMeeting[] = {{"schema"},  {"body"},      {"mode"},
                                        {"members"}, {"present"},   {"attendees"},
                                        {"motions", &kMotionDef}};

constexpr json::EnumName<Vote> kVotes[] = {
    {"for", Vote::kFor}, {"against", Vote::kAgainst}, {"abstain", Vote::kAbstain}};

std::string AllowedDecisions(MeetingBody body) {
  std::string s;
  for (size_t d = 0; d < kMeetingDecisionCount; ++d) {
    if (!DecisionAllowed(body, static_cast<MeetingDecision>(d))) continue;
    if (!s.empty()) s += ", ";
    s += kMeetingDecisionNames[d];
  }
  return s;
}

// "attendees": distinct non-empty names; name → position in the list.
using Roll = std::unordered_map<std::string_view, size_t>;
std::optional<Roll> DecodeAttendees(const Fields& f, Issues& issues) {
  const bj::array* a = f.Array("attendees", Need::kOptional);
  if (a == nullptr) return std::nullopt;
  Roll roll;
  roll.reserve(a->size());
  const Loc at = f.loc().Key("attendees");
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = at.Index(i);
    auto name = json::ReadString((*a)[i], el, issues, /*non_empty=*/true);
    if (!name) continue;
    auto [it, inserted] = roll.emplace(*name, i);
    if (!inserted) {
      issues.Add(el, Cat(json::Quote(*name), " is listed twice (first at ",
                         at.Index(it->second).Pointer(), ")"));
    }
  }
  return roll;
}

// One motion. `present` is nullopt when the attendance itself was bad (then the vote sum cannot
// be checked); `roll` is the attendees list when given.
std::optional<Motion> DecodeMotion(const bj::value& v, const Loc& at, Issues& issues,
                                   std::optional<MeetingBody> body,
                                   std::optional<std::int64_t> present, const Roll* roll) {
  Fields f(v, at, issues);
  Motion m;
  bool ok = f.ok();
  if (auto s = f.String("subject", Need::kRequired, /*non_empty=*/true)) {
    m.subject = std::string(*s);
  } else {
    ok = false;
  }
  if (auto d = f.Enum("decision", Need::kRequired, kDecisions)) {
    m.decision = *d;
    // VOTE.EXPERT_DECISION / VOTE.FINAL_DECISION: each body takes only its own decisions.
    if (body && !DecisionAllowed(*body, *d)) {
      issues.Add(at.Key("decision"),
                 Cat("\"", MeetingDecisionName(*d), "\" is not a decision of the ",
                     MeetingBodyName(*body), " meeting; expected one of: ",
                     AllowedDecisions(*body)));
      ok = false;
    }
  } else {
    ok = false;
  }
  // PROC.FINAL_REVIEW: an opinion `other` states its special circumstances; no other does.
  const bool has_reason = f.ok() && f.Get("reason", Need::kOptional) != nullptr;
  if (auto reason = f.String("reason", Need::kOptional, /*non_empty=*/true)) {
    m.reason = std::string(*reason);
  } else if (has_reason) {
    ok = false;  // recorded by String
  }
  if (ok && m.decision == MeetingDecision::kOther && !has_reason) {
    issues.Add(at.Key("decision"), "the opinion \"other\" needs its \"reason\" (the special "
                                   "circumstances, Art. 14(9))");
    ok = false;
  } else if (ok && m.decision != MeetingDecision::kOther && has_reason) {
    issues.Add(at.Key("reason"), "a reason is stated only for the opinion \"other\"");
    ok = false;
  }
  const bool has_counts = f.ok() && (f.Get("for", Need::kOptional) != nullptr ||
                                     f.Get("against", Need::kOptional) != nullptr ||
                                     f.Get("abstain", Need::kOptional) != nullptr);
  if (const bj::array* ballots = f.Array("ballots", Need::kOptional)) {
    const Loc list = at.Key("ballots");
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
      Fields b((*ballots)[i], b_at, issues);
      auto voter = b.String("voter", Need::kRequired, /*non_empty=*/true);
      auto vote = b.Enum("vote", Need::kRequired, kVotes);
      if (!voter || !vote) {
        ok = false;
        continue;
      }
      if (roll != nullptr && !roll->contains(*voter)) {
        issues.Add(b_at.Key("voter"), Cat(json::Quote(*voter), " is not among the attendees"));
        ok = false;
        continue;
      }
      auto [it, inserted] = voted.emplace(*voter, i);
      if (!inserted) {
        issues.Add(b_at.Key("voter"), Cat(json::Quote(*voter), " already voted on this motion (",
                                          list.Index(it->second).Pointer(), ")"));
        ok = false;
        continue;
      }
      switch (*vote) {
        case Vote::kFor: ++m.votes.for_votes; break;
        case Vote::kAgainst: ++m.votes.against; break;
        case Vote::kAbstain: ++m.votes.abstain; break;
      }
    }
    return ok ? std::optional<Motion>(std::move(m)) : std::nullopt;
  }

  auto votes_for = f.Integer("for", Need::kRequired, 0, kMaxMeetingCount);
  auto against = f.Integer("against", Need::kOptional, 0, kMaxMeetingCount);
  auto abstain = f.Integer("abstain", Need::kOptional, 0, kMaxMeetingCount);
  const bool against_ok = against || f.Get("against", Need::kOptional) == nullptr;
  const bool abstain_ok = abstain || f.Get("abstain", Need::kOptional) == nullptr;
  if (!votes_for || !against_ok || !abstain_ok) return std::nullopt;
  m.votes = {*votes_for, against.value_or(0), abstain.value_or(0)};
  // VOTE.CONSISTENCY: for + against + abstain <= present.
  if (present && CheckVotes(*present, m.votes) == CountProblem::kVotesExceedPresent) {
    issues.Add(at, Cat("for ", m.votes.for_votes, " + against ", m.votes.against, " + abstain ",
                       m.votes.abstain, " = ", m.votes.cast(), " votes exceed the ", *present,
                       " present"));
    ok = false;
  }
  return ok ? std::optional<Motion>(std::move(m)) : std::nullopt;
}

}  // namespace

const json::ObjectDef kMeetingMembers{kMeeting};

bool DecodeMeeting(const bj::value& input, const Loc& root, Issues& issues, MeetingInput& out,
                   std::vector<std::string>* attendees) {
  const size_t issues_before = issues.list().size();
  Fields f(input, root, issues);
  const auto body = f.Enum("body", Need::kRequired, kBodies);
  const auto mode = f.Enum("mode", Need::kRequired, kModes);
  const auto members = f.Integer("members", Need::kRequired, 1, kMaxMeetingCount);
  const std::optional<Roll> roll = DecodeAttendees(f, issues);
  std::optional<std::int64_t> present =
      f.Integer("present", roll ? Need::kOptional : Need::kRequired, 0, kMaxMeetingCount);
  if (roll) {
    const auto named = static_cast<std::int64_t>(f.object()->at("attendees").get_array().size());
    if (present && *present != named) {
      issues.Add(root.Key("present"), Cat("says ", *present, " present but \"attendees\" names ",
                                          named));
      present.reset();
    } else {
      present = named;
    }
  }
  // VOTE.CONSISTENCY: present <= members.
  if (members && present && *present > *members) {
    issues.Add(root.Key(roll && f.Get("present", Need::kOptional) == nullptr ? "attendees"
                                                                             : "present"),
               Cat(*present, " present exceeds the ", *members, " members of the body"));
    present.reset();
  }
  const bj::array* motions = f.Array("motions", Need::kOptional);
  if (motions != nullptr) {
    const Loc list = root.Key("motions");
    out.motions.reserve(motions->size());
    for (size_t i = 0; i < motions->size(); ++i) {
      auto m = DecodeMotion((*motions)[i], list.Index(i), issues, body, present,
                            roll ? &*roll : nullptr);
      if (m) out.motions.push_back(std::move(*m));
    }
  }
  if (issues.list().size() != issues_before || !body || !mode || !members || !present) return false;
  out.body = *body;
  out.mode = *mode;
  out.members = *members;
  out.present = *present;
  if (attendees != nullptr && roll) {
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
  static constexpr Renderer kRenderers[] = {{.format = "text", .render = &RenderFrom<Evaluated, &Compute, &TextReport>}};
  static const OperationDef kDef{.name = "meeting",
                                 .input_schema = "sqp.meeting/1",
                                 .output_schema = "sqp.meeting-result/1",
                                 .members = &kMeetingMembers,
                                 .run = &RunFrom<Evaluated, &Compute, &Write>,
                                 .renderers = kRenderers};
  return kDef;
}

}  // namespace sqp::internal
