// `certificate`: sqp.certificate/1 → sqp.certificate-status/1 (CERT.*, SUP.*, REVOKE.*,
// REAPPLY.*; Art. 14(10), 14(12)-(14)). Decodes and validates the whole document, evaluates it
// with the rules of sqp/certificate.hpp (written in src/rules/certificate.cpp; Compute) and
// writes the dates, the statuses and bilingual messages; its renderings (certificate_render.cpp)
// are laid out from the same evaluation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/decode.hpp"
#include "codec/schema.hpp"
#include "engine/operation.hpp"
#include "ops/certificate_evaluation.hpp"
#include "ops/certificate_render.hpp"
#include "sqp/certificate.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;
using namespace codec::schema;

// REVOKE.TRIGGERS: the four grounds of Art. 14(12)3, in the article's order.
struct TriggerText {
  std::string_view article;
  std::string_view en;
  std::string_view zh;
};
constexpr TriggerText kTriggerText[] = {
    {"14(12)3(1)",
     "serious fault causing major loss or serious adverse social impact, including an especially "
     "major or major production-safety accident",
     "因自身严重过错造成国家、集体利益重大损失或严重不良影响（含特别重大、重大生产安全事故）"},
    {"14(12)3(2)", "serious customer complaints from declining service quality",
     "因服务质量下降出现严重顾客投诉"},
    {"14(12)3(3)", "serious violation of law or loss of integrity",
     "严重违反法律法规规定或丧失诚信原则"},
    {"14(12)3(4)", "serious nonconformity found in annual supervision", "年度监督时发现严重不合格"},
};
const TriggerText& TextOf(RevocationTrigger t) { return kTriggerText[static_cast<size_t>(t)]; }

struct Decoded {
  std::optional<std::string> certificate_no;
  CertificateInput input;
  std::vector<SupervisionReport> reports;
};

std::string AnniversaryList(const CertificateRules& rules) {
  std::vector<std::string> parts;
  for (int k : rules.supervision_anniversaries) parts.push_back(std::to_string(k));
  return Join(parts, ", ");
}

// ---- sqp.certificate/1 (READ.MEMBERS) ------------------------------------------------------
// The one description of the document: the decoder (Decode) and strict reading's member table
// (the operation's `members`) are made from it (src/codec/schema.hpp). Members are listed in the
// order strict reading names them. The checks across members (an anniversary the rulebook does
// not have, a date before certified_on) run as each member is read, after the members before it.

// The document as it is read: its parts, and what the checks across members need.
struct CertificateReading {
  const Rulebook* rulebook = nullptr;
  std::optional<std::string_view> certificate_no;
  std::optional<Date> certified_on;
  std::optional<CertificateDates> dates;  // from certified_on
  std::optional<Date> as_of;
  std::vector<std::pair<int, size_t>> seen;  // each report's anniversary and index
  std::vector<SupervisionReport> reports;
  std::optional<Revocation> revocation;
  std::optional<Reapplication> reapplication;
};

// One report as given.
struct ReportRecordValue {
  std::optional<std::int64_t> anniversary;
  std::optional<Date> submitted_on;
  std::optional<bool> significant_change;
  std::optional<bool> result_significant_change;
};
struct RevocationRecordValue {
  std::optional<Date> on;
  std::optional<RevocationTrigger> trigger;
};
struct ReapplicationRecordValue {
  std::optional<ReapplicationKind> kind;
  std::optional<Date> filed_on;
};

void TakeCertifiedOn(CertificateReading& c, Date certified_on, const Loc& /*at*/,
                     Issues& /*issues*/) {
  c.certified_on = certified_on;
  c.dates = ComputeCertificateDates(*c.rulebook, certified_on);
}

