// The issues of error documents for sqp.meeting/1, sqp.bodies/1, sqp.assessment/1 and sqp.case/1,
// each list in full and in order: the documents are read from one description each
// (src/codec/schema.hpp), and these lists, recorded from the hand-written readers that came
// before, hold the reading to the same messages, pointers and order. Unknown members show each
// member table's order ("expected one of: ...").
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sqp/engine.hpp"
#include "test_support.hpp"

namespace sqp {
namespace {

void ExpectIssues(std::string_view operation, std::string_view document,
                  const std::vector<Issue>& expected) {
  static const Engine engine = test::DefaultEngine();
  const auto out = engine.Run(operation, document);
  ASSERT_FALSE(out.ok()) << *out;
  const ErrorInfo info = DescribeError(out.status());
  EXPECT_EQ(info.code, ErrorCode::kInvalidInput);
  ASSERT_EQ(info.issues.size(), expected.size()) << out.status();
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(info.issues[i].path, expected[i].path) << i;
    EXPECT_EQ(info.issues[i].message, expected[i].message) << i;
  }
}

TEST(MeetingIssuesTest, EverythingWrong) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"x","mode":3,"members":0,"present":"a","attendees":["a","","a",4],"motions":[{"subject":"","decision":"stop","reason":"r","for":1,"ballots":[{"voter":"b","vote":"no"},{"voter":"a","vote":"for"},{"voter":"a","vote":"for"},{"vote":"abstain"},[]]},5]})",
               {
                   {"/body", "unknown value \"x\"; expected one of: expert_review, final_review"},
                   {"/mode", "expected one of: in_person, correspondence; got a number"},
                   {"/members", "must be a whole number from 1 to 1000000, got 0"},
                   {"/attendees/1", "must not be empty"},
                   {"/attendees/2", "\"a\" is listed twice (first at /attendees/0)"},
                   {"/attendees/3", "expected a string, got a number"},
                   {"/present", "expected a whole number, got a string"},
                   {"/motions/0/subject", "must not be empty"},
                   {"/motions/0/ballots", "give either the counts (for, against, abstain) or named ballots, not both"},
                   {"/motions/0/ballots/0/vote", "unknown value \"no\"; expected one of: for, against, abstain"},
                   {"/motions/0/ballots/2/voter", "\"a\" already voted on this motion (/motions/0/ballots/1)"},
                   {"/motions/0/ballots/3/voter", "is required"},
                   {"/motions/0/ballots/4", "expected an object, got an array"},
                   {"/motions/1", "expected an object, got a number"},
               });
}

TEST(MeetingIssuesTest, MotionsWithoutAttendance) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"expert_review","mode":null,"motions":[{"subject":"A","decision":"agree_preliminary","reason":"","for":"x","against":-1},{"decision":"other","for":1},{"subject":"B","decision":"stop","reason":"why","for":1,"abstain":2.5},{"subject":7,"decision":"suspend","for":null,"against":1},{"subject":"C","decision":"bogus","ballots":{}},{"subject":"D","decision":"stop","ballots":[{"voter":"x","vote":"for"},3,{}]},{"subject":"E","decision":"stop","ballots":5,"for":"a"}]})",
               {
                   {"/mode", "is required and must not be null"},
                   {"/members", "is required"},
                   {"/present", "is required"},
                   {"/motions/0/decision", "\"agree_preliminary\" is not a decision of the expert_review meeting; expected one of: defer_re_review, suspend, stop"},
                   {"/motions/0/reason", "must not be empty"},
                   {"/motions/0/for", "expected a whole number, got a string"},
                   {"/motions/0/against", "must be a whole number from 0 to 1000000, got -1"},
                   {"/motions/1/subject", "is required"},
                   {"/motions/1/decision", "\"other\" is not a decision of the expert_review meeting; expected one of: defer_re_review, suspend, stop"},
                   {"/motions/2/reason", "a reason is stated only for the opinion \"other\""},
                   {"/motions/2/abstain", "expected a whole number written without a fraction or exponent, got 2.5"},
                   {"/motions/3/subject", "expected a string, got a number"},
                   {"/motions/3/for", "is required and must not be null"},
                   {"/motions/4/decision", "unknown value \"bogus\"; expected one of: defer_re_review, suspend, stop, agree_preliminary, continue_verification, terminate_review, other"},
                   {"/motions/4/ballots", "expected an array, got an object"},
                   {"/motions/4/for", "is required"},
                   {"/motions/5/ballots", "named ballots need the meeting's \"attendees\" list"},
                   {"/motions/5/ballots/1", "expected an object, got a number"},
                   {"/motions/5/ballots/2/voter", "is required"},
                   {"/motions/5/ballots/2/vote", "is required"},
                   {"/motions/6/ballots", "expected an array, got a number"},
                   {"/motions/6/for", "expected a whole number, got a string"},
               });
}

