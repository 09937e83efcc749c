#include "ops/eligibility_codec.hpp"

#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>

#include "engine/operation.hpp"
#include "ops/report_text.hpp"
#include "strings.hpp"
#include "vocabulary_codec.hpp"

namespace sqp::internal {

// ---- Members of sqp.application/1 (CONTRACT.md §2, §7; READ.MEMBERS) -------------------------

namespace {
using M = json::MemberDef;
constexpr M kContact[] = {{"name"},    {"department"}, {"mobile"}, {"phone"},
                          {"address"}, {"postcode"},   {"email"}};
constexpr M kManager[] = {{"name"}, {"title"}};
}  // namespace
constinit const json::ObjectDef kSiteContactMembers{kContact};
constinit const json::ObjectDef kSiteManagerMembers{kManager};

namespace {
constexpr M kShifts[] = {{"count"}, {"staff_per_shift"}};
constexpr json::ObjectDef kShiftsDef{kShifts};
constexpr M kSite[] = {{"name"},
                       {"type"},
                       {"address"},
                       {"staff_count"},
                       {"area_m2"},
                       {"established_on"},
                       {"contact", &kSiteContactMembers},
                       {"manager", &kSiteManagerMembers},
                       {"shifts", &kShiftsDef},
                       {"services"}};
constexpr json::ObjectDef kSiteDef{kSite};
constexpr M kLicense[] = {{"number"}, {"valid_until"}};
constexpr json::ObjectDef kLicenseDef{kLicense};
constexpr M kEnterprise[] = {{"name"},
                             {"credit_code"},
                             {"business_registered"},
                             {"telecom_license", &kLicenseDef},
                             {"legal_representative"},
                             {"parent"}};
constexpr json::ObjectDef kEnterpriseDef{kEnterprise};
// The indicator names under "values" are the rulebook's (Keys::kExternal).
constexpr json::ObjectDef kIndicatorValuesDef{{}, json::ObjectDef::Keys::kExternal};
constexpr M kIndicators[] = {{"attested"}, {"values", &kIndicatorValuesDef}};
constexpr json::ObjectDef kIndicatorsDef{kIndicators};
constexpr M kAccident[] = {{"date"}, {"severity"}, {"summary"}};
constexpr json::ObjectDef kAccidentDef{kAccident};
constexpr M kCriticism[] = {{"date"}, {"subject"}, {"document_no"}, {"summary"}};
constexpr json::ObjectDef kCriticismDef{kCriticism};
constexpr M kAdverse[] = {{"date"}, {"regulator_opinion"}, {"source"}, {"summary"}};
constexpr json::ObjectDef kAdverseDef{kAdverse};
constexpr M kStaff[] = {{"name"}, {"certificate_no"}};
constexpr json::ObjectDef kStaffDef{kStaff};
constexpr M kCertificate[] = {{"certified_on"}, {"grade"}};
constexpr json::ObjectDef kCertificateDef{kCertificate};
constexpr M kApplication[] = {{"schema"},
                              {"application_id"},
                              {"kind"},
                              {"applied_on"},
                              {"site", &kSiteDef},
                              {"enterprise", &kEnterpriseDef},
                              {"quality_indicators", &kIndicatorsDef},
                              {"accidents", &kAccidentDef},
                              {"regulator_criticisms", &kCriticismDef},
                              {"adverse_records", &kAdverseDef},
                              {"trained_staff", &kStaffDef},
                              {"current_certificate", &kCertificateDef}};
}  // namespace
constinit const json::ObjectDef kApplicationMembers{kApplication};

namespace {

namespace bj = boost::json;
using namespace codec::decoding;

// ---- Decoding ------------------------------------------------------------------------------

constexpr json::EnumName<ApplicationKind> kKinds[] = {
    {"initial", ApplicationKind::kInitial},
    {"renewal", ApplicationKind::kRenewal},
    {"upgrade", ApplicationKind::kUpgrade}};
constexpr const auto& kSiteTypes = kSiteTypeTable.entries;  // ELIG.SCOPE's spellings
constexpr const auto& kSeverities = kAccidentSeverityTable.entries;
constexpr json::EnumName<CriticismSubject> kSubjects[] = {
    {"site", CriticismSubject::kSite}, {"enterprise", CriticismSubject::kEnterprise}};
constexpr json::EnumName<RegulatorOpinion> kOpinions[] = {
    {"disqualify", RegulatorOpinion::kDisqualify},
    {"pending", RegulatorOpinion::kPending},
    {"no_objection", RegulatorOpinion::kNoObjection}};

constexpr std::int64_t kMaxStaffCount = 10'000'000;

// A measurement sqp does not use but which must still make sense (area_m2): an exact decimal
// like every other number read, and not negative.
void CheckNonNegativeNumber(const Fields& f, std::string_view key) {
  const std::optional<Decimal> d = f.Number(key, Need::kOptional);
  if (d && *d < Decimal()) {
    const Loc at = f.loc().Key(key);
    f.issues().Add(at, Cat("must not be negative, got ", d->ToString()));
  }
}

// An optional object of Annex 2's form whose members, all optional strings, are those of its
// member table (the table is the one list of them: strict reading and this reading both use it).
void CheckStringObject(const Fields& parent, std::string_view key, const json::ObjectDef& def) {
  const bj::value* v = parent.Get(key, Need::kOptional);
  if (v == nullptr) return;
  const Loc at = parent.loc().Key(key);
  const Fields f(*v, at, parent.issues());
  if (!f.ok()) return;
  for (const json::MemberDef& m : def.members) f.String(m.key, Need::kOptional);
}

// site.shifts (Annex 2): absent means no shift work.
constexpr std::int64_t kMaxShifts = 100;
void CheckShifts(const Fields& site) {
  const bj::value* v = site.Get("shifts", Need::kOptional);
  if (v == nullptr) return;
  const Loc at = site.loc().Key("shifts");
  const Fields f(*v, at, site.issues());
  if (!f.ok()) return;
  f.Integer("count", Need::kRequired, 1, kMaxShifts);
  f.Integer("staff_per_shift", Need::kOptional, 0, kMaxStaffCount);
}

// Each element of the optional array `key` decoded by `read(fields, item)`. Returns whether the
// array was given (READ.ABSENT: absent and null are "not given", [] is given).
template <class Item, size_t N, class Read>
bool DecodeList(const Fields& parent, std::string_view key, InlineList<Item, N>& out, Read read) {
  const bj::array* a = parent.Array(key, Need::kOptional);
  if (a == nullptr) return false;
  const Loc list = parent.loc().Key(key);
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = list.Index(i);
    const Fields f((*a)[i], el, parent.issues());
    if (!f.ok()) continue;
    Item item;
    read(f, item);
    out.push_back(item);
  }
  return true;
}

void DecodeSite(const Fields& root, Application& out) {
  const bj::value* v = root.Get("site", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("site");
  const Fields f(*v, at, root.issues());
  if (auto t = f.Enum("type", Need::kRequired, kSiteTypes)) out.site_type = *t;  // ELIG.SCOPE
  f.String("name", Need::kOptional);
  f.String("address", Need::kOptional);
  f.Integer("staff_count", Need::kOptional, 0, kMaxStaffCount);
  CheckNonNegativeNumber(f, "area_m2");
  f.DateField("established_on", Need::kOptional);
  CheckStringObject(f, "contact", kSiteContactMembers);
  CheckStringObject(f, "manager", kSiteManagerMembers);
  CheckShifts(f);
  f.String("services", Need::kOptional);
}

void DecodeEnterprise(const Fields& root, Application& out) {
  const bj::value* v = root.Get("enterprise", Need::kRequired);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("enterprise");
  const Fields f(*v, at, root.issues());
  f.String("name", Need::kOptional);
  f.String("legal_representative", Need::kOptional);
  f.String("parent", Need::kOptional);
  if (auto code = f.String("credit_code", Need::kOptional)) out.credit_code = *code;
  if (auto reg = f.Bool("business_registered", Need::kOptional)) out.business_registered = *reg;
  // ELIG.LICENSE: absent or null is "no licence".
  if (const bj::value* lic = f.Get("telecom_license", Need::kOptional)) {
    const Loc lic_at = at.Key("telecom_license");
    const Fields l(*lic, lic_at, root.issues());
    if (l.ok()) {
      l.String("number", Need::kOptional);
      out.telecom_license = TelecomLicense{l.DateField("valid_until", Need::kOptional)};
    }
  }
}

void DecodeIndicators(const Fields& root, Application& out) {
  const bj::value* v = root.Get("quality_indicators", Need::kOptional);
  if (v == nullptr) return;
  const Loc at = root.loc().Key("quality_indicators");
  const Fields f(*v, at, root.issues());
  if (!f.ok()) return;
  out.has_quality_indicators = true;
  if (auto attested = f.Bool("attested", Need::kOptional)) out.indicators_attested = *attested;
  const bj::value* values = f.Get("values", Need::kOptional);
  if (values == nullptr) return;
  const Loc values_at = at.Key("values");
  const Fields vf(*values, values_at, root.issues());
  if (!vf.ok()) return;
  for (const auto& kv : *vf.object()) {
    if (auto d = codec::ReadDecimal(kv.value(), values_at.Key(kv.key()), root.issues())) {
      out.indicator_values.push_back({kv.key(), *d});
    }
  }
}

// ---- Messages ------------------------------------------------------------------------------

constexpr std::array<std::string_view, kAccidentSeverityCount> kSeverityWords = {
    "general", "larger", "major", "especially major"};
constexpr std::array<std::string_view, 2> kSubjectZh = {"服务现场", "企业"};
constexpr std::array<std::string_view, 3> kOpinionWords = {"disqualify", "pending",
                                                           "no objection"};
constexpr std::array<std::string_view, 3> kOpinionZh = {"取消资格", "待定", "无异议"};
constexpr std::array<std::string_view, 3> kKindZh = {"首次申请", "换证申请", "升级申请"};

// What every message of one result may quote, formatted once.
struct MessageContext {
  MessageContext(const Rulebook& rulebook, const Application& application,
                 const EligibilityResult& r)
      : rb(rulebook), app(application), result(r) {
    char* p = r.window.first.Format(window);
    *p++ = '.';
    *p++ = '.';
    r.window.last.Format(p);
    application.applied_on.Format(applied_on);
  }
  const Rulebook& rb;
  const Application& app;
  const EligibilityResult& result;
  char window[22];     // "2023-01-01..2026-01-15"
  char applied_on[10];
};

// A message under construction. Fixed wording goes in with <<; text that comes from the
// application or the rulebook goes through User()/Quoted(), which escape it when the message is
// written straight into a JSON string literal (`json`), so the writer need not rescan it.
class Text {
 public:
  Text(std::string& out, bool json) : out_(out), json_(json) {}
  ~Text() { Flush(); }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  [[gnu::always_inline]] Text& operator<<(std::string_view fixed) {
    Append(fixed.data(), fixed.size());
    return *this;
  }
  Text& operator<<(char c) {
    if (used_ == kBufferSize) Flush();
    buffer_[used_++] = c;
    return *this;
  }
  template <std::integral T>
    requires(!std::same_as<T, char> && !std::same_as<T, bool>)
  Text& operator<<(T n) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    Append<sizeof buf>(buf, static_cast<size_t>(r.ptr - buf));
    return *this;
  }
  Text& operator<<(Date d) {
    char buf[10];
    d.Format(buf);
    Append(buf, sizeof buf);
    return *this;
  }
  Text& operator<<(Decimal d) {
    const std::string s = d.ToString();
    Append(s.data(), s.size());
    return *this;
  }

  void User(std::string_view s) {
    if (!json_) {
      Append(s.data(), s.size());
      return;
    }
    const size_t plain = json::Writer::PlainPrefix(s);  // almost always the whole string
    Append(s.data(), plain);
    if (plain == s.size()) return;
    // The writer's own escaping for the rest, minus the quotes it puts around a literal.
    std::string rest;
    json::Writer::AppendEscaped(rest, s.substr(plain));
    Append(rest.data() + 1, rest.size() - 2);
  }
  // `s` in double quotes, at most 40 characters of it (as json::Quote).
  void Quoted(std::string_view s) {
    constexpr size_t kMaxChars = 40;
    size_t chars = 0, end = 0;
    for (; end < s.size(); ++end) {
      if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && ++chars > kMaxChars) break;
    }
    const std::string_view quote = json_ ? "\\\"" : "\"";
    *this << quote;
    User(s.substr(0, end));
    if (end < s.size()) *this << "…";
    *this << quote;
  }