// SUP.MISSING: at most one report per anniversary, each for one of the rulebook's. A document
// with any issue decodes to nothing, so a report is kept once its two required members are read.
void TakeReport(CertificateReading& c, const ReportRecordValue& r, size_t index, const Loc& el,
                Issues& issues) {
  if (r.anniversary) {
    const int k = static_cast<int>(*r.anniversary);
    const Loc at = el.Key("anniversary");
    if (c.dates && c.dates->FindAnniversary(k) == nullptr) {
      issues.Add(at, Cat("anniversary ", k, " is not one of the rulebook's supervision anniversaries (",
                         AnniversaryList(c.rulebook->certificate), ")"));
    }
    for (const auto& [other_k, other_i] : c.seen) {
      if (other_k == k) {
        issues.Add(at, Cat("a report for anniversary ", k, " is already given at /reports/",
                           other_i, "; give one report per anniversary"));
      }
    }
    c.seen.emplace_back(k, index);
  }
  if (r.submitted_on && c.certified_on && *r.submitted_on < *c.certified_on) {
    issues.Add(el.Key("submitted_on"), Cat(r.submitted_on->ToString(), " is before certified_on ",
                                           c.certified_on->ToString()));
  }
  if (r.anniversary && r.submitted_on) {
    c.reports.push_back({static_cast<int>(*r.anniversary), *r.submitted_on, r.significant_change,
                         r.result_significant_change});
  }
}

// REVOKE.TRIGGERS: a date inside the validity and one of the four grounds.
void TakeRevocation(CertificateReading& c, const RevocationRecordValue& r, const Loc& at,
                    Issues& issues) {
  if (r.on && c.dates && !RevocationDateIsPossible(*c.dates, *r.on)) {
    const bool before = *r.on < c.dates->valid_from;
    issues.Add(at.Key("on"),
               before ? Cat(r.on->ToString(), " is before certified_on ",
                            c.dates->valid_from.ToString(), "; nothing to revoke yet")
                      : Cat(r.on->ToString(), " is after the last valid day ",
                            c.dates->valid_until.ToString(),
                            "; only a valid certificate can be revoked (Art. 14(12)3)"));
  }
  if (r.on && r.trigger) c.revocation = Revocation{*r.on, *r.trigger};
}

// REAPPLY.*: what is filed, and when.
void TakeReapplication(CertificateReading& c, const ReapplicationRecordValue& r, const Loc& at,
                       Issues& issues) {
  if (r.filed_on && c.certified_on && *r.filed_on < *c.certified_on) {
    issues.Add(at.Key("filed_on"), Cat(r.filed_on->ToString(), " is before certified_on ",
                                       c.certified_on->ToString(),
                                       "; a renewal or upgrade refers to this certificate"));
  }
  if (r.kind && r.filed_on) c.reapplication = Reapplication{*r.kind, *r.filed_on};
}

// SUP.FILING: the supervision result, {"significant_change": bool}; absent or null = none yet.
using SupervisionResultRecord =
    Object<ReportRecordValue, Field<"significant_change", kRequired, Bool,
                                    &ReportRecordValue::result_significant_change>>;
using ReportRecord = Object<
    ReportRecordValue,
    Field<"anniversary", kRequired, Integer<1, 1000>, &ReportRecordValue::anniversary>,
    Field<"submitted_on", kRequired, DateValue, &ReportRecordValue::submitted_on>,
    Field<"significant_change", kOptional, Bool, &ReportRecordValue::significant_change>,
    Field<"result", kOptional, SupervisionResultRecord, kInline>>;
using RevocationRecord = Object<
    RevocationRecordValue, Field<"on", kRequired, DateValue, &RevocationRecordValue::on>,
    Field<"trigger", kRequired, EnumOf<RevocationTrigger, kRevocationTriggerNames>,
          &RevocationRecordValue::trigger>>;
using ReapplicationRecord = Object<
    ReapplicationRecordValue,
    Field<"kind", kRequired, EnumOf<ReapplicationKind, kReapplicationKindNames>,
          &ReapplicationRecordValue::kind>,
    Field<"filed_on", kRequired, DateValue, &ReapplicationRecordValue::filed_on>>;