TEST(MeetingIssuesTest, VotesExceedPresent) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"final_review","mode":"in_person","members":10,"present":5,"motions":[{"subject":"A","decision":"agree_preliminary","for":3,"against":2,"abstain":2},{"subject":"B","decision":"other","for":6,"reason":""},{"subject":"C","decision":"stop","for":9}]})",
               {
                   {"/motions/0", "for 3 + against 2 + abstain 2 = 7 votes exceed the 5 present"},
                   {"/motions/1/reason", "must not be empty"},
                   {"/motions/1", "for 6 + against 0 + abstain 0 = 6 votes exceed the 5 present"},
                   {"/motions/2/decision", "\"stop\" is not a decision of the final_review meeting; expected one of: agree_preliminary, continue_verification, terminate_review, other"},
                   {"/motions/2", "for 9 + against 0 + abstain 0 = 9 votes exceed the 5 present"},
               });
}

TEST(MeetingIssuesTest, AttendeesDisagree) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"final_review","mode":"in_person","members":2,"present":4,"attendees":["a","b","c"],"motions":[{"subject":"S","decision":"other","reason":"r","ballots":[{"voter":"z","vote":"for"},{"voter":"a","vote":"against"},{"voter":"a"},{"voter":"b","vote":"for"},{"voter":"b","vote":"for"}]},{"subject":"T","decision":"other","for":1,"against":1,"abstain":1}]})",
               {
                   {"/present", "says 4 present but \"attendees\" names 3"},
                   {"/motions/0/ballots/0/voter", "\"z\" is not among the attendees"},
                   {"/motions/0/ballots/2/vote", "is required"},
                   {"/motions/0/ballots/4/voter", "\"b\" already voted on this motion (/motions/0/ballots/3)"},
                   {"/motions/1/decision", "the opinion \"other\" needs its \"reason\" (the special circumstances, Art. 14(9))"},
               });
}

TEST(MeetingIssuesTest, AttendeesExceedMembers) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"expert_review","mode":"correspondence","members":2,"attendees":["a","b","c"],"motions":{}})",
               {
                   {"/attendees", "3 present exceeds the 2 members of the body"},
                   {"/motions", "expected an array, got an object"},
               });
}

TEST(MeetingIssuesTest, PresentExceedsMembers) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"expert_review","mode":"correspondence","members":2,"present":3,"attendees":["a","b","c"],"motions":[{"subject":"S","decision":"stop","for":3}]})",
               {
                   {"/present", "3 present exceeds the 2 members of the body"},
               });
}

TEST(MeetingIssuesTest, AttendeesNotAList) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","body":"final_review","mode":"in_person","members":3,"attendees":"a b","present":null,"motions":[{"subject":"S","decision":"terminate_review","ballots":[{"voter":"a","vote":"for"}]}]})",
               {
                   {"/attendees", "expected an array, got a string"},
                   {"/present", "is required and must not be null"},
                   {"/motions/0/ballots", "named ballots need the meeting's \"attendees\" list"},
               });
}

