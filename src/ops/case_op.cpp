// `case`: the procedure of Art. 14 as one case (sqp.case/1 → sqp.case-status/1; PROC.*,
// TEAM.AUDITORS and every rule the recorded steps invoke). The rules are sqp/case.hpp's
// EvaluateCase; this file reads the document (its members, its impossible dates), writes the
// result, and renders from the same typed result the case file (text), its coming deadlines
// (ics) and its timeline (svg).
//
// Input beyond CONTRACT.md §7 (members added, none renamed): "people" (the experts and
// evaluators with their Art. 21 removals, as in sqp.bodies/1), steps.evaluated_on (the site
// evaluation's day), steps.publicity.ends_on (the day the office ended the publicity), an
// objection's "ground" (Art. 14(8) 1-3), and a final opinion "other" with its "reason".
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/operation.hpp"
#include "codec/schema.hpp"
#include "ops/bodies_codec.hpp"
#include "ops/certificate_render.hpp"
#include "ops/report_text.hpp"
#include "ops/cycle_codec.hpp"
#include "ops/eligibility_codec.hpp"
#include "ops/meeting_codec.hpp"
#include "ops/score_codec.hpp"
#include "sqp/case.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::schema;
using certificate_format::EscapeIcsText;
using certificate_format::EscapeXml;
using certificate_format::FoldIcsLine;

// ---- sqp.case/1 (READ.MEMBERS) ----------------------------------------------------------------
// The one description of the document: its member tables and the reading of each member (its
// type, need and range) come from it (src/codec/schema.hpp); the embedded documents are read by
// their own codecs and held to their own tables (kApplicationMembers, kOfferedBodyMembers,
// kPersonMembers, kMeetingMembers, kScoresheetMembers). Members are listed in the order strict
// reading names them, which is the order they are read in.

using Investigation =
    Object<CaseSteps,
           Field<"completed_on", kRequired, DateValue, &CaseSteps::investigation_completed_on>>;

// TEAM.AUDITORS: "ccaa_registration" is required, but null is an answer (the member holds none,
// and TEAM.AUDITORS fails), so its absence is reported in words of its own before its value is
// read, and valid_until after it (TeamMemberItem).
using Registration = Field<"ccaa_registration", kOptional, As<std::string, NonEmptyString>,
                           &TeamMember::ccaa_registration>;
using ValidUntil = Field<"valid_until", kOptional, DateValue, &TeamMember::valid_until>;
using TeamMemberDocument =
    Object<TeamMember, Field<"name", kRequired, As<std::string, NonEmptyString>, &TeamMember::name>,
           ReadInCode<Registration>, ReadInCode<ValidUntil>>;
// A team member as List reads an item (like an Object): its table and its members.
struct TeamMemberItem {
  static constexpr const json::ObjectDef& kMembers = TeamMemberDocument::kMembers;
  static void ReadFields(const json::Fields& m, TeamMember& out) {
    TeamMemberDocument::ReadFields(m, out);  // name
    if (m.ok() && !m.object()->contains(Registration::kName)) {
      m.issues().Add(m.loc().Key(Registration::kName),
                     "is required: the member's CCAA auditor registration number, or null when "
                     "the member holds none");
    } else {
      Registration::Read(m, out);
    }
    ValidUntil::Read(m, out);
  }
};
using Commissioned = Object<
    Commissioning, Field<"body", kRequired, As<std::string, NonEmptyString>, &Commissioning::body>,
    Field<"on", kRequired, DateValue, &Commissioning::on>,
    Field<"team", kRequired, List<TeamMemberItem>, &Commissioning::team>>;

using Preliminary = Object<
    PreliminaryResult,
    Field<"grade", kOptional, As<std::string, NonEmptyString>, &PreliminaryResult::grade>,
    Field<"disputed", kRequired, Bool, &PreliminaryResult::disputed>>;

// A meeting of Art. 14(7) or 14(9): the day it was held, then the members of sqp.meeting/1
// (DecodeMeeting), which must be the step's own body's.
struct HeldOn {
  std::optional<Date> held_on;
};
using CaseMeetingDocument =
    Object<HeldOn, Field<"held_on", kRequired, DateValue, &HeldOn::held_on>>;
constexpr json::ObjectDef kCaseMeetingDef{CaseMeetingDocument::kMemberDefs,
                                          json::ObjectDef::Keys::kListed, &kMeetingMembers};