using CertificateDocument = Object<
    CertificateReading, Field<"schema", kRequired, SchemaName<"sqp.certificate/1">>,
    Field<"certificate_no", kOptional, String, &CertificateReading::certificate_no>,
    Field<"certified_on", kRequired, Then<DateValue, &TakeCertifiedOn>, kInline>,
    Field<"as_of", kRequired, DateValue, &CertificateReading::as_of>,
    Field<"reports", kOptional, ListThen<ReportRecord, &TakeReport>, kInline>,
    Field<"revocation", kOptional, Then<RevocationRecord, &TakeRevocation>, kInline>,
    Field<"reapplication", kOptional, Then<ReapplicationRecord, &TakeReapplication>, kInline>>;

// Reads the document, recording every problem with its pointer; nothing when there is any.
std::optional<Decoded> Decode(const Rulebook& rb, const bj::value& doc, json::Issues& issues) {
  CertificateReading c;
  c.rulebook = &rb;
  const Loc root = Loc::Root();
  ReadDocument<CertificateDocument>(doc, root, issues, c);
  if (!issues.empty()) return std::nullopt;
  Decoded out;
  if (c.certificate_no) out.certificate_no = std::string(*c.certificate_no);
  out.input.certified_on = *c.certified_on;
  out.input.as_of = *c.as_of;
  out.input.revocation = c.revocation;
  out.input.reapplication = c.reapplication;
  out.reports = std::move(c.reports);
  return out;
}

}  // namespace

// ---- Messages: English and Chinese, each stating the facts that decided ------------------

std::string_view RevocationArticle(RevocationTrigger trigger) { return TextOf(trigger).article; }

CertificateMessage CertificateStatusMessage(const CertificateResult& r, Date as_of) {
  const std::string d = r.dates.valid_from.ToString();
  const std::string u = r.dates.valid_until.ToString();
  const std::string t = as_of.ToString();
  switch (r.status) {
    case CertificateStatus::kNotYetValid:
      return {Cat("Not yet valid on ", t, ": the certificate takes effect on its announcement day ",
                  d, " (Art. 14(10)) and is valid through ", u, "."),
              Cat(t, " 证书尚未生效：自公告日 ", d, " 起生效（第十四条第（十）项），有效期至 ", u,
                  "。")};
    case CertificateStatus::kValid:
      return {Cat("Valid on ", t, ": announced ", d, ", valid through ", u, " (Art. 14(12))."),
              Cat(t, " 证书有效：", d, " 公告，有效期至 ", u, "（第十四条第（十二）项）。")};
    case CertificateStatus::kExpired:
      return {Cat("Expired on ", t, ": the last valid day was ", u, " (Art. 14(12))."),
              Cat(t, " 证书已过期：有效期已于 ", u, " 届满（第十四条第（十二）项）。")};
    case CertificateStatus::kRevoked: {
      const TriggerText& why = TextOf(r.revocation->trigger);
      const std::string on = r.revocation->on.ToString();
      return {Cat("Revoked from ", on, " (Art. ", why.article, ": ", why.en,
                  "); it would otherwise have been valid through ", u, "."),
              Cat("证书自 ", on, " 起吊销（第十四条第（十二）项3：", why.zh, "）；原有效期至 ", u,
                  "。")};
    }
  }
  return {};
}

CertificateMessage CertificateRevocationMessage(const CertificateResult& r, Date as_of) {
  const TriggerText& why = TextOf(r.revocation->trigger);
  const std::string on = r.revocation->on.ToString();
  if (r.revocation_effective) {
    return {Cat("Certificate and plaque revoked from ", on,
                ", published on the association's website and in the media (Art. ", why.article,
                "): ", why.en, "."),
            Cat("推进办自 ", on, " 起吊销证书和标牌，并在网站、媒体上公示（第十四条第（十二）项3）：",
                why.zh, "。")};
  }
  return {Cat("Revocation recorded from ", on, " (Art. ", why.article, ": ", why.en,
              "); it takes effect on that day, after ", as_of.ToString(), "."),
          Cat("已记录自 ", on, " 起吊销（第十四条第（十二）项3：", why.zh, "），该日起生效，晚于 ",
              as_of.ToString(), "。")};
}

