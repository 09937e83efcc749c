// ParseRulebook: the sqp.rulebook/1 codec and validator. Every field is required (a rulebook
// states every number it decides with, so an audit never depends on a default hidden in code);
// only "title" may be omitted and "rest_days" may be null. Unknown keys are errors: a typo in a
// rulebook must not silently fall back to anything.
#include <algorithm>
#include <map>
#include <functional>

#include <boost/json/serializer.hpp>
#include <openssl/evp.h>

#include "strings.hpp"
#include "vocabulary_codec.hpp"
#include "codec/decode.hpp"
#include "codec/parse.hpp"
#include "rulebook/scoring_codec.hpp"
#include "sqp/rulebook.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;
using namespace codec::decoding;

constexpr std::string_view kSchema = "sqp.rulebook/1";
// Period sizes a rulebook may set: generous for any revision, small enough that no derived date
// can leave Boost.Date_Time's range from an accepted input date.
constexpr std::int64_t kMaxYears = 20;
constexpr std::int64_t kMaxMonths = 120;
constexpr std::int64_t kMaxDays = 366;

// Integers 1..12, strictly increasing.
std::vector<int> ReadMonthList(const Fields& f, std::string_view key) {
  std::vector<int> months;
  const bj::array* a = f.Array(key, Need::kRequired);
  if (a == nullptr) return months;
  const Loc at = f.loc().Key(key);
  if (a->empty()) f.issues().Add(at, "must list at least one month");
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = at.Index(i);
    auto m = json::ReadInteger((*a)[i], el, f.issues(), 1, 12);
    if (!m) continue;
    if (!months.empty() && *m <= months.back()) {
      f.issues().Add(el, "months must be strictly increasing");
    }
    months.push_back(static_cast<int>(*m));
  }
  return months;
}

Fraction ReadFraction(const Fields& parent, std::string_view key) {
  Fraction out;
  const bj::value* v = parent.Get(key, Need::kRequired);
  if (v == nullptr) return out;
  const Loc at = parent.loc().Key(key);
  Fields f(*v, at, parent.issues());
  f.RejectUnknownKeys({"num", "den"});
  auto num = f.Integer("num", Need::kRequired, 0, kMaxFractionTerm);
  auto den = f.Integer("den", Need::kRequired, 0, kMaxFractionTerm);
  if (den && *den == 0) parent.issues().Add(at.Key("den"), "denominator must not be zero");
  if (num && *num == 0) parent.issues().Add(at.Key("num"), "numerator must be at least 1");
  if (num && den && *den > 0 && *num > *den) {
    parent.issues().Add(at, Cat("fraction ", *num, "/", *den, " is more than 1"));
  }
  if (num) out.num = *num;
  if (den) out.den = *den;
  return out;
}

void ReadMeeting(const Fields& meetings, std::string_view key, MeetingRules& out) {
  const bj::value* v = meetings.Get(key, Need::kRequired);
  if (v == nullptr) return;
  const Loc at = meetings.loc().Key(key);
  Fields f(*v, at, meetings.issues());
  f.RejectUnknownKeys({"quorum", "decision"});
  out.quorum = ReadFraction(f, "quorum");
  out.decision = ReadFraction(f, "decision");
}

int ReadCount(const Fields& f, std::string_view key, std::int64_t min, std::int64_t max, int fallback) {
  auto v = f.Integer(key, Need::kRequired, min, max);
  return v ? static_cast<int>(*v) : fallback;
}

void ReadEligibility(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("eligibility", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("eligibility");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"lookback_years", "disqualifying_accident_severities", "min_trained_staff"});
  auto& e = rb.eligibility;
  e.lookback_years = ReadCount(f, "lookback_years", 0, kMaxYears, e.lookback_years);
  e.min_trained_staff = ReadCount(f, "min_trained_staff", 0, 1000, e.min_trained_staff);
  constexpr const auto& kSeverities = internal::kAccidentSeverityTable.entries;
  if (const bj::array* a = f.Array("disqualifying_accident_severities", Need::kRequired)) {
    e.disqualifying_severity = {false, false, false, false};
    const Loc list = at.Key("disqualifying_accident_severities");
    for (size_t i = 0; i < a->size(); ++i) {
      const Loc el = list.Index(i);
      if (auto s = json::ReadEnum((*a)[i], el, f.issues(), kSeverities)) {
        if (e.disqualifying_severity[Index(*s)]) f.issues().Add(el, "listed twice");
        e.disqualifying_severity[Index(*s)] = true;
      }
    }
  }
}

