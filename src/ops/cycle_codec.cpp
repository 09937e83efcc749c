#include "ops/cycle_codec.hpp"

#include <utility>
#include <vector>

#include "codec/schema.hpp"
#include "ops/report_text.hpp"

#include "strings.hpp"

namespace sqp::internal {

// ---- sqp.cycle/1 (CONTRACT.md §2; READ.MEMBERS) ---------------------------------------------
// The one description of the cycle members: the decoder (DecodeCycle) and strict reading's
// member table (kCycleMembers) are made from it (src/codec/schema.hpp). Members are listed in
// the order strict reading names them.

namespace {

namespace bj = boost::json;
using namespace codec::schema;

// The cycle as it is read: the input, whether publicity_starts_on is given at all (a given but
// malformed one is reported on its own, without CYCLE.OBJECTION's issue besides) and where the
// cycle members are, for that issue.
struct CycleReading : CycleInput {
  bool publicity_given = false;
  const Loc* at = nullptr;
};

// CYCLE.OBJECTION: each objection as given; all four members are needed to judge it.
using ObjectionRecord =
    Object<Objection, Field<"received_on", kRequired, DateValue, &Objection::received_on>,
           Field<"in_writing", kRequired, Bool, &Objection::in_writing>,
           Field<"has_evidence", kRequired, Bool, &Objection::has_evidence>,
           Field<"has_contact", kRequired, Bool, &Objection::has_contact>>;

// "objections": admissibility is judged against the publicity window, so the window must be
// given with them. Said once the objections are found to be an array and before they are read,
// where that issue has always come; the array itself is read by its description.
struct Objections {
  using Value = void;  // read into the cycle (the sink is kInline)
  using Records = List<ObjectionRecord>;
  static constexpr const json::ObjectDef& kMembers = Records::kMembers;

  static bool Read(const bj::value& v, const Loc& at, Issues& issues, CycleReading& out) {
    if (v.is_array() && !out.publicity_given) {
      issues.Add(out.at->Key("publicity_starts_on"),
                 "is required when objections are given: an objection is judged against the "
                 "publicity period");
    }
    std::vector<Objection> list;
    if (!Records::Read(v, at, issues, list)) return false;
    out.objections = std::move(list);
    return true;
  }
};

using CycleMembers = Object<
    CycleReading, Field<"applied_on", kOptional, DateValue, &CycleInput::applied_on>,
    Field<"materials_received_on", kOptional, DateValue, &CycleInput::materials_received_on>,
    Field<"publicity_starts_on", kOptional, DateValue, &CycleInput::publicity_starts_on>,
    Field<"objections", kOptional, Objections, kInline>>;

}  // namespace

constinit const json::ObjectDef kCycleMembers = CycleMembers::kMembers;

std::string BatchLabel(const Batch& b) {
  std::string s(7, '0');
  b.FormatLabel(s.data());
  return s;
}

namespace {

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
  CycleReading reading;
  reading.at = &at;
  if (const bj::object* o = value.if_object()) {
    const bj::value* publicity = o->if_contains("publicity_starts_on");
    reading.publicity_given = publicity != nullptr && !publicity->is_null();
  }
  ReadDocument<CycleMembers>(value, at, issues, reading);
  out = static_cast<CycleInput&&>(reading);
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