 private:
  // Text is gathered here and handed to `out_` in large pieces: a fixed piece of wording is then
  // an inlined copy of known size rather than a call into std::string::append (a document's
  // findings are ~150 pieces). Written out when full and when the Text ends.
  static constexpr size_t kBufferSize = 4096;
  // Inlined so that a literal's size is a constant and its copy a few moves.
  template <size_t kMax = SIZE_MAX>
  [[gnu::always_inline]] void Append(const char* p, size_t n) {
    if (n > kBufferSize - used_) {
      Flush();
      if (n > kBufferSize) {
        out_.append(p, n);
        return;
      }
    }
    if (__builtin_constant_p(n)) {
      std::memcpy(buffer_ + used_, p, n);  // a literal: a few moves
    } else {
      CopyShort<kMax>(buffer_ + used_, p, n);
    }
    used_ += n;
  }
  // Pieces of unknown size are mostly short (rule IDs, articles, names, labels, dates):
  // overlapping loads and stores of 16, 8 or 4 bytes instead of a call to memcpy.
  // `kMax` bounds n where the caller knows better (a number's digits): no wider moves then.
  template <size_t kMax = SIZE_MAX>
  [[gnu::always_inline]] static void CopyShort(char* to, const char* from, size_t n) {
    if (kMax > 16 && n > 16 && n <= 64) {
      Copy16(to, from);
      Copy16(to + n - 16, from + n - 16);
      if (kMax > 32 && n > 32) {
        Copy16(to + 16, from + 16);
        Copy16(to + n - 32, from + n - 32);
      }
    } else if (n >= 8 && n <= 16) {
      std::uint64_t head, tail;
      std::memcpy(&head, from, 8);
      std::memcpy(&tail, from + n - 8, 8);
      std::memcpy(to, &head, 8);
      std::memcpy(to + n - 8, &tail, 8);
    } else if (n >= 4 && n < 8) {
      std::uint32_t head, tail;
      std::memcpy(&head, from, 4);
      std::memcpy(&tail, from + n - 4, 4);
      std::memcpy(to, &head, 4);
      std::memcpy(to + n - 4, &tail, 4);
    } else {
      std::memcpy(to, from, n);
    }
  }
  [[gnu::always_inline]] static void Copy16(char* to, const char* from) {
    struct Bytes16 {
      char bytes[16];
    };
    Bytes16 b;
    std::memcpy(&b, from, 16);
    std::memcpy(to, &b, 16);
  }
  [[gnu::noinline]] void Flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

