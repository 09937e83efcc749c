#include "ops/eligibility_codec.hpp"

#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <utility>

#include "codec/schema.hpp"
#include "engine/operation.hpp"
#include "ops/message_template.hpp"
#include "ops/report_text.hpp"
#include "rules/internal/eligibility.hpp"
#include "strings.hpp"
#include "vocabulary_codec.hpp"

namespace sqp::internal {

// ---- sqp.application/1 (CONTRACT.md §2, §7; READ.MEMBERS, READ.ABSENT) --------------------
// The one description of the document: the general decoder (DecodeApplication), the fast one
// (DecodeApplicationText) and strict reading's member table (kApplicationMembers) are all made
// from it (src/codec/schema.hpp). Members are listed in the order strict reading names them.

namespace {

namespace bj = boost::json;
using namespace codec::schema;

constexpr std::int64_t kMaxStaffCount = 10'000'000;
constexpr std::int64_t kMaxShifts = 100;

// Annex 2's descriptive members: checked for their type, not used by any rule.
using Contact = Object<Nothing, Field<"name", kOptional, String>,
                       Field<"department", kOptional, String>, Field<"mobile", kOptional, String>,
                       Field<"phone", kOptional, String>, Field<"address", kOptional, String>,
                       Field<"postcode", kOptional, String>, Field<"email", kOptional, String>>;
using Manager = Object<Nothing, Field<"name", kOptional, String>, Field<"title", kOptional, String>>;
// Absent means no shift work.
using Shifts = Object<Nothing, Field<"count", kRequired, Integer<1, kMaxShifts>>,
                      Field<"staff_per_shift", kOptional, Integer<0, kMaxStaffCount>>>;

// Listed as strict reading names them; read "type" first, as the issues have always come.
using Site = ReadInOrder<Object<
    Application, Field<"name", kOptional, String>,
    Field<"type", kRequired, EnumOf<SiteType, kSiteTypeNames>, &Application::site_type>,  // ELIG.SCOPE
    Field<"address", kOptional, String>,
    Field<"staff_count", kOptional, Integer<0, kMaxStaffCount>>,
    Field<"area_m2", kOptional, NonNegativeDecimal>,
    Field<"established_on", kOptional, DateValue>, Field<"contact", kOptional, Contact>,
    Field<"manager", kOptional, Manager>, Field<"shifts", kOptional, Shifts>,
    Field<"services", kOptional, String>>, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9>;

// ELIG.LICENSE: an absent or null licence is "no licence"; no valid_until is "valid".
using Licence = Object<TelecomLicense, Field<"number", kOptional, String>,
                       Field<"valid_until", kOptional, DateValue, &TelecomLicense::valid_until>>;

// Read in the order its issues have always come: the descriptive strings first.
using Enterprise = ReadInOrder<Object<
    Application, Field<"name", kOptional, String>,
    Field<"credit_code", kOptional, String, &Application::credit_code>,  // ELIG.CREDIT_CODE
    Field<"business_registered", kOptional, Bool, &Application::business_registered>,
    Field<"telecom_license", kOptional, Licence, &Application::telecom_license>,
    Field<"legal_representative", kOptional, String>, Field<"parent", kOptional, String>>,
    0, 4, 5, 1, 2, 3>;

// ELIG.INDICATORS: the values are named by the rulebook's indicators (strict reading checks the
// names against them; the fast path reads only those).
using Indicators = Object<
    Application, Field<"attested", kOptional, Bool, &Application::indicators_attested>,
    Field<"values", kOptional, NamedValues<DecimalValue>, &Application::indicator_values>>;

// ELIG.ACCIDENT, ELIG.CRITICISM, ELIG.ADVERSE: dated records with Annex 2's notes.
using AccidentRecord =
    Object<Accident, Field<"date", kRequired, DateValue, &Accident::date>,
           Field<"severity", kRequired, EnumOf<AccidentSeverity, kAccidentSeverityNames>,
                 &Accident::severity>,
           Field<"summary", kOptional, String>>;
using CriticismRecord =
    Object<Criticism, Field<"date", kRequired, DateValue, &Criticism::date>,
           Field<"subject", kRequired, EnumOf<CriticismSubject, kCriticismSubjectNames>,
                 &Criticism::subject>,
           Field<"document_no", kOptional, String>, Field<"summary", kOptional, String>>;
using AdverseRecordEntry =
    Object<AdverseRecord, Field<"date", kRequired, DateValue, &AdverseRecord::date>,
           Field<"regulator_opinion", kRequired, EnumOf<RegulatorOpinion, kRegulatorOpinionNames>,
                 &AdverseRecord::opinion>,
           Field<"source", kOptional, String>, Field<"summary", kOptional, String>>;

// ELIG.TRAINED_STAFF.
using StaffMember = Object<TrainedStaff, Field<"name", kOptional, String>,
                           Field<"certificate_no", kOptional, String, &TrainedStaff::certificate_no>>;

// ELIG.KIND: the certificate a renewal or an upgrade builds on.
using Certificate =
    Object<CurrentCertificate,
           Field<"certified_on", kRequired, DateValue, &CurrentCertificate::certified_on>,
           Field<"grade", kOptional, String>>;

using ApplicationDocument = Object<
    Application, Field<"schema", kRequired, SchemaName<"sqp.application/1">>,
    Field<"application_id", kOptional, String, &Application::application_id>,
    Field<"kind", kRequired, EnumOf<ApplicationKind, kApplicationKindNames>, &Application::kind>,
    Field<"applied_on", kRequired, DateValue, &Application::applied_on>,
    Field<"site", kRequired, Site, kInline>,
    Field<"enterprise", kRequired, Enterprise, kInline>,
    Field<"quality_indicators", kOptional, Indicators, kInline,
          &Application::has_quality_indicators>,
    // READ.ABSENT: each list's flag says it was given ([] included; absent and null are not).
    Field<"accidents", kOptional, List<AccidentRecord>, &Application::accidents,
          &Application::accidents_recorded>,
    Field<"regulator_criticisms", kOptional, List<CriticismRecord>, &Application::criticisms,
          &Application::criticisms_recorded>,
    Field<"adverse_records", kOptional, List<AdverseRecordEntry>, &Application::adverse_records,
          &Application::adverse_records_recorded>,
    Field<"trained_staff", kOptional, List<StaffMember>, &Application::trained_staff>,
    Field<"current_certificate", kOptional, Certificate, &Application::current_certificate>>;

// The fast path reads only the indicator names the rulebook defines.
struct RulebookIndicators {
  const Rulebook& rulebook;
  bool Accepts(std::string_view name) const { return rulebook.indicators.Find(name) != nullptr; }
};

}  // namespace

constinit const json::ObjectDef kApplicationMembers = ApplicationDocument::kMembers;

namespace {

// ---- Messages ------------------------------------------------------------------------------


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
    } else if (kMax > 64 && n > 64 && n <= 256) {
      // A message template's longer pieces (Chinese wording runs to a few hundred bytes).
      for (size_t i = 0; i + 16 < n; i += 16) Copy16(to + i, from + i);
      Copy16(to + n - 16, from + n - 16);
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

// The words that join a list in a message, English then Chinese (eligibility_messages.def).
struct ListWords {
  std::string_view between, last, none;
};
constexpr ListWords kListWords[] = {
#define SQP_MESSAGE(...)
#define SQP_LIST_WORDS(en_between, en_last, en_none, zh_between, zh_last, zh_none) \
  {en_between, en_last, en_none}, {zh_between, zh_last, zh_none}
#include "ops/eligibility_messages.def"
#undef SQP_LIST_WORDS
#undef SQP_MESSAGE
};

// The disqualifying accident grades, "larger, major or especially major" / "较大、重大或特别重大".
void AppendDisqualifyingGrades(const Rulebook& rb, bool zh, Text& t) {
  const ListWords& words = kListWords[zh ? 1 : 0];
  size_t total = 0;
  for (bool d : rb.eligibility.disqualifying_severity) total += d ? 1 : 0;
  size_t written = 0;
  for (size_t s = 0; s < kAccidentSeverityCount; ++s) {
    if (!rb.eligibility.disqualifying_severity[s]) continue;
    if (written > 0) t << (written + 1 == total ? words.last : words.between);
    t << (zh ? kAccidentSeverityNamesZh[s] : kAccidentSeverityNamesEn[s]);
    ++written;
  }
  if (total == 0) t << words.none;
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

// ---- Message templates (eligibility_messages.def) --------------------------------------------

// The slots a template may name, and how many wordings each selects among: the one list of them
// (a slot's enumerator is spelt as templates name it).
#define SQP_ELIGIBILITY_SLOTS(X)                                                                  \
  X(site_type, 0) X(credit_code, 0) X(quoted_credit_code, 0) X(credit_code_length, 0)             \
  X(bad_character, 0) X(bad_character_position, 0) X(expected_check, 0) X(given_check, 0)         \
  X(date, 0) X(related, 0) X(applied_on, 0) X(window, 0) X(window_end, 0) X(recovery_window, 0)   \
  X(indicator, 0) X(value, 0) X(bound, 0) X(direction, 2) X(unmeasured, 0)                        \
  X(quoted_indicator_name, 0) X(count, 0) X(count_plural, 2) X(staff_listed, 0)                   \
  X(min_trained_staff, 0) X(upgrade_min_months, 0) X(severity, 0) X(subject, 0) X(opinion, 0)     \
  X(disqualifying_grades, 0) X(list_member, 0) X(kind, 0)

enum class Slot : std::uint8_t {
#define SQP_SLOT_ENUMERATOR(name, wordings) name,
  SQP_ELIGIBILITY_SLOTS(SQP_SLOT_ENUMERATOR)
#undef SQP_SLOT_ENUMERATOR
};

constexpr std::array kSlots = {
#define SQP_SLOT_NAME(name, wordings) message::SlotName{#name, wordings},
    SQP_ELIGIBILITY_SLOTS(SQP_SLOT_NAME)
#undef SQP_SLOT_NAME
};
#undef SQP_ELIGIBILITY_SLOTS

struct MessageLine {
  FindingReason reason;
  int variant;
  message::Template en;
  message::Template zh;
};

constexpr MessageLine kMessageLines[] = {
#define SQP_MESSAGE(reason, variant, en, zh) \
  {FindingReason::reason, variant, message::Parse(en, kSlots), message::Parse(zh, kSlots)},
#define SQP_LIST_WORDS(...)
#include "ops/eligibility_messages.def"
#undef SQP_LIST_WORDS
#undef SQP_MESSAGE
};

// Where each reason's lines start in kMessageLines, and how many variants it has.
struct MessageIndex {
  std::array<std::uint8_t, kFindingReasonCount> first{};
  std::array<std::uint8_t, kFindingReasonCount> variants{};
};

// Not constexpr: reached while indexing, it stops the compilation there.
void MessageFault_ReasonOutOfOrderOrMissing() {}
void MessageFault_VariantOutOfOrder() {}

consteval MessageIndex IndexMessageLines() {
  MessageIndex index;
  size_t next_reason = 0;
  for (size_t i = 0; i < std::size(kMessageLines); ++i) {
    const auto reason = static_cast<size_t>(kMessageLines[i].reason);
    if (kMessageLines[i].variant == 0) {
      if (reason != next_reason) MessageFault_ReasonOutOfOrderOrMissing();
      index.first[reason] = static_cast<std::uint8_t>(i);
      ++next_reason;
    } else if (reason + 1 != next_reason || kMessageLines[i].variant != index.variants[reason]) {
      MessageFault_VariantOutOfOrder();
    }
    ++index.variants[reason];
  }
  if (next_reason != kFindingReasonCount) MessageFault_ReasonOutOfOrderOrMissing();
  return index;
}
constexpr MessageIndex kMessageIndex = IndexMessageLines();

// The variant of a finding's message (eligibility_messages.def numbers them).
int MessageVariant(const MessageContext& c, const Finding& f) {
  using R = FindingReason;
  switch (f.reason) {
    case R::kNoAdverseObjection:
      return f.count > 0 ? 1 : 0;
    case R::kAfterAppliedOn: {
      // The window ends on applied_on unless the batch is next year's: then the message names
      // the window's end, which is what the record is after.
      const int ends_later = c.result.window.last == c.app.applied_on ? 0 : 1;
      switch (f.rule) {
        case EligibilityRule::kAccident: return ends_later;
        case EligibilityRule::kCriticism: return 2 + ends_later;
        default: return 4 + ends_later;
      }
    }
    default:
      return 0;
  }
}
static_assert(kMessageIndex.variants[static_cast<size_t>(FindingReason::kNoAdverseObjection)] == 2);
static_assert(kMessageIndex.variants[static_cast<size_t>(FindingReason::kAfterAppliedOn)] == 6);

// Inlined where each template names its slots, so the switch folds to the one case.
[[gnu::always_inline]] inline void WriteSlot(Slot slot, const message::Piece& piece,
                                             const MessageContext& c, const Finding& f, bool zh,
                                             Text& t) {
  const Application& app = c.app;
  switch (slot) {
    case Slot::site_type:
      t << (zh ? kSiteTypeNamesZh[Index(app.site_type)] : SiteTypeName(app.site_type));
      return;
    case Slot::credit_code: t.User(*app.credit_code); return;
    case Slot::quoted_credit_code: t.Quoted(*app.credit_code); return;
    case Slot::credit_code_length: t << CharCount(*app.credit_code); return;
    case Slot::bad_character:  // count = the character's byte offset
      t.Quoted(CharAt(*app.credit_code, static_cast<size_t>(f.count)));
      return;
    case Slot::bad_character_position:
      t << CharCount(app.credit_code->substr(0, static_cast<size_t>(f.count))) + 1;
      return;
    case Slot::expected_check: t << static_cast<char>(f.detail); return;
    case Slot::given_check: t << app.credit_code->back(); return;
    case Slot::date: t << f.date; return;
    case Slot::related: t << f.related; return;
    case Slot::applied_on: t << AppliedOn(c); return;
    case Slot::window: t << Window(c); return;
    case Slot::window_end: t << c.result.window.last; return;
    case Slot::recovery_window: {
      const DayRange then = EligibilityWindow(c.rb, f.date);
      t << then.first << ".." << then.last;
      return;
    }
    case Slot::indicator: {
      const IndicatorDefinition& def = DefinitionOf(c.rb, f);
      t.User(zh ? def.label_zh : def.label_en);
      return;
    }
    case Slot::value: AppendMeasure(t, f.value, DefinitionOf(c.rb, f).unit); return;
    case Slot::bound: {
      const IndicatorDefinition& def = DefinitionOf(c.rb, f);
      AppendMeasure(t, def.bound, def.unit);
      return;
    }
    case Slot::direction:
      t << piece.wordings[DefinitionOf(c.rb, f).direction == BoundDirection::kAtMost ? 0 : 1];
      return;
    case Slot::unmeasured: AppendUnmeasured(c, zh, t); return;
    case Slot::quoted_indicator_name: t.Quoted(app.indicator_values[f.evidence.index].name); return;
    case Slot::count: t << f.count; return;
    case Slot::count_plural: t << piece.wordings[f.count == 1 ? 0 : 1]; return;
    case Slot::staff_listed: t << f.detail; return;
    case Slot::min_trained_staff: t << c.rb.eligibility.min_trained_staff; return;
    case Slot::upgrade_min_months: t << c.rb.certificate.upgrade_min_months; return;
    case Slot::severity: {
      const auto grade = static_cast<size_t>(f.detail);
      t << (zh ? kAccidentSeverityNamesZh[grade] : kAccidentSeverityNamesEn[grade]);
      return;
    }
    case Slot::subject: {
      const auto subject = static_cast<size_t>(f.detail);
      t << (zh ? kCriticismSubjectNamesZh[subject] : kCriticismSubjectNames[subject]);
      return;
    }
    case Slot::opinion: {
      const auto opinion = static_cast<size_t>(f.detail);
      t << (zh ? kRegulatorOpinionNamesZh[opinion] : kRegulatorOpinionNamesEn[opinion]);
      return;
    }
    case Slot::disqualifying_grades: AppendDisqualifyingGrades(c.rb, zh, t); return;
    case Slot::list_member: t << ListMember(f.rule); return;
    case Slot::kind: {
      const auto kind = static_cast<size_t>(app.kind);
      t << (zh ? kApplicationKindNamesZh[kind] : kApplicationKindNames[kind]);
      return;
    }
  }
}

// One template written out: the compiler unrolls its pieces, so each literal piece is a copy of
// known size and each slot a direct call, as a hand-written message would be.
template <size_t kLine, bool kZh, size_t kPiece>
[[gnu::always_inline]] inline void WritePiece(const MessageContext& c, const Finding& f, Text& t) {
  constexpr const message::Template& tpl = kZh ? kMessageLines[kLine].zh : kMessageLines[kLine].en;
  constexpr const message::Piece& piece = tpl.pieces[kPiece];
  t << piece.literal;
  if constexpr (piece.slot != message::kNoSlot) {
    WriteSlot(static_cast<Slot>(piece.slot), piece, c, f, kZh, t);
  }
}

template <size_t kLine, bool kZh, size_t... kPieces>
void WriteLine(const MessageContext& c, const Finding& f, Text& t,
               std::index_sequence<kPieces...>) {
  (WritePiece<kLine, kZh, kPieces>(c, f, t), ...);
}

template <size_t kLine, bool kZh>
void WriteLine(const MessageContext& c, const Finding& f, Text& t) {
  constexpr size_t kPieces = (kZh ? kMessageLines[kLine].zh : kMessageLines[kLine].en).size;
  WriteLine<kLine, kZh>(c, f, t, std::make_index_sequence<kPieces>());
}

using LineWriter = void (*)(const MessageContext&, const Finding&, Text&);

// Each line's writers, English and Chinese.
constexpr auto kLineWriters = []<size_t... kLines>(std::index_sequence<kLines...>) {
  return std::array<std::array<LineWriter, 2>, sizeof...(kLines)>{
      {{&WriteLine<kLines, false>, &WriteLine<kLines, true>}...}};
}(std::make_index_sequence<std::size(kMessageLines)>());

// The finding's message in English or Chinese.
void WriteMessage(const MessageContext& c, const Finding& f, bool zh, Text& t) {
  const size_t reason = static_cast<size_t>(f.reason);
  kLineWriters[kMessageIndex.first[reason] + MessageVariant(c, f)][zh ? 1 : 0](c, f, t);
}

// The opening of a finding's JSON object up to its status's value, for every rule and status:
// `,{"rule":"ELIG.SCOPE","article":"5","status":"pass` — one copy per finding instead of six
// pieces, since a batch writes some ten findings a document.
struct FindingHead {
  char text[96];
  size_t size;
};
constexpr auto kFindingHeads = [] {
  std::array<std::array<FindingHead, kFindingStatusNames.size()>, kEligibilityRuleCount> heads{};
  for (size_t r = 0; r < kEligibilityRuleCount; ++r) {
    for (size_t status = 0; status < kFindingStatusNames.size(); ++status) {
      FindingHead& head = heads[r][status];
      for (const std::string_view piece :
           {std::string_view(R"(,{"rule":")"), kEligibilityRuleIds[r],
            std::string_view(R"(","article":")"), kEligibilityRuleArticles[r],
            std::string_view(R"(","status":")"), kFindingStatusNames[status]}) {
        for (const char c : piece) head.text[head.size++] = c;  // too long: not a constant
      }
    }
  }
  return heads;
}();

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

namespace {
// `out` made anew, as a default Application. Not `out = Application{}`: GCC 12 takes the
// moved-from inline storage of its lists (absl::InlinedVector) for uninitialised, a false
// -Wuninitialized.
void Renew(Application& out) {
  out.~Application();
  ::new (&out) Application();
}
}  // namespace

absl::Status DecodeApplication(const bj::value& v, const json::Loc& at, Application& out) {
  Renew(out);
  json::Issues issues;
  ReadDocument<ApplicationDocument>(v, at, issues, out);
  return codec::ToStatus(issues, ErrorCode::kInvalidInput);
}

bool DecodeApplicationText(std::string_view text, const json::JsonLimits& limits,
                           const Rulebook& rulebook, Application& out) {
  Renew(out);
  return ScanDocument<ApplicationDocument>(text, limits, out, RulebookIndicators{rulebook});
}

// ---- Messages (public) ---------------------------------------------------------------------

void AppendFindingMessage(const Rulebook& rb, const Application& app,
                          const EligibilityResult& result, const Finding& f, std::string& out) {
  Text t(out, false);
  WriteMessage(MessageContext(rb, app, result), f, false, t);
}

void AppendFindingMessageZh(const Rulebook& rb, const Application& app,
                            const EligibilityResult& result, const Finding& f, std::string& out) {
  Text t(out, false);
  WriteMessage(MessageContext(rb, app, result), f, true, t);
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
  // The four members as one piece of text, as the writer would write them member by member: a
  // batch writes this once a document, where a call per brace cost more than the rules.
  char text[160];
  char* p = text;
  const auto put = [&p](std::string_view piece) {
    std::memcpy(p, piece.data(), piece.size());
    p += piece.size();
  };
  put("\"");
  put(kDecisionNames[static_cast<size_t>(result.decision)]);
  put(result.disqualified ? R"(","disqualified":true)" : R"(","disqualified":false)");
  put(R"(,"window":{"from":")");
  p = result.window.first.Format(p);
  put(R"(","to":")");
  p = result.window.last.Format(p);
  put(R"("},"eligible_from":)");
  if (result.eligible_from) {
    put("\"");
    p = result.eligible_from->Format(p);
    put("\"");
  } else {
    put("null");
  }
  w.Key("decision");
  w.RawValue().append(text, static_cast<size_t>(p - text));
}

bool AppendEligibilityFindingItems(const Rulebook& rb, const Application& app,
                                   const EligibilityResult& result, std::string_view pointer_prefix,
                                   Messages messages, std::string& out) {
  const MessageContext context(rb, app, result);
  Text t(out, true);  // hands its text over to `out` when it ends
  bool first = true;
  for (const Finding& f : result.findings) {
    const FindingHead& head =
        kFindingHeads[static_cast<size_t>(f.rule)][static_cast<size_t>(f.status)];
    const size_t comma = first ? 1 : 0;  // the first item has no comma before it
    t << std::string_view(head.text + comma, head.size - comma);
    first = false;
    if (messages == Messages::kBoth || messages == Messages::kEn) {
      t << R"(","message":")";
      WriteMessage(context, f, false, t);
    }
    if (messages == Messages::kBoth || messages == Messages::kZh) {
      t << R"(","message_zh":")";
      WriteMessage(context, f, true, t);
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


constexpr std::string_view kStatusTags[] = {"[· 提示 note   ]", "[✓ 符合 pass   ]",
                                            "[? 待定 pending]", "[✗ 不符 fail   ]"};

std::string_view DecisionZh(std::string_view decision) {
  if (decision == "eligible") return "符合参评条件";
  if (decision == "ineligible") return "不符合参评条件";
  return "待定";
}

}  // namespace

std::string EligibilityReport(const Rulebook& rb, const Application& app,
                              const EligibilityResult& result) {
  std::string out;
  const std::string id = ReportString(app.application_id.value_or(""));
  CatTo(out, "资格审查 Eligibility", id.empty() ? "" : " — ", id, "\n");
  const std::string_view decision = kDecisionNames[static_cast<size_t>(result.decision)];
  CatTo(out, "结论 Decision:        ", DecisionZh(decision), " ", decision);
  if (result.disqualified) out += " · 直接取消参评资格 disqualified";
  out += '\n';
  CatTo(out, "考察期 Window:        ", result.window.first.ToString(), " .. ",
        result.window.last.ToString(), "\n");
  CatTo(out, "可重新申请 Eligible from: ",
        result.eligible_from ? result.eligible_from->ToString() : "— (n/a)", "\n");

  for (size_t r = 0; r < kEligibilityRuleCount; ++r) {
    const auto rule = static_cast<EligibilityRule>(r);
    int worst = -1;
    std::string zh, en;
    for (const Finding& f : result.findings) {
      if (f.rule != rule) continue;
      worst = std::max(worst, SeverityRank(f.status));
      std::string message;
      if (!zh.empty()) zh += "；";
      AppendFindingMessageZh(rb, app, result, f, message);
      zh += ReportString(message);
      message.clear();
      if (!en.empty()) en += "; ";
      AppendFindingMessage(rb, app, result, f, message);
      en += ReportString(message);
    }
    const std::string_view rule_id = kEligibilityRuleIds[r];
    // ELIG.IN_FORCE has a finding only for a filing before the Measures took effect; otherwise
    // the checklist says nothing about it (and stays as it was before the rule existed).
    if (worst < 0 && rule == EligibilityRule::kInForce) continue;
    if (worst < 0) {  // only ELIG.RECOVERY can have no finding
      CatTo(out, "[— 不适用 n/a  ] ", rule_id,
            result.decision == Decision::kIneligible
                ? ": 有不符合项不会随时间移出考察期，无可重新申请日期 | a failure is not time-bound: no date to apply again\n"
                : ": 无不符合项 | nothing fails\n");
      continue;
    }
    const std::string_view article = kEligibilityRuleArticles[r];
    CatTo(out, kStatusTags[worst], " ", rule_id);
    if (article != "-") CatTo(out, " (Art. ", article, ")");
    CatTo(out, ": ", zh, " | ", en, "\n");
  }
  return out;
}

}  // namespace sqp::internal