TEST(MeetingIssuesTest, UnknownMembers) {
  ExpectIssues("meeting", R"({"schema":"sqp.meeting/1","zz":1,"body":"expert_review","mode":"in_person","members":3,"present":3,"motions":[{"zz":1,"subject":"S","decision":"stop","for":3,"ballots":[{"zz":1}]}]})",
               {
                   {"/zz", "unknown member; expected one of: schema, body, mode, members, present, attendees, motions"},
                   {"/motions/0/zz", "unknown member; expected one of: subject, decision, reason, for, against, abstain, ballots"},
                   {"/motions/0/ballots/0/zz", "unknown member; expected one of: voter, vote"},
               });
}

TEST(BodiesIssuesTest, EverythingWrong) {
  ExpectIssues("bodies", R"({"schema":"sqp.bodies/1","bodies":5,"people":[3,{"name":"","role":"boss","removals":[{"ground":0,"on":"2026-13-01"},{"ground":4},7]},{"role":null,"removals":{}}],"site":{"type":"x","staff_count":0,"shifts":{"count":0,"staff_per_shift":"x"}}})",
               {
                   {"/on", "is required"},
                   {"/bodies", "expected an array, got a number"},
                   {"/people/0", "expected an object, got a number"},
                   {"/people/1/name", "must not be empty"},
                   {"/people/1/role", "unknown value \"boss\"; expected one of: expert, evaluator"},
                   {"/people/1/removals/0/ground", "must be a whole number from 1 to 3, got 0"},
                   {"/people/1/removals/0/on", "\"2026-13-01\" is not a calendar date"},
                   {"/people/1/removals/1/ground", "must be a whole number from 1 to 3, got 4"},
                   {"/people/1/removals/1/on", "is required"},
                   {"/people/1/removals/2", "expected an object, got a number"},
                   {"/people/2/name", "is required"},
                   {"/people/2/role", "is required and must not be null"},
                   {"/people/2/removals", "expected an array, got an object"},
                   {"/site/type", "unknown value \"x\"; expected one of: business_hall, customer_service_center, installation_maintenance_center, other_ict"},
                   {"/site/staff_count", "must be a whole number from 1 to 1000000, got 0"},
                   {"/site/shifts/count", "must be a whole number from 1 to 100, got 0"},
                   {"/site/shifts/staff_per_shift", "expected a whole number, got a string"},
               });
}

TEST(BodiesIssuesTest, BadBodies) {
  ExpectIssues("bodies", R"({"schema":"sqp.bodies/1","on":"2026-01-01","bodies":[4,{"telecom_service_qualification":"yes","ict_quality_system_experience":null,"violations":{"ground":1}},{"name":"A","telecom_service_qualification":true,"ict_quality_system_experience":false,"violations":[{"ground":7,"on":"x"},{"on":"2026-01-01"},null]}],"people":{},"site":3})",
               {
                   {"/bodies/0", "expected an object, got a number"},
                   {"/bodies/1/name", "is required"},
                   {"/bodies/1/telecom_service_qualification", "expected true or false, got a string"},
                   {"/bodies/1/ict_quality_system_experience", "is required and must not be null"},
                   {"/bodies/1/violations", "expected an array, got an object"},
                   {"/bodies/2/violations/0/ground", "must be a whole number from 1 to 6, got 7"},
                   {"/bodies/2/violations/0/on", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/bodies/2/violations/1/ground", "is required"},
                   {"/bodies/2/violations/2", "expected an object, got null"},
                   {"/people", "expected an array, got an object"},
                   {"/site", "expected an object, got a number"},
               });
}

TEST(BodiesIssuesTest, Missing) {
  ExpectIssues("bodies", R"({"schema":"sqp.bodies/1","on":5,"bodies":null,"people":null,"site":{"shifts":4}})",
               {
                   {"/on", "expected a date string YYYY-MM-DD, got a number"},
                   {"/bodies", "is required and must not be null"},
                   {"/site/type", "is required"},
                   {"/site/staff_count", "is required"},
                   {"/site/shifts", "expected an object, got a number"},
               });
}

TEST(BodiesIssuesTest, SiteShifts) {
  ExpectIssues("bodies", R"({"schema":"sqp.bodies/1","on":"2026-01-01","bodies":[],"site":{"type":"business_hall","staff_count":1000001,"shifts":{"staff_per_shift":0}}})",
               {
                   {"/site/staff_count", "must be a whole number from 1 to 1000000, got 1000001"},
                   {"/site/shifts/count", "is required"},
                   {"/site/shifts/staff_per_shift", "must be a whole number from 1 to 1000000, got 0"},
               });
}

TEST(BodiesIssuesTest, UnknownMembers) {
  ExpectIssues("bodies", R"({"schema":"sqp.bodies/1","zz":1,"on":"2026-01-01","bodies":[{"zz":1,"violations":[{"zz":1}]}],"people":[{"zz":1,"removals":[{"zz":1}]}],"site":{"zz":1,"shifts":{"zz":1}}})",
               {
                   {"/zz", "unknown member; expected one of: schema, on, bodies, people, site"},
                   {"/bodies/0/zz", "unknown member; expected one of: name, telecom_service_qualification, ict_quality_system_experience, violations"},
                   {"/bodies/0/violations/0/zz", "unknown member; expected one of: ground, on"},
                   {"/people/0/zz", "unknown member; expected one of: name, role, removals"},
                   {"/people/0/removals/0/zz", "unknown member; expected one of: ground, on"},
                   {"/site/zz", "unknown member; expected one of: type, staff_count, shifts"},
                   {"/site/shifts/zz", "unknown member; expected one of: count, staff_per_shift"},
               });
}

TEST(AssessmentIssuesTest, Nothing) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1"})",
               {
                   {"/application", "is required"},
               });
}

