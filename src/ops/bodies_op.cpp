// `bodies`: the certification bodies offered to an applicant, the experts and evaluators, and
// the evaluation's person-days (sqp.bodies/1 → sqp.bodies-result/1; BODY.CHOICE,
// BODY.DISQUALIFY, PEOPLE.REMOVAL, FEE.PERSON_DAYS; Art. 9, 15-16, 21-23). The rules are
// declared in sqp/bodies.hpp and written in src/rules/bodies.cpp; this file reads the document,
// writes the result and its report.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/operation.hpp"
#include "codec/schema.hpp"
#include "ops/bodies_codec.hpp"
#include "ops/report_text.hpp"
#include "sqp/bodies.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::schema;

// ---- sqp.bodies/1 (READ.MEMBERS) ------------------------------------------------------------
// The one description of the document: its reading (DecodeBodies, and the lists `case` records,
// OfferedBodyList and PersonList) and strict reading's member tables are made from it
// (src/codec/schema.hpp). Members are listed in the order strict reading names them.

// Art. 23's (bodies) and Art. 21's (people) grounds, each dated.
template <std::int64_t kGrounds>
using Grounds = List<
    Object<DatedGround,
           Field<"ground", kRequired, As<int, Integer<1, kGrounds>>, &DatedGround::ground>,
           Field<"on", kRequired, DateValue, &DatedGround::on>>>;

using OfferedBodyDocument = Object<
    OfferedBody, Field<"name", kRequired, As<std::string, NonEmptyString>, &OfferedBody::name>,
    // Required, not defaulted: an unrecorded qualification is not a qualification by silence.
    Field<"telecom_service_qualification", kRequired, Bool,
          &OfferedBody::telecom_service_qualification>,
    Field<"ict_quality_system_experience", kRequired, Bool,
          &OfferedBody::ict_quality_system_experience>,
    Field<"violations", kOptional, Grounds<kBodyViolationGrounds>, &OfferedBody::violations>>;

using PersonDocument =
    Object<Person, Field<"name", kRequired, As<std::string, NonEmptyString>, &Person::name>,
           Field<"role", kRequired, EnumOf<PersonRole, kPersonRoleNames>, &Person::role>,
           Field<"removals", kOptional, Grounds<kRemovalGrounds>, &Person::removals>>;

// FEE.PERSON_DAYS: the site whose evaluation is sized (ELIG.SCOPE's site types).
constexpr std::int64_t kMaxStaff = 1'000'000;
using FeeShifts = Object<FeeSite, Field<"count", kRequired, Integer<1, 100>, &FeeSite::shifts>,
                         // information, not ruled on
                         Field<"staff_per_shift", kOptional, Integer<1, kMaxStaff>>>;
using FeeSiteDocument =
    Object<FeeSite, Field<"type", kRequired, EnumOf<SiteType, kSiteTypeNames>, &FeeSite::type>,
           Field<"staff_count", kRequired, Integer<1, kMaxStaff>, &FeeSite::staff_count>,
           Field<"shifts", kOptional, FeeShifts, kInline>>;

using BodiesDocument =
    Object<BodiesInput, Field<"schema", kRequired, SchemaName<"sqp.bodies/1">>,
           Field<"on", kRequired, DateValue, &BodiesInput::on>,
           Field<"bodies", kRequired, List<OfferedBodyDocument>, &BodiesInput::bodies>,
           Field<"people", kOptional, List<PersonDocument>, &BodiesInput::people>,
           Field<"site", kOptional, FeeSiteDocument, &BodiesInput::site>>;

}  // namespace

constinit const json::ObjectDef kOfferedBodyMembers = OfferedBodyDocument::kMembers;
constinit const json::ObjectDef kPersonMembers = PersonDocument::kMembers;

bool OfferedBodyList::Read(const bj::value& v, const json::Loc& at, json::Issues& issues,
                           std::vector<OfferedBody>& out) {
  return List<OfferedBodyDocument>::Read(v, at, issues, out);
}

bool PersonList::Read(const bj::value& v, const json::Loc& at, json::Issues& issues,
                      std::vector<Person>& out) {
  return List<PersonDocument>::Read(v, at, issues, out);
}