CertificateMessage CertificateSupervisionMessage(const SupervisionResult& s,
                                                 const CertificateResult& r, Date as_of) {
  const int k = s.dates.anniversary;
  const std::string date = s.dates.date.ToString();
  const std::string due = s.dates.report_due.ToString();
  const std::string head_en = Cat("Anniversary ", k, " (", date, "): ");
  const std::string head_zh = Cat("第", k, "年度监督（", date, "）：");
  static constexpr std::string_view kInspectionEn =
      "the promotion office arranges an open or unannounced inspection by a certification body at "
      "the holder's expense (Art. 14(12)2).";
  static constexpr std::string_view kInspectionZh =
      "推进办安排服务认证机构进行明察或暗访，费用由获证单位承担（第十四条第（十二）项2）。";
  CertificateMessage m;
  switch (s.status) {
    case SupervisionStatus::kUpcoming:
      m = {Cat(head_en, "self-inspection report due by ", due, " (Art. 14(12)1)."),
           Cat(head_zh, "《年度自查报告》最迟应于 ", due, " 提交（第十四条第（十二）项1）。")};
      break;
    case SupervisionStatus::kOnTime:
      m = {Cat(head_en, "report submitted on ", s.submitted_on->ToString(), ", on time (due by ",
               due, ")."),
           Cat(head_zh, "自查报告已于 ", s.submitted_on->ToString(), " 按时提交（截止 ", due,
               "）。")};
      break;
    case SupervisionStatus::kLate:
      m = {Cat(head_en, "report submitted on ", s.submitted_on->ToString(), ", after its due date ",
               due, ": ", kInspectionEn),
           Cat(head_zh, "自查报告于 ", s.submitted_on->ToString(), " 提交，晚于截止日 ", due, "：",
               kInspectionZh)};
      break;
    case SupervisionStatus::kMissing:
      m = {Cat(head_en, "report due by ", due, " and not submitted as of ", as_of.ToString(), ": ",
               kInspectionEn),
           Cat(head_zh, "自查报告应于 ", due, " 前提交，截至 ", as_of.ToString(), " 未提交：",
               kInspectionZh)};
      break;
    case SupervisionStatus::kNotRequired:
      m = {Cat(head_en, "the certificate was revoked from ", r.revocation->on.ToString(),
               ", before the report fell due on ", due, ": no report is owed."),
           Cat(head_zh, "证书已于 ", r.revocation->on.ToString(), " 吊销，早于报告截止日 ", due,
               "，无需提交。")};
      break;
  }
  // SUP.FILING (Art. 14(13)).
  if (s.filed_and_publicised) {
    if (*s.filed_and_publicised) {
      CatTo(m.en, " The supervision result shows significant change: it is filed and publicised "
                  "(Art. 14(13)).");
      CatTo(m.zh, "年度监督结果有明显变化，由推进办备案并公示（第十四条第（十三）项）。");
    } else {
      CatTo(m.en, " No significant change: neither filed nor publicised (Art. 14(13)).");
      CatTo(m.zh, "年度监督结果无明显变化，无需公示和备案（第十四条第（十三）项）。");
    }
  }
  return m;
}

