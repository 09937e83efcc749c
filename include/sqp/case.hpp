// The procedure as one case (RULES.md §7; Art. 14(1)-(11), 22-23): the record of one
// application through Art. 14's steps as far as it has gone on `as_of`. EvaluateCase checks that
// the procedure itself was followed (PROC.*), runs every rule the recorded steps invoke (ELIG.*
// on the application, CYCLE.* on the dates, VOTE.* on both meetings, BODY.*/TEAM.AUDITORS/
// PEOPLE.REMOVAL on the body, team and experts, SCORE.* on the scoresheet, CERT.* on the
// announcement), and says where the case stands and what is due next, by when.
//
// It composes the other operations' pure functions (EvaluateEligibility, BatchFor, ReportDueFor,
// PublicityWindow, JudgeObjection, EvaluateMeeting, EvaluateBodies, EvaluateScore,
// EvaluateCertificate): a case's verdicts are theirs on the same data, which tests hold it to.
// Unlike those, a case's findings carry their messages (English and Chinese) and the JSON
// pointer of their step, because they name steps and people that only the case knows.
//
// Strings in a CaseInput's Application are views (see sqp/eligibility.hpp): whatever they point
// into must outlive the evaluation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqp/bodies.hpp"
#include "sqp/certificate.hpp"
#include "sqp/cycle.hpp"
#include "sqp/date.hpp"
#include "sqp/eligibility.hpp"
#include "sqp/meeting.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/scoring.hpp"