TEST(AssessmentIssuesTest, EverythingWrong) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1","application":{"schema":"sqp.x/1","kind":"initial"},"procedure":{"applied_on":"2026-01-01","materials_received_on":"x"},"scoresheet":{"schema":"sqp.y/1"}})",
               {
                   {"/application/schema", "an embedded document must be \"sqp.application/1\" (or omit \"schema\")"},
                   {"/application/applied_on", "is required"},
                   {"/application/site", "is required"},
                   {"/application/enterprise", "is required"},
                   {"/procedure/materials_received_on", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/procedure/applied_on", "the filing date is the application's applied_on; do not repeat it here"},
                   {"/scoresheet/schema", "an embedded document must be \"sqp.scoresheet/1\" (or omit \"schema\")"},
                   {"/scoresheet/site_type", "is required"},
               });
}

TEST(AssessmentIssuesTest, WrongKinds) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1","application":5,"procedure":3,"scoresheet":[]})",
               {
                   {"/application", "expected an object, got a number"},
                   {"/procedure", "expected an object, got a number"},
                   {"/scoresheet", "expected an object, got an array"},
               });
}

TEST(AssessmentIssuesTest, Nulls) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1","application":null,"procedure":null,"scoresheet":null})",
               {
                   {"/application", "is required and must not be null"},
               });
}

TEST(AssessmentIssuesTest, SiteMismatch) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1","application":{"kind":"initial","applied_on":"2026-01-12","site":{"type":"business_hall"},"enterprise":{}},"scoresheet":{"site_type":"customer_service_center","judged":{"site_facilities":4,"systems":5,"staffing":5,"knowledge_base":4,"channels":4,"information_security":4.5,"management_system":3,"call_quality":7.5,"quality_monitoring":5,"follow_up":3,"first_contact_resolution":5.5,"complaint_resolution":5.5,"improvement":5.5},"indicators":{"request_ack_min":12.5,"initial_handling_hours":20,"detailed_handling_hours":40,"complaint_first_response_hours":18,"user_satisfaction_pct":97}}})",
               {
                   {"/scoresheet/site_type", "the scoresheet is for customer_service_center but the application's site is a business_hall"},
               });
}