CertificateMessage CertificateReapplicationMessage(const ReapplicationResult& a,
                                                   const CertificateResult& r,
                                                   const CertificateRules& rules) {
  const std::string f = a.filing.filed_on.ToString();
  const std::string u = r.dates.valid_until.ToString();
  const std::string due = r.dates.renewal_due_by.ToString();
  const std::string earliest = r.dates.upgrade_earliest.ToString();
  CertificateMessage m;
  switch (a.status) {
    case ReapplicationStatus::kTimely:
      m = {Cat("Renewal filed on ", f, ", by its due date ", due, " (", rules.renewal_lead_months,
               " months before the last valid day ", u, "): timely (Art. 14(14)2)."),
           Cat("复评申请于 ", f, " 提出，不晚于截止日 ", due, "（有效期满 ", u, " 前",
               rules.renewal_lead_months, "个月）：按时（第十四条第（十四）项2）。")};
      break;
    case ReapplicationStatus::kLate:
      m = {Cat("Renewal filed on ", f, ", after its due date ", due,
               " but within validity (through ", u, "): late (Art. 14(14)2)."),
           Cat("复评申请于 ", f, " 提出，晚于截止日 ", due, "，但仍在有效期内（至 ", u,
               "）：逾期（第十四条第（十四）项2）。")};
      break;
    case ReapplicationStatus::kTreatedAsInitial:
      m = {Cat("Renewal filed on ", f, ", after the last valid day ", u,
               ": treated as an initial application (Art. 14(14)3)."),
           Cat("复评申请于 ", f, " 提出，晚于有效期届满日 ", u, "：视为初次申请（第十四条第（十四）项3）。")};
      break;
    case ReapplicationStatus::kAllowed:
      m = {Cat("Upgrade application filed on ", f, ": at least ", rules.upgrade_min_months,
               " months after certification (earliest ", earliest, ") and within validity (through ",
               u, "): allowed (Art. 14(14)1)."),
           Cat("升级申请于 ", f, " 提出：距上次获证已满", rules.upgrade_min_months,
               "个月（最早 ", earliest, "）且在有效期内（至 ", u, "）：允许（第十四条第（十四）项1）。")};
      break;
    case ReapplicationStatus::kTooEarly:
      m = {Cat("Upgrade application filed on ", f, ", before ", earliest, " (",
               rules.upgrade_min_months, " months after certification on ",
               r.dates.valid_from.ToString(), "): too early (Art. 14(14)1)."),
           Cat("升级申请于 ", f, " 提出，早于 ", earliest, "（距 ", r.dates.valid_from.ToString(),
               " 获证不足", rules.upgrade_min_months, "个月）：过早（第十四条第（十四）项1）。")};
      break;
    case ReapplicationStatus::kShortNotice:
      m = {Cat("Upgrade application filed on ", f, ": within validity (through ", u,
               ") but after its due date ", r.dates.upgrade_application_due_by.ToString(), " (",
               rules.upgrade_lead_months,
               " months before the last valid day): short notice, the re-evaluation may not be "
               "arranged before the certificate ends (Art. 14(14)1)."),
           Cat("升级申请于 ", f, " 提出：在有效期内（至 ", u, "），但晚于应提前", rules.upgrade_lead_months,
               "个月提出的截止日 ", r.dates.upgrade_application_due_by.ToString(),
               "：提前时间不足，有效期届满前可能无法安排评价（第十四条第（十四）项1）。")};
      break;
    case ReapplicationStatus::kExpired:
      m = {Cat("Upgrade application filed on ", f, ", after the last valid day ", u,
               ": the certificate has expired; apply as an initial application (Art. 14(14)1, 3)."),
           Cat("升级申请于 ", f, " 提出，晚于有效期届满日 ", u,
               "：证书已过期，应按初次申请办理（第十四条第（十四）项1、3）。")};
      break;
  }
  if (r.revocation && r.revocation->on <= a.filing.filed_on) {
    CatTo(m.en, " Note: the certificate was revoked from ", r.revocation->on.ToString(), ".");
    CatTo(m.zh, "注意：证书已自 ", r.revocation->on.ToString(), " 起吊销。");
  }
  return m;
}