void ReadCalendar(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("calendar", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("calendar");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"acceptance_months", "announcement_months", "report_due_months", "publicity_days"});
  auto& c = rb.calendar;
  c.acceptance_months = ReadMonthList(f, "acceptance_months");
  c.announcement_months = ReadMonthList(f, "announcement_months");
  if (c.acceptance_months.size() != c.announcement_months.size()) {
    f.issues().Add(at.Key("announcement_months"),
                   Cat("must have one month per acceptance month (",
                                c.acceptance_months.size(), "), got ", c.announcement_months.size()));
  } else {
    const Loc announcements = at.Key("announcement_months");
    for (size_t i = 0; i < c.acceptance_months.size(); ++i) {
      if (c.announcement_months[i] < c.acceptance_months[i]) {
        f.issues().Add(announcements.Index(i),
                       Cat("announcement month ", c.announcement_months[i],
                                    " is before its acceptance month ", c.acceptance_months[i]));
      }
    }
  }
  c.report_due_months = ReadCount(f, "report_due_months", 1, kMaxMonths, c.report_due_months);
  c.publicity_days = ReadCount(f, "publicity_days", 1, kMaxDays, c.publicity_days);
}

// BODY.CHOICE (Art. 22): optional, so rulebooks written before it keep loading with the 2 of
// the Measures.
void ReadBodies(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("bodies", Need::kOptional);
  if (v == nullptr) return;
  Fields f(*v, root.loc().Key("bodies"), root.issues());
  f.RejectUnknownKeys({"min_qualified_offered"});
  rb.bodies.min_qualified_offered =
      ReadCount(f, "min_qualified_offered", 1, 100, rb.bodies.min_qualified_offered);
}

// FEE.PERSON_DAYS (Art. 15-16): optional (absent: no person-days are given). Each site type has
// bands of rising staff_up_to, the last one unbounded (null), so every headcount has a band.
void ReadFees(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("fees", Need::kOptional);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("fees");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"template", "association_fee", "person_days", "per_additional_shift"});
  FeeRules fees;
  if (auto t = f.Bool("template", Need::kRequired)) fees.template_table = *t;
  if (auto fee = f.Number("association_fee", Need::kRequired)) {
    fees.association_fee = *fee;
    if (*fee != Decimal()) {
      f.issues().Add(at.Key("association_fee"), "must be 0: the association charges nothing (Art. 15)");
    }
  }
  if (auto d = f.Number("per_additional_shift", Need::kRequired)) {
    fees.per_additional_shift = *d;
    if (*d < Decimal()) f.issues().Add(at.Key("per_additional_shift"), "must not be negative");
  }
  if (const bj::value* table = f.Get("person_days", Need::kRequired)) {
    const Loc table_at = at.Key("person_days");
    Fields t(*table, table_at, f.issues());
    t.RejectUnknownKeys({kSiteTypeNames[0], kSiteTypeNames[1], kSiteTypeNames[2], kSiteTypeNames[3]});
    for (size_t type = 0; type < kSiteTypeCount; ++type) {
      const bj::array* bands = t.Array(kSiteTypeNames[type], Need::kRequired);
      if (bands == nullptr) continue;
      const Loc list = table_at.Key(kSiteTypeNames[type]);
      if (bands->empty()) f.issues().Add(list, "needs at least one band");
      std::optional<std::int64_t> previous;
      for (size_t i = 0; i < bands->size(); ++i) {
        const Loc el = list.Index(i);
        Fields b((*bands)[i], el, f.issues());
        b.RejectUnknownKeys({"staff_up_to", "days"});
        PersonDaysBand band;
        const bool last = i + 1 == bands->size();
        if (const bj::value* up = b.Get("staff_up_to", Need::kOptional); up != nullptr || !last) {
          band.staff_up_to = b.Integer("staff_up_to", Need::kRequired, 1, 1'000'000);
          if (band.staff_up_to && previous && *band.staff_up_to <= *previous) {
            f.issues().Add(el.Key("staff_up_to"), Cat("must be above the band before (", *previous, ")"));
          }
          if (band.staff_up_to) previous = band.staff_up_to;
          if (last) {
            f.issues().Add(el.Key("staff_up_to"), "the last band must be unbounded (null)");
          }
        }
        if (auto d = b.Number("days", Need::kRequired)) {
          band.days = *d;
          if (*d <= Decimal()) f.issues().Add(el.Key("days"), "must be positive");
        }
        fees.person_days[type].push_back(band);
      }
    }
  }
  rb.fees = std::move(fees);
}