TEST(AssessmentIssuesTest, UnknownMembers) {
  ExpectIssues("assess", R"({"schema":"sqp.assessment/1","zz":1,"application":{"kind":"initial","applied_on":"2026-01-12","site":{"type":"business_hall"},"enterprise":{}}})",
               {
                   {"/zz", "unknown member; expected one of: schema, application, procedure, scoresheet"},
               });
}

TEST(CaseIssuesTest, EverythingWrong) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":"x","application":{"schema":"sqp.x/1","kind":"first"},"bodies_offered":3,"people":[{"name":""},4],"scoresheet":{"schema":"x","site_type":1}})",
               {
                   {"/as_of", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/application/schema", "an embedded document must be \"sqp.application/1\" (or omit \"schema\")"},
                   {"/application/kind", "unknown value \"first\"; expected one of: initial, renewal, upgrade"},
                   {"/application/applied_on", "is required"},
                   {"/application/site", "is required"},
                   {"/application/enterprise", "is required"},
                   {"/bodies_offered", "expected an array, got a number"},
                   {"/people/0/name", "must not be empty"},
                   {"/people/0/role", "is required"},
                   {"/people/1", "expected an object, got a number"},
                   {"/steps", "is required"},
                   {"/scoresheet/schema", "an embedded document must be \"sqp.scoresheet/1\" (or omit \"schema\")"},
                   {"/scoresheet/site_type", "expected one of: business_hall, customer_service_center, installation_maintenance_center, other_ict; got a number"},
               });
}

TEST(CaseIssuesTest, BadSteps) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":"2026-04-01","bodies_offered":[{"name":"A"}],"people":{},"steps":{"accepted_on":"x","investigation":{},"commissioned":{"body":"","team":[{"name":"A"},{"name":"B","ccaa_registration":""},{"name":"C","ccaa_registration":null,"valid_until":"x"},5,{"ccaa_registration":7}]},"materials_received_on":1,"evaluated_on":"2026-02-30","report_received_on":null,"preliminary_result":{"grade":"","disputed":"no"},"expert_review":{"body":"final_review","mode":"in_person","members":3,"present":3},"publicity":{"ends_on":"x","objections":[{"received_on":"x","ground":4,"investigation":{"outcome":"maybe"}},2,{"received_on":"2026-03-01","in_writing":true,"has_evidence":true,"has_contact":true,"investigation":3}]},"final_review":5,"announced_on":[]}})",
               {
                   {"/bodies_offered/0/telecom_service_qualification", "is required"},
                   {"/bodies_offered/0/ict_quality_system_experience", "is required"},
                   {"/people", "expected an array, got an object"},
                   {"/steps/accepted_on", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/steps/investigation/completed_on", "is required"},
                   {"/steps/commissioned/body", "must not be empty"},
                   {"/steps/commissioned/on", "is required"},
                   {"/steps/commissioned/team/0/ccaa_registration", "is required: the member's CCAA auditor registration number, or null when the member holds none"},
                   {"/steps/commissioned/team/1/ccaa_registration", "must not be empty"},
                   {"/steps/commissioned/team/2/valid_until", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/steps/commissioned/team/3", "expected an object, got a number"},
                   {"/steps/commissioned/team/4/name", "is required"},
                   {"/steps/commissioned/team/4/ccaa_registration", "expected a string, got a number"},
                   {"/steps/materials_received_on", "expected a date string YYYY-MM-DD, got a number"},
                   {"/steps/evaluated_on", "\"2026-02-30\" is not a calendar date"},
                   {"/steps/preliminary_result/grade", "must not be empty"},
                   {"/steps/preliminary_result/disputed", "expected true or false, got a string"},
                   {"/steps/expert_review/held_on", "is required"},
                   {"/steps/publicity/starts_on", "is required"},
                   {"/steps/publicity/ends_on", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/steps/publicity/objections/0/received_on", "\"x\" is not a date of the form YYYY-MM-DD"},
                   {"/steps/publicity/objections/0/in_writing", "is required"},
                   {"/steps/publicity/objections/0/has_evidence", "is required"},
                   {"/steps/publicity/objections/0/has_contact", "is required"},
                   {"/steps/publicity/objections/0/ground", "must be a whole number from 1 to 3, got 4"},
                   {"/steps/publicity/objections/0/investigation/outcome", "unknown value \"maybe\"; expected one of: substantiated, unsubstantiated"},
                   {"/steps/publicity/objections/0/investigation/on", "is required"},
                   {"/steps/publicity/objections/1", "expected an object, got a number"},
                   {"/steps/publicity/objections/2/investigation", "expected an object, got a number"},
                   {"/steps/final_review", "expected an object, got a number"},
                   {"/steps/final_review", "expected an object, got a number"},
                   {"/steps/announced_on", "expected a date string YYYY-MM-DD, got an array"},
               });
}