  std::string& out_;
  bool json_;
  size_t used_ = 0;
  char buffer_[kBufferSize];
};

void AppendMeasure(Text& t, Decimal value, std::string_view unit) {
  t << value;
  if (unit.empty()) return;
  if (unit != "%") t << ' ';
  t.User(unit);
}

// Characters (not bytes) of UTF-8 text.
size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The whole UTF-8 character that starts at byte `offset`.
std::string_view CharAt(std::string_view s, size_t offset) {
  const auto lead = static_cast<unsigned char>(s[offset]);
  const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return s.substr(offset, len);
}

// The rulebook's required indicators for the site that have no measured value, by label.
void AppendUnmeasured(const MessageContext& c, bool zh, Text& t) {
  bool first = true;
  for (const int index : c.rb.indicators.required_by_site_type[Index(c.app.site_type)]) {
    const IndicatorDefinition& def = c.rb.indicators.definitions[static_cast<size_t>(index)];
    if (eligibility_internal::FindMeasured(c.app, def.name) >= 0) continue;
    if (!first) t << (zh ? "、" : ", ");
    first = false;
    t.User(zh ? def.label_zh : def.label_en);
  }
}

// The disqualifying accident grades, "larger, major or especially major" / "较大、重大或特别重大".
void AppendDisqualifyingGrades(const Rulebook& rb, bool zh, Text& t) {
  size_t total = 0;
  for (bool d : rb.eligibility.disqualifying_severity) total += d ? 1 : 0;
  size_t written = 0;
  for (size_t s = 0; s < kAccidentSeverityCount; ++s) {
    if (!rb.eligibility.disqualifying_severity[s]) continue;
    if (written > 0) t << (written + 1 == total ? (zh ? "或" : " or ") : (zh ? "、" : ", "));
    t << (zh ? kAccidentSeverityNamesZh[s] : kSeverityWords[s]);
    ++written;
  }
  if (total == 0) t << (zh ? "（规则库未规定取消资格的事故等级）" : "(none under this rulebook)");
}

const IndicatorDefinition& DefinitionOf(const Rulebook& rb, const Finding& f) {
  return rb.indicators.definitions[static_cast<size_t>(f.detail)];
}

// The application member holding a time-bound rule's evidence list (READ.ABSENT).
std::string_view ListMember(EligibilityRule rule) {
  switch (rule) {
    case EligibilityRule::kAccident: return "accidents";
    case EligibilityRule::kCriticism: return "regulator_criticisms";
    default: return "adverse_records";
  }
}