namespace {

absl::Status DecodeBodies(const bj::value& input, BodiesInput& out) {
  Issues issues;
  ReadDocument<BodiesDocument>(input, Loc::Root(), issues, out);
  return codec::ToStatus(issues, ErrorCode::kInvalidInput);
}

// A finding of the result, in both languages: the answer writes the messages its mode asks for
// (EngineOptions::messages), the report shows both.
struct BodiesFinding {
  BodiesRule rule;
  std::string_view status;
  std::string message;
  std::string message_zh;
  std::string evidence;
};
using Findings = std::vector<BodiesFinding>;

void AddFinding(BodiesRule rule, std::string_view status, std::string message,
                std::string message_zh, std::string evidence, Findings& out) {
  out.push_back({rule, status, std::move(message), std::move(message_zh), std::move(evidence)});
}

// BODY.DISQUALIFY / PEOPLE.REMOVAL: each ground, in force from its day (fail) or after `on`
// (a note: it does not yet bar the body or person on that day).
void AddGrounds(BodiesRule rule, std::string_view who, const std::vector<DatedGround>& grounds,
                const Loc& list, Date on, bool body, Findings& out) {
  for (size_t j = 0; j < grounds.size(); ++j) {
    const DatedGround& g = grounds[j];
    const auto item = static_cast<size_t>(g.ground - 1);
    const std::string_view en = body ? kBodyViolationGroundsEn[item] : kRemovalGroundsEn[item];
    const std::string_view zh = body ? kBodyViolationGroundsZh[item] : kRemovalGroundsZh[item];
    const std::string article = Cat(body ? "Art. 23(" : "Art. 21(", g.ground, ")");
    const std::string article_zh = Cat(body ? "第二十三条第" : "第二十一条第", g.ground, "项");
    const bool in_force = GroundInForce(g, on);
    std::string message, message_zh;
    if (in_force) {
      message = Cat(who, ": ", article, " on ", g.on.ToString(), ", ", en, body ? "; it may not evaluate on " : "; removed and named, may not sit in a review or evaluation on ", on.ToString());
      message_zh = Cat(who, "：", g.on.ToString(), " ", zh, "（", article_zh, "）",
                       body ? "，取消其服务现场质量推进活动资格，" : "，予以除名和公示，",
                       on.ToString(), body ? " 不得评价" : " 不得参加评审、评价");
    } else {
      message = Cat(who, ": ", article, " dated ", g.on.ToString(), ", after ", on.ToString(), ": not yet in force on that day");
      message_zh = Cat(who, "：", article_zh, "的记录日期 ", g.on.ToString(), " 晚于 ", on.ToString(), "，当日尚不生效");
    }
    AddFinding(rule, in_force ? "fail" : "note", std::move(message), std::move(message_zh),
               list.Index(j).Pointer(), out);
  }
}

// The result's findings, in order: BODY.CHOICE, BODY.DISQUALIFY, PEOPLE.REMOVAL, FEE.PERSON_DAYS.
Findings BodiesFindings(const Rulebook& rulebook, const BodiesInput& in, const BodiesResult& r) {
  Findings out;
  // BODY.CHOICE: each body short of Art. 22's two conditions, then the count.
  const Loc root = Loc::Root();
  const Loc bodies_at = root.Key("bodies");
  for (size_t i = 0; i < in.bodies.size(); ++i) {
    const OfferedBody& b = in.bodies[i];
    const Loc at = bodies_at.Index(i);
    if (!b.telecom_service_qualification) {
      AddFinding(BodiesRule::kChoice, "fail",
                   Cat(b.name, " holds no telecom-service certification qualification"),
                   Cat(b.name, " 不具有电信服务认证资质"),
                   at.Key("telecom_service_qualification").Pointer(), out);
    }
    if (!b.ict_quality_system_experience) {
      AddFinding(BodiesRule::kChoice, "fail",
                   Cat(b.name, " has no quality-system certification experience in the ICT industry"),
                   Cat(b.name, " 在信息通信行业无质量体系认证经历"),
                   at.Key("ict_quality_system_experience").Pointer(), out);
    }
  }
  const int need = rulebook.bodies.min_qualified_offered;
  AddFinding(BodiesRule::kChoice, r.choice_met ? "pass" : "fail",
               Cat(r.offerable, r.offerable == 1 ? " qualified body" : " qualified bodies",
                   " offered that may evaluate on ", in.on.ToString(), "; at least ", need,
                   " must be offered for the applicant to choose from"),
               Cat("可供申请单位自主选择的合格服务认证机构 ", r.offerable, " 家（", in.on.ToString(),
                   "），至少需要 ", need, " 家"),
               bodies_at.Pointer(), out);
  for (size_t i = 0; i < in.bodies.size(); ++i) {
    const Loc body_at = bodies_at.Index(i);
    AddGrounds(BodiesRule::kDisqualify, in.bodies[i].name, in.bodies[i].violations,
                 body_at.Key("violations"), in.on, /*body=*/true, out);
  }
  const Loc people_at = root.Key("people");
  for (size_t i = 0; i < in.people.size(); ++i) {
    const std::string who =
        Cat(in.people[i].name, " (", kPersonRoleNames[static_cast<size_t>(in.people[i].role)], ")");
    const Loc person_at = people_at.Index(i);
    AddGrounds(BodiesRule::kRemoval, who, in.people[i].removals, person_at.Key("removals"),
                 in.on, /*body=*/false, out);
  }
  // FEE.PERSON_DAYS: informational (the body's own rules decide, Art. 16).
  if (in.site) {
    const FeeSite& s = *in.site;
    if (r.person_days) {
      const std::string days = r.person_days->days.ToString();
      AddFinding(BodiesRule::kPersonDays, "note",
                   Cat("the association charges nothing (Art. 15); the evaluation of a ",
                       kSiteTypeNames[static_cast<size_t>(s.type)], " of ", s.staff_count,
                       " staff working ", s.shifts, s.shifts == 1 ? " shift" : " shifts", " takes ",
                       days, " person-days by the rulebook's table",
                       r.person_days->template_table ? " (a template: the body's own rules apply, Art. 16)" : ""),
                   Cat("协会不收费（第十五条）；", s.staff_count, " 人、", s.shifts,
                       " 班次的服务现场评价工作按规则库计 ", days, " 人日",
                       r.person_days->template_table ? "（模板：以服务认证机构的相关规定为准，第十六条）" : ""),
                   "/site", out);
    } else {
      AddFinding(BodiesRule::kPersonDays, "note",
                   "the association charges nothing (Art. 15); the rulebook has no person-days table: "
                   "the body's own rules decide (Art. 16)",
                   "协会不收费（第十五条）；规则库无人日表，按服务认证机构的相关规定执行（第十六条）",
                   "/site", out);
    }
  }
  return out;
}

void WriteBodies(const Rulebook& rulebook, const BodiesInput& in, const BodiesResult& r,
                 Messages messages, RunContext& context, json::Writer& w) {
  w.Field("on", in.on.ToString());
  w.Key("choice");
  w.BeginObject();
  w.Field("met", r.choice_met);
  w.Field("may_evaluate", r.offerable);
  w.Field("required", rulebook.bodies.min_qualified_offered);
  w.EndObject();
  w.Key("bodies");
  w.BeginArray();
  for (size_t i = 0; i < in.bodies.size(); ++i) {
    w.BeginObject();
    w.Field("name", in.bodies[i].name);
    w.Field("qualified", r.bodies[i].qualified);
    w.Field("disqualified", r.bodies[i].disqualified);
    w.Field("may_evaluate", r.bodies[i].may_evaluate());
    w.EndObject();
  }
  w.EndArray();
  w.Key("people");
  w.BeginArray();
  for (size_t i = 0; i < in.people.size(); ++i) {
    w.BeginObject();
    w.Field("name", in.people[i].name);
    w.Field("role", kPersonRoleNames[static_cast<size_t>(in.people[i].role)]);
    w.Field("removed", r.people[i].removed);
    w.EndObject();
  }
  w.EndArray();
  w.Key("person_days");
  if (r.person_days) {
    w.BeginObject();
    w.Field("days", r.person_days->days);
    w.Field("association_fee", r.person_days->association_fee);
    w.Field("template", r.person_days->template_table);
    w.EndObject();
  } else {
    w.Null();
  }

  w.Key("findings");
  w.BeginArray();
  for (const BodiesFinding& f : BodiesFindings(rulebook, in, r)) {
    w.BeginObject();
    w.Field("rule", kBodiesRuleIds[static_cast<size_t>(f.rule)]);
    w.Field("article", kBodiesRuleArticles[static_cast<size_t>(f.rule)]);
    w.Field("status", f.status);
    if (messages == Messages::kBoth || messages == Messages::kEn) w.Field("message", f.message);
    if (messages == Messages::kBoth || messages == Messages::kZh) w.Field("message_zh", f.message_zh);
    w.Field("evidence", f.evidence);
    w.EndObject();
  }
  // READ.MEMBERS in note mode: the result has one "findings", the note the last of them.
  ReportUnknownMembers(context, w, messages);
  w.EndArray();
}

struct Evaluated {
  BodiesInput in;
  BodiesResult result;
};

absl::Status Compute(const Engine& engine, const bj::value& input, Evaluated& out) {
  if (absl::Status s = DecodeBodies(input, out.in); !s.ok()) return s;
  const Rulebook& rb = engine.rulebook();
  out.result = EvaluateBodies(rb.bodies, rb.fees ? &*rb.fees : nullptr, out.in);
  return absl::OkStatus();
}

void Write(const Engine& engine, const Evaluated& e, RunContext& context, json::Writer& w) {
  WriteBodies(engine.rulebook(), e.in, e.result, engine.options().messages, context, w);
}

// --- The office's list, Chinese and English ----------------------------------------------------

void AppendFindingLine(std::string_view status, std::string_view rule, std::string_view article,
                       std::string_view message_zh, std::string_view message, std::string& s) {
  const char* mark = status == "pass" ? "✓ 符合" : status == "fail" ? "✗ 不符合" : "· 说明";
  CatTo(s, "[", mark, " ", status, "] ", rule, " (Art. ", article, "): ", ReportString(message_zh),
        " | ", ReportString(message), "\n");
}

std::string TextReport(const Engine& engine, const Evaluated& e, const RunContext& context) {
  const BodiesInput& in = e.in;
  const BodiesResult& r = e.result;
  std::string s = Cat("服务认证机构与人员 Bodies and people — ", in.on.ToString(), "\n");
  for (size_t i = 0; i < in.bodies.size(); ++i) {
    const BodyVerdict& body = r.bodies[i];
    CatTo(s, "  ", body.may_evaluate() ? "[✓ 可选 may evaluate]" : "[✗ 不可选 may not]", " ",
          ReportString(in.bodies[i].name), body.qualified ? "" : " — 资质不符 not qualified",
          body.disqualified ? " — 已取消资格 disqualified" : "", "\n");
  }
  for (size_t i = 0; i < in.people.size(); ++i) {
    CatTo(s, "  ", r.people[i].removed ? "[✗ 除名 removed]" : "[✓ 在册 listed]", " ",
          ReportString(in.people[i].name), " (",
          kPersonRoleNames[static_cast<size_t>(in.people[i].role)], ")\n");
  }
  for (const BodiesFinding& f : BodiesFindings(engine.rulebook(), in, r)) {
    const auto rule = static_cast<size_t>(f.rule);
    AppendFindingLine(f.status, kBodiesRuleIds[rule], kBodiesRuleArticles[rule], f.message_zh,
                      f.message, s);
  }
  if (!context.unknown_members.empty()) {
    AppendFindingLine("note", kUnknownMemberRule, "-",
                      UnknownMembersMessageZh(context.unknown_members),
                      UnknownMembersMessage(context.unknown_members), s);
  }
  return s;
}

}  // namespace

const OperationDef& BodiesOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"bodies", "sqp.bodies/1", "sqp.bodies-result/1", &BodiesDocument::kMembers});
}

}  // namespace sqp::internal
