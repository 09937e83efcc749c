// `assess`: sqp.assessment/1 → sqp.assessment-result/1.
//
//   {"schema": "sqp.assessment/1",
//    "application": {sqp.application/1 (its "schema" may be omitted)},
//    "procedure":   {"materials_received_on"?, "publicity_starts_on"?, "objections"?}   (optional)
//    "scoresheet":  {sqp.scoresheet/1 (its "schema" may be omitted)}                   (optional)}
//
// The result embeds the members of sqp.eligibility/1, sqp.cycle-result/1 and sqp.score/1 under
// "eligibility", "cycle" and "score", with a "summary" in front. Error pointers and evidence
// pointers point into the assessment document ("/application/accidents/0").
#include "codec/schema.hpp"
#include "engine/operation.hpp"
#include "ops/cycle_codec.hpp"
#include "ops/eligibility_codec.hpp"
#include "ops/report_text.hpp"
#include "ops/score_codec.hpp"
#include "sqp/assessment.hpp"
#include "sqp/case.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::schema;

// ---- sqp.assessment/1 (READ.MEMBERS) --------------------------------------------------------
// The one description of the document: the embedded documents are read by their own codecs and
// held to their own tables (kApplicationMembers, kCycleMembers, kScoresheetMembers).

// The procedure's dates beyond the filing date: the members of sqp.cycle/1 but its applied_on,
// which is the application's.
struct Procedure {
  using Value = CycleInput;
  static constexpr const json::ObjectDef& kMembers = kCycleMembers;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, CycleInput& out) {
    DecodeCycle(v, at, issues, out);
    if (const bj::object* o = v.if_object(); o && o->contains("applied_on")) {
      issues.Add(at.Key("applied_on"),
                 "the filing date is the application's applied_on; do not repeat it here");
    }
    return true;
  }
};

// The scoresheet is read with the rulebook (Compute).
using Scoresheet = Field<"scoresheet", kOptional, Table<kScoresheetMembers>>;
using AssessmentDocument = Object<
    AssessmentInput, Field<"schema", kRequired, SchemaName<"sqp.assessment/1">>,
    Field<"application", kRequired,
          Embedded<"sqp.application/1", Application, &DecodeApplication, kApplicationMembers>,
          &AssessmentInput::application>,
    Field<"procedure", kOptional, Procedure, &AssessmentInput::procedure>,
    ReadInCode<Scoresheet>>;

struct Evaluated {
  AssessmentInput in;  // its application's strings are views into the input document
  AssessmentResult result;
};

absl::Status Compute(const Engine& engine, const bj::value& input, Evaluated& out) {
  const Rulebook& rb = engine.rulebook();
  Issues issues;
  const Loc root = Loc::Root();
  const json::Fields doc(input, root, issues);
  AssessmentInput& in = out.in;
  AssessmentDocument::ReadFields(doc, in);  // application, procedure
  if (const bj::value* sheet = doc.Get(Scoresheet::kName, kOptional)) {
    const Loc sheet_at = root.Key(Scoresheet::kName);
    codec::CheckEmbeddedSchema(*sheet, sheet_at, "sqp.scoresheet/1", issues);
    in.scoresheet = DecodeScoresheet(*sheet, sheet_at, rb, issues);
  }
  if (!issues.empty()) return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  if (in.scoresheet && in.scoresheet->site_type != in.application.site_type) {
    return MakeError(ErrorCode::kInvalidInput, "/scoresheet/site_type",
                     Cat("the scoresheet is for ", SiteTypeName(in.scoresheet->site_type),
                         " but the application's site is a ",
                         SiteTypeName(in.application.site_type)));
  }
  auto evaluated = EvaluateAssessment(rb, in);
  if (!evaluated.ok()) {
    // Cycle errors are reported relative to the procedure object.
    const ErrorInfo info = DescribeError(evaluated.status());
    std::vector<Issue> moved;
    for (const Issue& issue : info.issues) moved.push_back({"/procedure" + issue.path, issue.message});
    return MakeErrors(info.code, std::move(moved));
  }
  out.result = *std::move(evaluated);
  return absl::OkStatus();
}