std::string_view Window(const MessageContext& c) { return {c.window, sizeof c.window}; }
std::string_view AppliedOn(const MessageContext& c) { return {c.applied_on, sizeof c.applied_on}; }

void MessageEn(const MessageContext& c, const Finding& f, Text& t) {
  using R = FindingReason;
  const Application& app = c.app;
  switch (f.reason) {
    case R::kSiteTypeListed:
      t << "site type " << SiteTypeName(app.site_type) << " is a service site named in Art. 10";
      return;
    case R::kSiteTypeVoluntary:
      t << "site type other_ict: another ICT business taking part voluntarily (Art. 10)";
      return;
    case R::kNotRegistered:
      t << "the enterprise is not registered with the market regulator (business_registered is false)";
      return;
    case R::kRegistrationUnconfirmed:
      t << "the enterprise's business registration is not confirmed (business_registered is absent)";
      return;
    case R::kCreditCodeValid:
      t << "unified social credit code ";
      t.User(*app.credit_code);
      t << " passes the GB 32100-2015 check character";
      return;
    case R::kCreditCodeWrongLength:
      t << "unified social credit code ";
      t.Quoted(*app.credit_code);
      t << " has " << CharCount(*app.credit_code) << " characters, not 18 (GB 32100-2015)";
      return;
    case R::kCreditCodeBadCharacter: {
      const std::string_view code = *app.credit_code;
      const auto offset = static_cast<size_t>(f.count);
      t << "unified social credit code ";
      t.Quoted(code);
      t << " has ";
      t.Quoted(CharAt(code, offset));
      t << " at position " << CharCount(code.substr(0, offset)) + 1
        << ", outside the GB 32100-2015 character set";
      return;
    }
    case R::kCreditCodeWrongCheck:
      t << "unified social credit code ";
      t.User(*app.credit_code);
      t << " fails the GB 32100-2015 check: the check character should be "
        << static_cast<char>(f.detail) << ", not " << app.credit_code->back();
      return;
    case R::kCreditCodeAbsent:
      t << "no unified social credit code given: the registration cannot be verified yet";
      return;
    case R::kNoLicense:
      t << "the enterprise holds no telecom business operating licence";
      return;
    case R::kLicenseExpired:
      t << "the telecom business operating licence was valid only until " << f.date
        << ", before applied_on " << AppliedOn(c);
      return;
    case R::kLicenseValid:
      t << "the telecom business operating licence is valid until " << f.date
        << ", which covers applied_on " << AppliedOn(c);
      return;
    case R::kLicenseNoExpiry:
      t << "the enterprise holds a telecom business operating licence (no expiry given)";
      return;
    case R::kIndicatorMet:
    case R::kIndicatorMissed: {
      const IndicatorDefinition& def = DefinitionOf(c.rb, f);
      t.User(def.label_en);
      t << ' ';
      AppendMeasure(t, f.value, def.unit);
      t << (f.reason == R::kIndicatorMet ? " meets the requirement of " : " misses the requirement of ")
        << (def.direction == BoundDirection::kAtMost ? "at most " : "at least ");
      AppendMeasure(t, def.bound, def.unit);
      return;
    }
    case R::kIndicatorsSelfAttested:
    case R::kIndicatorsUnreported:
      t << f.count << " required indicator" << (f.count == 1 ? "" : "s") << " for "
        << SiteTypeName(app.site_type) << " not measured (";
      AppendUnmeasured(c, false, t);
      t << (f.reason == R::kIndicatorsSelfAttested ? "): accepted as self-attested"
                                                   : "), nor self-attested: pending until reported");
      return;
    case R::kIndicatorUnknown:
      t << "indicator ";
      t.Quoted(app.indicator_values[f.evidence.index].name);
      t << " is not defined by the rulebook and was not evaluated";
      return;
    case R::kNoIndicatorsRequired:
      t << "the rulebook requires no service-quality indicator for " << SiteTypeName(app.site_type);
      return;
    case R::kDisqualifyingAccident:
      t << kSeverityWords[static_cast<size_t>(f.detail)] << " accident on " << f.date
        << " is inside the window " << Window(c) << ": disqualified";
      return;
    case R::kAccidentNoted:
      t << kSeverityWords[static_cast<size_t>(f.detail)] << " accident on " << f.date
        << " inside the window " << Window(c) << " is noted only; its grade does not disqualify";
      return;
    case R::kNoDisqualifyingAccident:
      t << "no ";
      AppendDisqualifyingGrades(c.rb, false, t);
      t << " accident inside the window " << Window(c);
      return;
    case R::kCriticismInWindow:
      t << "notified criticism of the " << kCriticismSubjectNames[static_cast<size_t>(f.detail)]
        << " by a telecom regulator on " << f.date << " is inside the window " << Window(c);
      return;
    case R::kNoCriticism:
      t << "no notified criticism of the site or its enterprise inside the window " << Window(c);
      return;
    case R::kAdverseDisqualify:
    case R::kAdversePending:
      t << "adverse service record of " << f.date << " is inside the window " << Window(c)
        << (f.reason == R::kAdverseDisqualify ? ": the regulator's opinion is to disqualify"
                                              : ": the regulator's opinion is still pending");
      return;
    case R::kNoAdverseObjection:
      t << "no adverse service record inside the window " << Window(c)
        << " calls for disqualification or awaits an opinion";
      if (f.count > 0) t << " (" << f.count << " with no objection)";
      return;
    case R::kAfterAppliedOn:
      if (f.rule == EligibilityRule::kAccident) {
        t << kSeverityWords[static_cast<size_t>(f.detail)] << " accident on ";
      } else if (f.rule == EligibilityRule::kCriticism) {
        t << "notified criticism of the " << kCriticismSubjectNames[static_cast<size_t>(f.detail)]
          << " on ";
      } else {
        t << "adverse service record (opinion: " << kOpinionWords[static_cast<size_t>(f.detail)]
          << ") of ";
      }
      t << f.date;
      // The window ends on applied_on unless the batch is next year's (a November or December
      // filing): then name the window's end, which is what the record is after.
      if (c.result.window.last == c.app.applied_on) {
        t << " is after applied_on " << AppliedOn(c) << ": reported, not counted";
      } else {
        t << " is after the window's end " << c.result.window.last << ": reported, not counted";
      }
      return;
    case R::kInvestigationNotRecorded:
      t << ListMember(f.rule)
        << " is absent: the reverse investigation of Art. 14(4) has not been recorded (an empty "
           "list [] records that nothing was found)";
      return;
    case R::kEnoughTrainedStaff:
    case R::kTooFewTrainedStaff:
      t << (f.reason == R::kTooFewTrainedStaff ? "only " : "") << f.count
        << " distinct training certificate number" << (f.count == 1 ? "" : "s") << " among "
        << f.detail << " staff listed (at least " << c.rb.eligibility.min_trained_staff
        << " required; duplicates and empty numbers do not count)";
      return;
    case R::kInitialApplication:
      t << "initial application";
      return;
    case R::kInitialWhileCertified:
      t << "initial application while the current certificate (certified on " << f.related
        << ", valid through " << f.date << ") is still valid on applied_on " << AppliedOn(c)
        << ": a holder re-applies as upgrade or renewal (Art. 14(14))";
      return;
    case R::kCertificateMissing:
      t << "a " << kApplicationKindNames[static_cast<size_t>(app.kind)]
        << " application needs the current certificate (current_certificate is absent)";
      return;
    case R::kCertifiedAfterAppliedOn:
      t << "the current certificate's certification date " << f.related << " is after applied_on "
        << AppliedOn(c);
      return;
    case R::kRenewalWithinValidity:
      t << "renewal filed within the current certificate's validity (certified on " << f.related
        << ", valid through " << f.date << ')';
      return;
    case R::kTreatedAsInitial:
      t << kApplicationKindNames[static_cast<size_t>(app.kind)]
        << " filed after the current certificate's last valid day " << f.date
        << ": treated as an initial application";
      return;
    case R::kUpgradeAllowed:
    case R::kUpgradeTooEarly:
      t << (f.reason == R::kUpgradeAllowed ? "upgrade filed on or after " : "upgrade filed before ")
        << f.date << ", " << c.rb.certificate.upgrade_min_months
        << " months after the last certification on " << f.related
        << (f.reason == R::kUpgradeTooEarly ? ": too early" : "");
      return;
    case R::kRecoveryDate:
    {
      const DayRange then = EligibilityWindow(c.rb, f.date);
      t << "every failure is time-bound; the latest, on " << f.related
        << ", is outside the window " << then.first << ".." << then.last << " of a filing on "
        << f.date << " (the day before, it is inside): the site may apply again from " << f.date;
      return;
    }
    case R::kBeforeInForce:
      t << "applied_on " << AppliedOn(c) << " is before " << f.date
        << ", the day the Measures took effect (Art. 25): evaluated under them all the same";
      return;
  }
}