namespace {

void WriteMessage(json::Writer& w, const CertificateMessage& m) {
  w.Field("message", m.en);
  w.Field("message_zh", m.zh);
}

// Decodes and evaluates the document: what the answer (Write) and the renderings are made from.
absl::Status Compute(const Engine& engine, const bj::value& input, CertificateEvaluation& out) {
  json::Issues issues;
  std::optional<Decoded> decoded = Decode(engine.rulebook(), input, issues);
  if (!decoded) return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  decoded->input.reports = decoded->reports;
  out.certificate_no = std::move(decoded->certificate_no);
  out.certified_on = decoded->input.certified_on;
  out.as_of = decoded->input.as_of;
  out.result = EvaluateCertificate(engine.rulebook(), decoded->input);
  return absl::OkStatus();
}

// The members of sqp.certificate-status/1 after "schema" and "rulebook".
void Write(const Engine& engine, const CertificateEvaluation& e, RunContext& /*context*/,
           json::Writer& w) {
  const Rulebook& rb = engine.rulebook();
  const CertificateResult& r = e.result;
  w.OptionalField("certificate_no", e.certificate_no);
  w.Field("certified_on", e.certified_on);
  w.Field("as_of", e.as_of);
  w.Field("status", CertificateStatusName(r.status));
  w.Field("valid_from", r.dates.valid_from);
  w.Field("valid_until", r.dates.valid_until);
  w.Field("issue_day_is_day_one", rb.certificate.issue_day_is_day_one);
  w.Key("supervision");
  w.BeginArray();
  for (const SupervisionResult& s : r.supervision()) {
    w.BeginObject();
    w.Field("anniversary", s.dates.anniversary);
    w.Field("date", s.dates.date);
    w.Field("report_due", s.dates.report_due);
    w.Field("status", SupervisionStatusName(s.status));
    w.OptionalField("submitted_on", s.submitted_on);
    w.Field("inspection_at_holder_expense", s.inspection_at_holder_expense);
    w.OptionalField("filed_and_publicised", s.filed_and_publicised);
    WriteMessage(w, CertificateSupervisionMessage(s, r, e.as_of));
    w.EndObject();
  }
  w.EndArray();
  w.Field("renewal_due_by", r.dates.renewal_due_by);
  w.Field("upgrade_earliest", r.dates.upgrade_earliest);
  w.Field("upgrade_application_due_by", r.dates.upgrade_application_due_by);

  if (r.revocation) {
    w.Key("revocation");
    w.BeginObject();
    w.Field("on", r.revocation->on);
    w.Field("trigger", RevocationTriggerName(r.revocation->trigger));
    w.Field("article", RevocationArticle(r.revocation->trigger));
    w.Field("effective", r.revocation_effective);
    WriteMessage(w, CertificateRevocationMessage(r, e.as_of));
    w.EndObject();
  } else {
    w.NullField("revocation");
  }

  if (r.reapplication) {
    w.Key("reapplication");
    w.BeginObject();
    w.Field("kind", ReapplicationKindName(r.reapplication->filing.kind));
    w.Field("filed_on", r.reapplication->filing.filed_on);
    w.Field("status", ReapplicationStatusName(r.reapplication->status));
    WriteMessage(w, CertificateReapplicationMessage(*r.reapplication, r, rb.certificate));
    w.EndObject();
  } else {
    w.NullField("reapplication");
  }
  WriteMessage(w, CertificateStatusMessage(r, e.as_of));
}

}  // namespace

const OperationDef& CertificateOperation() {
  return DefineOperation<CertificateEvaluation, &Compute, &Write,
                         Format<"text", &CertificateTextReport>,
                         Format<"ics", &CertificateIcsReport, &CheckIcsCreationTime>,
                         Format<"svg", &CertificateSvgReport>>(
      {"certificate", "sqp.certificate/1", "sqp.certificate-status/1",
       &CertificateDocument::kMembers});
}

}  // namespace sqp::internal