void Write(const Engine& engine, const Evaluated& e, RunContext& /*context*/, json::Writer& w) {
  const Rulebook& rb = engine.rulebook();
  const AssessmentInput& in = e.in;
  const AssessmentResult& r = e.result;

  w.OptionalField("application_id", in.application.application_id);
  w.Key("summary");
  w.BeginObject();
  w.Field("outcome", kAssessmentOutcomeNames[static_cast<size_t>(r.outcome)]);
  w.Field("decision", kDecisionNames[static_cast<size_t>(r.eligibility.decision)]);
  w.Field("disqualified", r.eligibility.disqualified);
  w.OptionalField("eligible_from", r.eligibility.eligible_from);
  if (r.score) {
    const ScoringTable& table = rb.scoring.Table(r.score->site_type);
    if (r.score->grade) {
      w.Field("grade", table.grades[*r.score->grade].id);
    } else {
      w.NullField("grade");
    }
    // A grade is awarded only to an eligible site.
    if (r.outcome == AssessmentOutcome::kGraded) {
      w.Field("awarded_grade", table.grades[*r.score->grade].id);
    } else {
      w.NullField("awarded_grade");
    }
    w.Key("total");
    w.Value(r.score->total);
    w.Key("max_total");
    w.Value(r.score->max_total);
  } else {
    w.NullField("grade");
    w.NullField("awarded_grade");
    w.NullField("total");
    w.NullField("max_total");
  }
  if (r.cycle.batch) {
    const Batch& b = *r.cycle.batch;
    w.Field("batch", Cat(b.year(), "-Q", b.quarter));
  }
  w.EndObject();

  w.Key("eligibility");
  w.BeginObject();
  WriteEligibility(rb, in.application, r.eligibility, w, "/application");
  w.EndObject();
  w.Key("cycle");
  w.BeginObject();
  WriteCycle(r.cycle, w);
  w.EndObject();
  if (r.score) {
    w.Key("score");
    w.BeginObject();
    WriteScore(rb, *r.score, w);
    w.EndObject();
  } else {
    w.NullField("score");
  }
}

std::string TextReport(const Engine& engine, const Evaluated& e, const RunContext& /*context*/) {
  const Rulebook& rb = engine.rulebook();
  const AssessmentResult& r = e.result;
  const EligibilityResult& eligibility = r.eligibility;
  std::string out;
  const auto id = e.in.application.application_id;
  CatTo(out, "══ 服务现场质量评估报告 Service-site quality assessment ══\n",
        "申请 Application: ", id ? ReportString(*id) : "—", "\n",
        "结论 Outcome:     ", kAssessmentOutcomeNames[static_cast<size_t>(r.outcome)], "\n",
        "资格 Eligibility: ", kDecisionNames[static_cast<size_t>(eligibility.decision)],
        eligibility.disqualified ? " (直接取消参评资格 disqualified)" : "", "\n");
  if (eligibility.eligible_from) {
    CatTo(out, "可再申请 Eligible from: ", eligibility.eligible_from->ToString(), "\n");
  }
  if (r.score) {
    const ScoringTable& table = rb.scoring.Table(r.score->site_type);
    const std::string grade = r.score->grade ? ReportString(table.grades[*r.score->grade].id) : "—";
    CatTo(out, "得分 Score:       ", r.score->total.ToString(), " / ", r.score->max_total.ToString(),
          "，等级 grade: ", grade, "，授予 awarded: ",
          r.outcome == AssessmentOutcome::kGraded ? grade : "—", "\n");
  }
  CatTo(out, "\n", EligibilityReport(rb, e.in.application, eligibility), "\n",
        CycleReport(r.cycle));
  if (r.score) CatTo(out, "\n", ScoreReport(rb, *r.score, nullptr));
  // What the procedure adds (Art. 14): an assessment judges the application and its score; a
  // case (sqp case, sqp.case/1) also holds every recorded step of the procedure to its rule.
  CatTo(out, "\n完整案件另行核查 A full case (sqp case) would add these steps of Art. 14:\n");
  for (size_t i = Index(CaseStep::kAccepted); i < kCaseStepCount; ++i) {
    CatTo(out, "  - ", kCaseStepNamesZh[i], " ", kCaseStepNamesEn[i], " (",
          kCaseRuleIds[static_cast<size_t>(kCaseStepRules[i])], ")\n");
  }
  return out;
}

}  // namespace

const OperationDef& AssessOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"assess", "sqp.assessment/1", "sqp.assessment-result/1", &AssessmentDocument::kMembers});
}

}  // namespace sqp::internal