template <MeetingBody kBody>
struct StepMeeting {
  using Value = CaseMeeting;
  static constexpr const json::ObjectDef& kMembers = kCaseMeetingDef;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, CaseMeeting& out) {
    HeldOn held;
    CaseMeetingDocument::Read(v, at, issues, held);
    const bool read = DecodeMeeting(v, at, issues, out.meeting, &out.attendees);
    if (!read || !held.held_on) return false;
    if (out.meeting.body != kBody) {
      issues.Add(at.Key("body"), Cat("this step is the ", MeetingBodyName(kBody),
                                     " meeting, not the ", MeetingBodyName(out.meeting.body)));
      return false;
    }
    out.held_on = *held.held_on;
    return true;
  }
};

// An objection of Art. 14(8) as read, then made a CaseObjection (ObjectionItem).
struct ObjectionValues {
  Date received_on;
  bool in_writing = false;
  bool has_evidence = false;
  bool has_contact = false;
  std::optional<int> ground;
  std::optional<ObjectionInvestigation> investigation;
};
using InvestigationOutcome = Object<
    ObjectionInvestigation,
    Field<"outcome", kRequired, EnumOf<ObjectionOutcome, kObjectionOutcomeNames>,
          &ObjectionInvestigation::outcome>,
    Field<"on", kRequired, DateValue, &ObjectionInvestigation::on>>;
using ObjectionDocument = Object<
    ObjectionValues, Field<"received_on", kRequired, DateValue, &ObjectionValues::received_on>,
    Field<"in_writing", kRequired, Bool, &ObjectionValues::in_writing>,
    Field<"has_evidence", kRequired, Bool, &ObjectionValues::has_evidence>,
    Field<"has_contact", kRequired, Bool, &ObjectionValues::has_contact>,
    Field<"ground", kOptional, As<int, Integer<1, 3>>, &ObjectionValues::ground>,
    Field<"investigation", kOptional, InvestigationOutcome, &ObjectionValues::investigation>>;
// An objection as List reads an item (like an Object): its table and its members.
struct ObjectionItem {
  static constexpr const json::ObjectDef& kMembers = ObjectionDocument::kMembers;
  static void ReadFields(const json::Fields& f, CaseObjection& out) {
    ObjectionValues o;
    ObjectionDocument::ReadFields(f, o);
    out.objection = {o.received_on, o.in_writing, o.has_evidence, o.has_contact};
    out.ground = o.ground;
    out.investigation = o.investigation;
  }
};
using Publicity =
    Object<CasePublicity, Field<"starts_on", kRequired, DateValue, &CasePublicity::starts_on>,
           Field<"ends_on", kOptional, DateValue, &CasePublicity::ends_on>,
           Field<"objections", kOptional, List<ObjectionItem>, &CasePublicity::objections>>;

using Steps = Object<
    CaseSteps, Field<"accepted_on", kOptional, DateValue, &CaseSteps::accepted_on>,
    Field<"investigation", kOptional, Investigation, kInline>,
    Field<"commissioned", kOptional, Commissioned, &CaseSteps::commissioned>,
    Field<"materials_received_on", kOptional, DateValue, &CaseSteps::materials_received_on>,
    Field<"evaluated_on", kOptional, DateValue, &CaseSteps::evaluated_on>,
    Field<"report_received_on", kOptional, DateValue, &CaseSteps::report_received_on>,
    Field<"preliminary_result", kOptional, Preliminary, &CaseSteps::preliminary_result>,
    Field<"expert_review", kOptional, StepMeeting<MeetingBody::kExpertReview>,
          &CaseSteps::expert_review>,
    Field<"publicity", kOptional, Publicity, &CaseSteps::publicity>,
    Field<"final_review", kOptional, StepMeeting<MeetingBody::kFinalReview>,
          &CaseSteps::final_review>,
    Field<"announced_on", kOptional, DateValue, &CaseSteps::announced_on>>;

// The scoresheet is read with the rulebook (DecodeCase).
using Scoresheet = Field<"scoresheet", kOptional, Table<kScoresheetMembers>>;
using CaseDocument = Object<
    CaseInput, Field<"schema", kRequired, SchemaName<"sqp.case/1">>,
    Field<"as_of", kRequired, DateValue, &CaseInput::as_of>,
    Field<"application", kOptional,
          Embedded<"sqp.application/1", Application, &DecodeApplication, kApplicationMembers>,
          &CaseInput::application>,
    Field<"bodies_offered", kOptional, OfferedBodyList, &CaseInput::bodies_offered>,
    Field<"people", kOptional, PersonList, &CaseInput::people>,
    Field<"steps", kRequired, Steps, &CaseInput::steps>, ReadInCode<Scoresheet>>;