void ReadMeetings(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("meetings", Need::kRequired);
  if (v == nullptr) return;
  Fields f(*v, root.loc().Key("meetings"), root.issues());
  f.RejectUnknownKeys({"expert_review", "final_review"});
  ReadMeeting(f, "expert_review", rb.expert_review);
  ReadMeeting(f, "final_review", rb.final_review);
}

void ReadCertificate(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("certificate", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("certificate");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"validity_years", "issue_day_is_day_one", "supervision_anniversaries",
                       "supervision_report_lead_months", "renewal_lead_months",
                       "upgrade_min_months", "upgrade_lead_months"});
  auto& c = rb.certificate;
  c.validity_years = ReadCount(f, "validity_years", 1, kMaxYears, c.validity_years);
  if (auto b = f.Bool("issue_day_is_day_one", Need::kRequired)) c.issue_day_is_day_one = *b;
  c.supervision_report_lead_months =
      ReadCount(f, "supervision_report_lead_months", 0, kMaxMonths, c.supervision_report_lead_months);
  c.renewal_lead_months = ReadCount(f, "renewal_lead_months", 0, kMaxMonths, c.renewal_lead_months);
  c.upgrade_min_months = ReadCount(f, "upgrade_min_months", 0, kMaxMonths, c.upgrade_min_months);
  c.upgrade_lead_months = ReadCount(f, "upgrade_lead_months", 0, kMaxMonths, c.upgrade_lead_months);
  if (const bj::array* a = f.Array("supervision_anniversaries", Need::kRequired)) {
    c.supervision_anniversaries.clear();
    const Loc list = at.Key("supervision_anniversaries");
    for (size_t i = 0; i < a->size(); ++i) {
      const Loc el = list.Index(i);
      auto n = json::ReadInteger((*a)[i], el, f.issues(), 1, kMaxYears);
      if (!n) continue;
      if (!c.supervision_anniversaries.empty() && *n <= c.supervision_anniversaries.back()) {
        f.issues().Add(el, "anniversaries must be strictly increasing");
      } else if (*n >= c.validity_years) {
        f.issues().Add(el, Cat("anniversary ", *n, " is not inside the validity of ",
                                        c.validity_years, " years"));
      }
      c.supervision_anniversaries.push_back(static_cast<int>(*n));
    }
  }
}

void ReadIndicators(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("indicators", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("indicators");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"definitions", "required_by_site_type"});
  auto& ind = rb.indicators;
  ind.definitions.clear();
  if (const bj::value* defs = f.Get("definitions", Need::kRequired)) {
    const Loc defs_at = at.Key("definitions");
    Fields d(*defs, defs_at, f.issues());
    if (d.ok()) {
      for (const auto& kv : *d.object()) {
        const Loc el = defs_at.Key(kv.key());
        Fields one(kv.value(), el, f.issues());
        one.RejectUnknownKeys({"direction", "bound", "unit", "label_en", "label_zh"});
        IndicatorDefinition def;
        def.name = std::string(kv.key());
        static constexpr json::EnumName<BoundDirection> kDirections[] = {
            {"at_most", BoundDirection::kAtMost}, {"at_least", BoundDirection::kAtLeast}};
        if (auto dir = one.Enum("direction", Need::kRequired, kDirections)) def.direction = *dir;
        if (auto b = one.Number("bound", Need::kRequired)) def.bound = *b;
        if (auto u = one.String("unit", Need::kRequired)) def.unit = std::string(*u);
        if (auto s = one.String("label_en", Need::kRequired, true)) def.label_en = std::string(*s);
        if (auto s = one.String("label_zh", Need::kRequired, true)) def.label_zh = std::string(*s);
        ind.definitions.push_back(std::move(def));
      }
    }
  }
  if (const bj::value* req = f.Get("required_by_site_type", Need::kRequired)) {
    const Loc req_at = at.Key("required_by_site_type");
    Fields r(*req, req_at, f.issues());
    r.RejectUnknownKeys({kSiteTypeNames[0], kSiteTypeNames[1], kSiteTypeNames[2], kSiteTypeNames[3]});
    for (size_t t = 0; t < kSiteTypeCount; ++t) {
      auto& list = ind.required_by_site_type[t];
      list.clear();
      const bj::array* a = r.Array(kSiteTypeNames[t], Need::kRequired);
      if (a == nullptr) continue;
      const Loc list_at = req_at.Key(kSiteTypeNames[t]);
      for (size_t i = 0; i < a->size(); ++i) {
        const Loc el = list_at.Index(i);
        auto name = json::ReadString((*a)[i], el, f.issues(), true);
        if (!name) continue;
        int found = -1;
        for (size_t k = 0; k < ind.definitions.size(); ++k) {
          if (ind.definitions[k].name == *name) found = static_cast<int>(k);
        }
        if (found < 0) {
          f.issues().Add(el, Cat("unknown indicator ", json::Quote(*name),
                                          "; define it under /indicators/definitions"));
        } else if (std::find(list.begin(), list.end(), found) != list.end()) {
          f.issues().Add(el, Cat("indicator ", json::Quote(*name), " listed twice"));
        } else {
          list.push_back(found);
        }
      }
    }
  }
}

