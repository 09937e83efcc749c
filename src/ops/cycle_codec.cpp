#include "ops/cycle_codec.hpp"

#include "ops/report_text.hpp"

#include "strings.hpp"

namespace sqp::internal {

namespace {
constexpr json::MemberDef kObjection[] = {
    {"received_on"}, {"in_writing"}, {"has_evidence"}, {"has_contact"}};
constexpr json::ObjectDef kObjectionDef{kObjection};
constexpr json::MemberDef kCycle[] = {{"applied_on"},
                                      {"materials_received_on"},
                                      {"publicity_starts_on"},
                                      {"objections", &kObjectionDef}};
}  // namespace
constinit const json::ObjectDef kCycleMembers{kCycle};

std::string BatchLabel(const Batch& b) {
  std::string s(7, '0');
  b.FormatLabel(s.data());
  return s;
}

namespace {

namespace bj = boost::json;
using namespace codec::decoding;

// The bilingual reason for one defect, with the facts that make it so.
struct Reason {
  std::string en;
  std::string zh;
};
Reason Explain(ObjectionDefect d, const ObjectionVerdict& v, const DayRange& window) {
  switch (d) {
    case ObjectionDefect::kNotInWriting:
      return {"the objection was not submitted in writing", "异议未以书面形式提出"};
    case ObjectionDefect::kNoEvidence:
      return {"the objection carries no supporting evidence", "异议未附证明材料"};
    case ObjectionDefect::kNoContact:
      return {"the objection gives no contact details", "异议未提供联系方式"};
    case ObjectionDefect::kOutsidePublicity: {
      const std::string got = v.received_on.ToString();
      const std::string from = window.first.ToString();
      const std::string to = window.last.ToString();
      if (v.received_early(window)) {
        return {Cat("received on ", got, ", before the publicity period ", from, " to ", to,
                    " began"),
                Cat("异议于 ", got, " 收到，早于公示期（", from, " 至 ", to, "）")};
      }
      return {Cat("received on ", got, ", after the publicity period ", from, " to ", to,
                  " ended"),
              Cat("异议于 ", got, " 收到，公示期（", from, " 至 ", to, "）已结束")};
    }
  }
  return {"", ""};
}

}  // namespace

void DecodeCycle(const bj::value& value, const Loc& at, json::Issues& issues, CycleInput& out) {
  out = CycleInput{};
  Fields f(value, at, issues);
  out.applied_on = f.DateField("applied_on", Need::kOptional);
  out.materials_received_on = f.DateField("materials_received_on", Need::kOptional);
  out.publicity_starts_on = f.DateField("publicity_starts_on", Need::kOptional);
  const bj::array* list = f.Array("objections", Need::kOptional);
  if (list == nullptr) return;
  // CYCLE.OBJECTION: admissibility is judged against the publicity window, so it must be known.
  if (f.Get("publicity_starts_on", Need::kOptional) == nullptr) {
    issues.Add(at.Key("publicity_starts_on"),
               "is required when objections are given: an objection is judged against the "
               "publicity period");
  }
  out.objections.emplace();
  out.objections->reserve(list->size());
  const Loc list_at = at.Key("objections");
  for (size_t i = 0; i < list->size(); ++i) {
    const Loc item_at = list_at.Index(i);
    Fields o((*list)[i], item_at, issues);
    const auto received = o.DateField("received_on", Need::kRequired);
    const auto in_writing = o.Bool("in_writing", Need::kRequired);
    const auto evidence = o.Bool("has_evidence", Need::kRequired);
    const auto contact = o.Bool("has_contact", Need::kRequired);
    if (received && in_writing && evidence && contact) {
      out.objections->push_back({*received, *in_writing, *evidence, *contact});
    }
  }
}

absl::Status DecodeCycle(const bj::value& value, const Loc& at, CycleInput& out) {
  json::Issues issues;
  DecodeCycle(value, at, issues, out);
  return codec::ToStatus(issues, ErrorCode::kInvalidInput);
}

void WriteCycle(const CycleResult& r, json::Writer& w) {
  if (r.batch) {
    w.Field("batch", BatchLabel(*r.batch));
    w.Field("acceptance_month", r.batch->acceptance.ToString());
    w.Field("announcement_month", r.batch->announcement.ToString());
  }
  if (r.report_due) {
    w.Field("report_due", r.report_due->due);
    w.Field("report_due_nominal", r.report_due->nominal);
  }
  if (r.publicity) {
    w.Key("publicity");
    w.BeginObject();
    w.Field("starts_on", r.publicity->first);
    w.Field("ends_on", r.publicity->last);
    w.Field("days", static_cast<std::int64_t>(r.publicity->last.DaysSince(r.publicity->first) + 1));
    w.EndObject();
  }
  if (r.objections) {
    w.Key("objections");
    w.BeginArray();
    for (const ObjectionVerdict& v : *r.objections) {
      w.BeginObject();
      w.Field("received_on", v.received_on);
      w.Field("admissible", v.admissible());
      w.Key("reasons");
      w.BeginArray();
      for (size_t d = 0; d < kObjectionDefectCount; ++d) {
        const auto defect = static_cast<ObjectionDefect>(d);
        if (!v.Has(defect) || !r.publicity) continue;
        const Reason reason = Explain(defect, v, *r.publicity);
        w.BeginObject();
        w.Field("code", ObjectionDefectName(defect));
        w.Field("message", reason.en);
        w.Field("message_zh", reason.zh);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }
}

std::string CycleReport(const CycleResult& r) {
  std::string s;
  if (r.batch) {
    CatTo(s, "申报批次 Batch:                 ", BatchLabel(*r.batch), "\n",
          "受理月份 Applications accepted:  ", r.batch->acceptance.ToString(), "\n",
          "结果公布 Results announced:      ", r.batch->announcement.ToString(), "\n");
  }
  if (r.report_due) {
    CatTo(s, "初评报告 Initial report due by: ", r.report_due->due.ToString());
    if (r.report_due->due != r.report_due->nominal) {
      CatTo(s, "（", r.report_due->nominal.ToString(), " 为休息日，顺延 falls on a rest day, moved)");
    }
    s += "\n";
  }
  if (r.publicity) {
    CatTo(s, "公示期 Publicity:               ", r.publicity->first.ToString(), " 至 to ",
          r.publicity->last.ToString(), "（", r.publicity->last.DaysSince(r.publicity->first) + 1,
          " 个自然日 natural days）\n");
  }
  if (r.objections) {
    CatTo(s, "异议 Objections:                ", r.objections->size(), "\n");
    for (size_t i = 0; i < r.objections->size(); ++i) {
      const ObjectionVerdict& v = (*r.objections)[i];
      CatTo(s, "  ", i + 1, ". ", v.received_on.ToString(),
            v.admissible() ? "  予以受理 admissible" : "  不予受理 inadmissible", "\n");
      for (size_t d = 0; d < kObjectionDefectCount; ++d) {
        const auto defect = static_cast<ObjectionDefect>(d);
        if (!v.Has(defect) || !r.publicity) continue;
        const Reason reason = Explain(defect, v, *r.publicity);
        CatTo(s, "     - ", ReportString(reason.zh), "; ", ReportString(reason.en), "\n");
      }
    }
  }
  return s;
}

}  // namespace sqp::internal