void MessageZh(const MessageContext& c, const Finding& f, Text& t) {
  using R = FindingReason;
  const Application& app = c.app;
  switch (f.reason) {
    case R::kSiteTypeListed:
      t << "现场类型为" << kSiteTypeNamesZh[Index(app.site_type)] << "，属第十条所列服务现场";
      return;
    case R::kSiteTypeVoluntary:
      t << "现场类型为其他信息通信业务服务现场，自愿参加（第十条）";
      return;
    case R::kNotRegistered:
      t << "企业未进行工商登记（business_registered 为 false）";
      return;
    case R::kRegistrationUnconfirmed:
      t << "未确认企业已进行工商登记（缺少 business_registered）";
      return;
    case R::kCreditCodeValid:
      t << "统一社会信用代码 ";
      t.User(*app.credit_code);
      t << " 通过 GB 32100-2015 校验码校验";
      return;
    case R::kCreditCodeWrongLength:
      t << "统一社会信用代码 ";
      t.Quoted(*app.credit_code);
      t << " 为 " << CharCount(*app.credit_code) << " 位，应为 18 位（GB 32100-2015）";
      return;
    case R::kCreditCodeBadCharacter: {
      const std::string_view code = *app.credit_code;
      const auto offset = static_cast<size_t>(f.count);
      t << "统一社会信用代码 ";
      t.Quoted(code);
      t << " 第 " << CharCount(code.substr(0, offset)) + 1 << " 位字符 ";
      t.Quoted(CharAt(code, offset));
      t << " 不在 GB 32100-2015 字符集内";
      return;
    }
    case R::kCreditCodeWrongCheck:
      t << "统一社会信用代码 ";
      t.User(*app.credit_code);
      t << " 未通过 GB 32100-2015 校验：校验码应为 " << static_cast<char>(f.detail) << "，实为 "
        << app.credit_code->back();
      return;
    case R::kCreditCodeAbsent:
      t << "未提供统一社会信用代码，工商登记暂无法核验";
      return;
    case R::kNoLicense:
      t << "企业未持有电信业务经营许可证";
      return;
    case R::kLicenseExpired:
      t << "电信业务经营许可证有效期至 " << f.date << "，早于申请日 " << AppliedOn(c);
      return;
    case R::kLicenseValid:
      t << "电信业务经营许可证有效期至 " << f.date << "，申请日 " << AppliedOn(c) << " 在有效期内";
      return;
    case R::kLicenseNoExpiry:
      t << "企业持有电信业务经营许可证（未注明有效期）";
      return;
    case R::kIndicatorMet:
    case R::kIndicatorMissed: {
      const IndicatorDefinition& def = DefinitionOf(c.rb, f);
      t.User(def.label_zh);
      t << ' ';
      AppendMeasure(t, f.value, def.unit);
      t << (f.reason == R::kIndicatorMet ? "，达到要求（" : "，未达到要求（")
        << (def.direction == BoundDirection::kAtMost ? "不超过 " : "不低于 ");
      AppendMeasure(t, def.bound, def.unit);
      t << "）";
      return;
    }
    case R::kIndicatorsSelfAttested:
    case R::kIndicatorsUnreported:
      t << kSiteTypeNamesZh[Index(app.site_type)] << "要求的 " << f.count << " 项指标未提供测量值（";
      AppendUnmeasured(c, true, t);
      t << (f.reason == R::kIndicatorsSelfAttested ? "），按企业自我声明认可"
                                                   : "），亦无自我声明，待补充后确定");
      return;
    case R::kIndicatorUnknown:
      t << "指标 ";
      t.Quoted(app.indicator_values[f.evidence.index].name);
      t << " 未在规则库中定义，未予评价";
      return;
    case R::kNoIndicatorsRequired:
      t << "规则库未对" << kSiteTypeNamesZh[Index(app.site_type)] << "规定服务质量指标要求";
      return;
    case R::kDisqualifyingAccident:
      t << f.date << " 发生" << kAccidentSeverityNamesZh[static_cast<size_t>(f.detail)]
        << "生产安全事故，在考察期 " << Window(c) << " 内，直接取消参评资格";
      return;
    case R::kAccidentNoted:
      t << f.date << " 发生" << kAccidentSeverityNamesZh[static_cast<size_t>(f.detail)]
        << "生产安全事故（考察期 " << Window(c) << " 内），该等级不取消资格，仅作记录";
      return;
    case R::kNoDisqualifyingAccident:
      t << "考察期 " << Window(c) << " 内无";
      AppendDisqualifyingGrades(c.rb, true, t);
      t << "生产安全事故";
      return;
    case R::kCriticismInWindow:
      t << f.date << " " << kSubjectZh[static_cast<size_t>(f.detail)]
        << "受到电信监管部门通报批评，在考察期 " << Window(c) << " 内";
      return;
    case R::kNoCriticism:
      t << "考察期 " << Window(c) << " 内服务现场及其所属企业未受到电信监管部门通报批评";
      return;
    case R::kAdverseDisqualify:
    case R::kAdversePending:
      t << f.date << " 的不良服务记录在考察期 " << Window(c)
        << (f.reason == R::kAdverseDisqualify ? " 内，监管部门意见为取消资格"
                                              : " 内，监管部门意见待定");
      return;
    case R::kNoAdverseObjection:
      t << "考察期 " << Window(c) << " 内无监管部门意见为取消资格或待定的不良服务记录";
      if (f.count > 0) t << "（" << f.count << " 条监管部门无异议）";
      return;
    case R::kAfterAppliedOn:
      t << f.date;
      if (f.rule == EligibilityRule::kAccident) {
        t << " 的" << kAccidentSeverityNamesZh[static_cast<size_t>(f.detail)] << "生产安全事故";
      } else if (f.rule == EligibilityRule::kCriticism) {
        t << " 对" << kSubjectZh[static_cast<size_t>(f.detail)] << "的通报批评";
      } else {
        t << " 的不良服务记录（监管部门意见：" << kOpinionZh[static_cast<size_t>(f.detail)] << "）";
      }
      if (c.result.window.last == c.app.applied_on) {
        t << "晚于申请日 " << AppliedOn(c) << "，仅作提示，不计入";
      } else {
        t << "晚于考察期截止日 " << c.result.window.last << "，仅作提示，不计入";
      }
      return;
    case R::kInvestigationNotRecorded:
      t << "缺少 " << ListMember(f.rule)
        << "：第十四条第（四）项的反向调查结果尚未记录（空列表 [] 表示已调查、未发现）";
      return;
    case R::kEnoughTrainedStaff:
    case R::kTooFewTrainedStaff:
      t << "列出的 " << f.detail << " 名人员中" << (f.reason == R::kTooFewTrainedStaff ? "仅" : "")
        << "有 " << f.count << " 个不同的系列标准培训证书编号（至少需要 "
        << c.rb.eligibility.min_trained_staff << " 个；重复或空编号不计）";
      return;
    case R::kInitialApplication:
      t << "首次申请";
      return;
    case R::kInitialWhileCertified:
      t << "现有证书（认证日期 " << f.related << "，有效期至 " << f.date << "）在申请日 "
        << AppliedOn(c) << " 仍有效，持证单位应提出升级或换证申请，不得按首次申请（第十四条第（十四）项）";
      return;
    case R::kCertificateMissing:
      t << kKindZh[static_cast<size_t>(app.kind)] << "须提供现有证书（缺少 current_certificate）";
      return;
    case R::kCertifiedAfterAppliedOn:
      t << "现有证书的认证日期 " << f.related << " 晚于申请日 " << AppliedOn(c);
      return;
    case R::kRenewalWithinValidity:
      t << "在现有证书有效期内提出换证申请（认证日期 " << f.related << "，有效期至 " << f.date << "）";
      return;
    case R::kTreatedAsInitial:
      t << "现有证书有效期已于 " << f.date << " 届满，该" << kKindZh[static_cast<size_t>(app.kind)]
        << "按首次申请处理";
      return;
    case R::kUpgradeAllowed:
    case R::kUpgradeTooEarly:
      t << "上次认证日期 " << f.related << "，满 " << c.rb.certificate.upgrade_min_months << " 个月后（"
        << f.date
        << (f.reason == R::kUpgradeAllowed ? " 起）可申请升级，本申请符合" : " 起）方可申请升级，本申请过早");
      return;
    case R::kRecoveryDate:
    {
      const DayRange then = EligibilityWindow(c.rb, f.date);
      t << "所有不符合项均有时限，最近一项（" << f.related << "）不在 " << f.date << " 申请的考察期 "
        << then.first << ".." << then.last << " 内（早一日申请仍在其内），自 " << f.date
        << " 起可重新申请";
      return;
    }
    case R::kBeforeInForce:
      t << "申请日 " << AppliedOn(c) << " 早于本办法施行之日 " << f.date
        << "（第二十五条），仍按本办法评价，仅作提示";
      return;
  }
}