void ReadRestDays(const Fields& root, Rulebook& rb) {
  const bj::value* v = root.Get("rest_days", Need::kOptional);
  if (v == nullptr) {
    if (root.ok() && !root.object()->contains("rest_days")) {
      root.issues().Add(root.loc().Key("rest_days"), "is required (null for no rest-day calendar)");
    }
    rb.rest_days = RestCalendar();
    return;
  }
  const Loc at = root.loc().Key("rest_days");
  Fields f(*v, at, root.issues());
  f.RejectUnknownKeys({"weekends", "holidays", "working_days"});
  const bool weekends = f.Bool("weekends", Need::kRequired).value_or(false);
  // Each list names a day once (a repeat is a slip, refused at the repeat); `named` maps a day
  // to where it was named, so a day in both lists is refused at the working day.
  std::map<Date, std::string> named;
  auto read_dates = [&](std::string_view key) {
    std::vector<Date> dates;
    if (const bj::array* a = f.Array(key, Need::kRequired)) {
      const Loc list = at.Key(key);
      for (size_t i = 0; i < a->size(); ++i) {
        const Loc item = list.Index(i);
        auto d = codec::ReadDate((*a)[i], item, f.issues());
        if (!d) continue;
        const auto seen = named.find(*d);
        if (seen != named.end()) {
          f.issues().Add(item, Cat(d->ToString(), " is already named at ", seen->second,
                                   seen->second.find(key) != std::string::npos
                                       ? ""
                                       : ": a day is either a holiday or a working day"));
          continue;
        }
        named.emplace(*d, item.Pointer());
        dates.push_back(*d);
      }
    }
    return dates;
  };
  std::vector<Date> holidays = read_dates("holidays");
  std::vector<Date> working = read_dates("working_days");
  rb.rest_days = RestCalendar(weekends, std::move(holidays), std::move(working));
}

// Boost.JSON's own bytes for the value or key `sr` was reset to (the canonical form's scalars and
// keys are written as Boost.JSON writes them), appended through one serializer kept for the whole
// document rather than a string made for each.
void AppendSerialized(bj::serializer& sr, std::string& out) {
  char buffer[256];
  while (!sr.done()) {
    const bj::string_view piece = sr.read(buffer);
    out.append(piece.data(), piece.size());
  }
}

void AppendCanonical(const bj::value& v, bj::serializer& sr, std::string& out) {
  switch (v.kind()) {
    case bj::kind::object: {
      const bj::object& o = v.get_object();
      std::vector<const bj::key_value_pair*> members;
      members.reserve(o.size());
      for (const auto& kv : o) members.push_back(&kv);
      std::sort(members.begin(), members.end(),
                [](auto* a, auto* b) { return a->key() < b->key(); });
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i) out += ',';
        sr.reset(members[i]->key());
        AppendSerialized(sr, out);
        out += ':';
        AppendCanonical(members[i]->value(), sr, out);
      }
      out += '}';
      return;
    }
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendCanonical(e, sr, out);
      }
      out += ']';
      return;
    }
    default:
      sr.reset(&v);
      AppendSerialized(sr, out);
  }
}

