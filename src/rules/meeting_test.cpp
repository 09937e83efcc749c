// Review meetings and votes (VOTE.*): typed thresholds and the `meeting` operation's JSON door.
#include "test_support.hpp"
#include "sqp/meeting.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/operation.hpp"
#include "sqp/engine.hpp"

namespace sqp {
namespace {

using test::DefaultEngine;
using test::HasIssueAt;

namespace bj = boost::json;

// The smallest x with x * den >= n * num, found by counting up (not the library's formula).
std::int64_t SmallestAtLeast(std::int64_t n, std::int64_t num, std::int64_t den) {
  std::int64_t x = 0;
  while (x * den < n * num) ++x;
  return x;
}

bj::object Meeting(std::string_view body, std::int64_t members, std::int64_t present,
                   bj::array motions = {}) {
  return {{"schema", "sqp.meeting/1"}, {"body", body},       {"mode", "in_person"},
          {"members", members},        {"present", present}, {"motions", std::move(motions)}};
}

bj::object MotionDoc(std::string_view decision, std::int64_t votes_for, std::int64_t against = 0,
                     std::int64_t abstain = 0) {
  return {{"subject", "APP-1"},
          {"decision", decision},
          {"for", votes_for},
          {"against", against},
          {"abstain", abstain}};
}

bj::object RunMeeting(const Engine& engine, const bj::object& doc) {
  auto out = engine.Run("meeting", bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status() << "\n" << bj::serialize(doc);
  if (!out.ok()) return {};
  return bj::parse(*out).as_object();
}

ErrorInfo Error(const Engine& engine, const bj::value& doc) {
  auto out = engine.Run("meeting", bj::serialize(doc));
  EXPECT_FALSE(out.ok()) << *out;
  if (out.ok()) return {};
  return DescribeError(out.status());
}

// ---- Thresholds for every group size: VOTE.EXPERT_QUORUM, VOTE.FINAL_QUORUM,
// VOTE.EXPERT_DECISION, VOTE.FINAL_DECISION (READ.INCLUSIVE) ----------------------------------

TEST(MeetingThresholdTest, QuorumForEveryGroupSizeUpTo100) {
  const Engine engine = DefaultEngine();
  for (MeetingBody body : {MeetingBody::kExpertReview, MeetingBody::kFinalReview}) {
    const MeetingRules& rules = RulesFor(engine.rulebook(), body);
    for (std::int64_t n = 1; n <= 100; ++n) {
      const std::int64_t x = SmallestAtLeast(n, 2, 3);
      for (std::int64_t present = 0; present <= n; ++present) {
        const Quorum q = EvaluateQuorum(rules, n, present);
        ASSERT_EQ(q.required, x) << n;
        ASSERT_EQ(q.met, present >= x) << n << " " << present;
      }
    }
  }
}

TEST(MeetingThresholdTest, DecisionForEveryGroupSizeUpTo100) {
  const Engine engine = DefaultEngine();
  for (MeetingBody body : {MeetingBody::kExpertReview, MeetingBody::kFinalReview}) {
    const MeetingRules& rules = RulesFor(engine.rulebook(), body);
    for (std::int64_t present = 1; present <= 100; ++present) {
      const std::int64_t x = SmallestAtLeast(present, 2, 3);
      const Quorum q = EvaluateQuorum(rules, present, present);  // everyone attends
      ASSERT_TRUE(q.met);
      for (std::int64_t votes_for = 0; votes_for <= present; ++votes_for) {
        const MotionTally t = EvaluateMotion(rules, q, {votes_for, present - votes_for, 0});
        ASSERT_EQ(t.required, x) << present;
        ASSERT_EQ(t.passed, votes_for >= x) << present << " " << votes_for;
      }
    }
  }
}

TEST(MeetingThresholdTest, EveryGroupSizeThroughTheJsonDoor) {
  const Engine engine = DefaultEngine();
  for (const char* body : {"expert_review", "final_review"}) {
    const char* decision = std::string_view(body) == "expert_review" ? "suspend" : "terminate_review";
    for (std::int64_t n = 1; n <= 100; ++n) {
      const std::int64_t q = SmallestAtLeast(n, 2, 3);
      // Exactly the quorum: valid; the decision needs 2/3 of those present.
      const std::int64_t v = SmallestAtLeast(q, 2, 3);
      bj::object r = RunMeeting(engine, Meeting(body, n, q,
                                         bj::array{MotionDoc(decision, v, q - v),
                                                   MotionDoc(decision, v - 1, 0, q - v + 1)}));
      ASSERT_EQ(r.at("valid"), true) << n;
      ASSERT_EQ(r.at("quorum").at("required"), q) << n;
      ASSERT_EQ(r.at("motions").at(0).at("required"), v) << n;
      ASSERT_EQ(r.at("motions").at(0).at("passed"), true) << n;
      ASSERT_EQ(r.at("motions").at(1).at("passed"), false) << n;
      // One short of the quorum: not valid, and even a unanimous vote does not pass.
      r = RunMeeting(engine, Meeting(body, n, q - 1, bj::array{MotionDoc(decision, q - 1)}));
      ASSERT_EQ(r.at("valid"), false) << n;
      ASSERT_EQ(r.at("quorum").at("met"), false) << n;
      ASSERT_EQ(r.at("motions").at(0).at("passed"), false) << n;
    }
  }
}

TEST(MeetingThresholdTest, RulebookFractionsChangeThresholdsWithoutCode) {
  bj::object doc = bj::parse(DefaultRulebookJson()).as_object();
  bj::object& meetings = doc["meetings"].as_object();
  meetings["expert_review"].as_object()["quorum"] = bj::object{{"num", 3}, {"den", 4}};
  meetings["final_review"].as_object()["decision"] = bj::object{{"num", 3}, {"den", 4}};
  auto engine = Engine::FromRulebookJson(bj::serialize(doc));
  ASSERT_TRUE(engine.ok()) << engine.status();
  for (std::int64_t n = 1; n <= 100; ++n) {
    // Expert quorum is now 3/4, its decision still 2/3.
    const std::int64_t q = SmallestAtLeast(n, 3, 4);
    bj::object r = RunMeeting(*engine, Meeting("expert_review", n, q, bj::array{MotionDoc("stop", 0)}));
    ASSERT_EQ(r.at("quorum").at("required"), q) << n;
    ASSERT_EQ(r.at("valid"), true) << n;
    ASSERT_EQ(r.at("motions").at(0).at("required"), SmallestAtLeast(q, 2, 3)) << n;
    ASSERT_EQ(r.at("thresholds").at("quorum").at("num"), 3);
    r = RunMeeting(*engine, Meeting("expert_review", n, q - 1));
    ASSERT_EQ(r.at("valid"), false) << n;
    // Final review: quorum still 2/3, decision 3/4 of those present.
    r = RunMeeting(*engine, Meeting("final_review", n, n,
                             bj::array{MotionDoc("agree_preliminary", SmallestAtLeast(n, 3, 4)),
                                       MotionDoc("agree_preliminary", SmallestAtLeast(n, 3, 4) - 1)}));
    ASSERT_EQ(r.at("quorum").at("required"), SmallestAtLeast(n, 2, 3)) << n;
    ASSERT_EQ(r.at("motions").at(0).at("required"), SmallestAtLeast(n, 3, 4)) << n;
    ASSERT_EQ(r.at("motions").at(0).at("passed"), true) << n;
    ASSERT_EQ(r.at("motions").at(1).at("passed"), false) << n;
  }
  // 9 members: 6 present no longer makes an expert meeting valid under 3/4; 7 does.
  EXPECT_EQ(RunMeeting(*engine, Meeting("expert_review", 9, 6)).at("valid"), false);
  EXPECT_EQ(RunMeeting(*engine, Meeting("expert_review", 9, 7)).at("valid"), true);
}

// ---- RULES.md examples (VOTE.EXPERT_QUORUM 9/6/5, VOTE.MODE) ---------------------------------

TEST(MeetingExamplesTest, NineMembersSixValidFiveNot) {
  const Engine engine = DefaultEngine();
  for (const char* body : {"expert_review", "final_review"}) {
    bj::object r = RunMeeting(engine, Meeting(body, 9, 6));
    EXPECT_EQ(r.at("valid"), true);
    EXPECT_EQ(r.at("quorum").at("required"), 6);
    EXPECT_EQ(r.at("quorum").at("present"), 6);
    EXPECT_EQ(r.at("quorum").at("met"), true);
    r = RunMeeting(engine, Meeting(body, 9, 5));
    EXPECT_EQ(r.at("valid"), false);
    EXPECT_EQ(r.at("quorum").at("met"), false);
  }
}

TEST(MeetingExamplesTest, ContractExampleAndAbstentionsAreNotVotesFor) {
  const Engine engine = DefaultEngine();
  // 6 present: 4 for is exactly 2/3 (passes), 3 for with 3 abstaining does not.
  const bj::object r = RunMeeting(engine, Meeting("expert_review", 9, 6,
                                           bj::array{MotionDoc("suspend", 4, 1, 1),
                                                     MotionDoc("defer_re_review", 3, 0, 3)}));
  const bj::array& m = r.at("motions").as_array();
  EXPECT_EQ(m[0].at("subject"), "APP-1");
  EXPECT_EQ(m[0].at("decision"), "suspend");
  EXPECT_EQ(m[0].at("required"), 4);
  EXPECT_EQ(m[0].at("for"), 4);
  EXPECT_EQ(m[0].at("passed"), true);
  EXPECT_EQ(m[1].at("passed"), false);
  EXPECT_EQ(r.at("body"), "expert_review");
  EXPECT_EQ(r.at("mode"), "in_person");
  EXPECT_EQ(r.at("schema"), "sqp.meeting-result/1");
}

TEST(MeetingExamplesTest, NoQuorumNoDecisionEvenUnanimous) {
  const Engine engine = DefaultEngine();
  const bj::object r =
      RunMeeting(engine, Meeting("final_review", 9, 5, bj::array{MotionDoc("terminate_review", 5)}));
  EXPECT_EQ(r.at("valid"), false);
  EXPECT_EQ(r.at("motions").at(0).at("passed"), false);
}

TEST(MeetingExamplesTest, CorrespondenceIsRecordedWithTheSameThresholds) {
  const Engine engine = DefaultEngine();
  bj::object doc = Meeting("final_review", 12, 8, bj::array{MotionDoc("continue_verification", 6, 2)});
  const bj::object in_person = RunMeeting(engine, doc);
  doc["mode"] = "correspondence";
  const bj::object by_mail = RunMeeting(engine, doc);
  EXPECT_EQ(by_mail.at("mode"), "correspondence");
  EXPECT_EQ(by_mail.at("quorum"), in_person.at("quorum"));
  EXPECT_EQ(by_mail.at("motions"), in_person.at("motions"));
  EXPECT_EQ(by_mail.at("motions").at(0).at("passed"), true);
}

TEST(MeetingExamplesTest, DecisionsBelongToTheirBody) {
  const Engine engine = DefaultEngine();
  for (const char* d : {"defer_re_review", "suspend", "stop"}) {
    EXPECT_EQ(RunMeeting(engine, Meeting("expert_review", 9, 9, bj::array{MotionDoc(d, 9)}))
                  .at("motions").at(0).at("passed"), true) << d;
    const ErrorInfo e = Error(engine, Meeting("final_review", 9, 9, bj::array{MotionDoc(d, 9)}));
    EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
    EXPECT_EQ(e.path, "/motions/0/decision") << d;
    EXPECT_NE(e.message.find("agree_preliminary"), std::string::npos) << e.message;
  }
  for (const char* d : {"agree_preliminary", "continue_verification", "terminate_review"}) {
    EXPECT_EQ(Error(engine, Meeting("expert_review", 9, 9, bj::array{MotionDoc(d, 9)})).path,
              "/motions/0/decision") << d;
  }
  EXPECT_EQ(Error(engine, Meeting("expert_review", 9, 9, bj::array{MotionDoc("approve", 9)})).path,
            "/motions/0/decision");
}

// ---- Named ballots (VOTE.CONSISTENCY: each voter a present member, once) ------------------

bj::object Ballot(std::string_view voter, std::string_view vote) {
  return {{"voter", voter}, {"vote", vote}};
}

bj::object BallotMeeting(bj::array attendees, bj::array ballots) {
  return {{"schema", "sqp.meeting/1"},
          {"body", "expert_review"},
          {"mode", "correspondence"},
          {"members", 9},
          {"attendees", std::move(attendees)},
          {"motions", bj::array{bj::object{{"subject", "APP-7"},
                                           {"decision", "stop"},
                                           {"ballots", std::move(ballots)}}}}};
}

TEST(MeetingBallotTest, BallotsAreCountedAndAttendeesArePresent) {
  const Engine engine = DefaultEngine();
  const bj::array six{"Zhao", "Qian", "Sun", "Li", "Zhou", "Wu"};
  bj::object r = RunMeeting(engine, BallotMeeting(six, {Ballot("Zhao", "for"), Ballot("Qian", "for"),
                                                 Ballot("Sun", "for"), Ballot("Li", "for"),
                                                 Ballot("Zhou", "against")}));
  EXPECT_EQ(r.at("quorum").at("present"), 6);
  EXPECT_EQ(r.at("valid"), true);
  const bj::value& m = r.at("motions").at(0);
  EXPECT_EQ(m.at("for"), 4);
  EXPECT_EQ(m.at("against"), 1);
  EXPECT_EQ(m.at("abstain"), 0);
  EXPECT_EQ(m.at("passed"), true);
  // Three for out of six present is not enough.
  r = RunMeeting(engine, BallotMeeting(six, {Ballot("Zhao", "for"), Ballot("Qian", "for"),
                                      Ballot("Sun", "for"), Ballot("Li", "abstain")}));
  EXPECT_EQ(r.at("motions").at(0).at("passed"), false);
  // "present" may be given alongside the names when it agrees.
  bj::object doc = BallotMeeting(six, {Ballot("Zhao", "for")});
  doc["present"] = 6;
  EXPECT_EQ(RunMeeting(engine, doc).at("quorum").at("present"), 6);
}

TEST(MeetingBallotTest, EachBallotInconsistencyNamesTheField) {
  const Engine engine = DefaultEngine();
  const bj::array six{"Zhao", "Qian", "Sun", "Li", "Zhou", "Wu"};
  // Duplicate ballot.
  ErrorInfo e = Error(engine, BallotMeeting(six, {Ballot("Zhao", "for"), Ballot("Qian", "for"),
                                                  Ballot("Zhao", "against")}));
  EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(e.path, "/motions/0/ballots/2/voter");
  EXPECT_NE(e.message.find("/motions/0/ballots/0"), std::string::npos) << e.message;
  // A ballot from someone absent (not an attendee).
  e = Error(engine, BallotMeeting(six, {Ballot("Wang", "for")}));
  EXPECT_EQ(e.path, "/motions/0/ballots/0/voter");
  EXPECT_NE(e.message.find("Wang"), std::string::npos);
  // An attendee listed twice.
  e = Error(engine, BallotMeeting({"Zhao", "Qian", "Zhao"}, {}));
  EXPECT_EQ(e.path, "/attendees/2");
  // More attendees than members.
  e = Error(engine, BallotMeeting({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, {}));
  EXPECT_EQ(e.path, "/attendees");
  // "present" disagreeing with the names.
  bj::object doc = BallotMeeting(six, {});
  doc["present"] = 7;
  EXPECT_EQ(Error(engine, doc).path, "/present");
  // Ballots without the attendees list; counts and ballots together; a bad vote.
  doc = BallotMeeting(six, {Ballot("Zhao", "for")});
  doc.erase("attendees");
  doc["present"] = 6;
  EXPECT_EQ(Error(engine, doc).path, "/motions/0/ballots");
  doc = BallotMeeting(six, {Ballot("Zhao", "for")});
  doc["motions"].as_array()[0].as_object()["for"] = 1;
  EXPECT_EQ(Error(engine, doc).path, "/motions/0/ballots");
  EXPECT_EQ(Error(engine, BallotMeeting(six, {Ballot("Zhao", "yes")})).path,
            "/motions/0/ballots/0/vote");
  EXPECT_EQ(Error(engine, BallotMeeting(six, {Ballot("", "for")})).path,
            "/motions/0/ballots/0/voter");
}

// ---- VOTE.CONSISTENCY on counts -----------------------------------------------------------

TEST(MeetingConsistencyTest, EachInconsistencyIsAnInputErrorNamingTheField) {
  const Engine engine = DefaultEngine();
  struct Case {
    bj::object doc;
    const char* path;
  };
  const Case cases[] = {
      {Meeting("expert_review", 5, 6), "/present"},                                  // present > members
      {Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 4, 2, 1)}), "/motions/0"},  // votes > present
      {Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 7)}), "/motions/0"},
      {Meeting("expert_review", -9, 6), "/members"},                                 // negative
      {Meeting("expert_review", 9, -1), "/present"},
      {Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", -1)}), "/motions/0/for"},
      {Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 4, -1)}), "/motions/0/against"},
      {Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 4, 0, -2)}), "/motions/0/abstain"},
      {Meeting("expert_review", 0, 0), "/members"},  // a body has members
      {Meeting("expert_review", 9, 6, bj::array{bj::object{{"subject", "A"}, {"decision", "stop"}, {"for", 4.5}}}),
       "/motions/0/for"},
  };
  for (const Case& c : cases) {
    const ErrorInfo e = Error(engine, c.doc);
    EXPECT_EQ(e.code, ErrorCode::kInvalidInput) << bj::serialize(c.doc);
    EXPECT_EQ(e.path, c.path) << bj::serialize(c.doc) << " " << e.message;
  }
  // Every problem is listed, not only the first.
  const ErrorInfo all = Error(engine, Meeting("expert_review", 5, 6, bj::array{MotionDoc("x", -1)}));
  EXPECT_TRUE(HasIssueAt(all, "/present"));
  EXPECT_TRUE(HasIssueAt(all, "/motions/0/decision"));
  EXPECT_TRUE(HasIssueAt(all, "/motions/0/for"));
  // The typed checks say the same.
  EXPECT_EQ(CheckAttendance(5, 6), CountProblem::kPresentExceedsMembers);
  EXPECT_EQ(CheckAttendance(0, 0), CountProblem::kMembersOutOfRange);
  EXPECT_EQ(CheckAttendance(9, -1), CountProblem::kPresentOutOfRange);
  EXPECT_EQ(CheckAttendance(9, 9), CountProblem::kNone);
  EXPECT_EQ(CheckVotes(6, {4, 2, 1}), CountProblem::kVotesExceedPresent);
  EXPECT_EQ(CheckVotes(6, {4, 1, 1}), CountProblem::kNone);
  EXPECT_EQ(CheckVotes(6, {4, -1, 0}), CountProblem::kVoteOutOfRange);
  EXPECT_EQ(CheckVotes(6, {0, 0, kMaxMeetingCount + 1}), CountProblem::kVoteOutOfRange);
  // And the typed evaluation refuses rather than decides.
  MeetingInput in{MeetingBody::kFinalReview, MeetingMode::kInPerson, 9, 6,
                  {{"APP-1", MeetingDecision::kStop, {4, 0, 0}, {}}}};
  auto r = EvaluateMeeting(DefaultEngine().rulebook(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(DescribeError(r.status()).path, "/motions/0/decision");
}

TEST(MeetingConsistencyTest, MalformedInputNeverCrashesAndNamesTheField) {
  const Engine engine = DefaultEngine();
  const char* values[] = {"null", "true", "0", "-1", "1.5", "1e300", "18446744073709551616",
                          "\"\"", "\"x\"", "[]", "{}", "[{}]", "[null]", "[1]"};
  for (const char* key : {"body", "mode", "members", "present", "attendees", "motions"}) {
    for (const char* v : values) {
      bj::object doc = Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 4)});
      doc[key] = bj::parse(v);
      std::string out;
      const ErrorCode code = engine.RunToDocument("meeting", bj::serialize(doc), out);
      const bj::value parsed = bj::parse(out);
      EXPECT_TRUE(code == ErrorCode::kOk || code == ErrorCode::kInvalidInput) << out;
      if (code == ErrorCode::kInvalidInput) {
        EXPECT_FALSE(parsed.at("path").as_string().empty()) << key << "=" << v << ": " << out;
      }
    }
  }
  for (const char* v : {"null", "1", "\"x\"", "{}", "[]", "[1]", "[{}]"}) {
    bj::object doc = Meeting("expert_review", 9, 6, bj::array{MotionDoc("stop", 4)});
    doc["motions"].as_array()[0].as_object()["ballots"] = bj::parse(v);
    std::string out;
    const ErrorCode code = engine.RunToDocument("meeting", bj::serialize(doc), out);
    EXPECT_TRUE(code == ErrorCode::kOk || code == ErrorCode::kInvalidInput) << out;
  }
  // Required members.
  const ErrorInfo e = Error(engine, bj::object{{"schema", "sqp.meeting/1"}});
  for (const char* p : {"/body", "/mode", "/members", "/present"}) EXPECT_TRUE(HasIssueAt(e, p)) << p;
}