// The evidence pointer; false when the finding has none.
bool EvidencePointer(const Application& app, const Finding& f, std::string_view prefix, Text& t) {
  using P = EvidencePlace;
  if (f.evidence.place == P::kNone) return false;
  t.User(prefix);
  switch (f.evidence.place) {
    case P::kNone: return false;
    case P::kSiteType: t << "/site/type"; break;
    case P::kEnterprise: t << "/enterprise"; break;
    case P::kBusinessRegistered: t << "/enterprise/business_registered"; break;
    case P::kCreditCode: t << "/enterprise/credit_code"; break;
    case P::kTelecomLicense: t << "/enterprise/telecom_license"; break;
    case P::kLicenseValidUntil: t << "/enterprise/telecom_license/valid_until"; break;
    case P::kQualityIndicators: t << "/quality_indicators"; break;
    case P::kAttested: t << "/quality_indicators/attested"; break;
    case P::kIndicatorValue: {
      t << "/quality_indicators/values/";
      const std::string_view name = app.indicator_values[f.evidence.index].name;
      if (name.find_first_of("~/") == std::string_view::npos) {
        t.User(name);
        break;
      }
      std::string escaped;
      json::AppendPointerToken(escaped, name);
      t.User(escaped);
      break;
    }
    case P::kAccident: t << "/accidents/" << f.evidence.index; break;
    case P::kCriticism: t << "/regulator_criticisms/" << f.evidence.index; break;
    case P::kAdverseRecord: t << "/adverse_records/" << f.evidence.index; break;
    case P::kTrainedStaff: t << "/trained_staff"; break;
    case P::kKind: t << "/kind"; break;
    case P::kCertifiedOn: t << "/current_certificate/certified_on"; break;
  }
  return true;
}

}  // namespace