// READ.DATES for a record: nothing is recorded before it happens, so no date after as_of; an
// objection is investigated after it arrives; a publicity ends after it starts.
void CheckDates(const CaseInput& in, Issues& issues) {
  auto after_as_of = [&](const std::optional<Date>& d, std::string_view pointer) {
    if (d && *d > in.as_of) {
      issues.AddAt(std::string(pointer),
                   Cat(d->ToString(), " is after as_of ", in.as_of.ToString(),
                       ": a step is recorded once it has happened"));
    }
  };
  const CaseSteps& s = in.steps;
  if (in.application) after_as_of(in.application->applied_on, kCaseStepPointers[0]);
  after_as_of(s.accepted_on, "/steps/accepted_on");
  after_as_of(s.investigation_completed_on, "/steps/investigation/completed_on");
  if (s.commissioned) after_as_of(s.commissioned->on, "/steps/commissioned/on");
  after_as_of(s.materials_received_on, "/steps/materials_received_on");
  after_as_of(s.evaluated_on, "/steps/evaluated_on");
  after_as_of(s.report_received_on, "/steps/report_received_on");
  if (s.expert_review) after_as_of(s.expert_review->held_on, "/steps/expert_review/held_on");
  if (s.publicity) {
    after_as_of(s.publicity->starts_on, "/steps/publicity/starts_on");
    after_as_of(s.publicity->ends_on, "/steps/publicity/ends_on");
    if (s.publicity->ends_on && *s.publicity->ends_on < s.publicity->starts_on) {
      issues.AddAt("/steps/publicity/ends_on", "is before starts_on: a publicity ends after it starts");
    }
    for (size_t i = 0; i < s.publicity->objections.size(); ++i) {
      const CaseObjection& o = s.publicity->objections[i];
      const std::string at = Cat("/steps/publicity/objections/", i);
      after_as_of(o.objection.received_on, Cat(at, "/received_on"));
      if (!o.investigation) continue;
      after_as_of(o.investigation->on, Cat(at, "/investigation/on"));
      if (o.investigation->on < o.objection.received_on) {
        issues.AddAt(Cat(at, "/investigation/on"),
                     Cat("is before the objection was received (", o.objection.received_on.ToString(),
                         "): an objection is investigated after it arrives"));
      }
    }
  }
  if (s.final_review) after_as_of(s.final_review->held_on, "/steps/final_review/held_on");
  after_as_of(s.announced_on, "/steps/announced_on");
}

absl::Status DecodeCase(const Rulebook& rb, const bj::value& input, CaseInput& out) {
  Issues issues;
  const Loc root = Loc::Root();
  const json::Fields f(input, root, issues);
  CaseDocument::ReadFields(f, out);  // all but the scoresheet
  if (const bj::value* sheet = f.Get(Scoresheet::kName, kOptional)) {
    const Loc sheet_at = root.Key(Scoresheet::kName);
    codec::CheckEmbeddedSchema(*sheet, sheet_at, "sqp.scoresheet/1", issues);
    out.scoresheet = DecodeScoresheet(*sheet, sheet_at, rb, issues);
  }
  if (!issues.empty()) return codec::ToStatus(issues, ErrorCode::kInvalidInput);

  CheckDates(out, issues);
  std::optional<SiteType> site;
  if (out.application) site = out.application->site_type;
  if (out.scoresheet) {
    if (site && out.scoresheet->site_type != *site) {
      issues.AddAt("/scoresheet/site_type",
                   Cat("the scoresheet is for ", SiteTypeName(out.scoresheet->site_type),
                       " but the application's site is a ", SiteTypeName(*site)));
    }
    site = out.scoresheet->site_type;
  }
  const auto& pre = out.steps.preliminary_result;
  if (pre && pre->grade && site) {
    bool known = false;
    std::string ids;
    for (const ScoreGrade& g : rb.scoring.Table(*site).grades) {
      known = known || g.id == *pre->grade;
      CatTo(ids, ids.empty() ? "" : ", ", g.id);
    }
    if (!known) {
      issues.AddAt("/steps/preliminary_result/grade",
                   Cat(json::Quote(*pre->grade), " is not a grade of the rulebook's ",
                       SiteTypeName(*site), " table; expected one of: ", ids));
    }
  }
  return codec::ToStatus(issues, ErrorCode::kInvalidInput);
}