// ---- The minutes' verdict -----------------------------------------------------------------

TEST(MeetingRenderTest, VerdictInChineseAndEnglish) {
  const Engine engine = DefaultEngine();
  const internal::OperationDef* op = internal::FindOperation("meeting");
  ASSERT_NE(op, nullptr);
  ASSERT_FALSE(op->renderers.empty());
  EXPECT_EQ(op->renderers[0].format, "text");
  auto render = [&engine](const bj::object& doc) {
    return engine.Render("meeting", "text", bj::serialize(doc)).value_or("(render failed)");
  };
  std::string text = render(Meeting("expert_review", 9, 6, bj::array{MotionDoc("suspend", 4, 1, 1)}));
  for (const char* s : {"专家评审会", "会议有效", "valid", "暂停", "suspend", "通过", "Passed", "2/3"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
  // PROC.FINAL_REVIEW / VOTE.FINAL_DECISION: the final opinions in Art. 14(9)'s own words.
  const struct {
    const char* decision;
    const char* zh;
  } finals[] = {{"agree_preliminary", "同意初步评审结果"},
                {"continue_verification", "继续核查下次复审"},
                {"terminate_review", "终止审议"}};
  for (const auto& f : finals) {
    text = render(Meeting("final_review", 9, 6, bj::array{MotionDoc(f.decision, 4, 1, 1)}));
    EXPECT_NE(text.find(f.zh), std::string::npos) << f.decision << "\n" << text;
  }
  EXPECT_EQ(text.find("终止评审"), std::string::npos);  // the previous, paraphrased label
  text = render(Meeting("final_review", 9, 5));
  for (const char* s : {"终审会", "会议无效", "not valid"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
}

}  // namespace
}  // namespace sqp