// ---- Decoding (public) ---------------------------------------------------------------------

absl::Status DecodeApplication(const bj::value& v, const Loc& at, Application& out) {
  out = Application{};
  json::Issues issues;
  const Fields root(v, at, issues);
  if (root.ok()) {
    if (auto id = root.String("application_id", Need::kOptional)) out.application_id = *id;
    if (auto kind = root.Enum("kind", Need::kRequired, kKinds)) out.kind = *kind;
    if (auto applied = root.DateField("applied_on", Need::kRequired)) out.applied_on = *applied;
    DecodeSite(root, out);
    DecodeEnterprise(root, out);
    DecodeIndicators(root, out);
    out.accidents_recorded =
        DecodeList(root, "accidents", out.accidents, [](const Fields& f, Accident& a) {
      if (auto d = f.DateField("date", Need::kRequired)) a.date = *d;
      if (auto s = f.Enum("severity", Need::kRequired, kSeverities)) a.severity = *s;
      f.String("summary", Need::kOptional);
    });
    out.criticisms_recorded = DecodeList(
        root, "regulator_criticisms", out.criticisms, [](const Fields& f, Criticism& c) {
      if (auto d = f.DateField("date", Need::kRequired)) c.date = *d;
      if (auto s = f.Enum("subject", Need::kRequired, kSubjects)) c.subject = *s;
      f.String("document_no", Need::kOptional);
      f.String("summary", Need::kOptional);
    });
    out.adverse_records_recorded = DecodeList(
        root, "adverse_records", out.adverse_records, [](const Fields& f, AdverseRecord& r) {
      if (auto d = f.DateField("date", Need::kRequired)) r.date = *d;
      if (auto o = f.Enum("regulator_opinion", Need::kRequired, kOpinions)) r.opinion = *o;
      f.String("source", Need::kOptional);
      f.String("summary", Need::kOptional);
    });
    DecodeList(root, "trained_staff", out.trained_staff, [](const Fields& f, TrainedStaff& s) {
      f.String("name", Need::kOptional);
      if (auto no = f.String("certificate_no", Need::kOptional)) s.certificate_no = *no;
    });
    if (const bj::value* cert = root.Get("current_certificate", Need::kOptional)) {
      const Loc cert_at = at.Key("current_certificate");
      const Fields c(*cert, cert_at, issues);
      const auto certified_on = c.DateField("certified_on", Need::kRequired);
      c.String("grade", Need::kOptional);
      if (certified_on) out.current_certificate = CurrentCertificate{*certified_on};
    }
  }
  return codec::ToStatus(issues, ErrorCode::kInvalidInput);
}

// ---- Messages (public) ---------------------------------------------------------------------

void AppendFindingMessage(const Rulebook& rb, const Application& app,
                          const EligibilityResult& result, const Finding& f, std::string& out) {
  Text t(out, false);
  MessageEn(MessageContext(rb, app, result), f, t);
}

void AppendFindingMessageZh(const Rulebook& rb, const Application& app,
                            const EligibilityResult& result, const Finding& f, std::string& out) {
  Text t(out, false);
  MessageZh(MessageContext(rb, app, result), f, t);
}

bool AppendEvidencePointer(const Application& app, const Finding& f, std::string_view prefix,
                           std::string& out) {
  Text t(out, false);
  return EvidencePointer(app, f, prefix, t);
}

// ---- Encoding ------------------------------------------------------------------------------