struct Evaluated {
  CaseInput in;  // its application's strings are views into the input document
  CaseResult result;
};

// The typed path, the answer's and every rendering's: the document read, then the rules.
absl::Status Compute(const Engine& engine, const bj::value& input, Evaluated& out) {
  if (absl::Status s = DecodeCase(engine.rulebook(), input, out.in); !s.ok()) return s;
  out.result = EvaluateCase(engine.rulebook(), out.in);
  return absl::OkStatus();
}

// ---- Shared by the answer and the renderings --------------------------------------------------

// The application's id, when the case has an application that gives one ("application_id",
// null otherwise).
std::optional<std::string_view> ApplicationId(const CaseInput& in) {
  return in.application ? in.application->application_id : std::nullopt;
}

// A next step's name ("step" of PROC.NEXT's items; the calendar's event UIDs).
constexpr std::string_view NextStepName(NextStep step) {
  return kNextStepNames[static_cast<size_t>(step)];
}

// ---- Writing ----------------------------------------------------------------------------------

void WriteCaseMeeting(const CaseMeeting& m, const CaseMeetingResult& r, json::Writer& w) {
  w.BeginObject();
  w.Field("held_on", m.held_on);
  w.Key("effective_motion");
  if (r.effective_motion) {
    w.Int(static_cast<std::int64_t>(*r.effective_motion));
  } else {
    w.Null();
  }
  WriteMeeting(m.meeting, r.meeting, w);
  w.EndObject();
}