namespace sqp {

// ---- Steps, in Art. 14's order (PROC.ORDER) ---------------------------------------------------

// The steps a case records. `kEvaluated` (the site evaluation's day) is optional: the Measures
// give it no date of its own, and the report that follows it is what PROC.REPORT times.
enum class CaseStep : std::uint8_t {
  kApplied,            // (1)-(2) the application filed: application.applied_on
  kAccepted,           // (3) steps.accepted_on
  kInvestigation,      // (4) steps.investigation.completed_on
  kCommissioned,       // (5) steps.commissioned.on
  kMaterialsReceived,  // (6) steps.materials_received_on (by the body)
  kEvaluated,          // (6) steps.evaluated_on (optional)
  kReportReceived,     // (6) steps.report_received_on (by the office)
  kExpertReview,       // (7) steps.expert_review.held_on
  kPublicity,          // (8) steps.publicity.starts_on
  kFinalReview,        // (9) steps.final_review.held_on
  kAnnounced,          // (10) steps.announced_on
};
inline constexpr size_t kCaseStepCount = 11;
inline constexpr std::array<std::string_view, kCaseStepCount> kCaseStepNames = {
    "applied",        "accepted",        "investigation", "commissioned",
    "materials_received", "evaluated",   "report_received", "expert_review",
    "publicity",      "final_review",    "announced"};
inline constexpr std::array<std::string_view, kCaseStepCount> kCaseStepNamesZh = {
    "申请", "申请受理", "反向调查", "委托服务认证机构", "服务认证机构收到申请材料", "服务现场评价",
    "初评报告报送推进办", "专家评审", "结果公示", "结果终审", "结果公告"};
inline constexpr std::array<std::string_view, kCaseStepCount> kCaseStepNamesEn = {
    "application filed",
    "application accepted",
    "reverse investigation",
    "certification body commissioned",
    "materials received by the body",
    "site evaluation",
    "initial evaluation report received",
    "expert review meeting",
    "publicity",
    "final review meeting",
    "result announced"};
// The JSON pointer of each step's date in sqp.case/1.
inline constexpr std::array<std::string_view, kCaseStepCount> kCaseStepPointers = {
    "/application/applied_on",        "/steps/accepted_on",
    "/steps/investigation/completed_on", "/steps/commissioned/on",
    "/steps/materials_received_on",   "/steps/evaluated_on",
    "/steps/report_received_on",      "/steps/expert_review/held_on",
    "/steps/publicity/starts_on",     "/steps/final_review/held_on",
    "/steps/announced_on"};
constexpr size_t Index(CaseStep s) { return static_cast<size_t>(s); }
constexpr std::string_view CaseStepName(CaseStep s) { return kCaseStepNames[Index(s)]; }
// A step the procedure cannot skip: every one but the site evaluation's own date.
constexpr bool StepRequired(CaseStep s) { return s != CaseStep::kEvaluated; }

// ---- Rules, outcomes, next steps ---------------------------------------------------------------

// The rules a case adds (RULES.md §6-7), in catalogue order, from the catalogue.
enum class CaseRule : std::uint8_t {
#define SQP_CASE_RULE(enumerator, id, article) enumerator,
#include "sqp/rule_catalogue.def"
};
inline constexpr std::array kCaseRuleIds = {
#define SQP_CASE_RULE(enumerator, id, article) std::string_view(id),
#include "sqp/rule_catalogue.def"
};
inline constexpr size_t kCaseRuleCount = kCaseRuleIds.size();
inline constexpr std::array kCaseRuleArticles = {
#define SQP_CASE_RULE(enumerator, id, article) std::string_view(article),
#include "sqp/rule_catalogue.def"
};
static_assert(static_cast<size_t>(CaseRule::kTeamAuditors) + 1 == kCaseRuleCount);

// The rule that holds each step (the application itself is held to ELIG.*, the site
// evaluation's day to TEAM.AUDITORS): what a case adds to an assessment, step by step.
inline constexpr std::array<CaseRule, kCaseStepCount> kCaseStepRules = {
    CaseRule::kOrder,        CaseRule::kAcceptance,   CaseRule::kInvestigation,
    CaseRule::kBody,         CaseRule::kReport,       CaseRule::kTeamAuditors,
    CaseRule::kReport,       CaseRule::kExpertReview, CaseRule::kPublicity,
    CaseRule::kFinalReview,  CaseRule::kAnnouncement};

enum class CaseOutcome : std::uint8_t {
  kInProgress,
  kDisqualified,        // ELIG.ACCIDENT / ELIG.ADVERSE at the reverse investigation
  kDeferred,            // the experts' defer re-review, or the final review's continue verification
  kSuspended,           // the experts' suspend
  kStopped,             // the experts' stop
  kTerminated,          // the final review's terminate review
  kAwarded,             // announced after an agreed final opinion: grade and certificate dates
  kProcedureDefective,  // a PROC.* rule fails: not to be relied on until the defect is cured
};
inline constexpr size_t kCaseOutcomeCount = 8;
inline constexpr std::array<std::string_view, kCaseOutcomeCount> kCaseOutcomeNames = {
    "in_progress", "disqualified", "deferred", "suspended",
    "stopped",     "terminated",   "awarded",  "procedure_defective"};
inline constexpr std::array<std::string_view, kCaseOutcomeCount> kCaseOutcomeNamesZh = {
    "进行中", "取消参评资格", "延期复审", "暂停", "停止", "终止审议", "获证", "程序有缺陷"};
constexpr std::string_view CaseOutcomeName(CaseOutcome o) {
  return kCaseOutcomeNames[static_cast<size_t>(o)];
}

// What PROC.NEXT lists: the steps still to come, and the acts with a deadline inside them.
enum class NextStep : std::uint8_t {
  kAccept,                  // the acceptance month's last day
  kInvestigate,             // the reverse investigation
  kCommission,              // commission a body
  kSendMaterials,           // the body receives the materials
  kReport,                  // CYCLE.REPORT_DUE
  kExpertReview,            // the expert review meeting
  kPublicity,               // start the publicity
  kPublicityEnds,           // CYCLE.PUBLICITY: its last day
  kInvestigateObjection,    // an admissible objection awaits the office's investigation
  kFinalReview,             // the final review meeting (after publicity)
  kAnnounce,                // the announcement month's last day
  kSupervisionReport,       // SUP.ANNUAL: the next self-inspection report still to come
};
inline constexpr size_t kNextStepCount = 12;
inline constexpr std::array<std::string_view, kNextStepCount> kNextStepNames = {
    "accepted",         "investigation",  "commissioned",        "materials_received",
    "report_received",  "expert_review",  "publicity",           "publicity_ends",
    "objection_investigation", "final_review", "announced",      "supervision_report"};
inline constexpr std::array<std::string_view, kNextStepCount> kNextStepNamesZh = {
    "申请受理", "反向调查", "委托服务认证机构", "服务认证机构收到申请材料", "初评报告报送推进办",
    "专家评审", "结果公示", "公示期结束", "举报调查核实", "结果终审", "结果公告",
    "提交年度自查报告"};
inline constexpr std::array<std::string_view, kNextStepCount> kNextStepNamesEn = {
    "accept the application",
    "reverse investigation",
    "commission a certification body",
    "materials to the body",
    "initial evaluation report due",
    "expert review meeting",
    "start the publicity",
    "publicity ends",
    "investigate the objection",
    "final review meeting",
    "announce the result",
    "annual self-inspection report due"};

struct NextItem {
  NextStep step = NextStep::kAccept;
  std::optional<Date> due_by;  // where the Measures give a deadline
  bool overdue = false;        // due_by < as_of and not done
  std::string evidence;        // the pointer of what it concerns ("" for none)
};

// ---- Input (sqp.case/1) -------------------------------------------------------------------------

struct TeamMember {
  std::string name;
  std::optional<std::string> ccaa_registration;  // nullopt: the member holds none (Art. 23(4))
  std::optional<Date> valid_until;               // the registration's expiry, where known
};
struct Commissioning {
  std::string body;  // a name in bodies_offered
  Date on;
  std::vector<TeamMember> team;
};
struct PreliminaryResult {
  std::optional<std::string> grade;  // the experts' preliminary grade (a rulebook grade id)
  bool disputed = false;             // 有异议的申请单位
};
struct CaseMeeting {
  Date held_on;
  MeetingInput meeting;
  std::vector<std::string> attendees;  // by name, when the minutes give them
};
enum class ObjectionOutcome : std::uint8_t { kSubstantiated, kUnsubstantiated };
inline constexpr std::array<std::string_view, 2> kObjectionOutcomeNames = {"substantiated",
                                                                           "unsubstantiated"};
struct ObjectionInvestigation {
  ObjectionOutcome outcome = ObjectionOutcome::kUnsubstantiated;
  Date on;
};
struct CaseObjection {
  Objection objection;
  std::optional<int> ground;  // Art. 14(8) 1-3, when the report names one
  std::optional<ObjectionInvestigation> investigation;
};
struct CasePublicity {
  Date starts_on;
  std::optional<Date> ends_on;  // when the office records the day it ended
  std::vector<CaseObjection> objections;
};
struct CaseSteps {
  std::optional<Date> accepted_on;
  std::optional<Date> investigation_completed_on;
  std::optional<Commissioning> commissioned;
  std::optional<Date> materials_received_on;
  std::optional<Date> evaluated_on;
  std::optional<Date> report_received_on;
  std::optional<PreliminaryResult> preliminary_result;
  std::optional<CaseMeeting> expert_review;
  std::optional<CasePublicity> publicity;
  std::optional<CaseMeeting> final_review;
  std::optional<Date> announced_on;
};

// Preconditions (the JSON door checks them and names the field otherwise): no step is dated
// after as_of, the meetings' counts are consistent (VOTE.CONSISTENCY) and each is of its body,
// an expert review comes with its preliminary result, an objection investigation is not dated
// before its objection, the scoresheet is for the application's site type.
struct CaseInput {
  Date as_of;
  std::optional<Application> application;
  std::optional<std::vector<OfferedBody>> bodies_offered;  // nullopt: the list is not recorded
  std::vector<Person> people;                              // experts and evaluators
  CaseSteps steps;
  std::optional<ScoreInput> scoresheet;
};

// ---- Result (sqp.case-status/1) ----------------------------------------------------------------

struct CaseFinding {
  std::string_view rule;  // a kCaseRuleIds entry, or BODY.*, PEOPLE.*, VOTE.*, CYCLE.*, CERT.*
  std::string_view article;
  FindingStatus status = FindingStatus::kNote;
  std::string message;
  std::string message_zh;
  std::string evidence;  // the JSON pointer into the case document ("" for none)
};

struct CaseMeetingResult {
  MeetingResult meeting;
  // The motion about this case's applicant that took effect (the first one passed), if any.
  std::optional<size_t> effective_motion;
};

struct CaseResult {
  CaseOutcome outcome = CaseOutcome::kInProgress;
  std::optional<CaseStep> stage;  // the last step recorded; nullopt when none is
  std::optional<EligibilityResult> eligibility;
  CycleResult calendar;  // the batch, report due, publicity and objections (CYCLE.*)
  std::optional<BodiesResult> bodies;  // the offered list on the commissioning day
  std::optional<CaseMeetingResult> expert_review;
  std::optional<CaseMeetingResult> final_review;
  std::optional<ScoreResult> score;
  std::optional<std::string> grade;  // the grade awarded (outcome kAwarded)
  std::optional<CertificateResult> certificate;  // outcome kAwarded: the certificate's dates
  std::vector<CaseFinding> findings;  // in step order; ELIG.* findings are in `eligibility`
  std::vector<NextItem> next;         // PROC.NEXT
  std::array<FindingStatus, kCaseRuleCount> rule_status{};  // worst status per case rule
};

// Evaluates the case (src/rules/case.cpp). Pure: the same input gives the same result; no I/O.
CaseResult EvaluateCase(const Rulebook& rulebook, const CaseInput& in);

}  // namespace sqp