void AppendCanonical(const bj::value& v, std::string& out) {
  bj::serializer sr;
  AppendCanonical(v, sr, out);
}

// Within the default input limits, and refusing repeated member names: the identity hashes the
// parsed rulebook, so a second "validity_years" must not silently win over the first.
absl::StatusOr<bj::value> ParseJson(std::string_view text) {
  auto v = codec::ParseDocument(text, json::JsonLimits{});
  if (!v.ok() && DescribeError(v.status()).code == ErrorCode::kInvalidJson &&
      DescribeError(v.status()).path.empty()) {
    return MakeError(ErrorCode::kInvalidJson, "",
                     Cat("rulebook is not valid JSON: ", DescribeError(v.status()).message));
  }
  return v;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

absl::StatusOr<std::string> CanonicalRulebookJson(std::string_view json) {
  auto v = ParseJson(json);
  if (!v.ok()) return v.status();
  std::string out;
  AppendCanonical(*v, out);
  return out;
}

absl::StatusOr<Rulebook> ParseRulebook(std::string_view json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return parsed.status();
  const bj::value& doc = *parsed;

  Issues issues;
  const Loc root_at = Loc::Root();
  Fields root(doc, root_at, issues);
  if (!root.ok()) return codec::ToStatus(issues, ErrorCode::kInvalidRulebook);
  root.RejectUnknownKeys({"schema", "id", "version", "title", "in_force_from", "eligibility",
                          "calendar", "meetings", "certificate", "indicators", "scoring",
                          "rest_days", "bodies", "fees"});
  Rulebook rb;
  if (auto s = root.String("schema", Need::kRequired); s && *s != kSchema) {
    issues.Add(root_at.Key("schema"),
               Cat("unknown schema ", json::Quote(*s), "; expected \"", kSchema, "\""));
  }
  // The id and version are stamped into every output and printed on every report: one short
  // line of printable characters each.
  auto identity_text = [&](std::string_view key, std::string& out) {
    const auto s = root.String(key, Need::kRequired, true);
    if (!s) return;
    constexpr size_t kMaxIdentityBytes = 128;
    if (s->size() > kMaxIdentityBytes) {
      issues.Add(root_at.Key(key), Cat("is ", s->size(), " bytes long; at most ",
                                       kMaxIdentityBytes, " (it is stamped into every output)"));
      return;
    }
    // C0, DEL, and C1 (U+0080..U+009F, UTF-8 C2 80..C2 9F).
    for (size_t i = 0; i < s->size(); ++i) {
      const auto u = static_cast<unsigned char>((*s)[i]);
      const bool c1 = u == 0xC2 && i + 1 < s->size() &&
                      static_cast<unsigned char>((*s)[i + 1]) <= 0x9F;
      if (u < 0x20 || u == 0x7F || c1) {
        issues.Add(root_at.Key(key), Cat(json::Quote(*s), " holds a control character"));
        return;
      }
    }
    out = std::string(*s);
  };
  identity_text("id", rb.identity.id);
  identity_text("version", rb.identity.version);
  if (auto s = root.String("title", Need::kOptional)) rb.title = std::string(*s);
  // ELIG.IN_FORCE (Art. 25): optional, so rulebooks written before it keep loading; absent means
  // the 2020-05-17 Measures' own date. A strict YYYY-MM-DD date (READ.DATES) when given.
  if (auto d = root.DateField("in_force_from", Need::kOptional)) rb.in_force_from = *d;
  ReadEligibility(root, rb);
  ReadCalendar(root, rb);
  ReadBodies(root, rb);
  ReadFees(root, rb);
  ReadMeetings(root, rb);
  ReadCertificate(root, rb);
  ReadIndicators(root, rb);
  if (const bj::value* scoring = root.Get("scoring", Need::kRequired)) {
    rulebook_internal::DecodeScoring(*scoring, root_at.Key("scoring"), issues, rb.indicators,
                                     rb.scoring);
  }
  ReadRestDays(root, rb);
  if (!issues.empty()) return codec::ToStatus(issues, ErrorCode::kInvalidRulebook);

  std::string canonical;
  AppendCanonical(doc, canonical);
  rb.identity.sha256 = Sha256Hex(canonical);
  return rb;
}

}  // namespace sqp