void WriteCase(const Rulebook& rb, const CaseInput& in, const CaseResult& r, RunContext& context,
               json::Writer& w) {
  if (const std::optional<std::string_view> id = ApplicationId(in)) {
    w.Field("application_id", *id);
  } else {
    w.NullField("application_id");
  }
  w.Field("as_of", in.as_of);
  w.Field("outcome", CaseOutcomeName(r.outcome));
  if (r.stage) {
    w.Field("stage", CaseStepName(*r.stage));
  } else {
    w.NullField("stage");
  }
  w.OptionalField("grade", r.grade);
  w.Key("eligibility");
  if (r.eligibility) {
    w.BeginObject();
    WriteEligibilityVerdict(*r.eligibility, w);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("calendar");
  w.BeginObject();
  WriteCycle(r.calendar, w);
  w.EndObject();
  w.Key("bodies");
  if (r.bodies) {
    w.BeginArray();
    for (size_t i = 0; i < in.bodies_offered->size(); ++i) {
      w.BeginObject();
      w.Field("name", (*in.bodies_offered)[i].name);
      w.Field("qualified", r.bodies->bodies[i].qualified);
      w.Field("disqualified", r.bodies->bodies[i].disqualified);
      w.Field("may_evaluate", r.bodies->bodies[i].may_evaluate());
      w.EndObject();
    }
    w.EndArray();
  } else {
    w.Null();
  }
  w.Key("expert_review");
  if (r.expert_review) {
    WriteCaseMeeting(*in.steps.expert_review, *r.expert_review, w);
  } else {
    w.Null();
  }
  w.Key("final_review");
  if (r.final_review) {
    WriteCaseMeeting(*in.steps.final_review, *r.final_review, w);
  } else {
    w.Null();
  }
  w.Key("score");
  if (r.score) {
    w.BeginObject();
    WriteScore(rb, *r.score, w);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("certificate");
  if (r.certificate) {
    const CertificateDates& d = r.certificate->dates;
    w.BeginObject();
    w.Field("status", CertificateStatusName(r.certificate->status));
    w.Field("valid_from", d.valid_from);
    w.Field("valid_until", d.valid_until);
    w.Key("supervision");
    w.BeginArray();
    for (const SupervisionResult& s : r.certificate->supervision()) {
      w.BeginObject();
      w.Field("anniversary", s.dates.anniversary);
      w.Field("date", s.dates.date);
      w.Field("report_due", s.dates.report_due);
      w.Field("status", SupervisionStatusName(s.status));
      w.EndObject();
    }
    w.EndArray();
    w.Field("renewal_due_by", d.renewal_due_by);
    w.Field("upgrade_earliest", d.upgrade_earliest);
    w.Field("upgrade_application_due_by", d.upgrade_application_due_by);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("next");
  w.BeginArray();
  for (const NextItem& n : r.next) {
    w.BeginObject();
    w.Field("step", NextStepName(n.step));
    w.OptionalField("due_by", n.due_by);
    w.Field("overdue", n.overdue);
    if (n.evidence.empty()) {
      w.NullField("evidence");
    } else {
      w.Field("evidence", n.evidence);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("findings");
  w.BeginArray();
  if (r.eligibility) {
    std::string items;
    if (AppendEligibilityFindingItems(rb, *in.application, *r.eligibility, "/application",
                                      Messages::kBoth, items)) {
      w.RawValue() += items;
    }
  }
  for (const CaseFinding& f : r.findings) {
    w.BeginObject();
    w.Field("rule", f.rule);
    w.Field("article", f.article);
    w.Field("status", kFindingStatusNames[static_cast<size_t>(f.status)]);
    w.Field("message", f.message);
    w.Field("message_zh", f.message_zh);
    if (f.evidence.empty()) {
      w.NullField("evidence");
    } else {
      w.Field("evidence", f.evidence);
    }
    w.EndObject();
  }
  // READ.MEMBERS in note mode: the result has one "findings", the note the last of them (both
  // languages, as every finding of a case report).
  ReportUnknownMembers(context, w, Messages::kBoth);
  w.EndArray();
}

void Write(const Engine& engine, const Evaluated& e, RunContext& context, json::Writer& w) {
  WriteCase(engine.rulebook(), e.in, e.result, context, w);
}

// ---- Renderings -------------------------------------------------------------------------------
// Each is laid out from the typed input and result (Compute, as Write has them), showing what
// the answer's members hold through the same derivations. The text report passes every string
// from the input or the rulebook through ReportString (the engine then makes the whole
// TerminalSafe); the calendar and the timeline keep their formats' own escaping (RFC 5545
// text, XML).

std::string NextLabel(NextStep step) {
  const auto i = static_cast<size_t>(step);
  return Cat(kNextStepNamesZh[i], " ", kNextStepNamesEn[i]);
}
std::string OutcomeLabel(CaseOutcome outcome) {
  const auto i = static_cast<size_t>(outcome);
  return Cat(kCaseOutcomeNamesZh[i], " ", kCaseOutcomeNames[i]);
}

// One line of the case file's findings; `zh` and `en` are already escaped (ReportString).
void AppendFindingLine(std::string& s, std::string_view rule, std::string_view article,
                       FindingStatus status, std::string_view zh, std::string_view en) {
  static constexpr std::string_view kMarks[] = {"✓ 符合", "✗ 不符合", "… 待定", "· 说明"};
  const auto i = static_cast<size_t>(status);
  CatTo(s, "  [", kMarks[i], " ", kFindingStatusNames[i], "] ", rule, " (Art. ", article, "): ", zh,
        " | ", en, "\n");
}

std::string TextReport(const Engine& engine, const Evaluated& e, const RunContext& context) {
  const Rulebook& rb = engine.rulebook();
  const CaseInput& in = e.in;
  const CaseResult& r = e.result;
  std::string s = "══ 服务现场质量推进活动案卷 Service-site quality case file ══\n";
  const std::string id = ReportString(ApplicationId(in).value_or(""));
  CatTo(s, "申请 Application: ", id.empty() ? "—" : id, "    截至 As of: ", in.as_of.ToString(),
        "\n");
  CatTo(s, "结论 Outcome: ", OutcomeLabel(r.outcome), "\n");
  CatTo(s, "阶段 Stage:   ",
        r.stage ? Cat(kCaseStepNamesZh[Index(*r.stage)], " ", kCaseStepNamesEn[Index(*r.stage)])
                : "—",
        "\n");
  if (const std::optional<Batch>& batch = r.calendar.batch) {
    CatTo(s, "批次 Batch:   ", BatchLabel(*batch), "（受理月 accepted in ",
          batch->acceptance.ToString(), "，公告月 announced in ", batch->announcement.ToString(),
          "）\n");
  }
  if (r.eligibility) {
    CatTo(s, "资格 Eligibility: ", kDecisionNames[static_cast<size_t>(r.eligibility->decision)],
          r.eligibility->disqualified ? "（直接取消参评资格 disqualified）" : "", "\n");
  }
  if (r.certificate) {
    const CertificateDates& d = r.certificate->dates;
    const std::string grade = r.grade ? ReportString(*r.grade) : "";
    CatTo(s, "证书 Certificate: ", d.valid_from.ToString(), " 至 through ", d.valid_until.ToString(),
          grade.empty() ? "" : "，等级 grade ", grade, "\n");
  }
  // The findings in the answer's order: the application's (ELIG.*, their messages made by the
  // eligibility codec as the answer's are), the case's own, then READ.MEMBERS' note.
  s += "\n核查 Findings:\n";
  if (r.eligibility) {
    const Application& app = *in.application;
    std::string zh, en;
    for (const Finding& f : r.eligibility->findings) {
      zh.clear();
      en.clear();
      AppendFindingMessageZh(rb, app, *r.eligibility, f, zh);
      AppendFindingMessage(rb, app, *r.eligibility, f, en);
      AppendFindingLine(s, RuleId(f.rule), RuleArticle(f.rule), f.status, ReportString(zh),
                        ReportString(en));
    }
  }
  for (const CaseFinding& f : r.findings) {
    AppendFindingLine(s, f.rule, f.article, f.status, ReportString(f.message_zh),
                      ReportString(f.message));
  }
  if (!context.unknown_members.empty()) {  // article and status as WriteUnknownMembersFinding's
    AppendFindingLine(s, kUnknownMemberRule, "-", FindingStatus::kNote,
                      ReportString(UnknownMembersMessageZh(context.unknown_members)),
                      ReportString(UnknownMembersMessage(context.unknown_members)));
  }
  if (!r.next.empty()) {
    s += "\n下一步 Next:\n";
    for (const NextItem& n : r.next) {
      CatTo(s, "  - ", NextLabel(n.step));
      if (n.due_by) CatTo(s, "，截止 due by ", n.due_by->ToString());
      if (n.overdue) s += "  【已逾期 OVERDUE】";
      s += "\n";
    }
  }
  return s;
}

// Whether the calendar and the timeline place a date. They were first laid out from the answer
// read back, its dates parsed as input dates (1900..2999), so a date past 2999 (a deadline of
// a case at the end of that year) was left out; it still is, and their bytes stay as they were.
bool Placed(Date d) { return d.year() >= kMinInputYear && d.year() <= kMaxInputYear; }

// The case's coming deadlines (PROC.NEXT with a due date) as an iCalendar, one all-day event
// each, in the certificate calendar's manner (RFC 5545: escaped text, folded lines). DTSTAMP is
// when the file was made, as the certificate calendar's (IcsCreationTime: SOURCE_DATE_EPOCH or
// the clock, checked before the document is run); the case's as_of is in each DESCRIPTION.
std::string CaseIcsAt(const CaseInput& in, const CaseResult& r, std::int64_t created) {
  const std::string_view id = ApplicationId(in).value_or("");
  const std::string_view name = id.empty() ? "case" : id;
  const std::string as_of = in.as_of.ToString();
  const std::string dtstamp = certificate_format::IcsUtcTime(created);
  std::string s = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sqp//case//EN\r\nCALSCALE:GREGORIAN\r\n";
  for (const NextItem& n : r.next) {
    if (!n.due_by || !Placed(*n.due_by)) continue;
    s += "BEGIN:VEVENT\r\n";
    s += FoldIcsLine(Cat("UID:", EscapeIcsText(Cat(name, "-", NextStepName(n.step), n.evidence)),
                         "@sqp"));
    s += Cat("DTSTAMP:", dtstamp, "\r\n");
    s += Cat("DTSTART;VALUE=DATE:", certificate_format::IcsDate(*n.due_by), "\r\n");
    s += Cat("DTEND;VALUE=DATE:", certificate_format::IcsDate(n.due_by->PlusDays(1)), "\r\n");
    s += FoldIcsLine(Cat("SUMMARY:", EscapeIcsText(Cat(NextLabel(n.step), " — ", name))));
    s += FoldIcsLine(Cat("DESCRIPTION:", EscapeIcsText(Cat("截至 as of ", as_of,
                                                            n.overdue ? "；已逾期 overdue" : ""))));
    s += "END:VEVENT\r\n";
  }
  s += "END:VCALENDAR\r\n";
  return s;
}

std::string IcsReport(const Engine& /*engine*/, const Evaluated& e, const RunContext& /*context*/) {
  // CheckIcsCreationTime ran first (Engine::Render): a bad SOURCE_DATE_EPOCH is not expected here.
  return CaseIcsAt(e.in, e.result, IcsCreationTime().value_or(0));
}

// The case's timeline: each recorded step on a date axis, the coming deadlines after it.
std::string SvgReport(const Engine& /*engine*/, const Evaluated& e, const RunContext& /*context*/) {
  const CaseInput& in = e.in;
  const CaseResult& r = e.result;
  struct Mark {
    Date on;
    std::string label;
    bool deadline;
    bool overdue;
  };
  // The dated steps the answer holds (its meetings, the calendar's publicity and report due,
  // the certificate), then the deadlines to come; in date order, ties as listed here.
  std::vector<Mark> marks;
  auto add = [&marks](Date on, std::string label, bool deadline, bool overdue) {
    if (Placed(on)) marks.push_back({on, std::move(label), deadline, overdue});
  };
  if (r.expert_review) add(in.steps.expert_review->held_on, "专家评审 expert review", false, false);
  if (r.calendar.publicity) {
    add(r.calendar.publicity->first, "公示开始 publicity starts", false, false);
    add(r.calendar.publicity->last, "公示结束 publicity ends", false, false);
  }
  if (r.calendar.report_due) {
    add(r.calendar.report_due->due, "初评报告期限 report due", true, false);
  }
  if (r.final_review) add(in.steps.final_review->held_on, "终审 final review", false, false);
  if (r.certificate) {
    add(r.certificate->dates.valid_from, "公告 / 证书生效 announced, valid from", false, false);
  }
  for (const NextItem& n : r.next) {
    if (n.due_by) add(*n.due_by, NextLabel(n.step), true, n.overdue);
  }
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.on < b.on; });
  const int row = 28, top = 70, width = 760;
  const int height = top + row * static_cast<int>(marks.size()) + 40;
  std::string s = Cat(R"(<svg xmlns="http://www.w3.org/2000/svg" width=")", width, R"(" height=")",
                      height, R"(" viewBox="0 0 )", width, " ", height, R"(" font-family=")",
                      R"(Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif" font-size="13">)",
                      "\n");
  const std::string_view id = ApplicationId(in).value_or("");
  CatTo(s, R"(<text x="20" y="28" font-size="16" font-weight="bold">)",
        EscapeXml(Cat("案件时间线 Case timeline — ", id.empty() ? "—" : id)), "</text>\n");
  CatTo(s, R"(<text x="20" y="50">)",
        EscapeXml(Cat("结论 outcome: ", OutcomeLabel(r.outcome), "；截至 as of ", in.as_of.ToString())),
        "</text>\n");
  // Legend: recorded steps, deadlines, overdue deadlines.
  CatTo(s, R"(<circle cx="470" cy="46" r="5" fill="#2b6cb0"/><text x="480" y="50">已完成 done</text>)",
        R"(<circle cx="560" cy="46" r="5" fill="#dd8a00"/><text x="570" y="50">期限 due</text>)",
        R"(<circle cx="640" cy="46" r="5" fill="#c53030"/><text x="650" y="50">逾期 overdue</text>)", "\n");
  CatTo(s, R"(<line x1="110" y1=")", top - 10, R"(" x2="110" y2=")", height - 30,
        R"(" stroke="#999" stroke-width="2"/>)", "\n");
  for (size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    const int y = top + row * static_cast<int>(i) + 10;
    const char* colour = m.overdue ? "#c53030" : m.deadline ? "#dd8a00" : "#2b6cb0";
    CatTo(s, R"(<text x="20" y=")", y + 4, R"(">)", m.on.ToString(), "</text>",
          R"(<circle cx="110" cy=")", y, R"(" r="6" fill=")", colour, R"("/>)",
          R"(<text x="126" y=")", y + 4, R"(">)", EscapeXml(m.label), "</text>\n");
  }
  s += "</svg>\n";
  return s;
}

}  // namespace

const OperationDef& CaseOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>,
                         Format<"ics", &IcsReport, &CheckIcsCreationTime>,
                         Format<"svg", &SvgReport>>(
      {"case", "sqp.case/1", "sqp.case-status/1", &CaseDocument::kMembers});
}

}  // namespace sqp::internal