void WriteEligibility(const Rulebook& rb, const Application& app, const EligibilityResult& result,
                      json::Writer& w, std::string_view pointer_prefix,
                      std::span<const std::string> unknown_members, Messages messages) {
  w.OptionalField("application_id", app.application_id);
  WriteEligibilityVerdict(result, w);
  // The findings array is written straight into the output as one finished JSON value: its
  // member names and rule constants need no escaping, and Text escapes whatever comes from the
  // input or the rulebook, so nothing is scanned twice. It must be the last member written here.
  w.Key("findings");
  std::string& out = w.RawValue();
  out += '[';
  const bool any = AppendEligibilityFindingItems(rb, app, result, pointer_prefix, messages, out);
  if (!unknown_members.empty()) {
    std::string note;
    json::Writer nw(note);
    WriteUnknownMembersFinding(unknown_members, nw, messages);
    if (any) out += ',';
    out += note;
  }
  out += ']';
}

void WriteEligibilityVerdict(const EligibilityResult& result, json::Writer& w) {
  w.Field("decision", kDecisionNames[static_cast<size_t>(result.decision)]);
  w.Field("disqualified", result.disqualified);
  w.Key("window");
  w.BeginObject();
  w.Field("from", result.window.first);
  w.Field("to", result.window.last);
  w.EndObject();
  w.OptionalField("eligible_from", result.eligible_from);
}

bool AppendEligibilityFindingItems(const Rulebook& rb, const Application& app,
                                   const EligibilityResult& result, std::string_view pointer_prefix,
                                   Messages messages, std::string& out) {
  const MessageContext context(rb, app, result);
  Text t(out, true);  // hands its text over to `out` when it ends
  bool first = true;
  for (const Finding& f : result.findings) {
    t << (first ? R"({"rule":")" : R"(,{"rule":")") << RuleId(f.rule) << R"(","article":")"
      << RuleArticle(f.rule) << R"(","status":")"
      << kFindingStatusNames[static_cast<size_t>(f.status)];
    first = false;
    if (messages == Messages::kBoth || messages == Messages::kEn) {
      t << R"(","message":")";
      MessageEn(context, f, t);
    }
    if (messages == Messages::kBoth || messages == Messages::kZh) {
      t << R"(","message_zh":")";
      MessageZh(context, f, t);
    }
    if (f.evidence.place == EvidencePlace::kNone) {
      t << R"(","evidence":null})";
    } else {
      t << R"(","evidence":")";
      EvidencePointer(app, f, pointer_prefix, t);
      t << R"("})";
    }
  }
  return !first;
}

// ---- Text ----------------------------------------------------------------------------------

namespace {


// A written finding's rank, read back from its status name: the rank the rules give that
// FindingStatus (eligibility_internal::Rank), so the report orders statuses as the verdict does.
int StatusRank(std::string_view status) {
  for (size_t i = 0; i < kFindingStatusNames.size(); ++i) {
    if (kFindingStatusNames[i] == status) {
      return eligibility_internal::Rank(static_cast<FindingStatus>(i));
    }
  }
  return eligibility_internal::kNoteRank;
}

constexpr std::string_view kStatusTags[] = {"[· 提示 note   ]", "[✓ 符合 pass   ]",
                                            "[? 待定 pending]", "[✗ 不符 fail   ]"};

std::string_view DecisionZh(std::string_view decision) {
  if (decision == "eligible") return "符合参评条件";
  if (decision == "ineligible") return "不符合参评条件";
  return "待定";
}

}  // namespace

std::string RenderEligibilityText(const bj::value& result) {
  std::string out;
  const bj::object* o = result.if_object();
  if (o == nullptr) return out;
  const std::string_view id = ResultString(*o, "application_id");
  CatTo(out, "资格审查 Eligibility", id.empty() ? "" : " — ", id, "\n");
  const std::string_view decision = ResultString(*o, "decision");
  CatTo(out, "结论 Decision:        ", DecisionZh(decision), " ", decision);
  if (const bj::value* d = o->if_contains("disqualified"); d != nullptr && d->is_bool() && d->get_bool()) {
    out += " · 直接取消参评资格 disqualified";
  }
  out += '\n';
  if (const bj::value* w = o->if_contains("window"); w != nullptr && w->is_object()) {
    CatTo(out, "考察期 Window:        ", ResultString(w->get_object(), "from"), " .. ",
          ResultString(w->get_object(), "to"), "\n");
  }
  const std::string_view from = ResultString(*o, "eligible_from");
  CatTo(out, "可重新申请 Eligible from: ", from.empty() ? "— (n/a)" : from, "\n");

  const bj::value* findings = o->if_contains("findings");
  const bj::array* list = findings != nullptr ? findings->if_array() : nullptr;
  for (size_t r = 0; r < kEligibilityRuleCount; ++r) {
    const std::string_view rule = kEligibilityRuleIds[r];
    int worst = -1;
    std::string zh, en;
    if (list != nullptr) {
      for (const bj::value& fv : *list) {
        const bj::object* f = fv.if_object();
        if (f == nullptr || ResultString(*f, "rule") != rule) continue;
        worst = std::max(worst, StatusRank(ResultString(*f, "status")));
        if (!zh.empty()) zh += "；";
        zh += ResultString(*f, "message_zh");
        if (!en.empty()) en += "; ";
        en += ResultString(*f, "message");
      }
    }
    // ELIG.IN_FORCE has a finding only for a filing before the Measures took effect; otherwise
    // the checklist says nothing about it (and stays as it was before the rule existed).
    if (worst < 0 && static_cast<EligibilityRule>(r) == EligibilityRule::kInForce) continue;
    if (worst < 0) {  // only ELIG.RECOVERY can have no finding
      CatTo(out, "[— 不适用 n/a  ] ", rule,
            decision == "ineligible"
                ? ": 有不符合项不会随时间移出考察期，无可重新申请日期 | a failure is not time-bound: no date to apply again\n"
                : ": 无不符合项 | nothing fails\n");
      continue;
    }
    const std::string_view article = kEligibilityRuleArticles[r];
    CatTo(out, kStatusTags[worst], " ", rule);
    if (article != "-") CatTo(out, " (Art. ", article, ")");
    CatTo(out, ": ", zh, " | ", en, "\n");
  }
  return out;
}

}  // namespace sqp::internal