TEST(CaseIssuesTest, WrongKinds) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":null,"steps":{"investigation":1,"commissioned":[],"preliminary_result":"x","expert_review":[],"publicity":1,"final_review":{"held_on":"2026-01-01","body":"expert_review","mode":"in_person","members":3,"present":2,"motions":[{"subject":"S","decision":"stop","for":2}]}}})",
               {
                   {"/as_of", "is required and must not be null"},
                   {"/steps/investigation", "expected an object, got a number"},
                   {"/steps/commissioned", "expected an object, got an array"},
                   {"/steps/preliminary_result", "expected an object, got a string"},
                   {"/steps/expert_review", "expected an object, got an array"},
                   {"/steps/expert_review", "expected an object, got an array"},
                   {"/steps/publicity", "expected an object, got a number"},
                   {"/steps/final_review/body", "this step is the final_review meeting, not the expert_review"},
               });
}

TEST(CaseIssuesTest, MeetingWrongBody) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":"2026-04-01","steps":{"commissioned":{"body":"A","on":"2026-01-01"},"expert_review":{"held_on":"2026-02-01","body":"final_review","mode":"in_person","members":3,"present":3,"motions":[]},"final_review":{"body":"final_review","mode":"in_person","members":3,"present":3,"motions":[{"subject":"S","decision":"stop","for":3}]}}})",
               {
                   {"/steps/commissioned/team", "is required"},
                   {"/steps/expert_review/body", "this step is the expert_review meeting, not the final_review"},
                   {"/steps/final_review/held_on", "is required"},
                   {"/steps/final_review/motions/0/decision", "\"stop\" is not a decision of the final_review meeting; expected one of: agree_preliminary, continue_verification, terminate_review, other"},
               });
}

TEST(CaseIssuesTest, Dates) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":"2026-03-01","application":{"kind":"initial","applied_on":"2026-03-12","site":{"type":"business_hall"},"enterprise":{}},"steps":{"accepted_on":"2026-03-20","investigation":{"completed_on":"2026-03-21"},"commissioned":{"body":"A","on":"2026-03-22","team":[]},"materials_received_on":"2026-03-23","evaluated_on":"2026-03-24","report_received_on":"2026-03-25","preliminary_result":{"grade":"nine-star","disputed":false},"expert_review":{"held_on":"2026-03-26","body":"expert_review","mode":"in_person","members":3,"present":3},"publicity":{"starts_on":"2026-03-27","ends_on":"2026-02-01","objections":[{"received_on":"2026-03-28","in_writing":true,"has_evidence":true,"has_contact":true,"investigation":{"outcome":"substantiated","on":"2026-01-01"}}]},"final_review":{"held_on":"2026-03-29","body":"final_review","mode":"in_person","members":3,"present":3},"announced_on":"2026-03-30"}})",
               {
                   {"/application/applied_on", "2026-03-12 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/accepted_on", "2026-03-20 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/investigation/completed_on", "2026-03-21 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/commissioned/on", "2026-03-22 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/materials_received_on", "2026-03-23 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/evaluated_on", "2026-03-24 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/report_received_on", "2026-03-25 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/expert_review/held_on", "2026-03-26 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/publicity/starts_on", "2026-03-27 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/publicity/ends_on", "is before starts_on: a publicity ends after it starts"},
                   {"/steps/publicity/objections/0/received_on", "2026-03-28 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/publicity/objections/0/investigation/on", "is before the objection was received (2026-03-28): an objection is investigated after it arrives"},
                   {"/steps/final_review/held_on", "2026-03-29 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/announced_on", "2026-03-30 is after as_of 2026-03-01: a step is recorded once it has happened"},
                   {"/steps/preliminary_result/grade", "\"nine-star\" is not a grade of the rulebook's business_hall table; expected one of: five_star, four_star, three_star, two_star, one_star"},
               });
}

TEST(CaseIssuesTest, ScoresheetMismatch) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","as_of":"2026-04-01","application":{"kind":"initial","applied_on":"2026-01-12","site":{"type":"business_hall"},"enterprise":{}},"steps":{"preliminary_result":{"grade":"nine-star","disputed":false}},"scoresheet":{"site_type":"customer_service_center","judged":{"site_facilities":4,"systems":5,"staffing":5,"knowledge_base":4,"channels":4,"information_security":4.5,"management_system":3,"call_quality":7.5,"quality_monitoring":5,"follow_up":3,"first_contact_resolution":5.5,"complaint_resolution":5.5,"improvement":5.5},"indicators":{"request_ack_min":12.5,"initial_handling_hours":20,"detailed_handling_hours":40,"complaint_first_response_hours":18,"user_satisfaction_pct":97}}})",
               {
                   {"/scoresheet/site_type", "the scoresheet is for customer_service_center but the application's site is a business_hall"},
                   {"/steps/preliminary_result/grade", "\"nine-star\" is not a grade of the rulebook's customer_service_center table; expected one of: five_star, four_star, three_star, two_star, one_star"},
               });
}

TEST(CaseIssuesTest, UnknownMembers) {
  ExpectIssues("case", R"({"schema":"sqp.case/1","zz":1,"as_of":"2026-04-01","steps":{"zz":1,"investigation":{"zz":1},"commissioned":{"zz":1,"team":[{"zz":1}]},"preliminary_result":{"zz":1},"expert_review":{"zz":1,"motions":[{"zz":1}]},"publicity":{"zz":1,"objections":[{"zz":1,"investigation":{"zz":1}}]},"final_review":{"zz":1}},"bodies_offered":[{"zz":1}],"people":[{"zz":1}]})",
               {
                   {"/zz", "unknown member; expected one of: schema, as_of, application, bodies_offered, people, steps, scoresheet"},
                   {"/steps/zz", "unknown member; expected one of: accepted_on, investigation, commissioned, materials_received_on, evaluated_on, report_received_on, preliminary_result, expert_review, publicity, final_review, announced_on"},
                   {"/steps/investigation/zz", "unknown member; expected one of: completed_on"},
                   {"/steps/commissioned/zz", "unknown member; expected one of: body, on, team"},
                   {"/steps/commissioned/team/0/zz", "unknown member; expected one of: name, ccaa_registration, valid_until"},
                   {"/steps/preliminary_result/zz", "unknown member; expected one of: grade, disputed"},
                   {"/steps/expert_review/zz", "unknown member; expected one of: held_on, schema, body, mode, members, present, attendees, motions"},
                   {"/steps/expert_review/motions/0/zz", "unknown member; expected one of: subject, decision, reason, for, against, abstain, ballots"},
                   {"/steps/publicity/zz", "unknown member; expected one of: starts_on, ends_on, objections"},
                   {"/steps/publicity/objections/0/zz", "unknown member; expected one of: received_on, in_writing, has_evidence, has_contact, ground, investigation"},
                   {"/steps/publicity/objections/0/investigation/zz", "unknown member; expected one of: outcome, on"},
                   {"/steps/final_review/zz", "unknown member; expected one of: held_on, schema, body, mode, members, present, attendees, motions"},
                   {"/bodies_offered/0/zz", "unknown member; expected one of: name, telecom_service_qualification, ict_quality_system_experience, violations"},
                   {"/people/0/zz", "unknown member; expected one of: name, role, removals"},
               });
}

}  // namespace
}  // namespace sqp
