// The fast path of the eligibility operation: an sqp.application/1 document read straight from
// its text into the typed Application (no DOM), for documents in the common shape. It mirrors
// DecodeApplication (eligibility_codec.cpp) member by member and declines everything that
// function would report — and any member the schema does not define (READ.MEMBERS), so the
// engine's member check gives that error, or its note — so errors keep coming from the one
// general path. Both are checked
// against each other on every bundled and generated document, on mutations of them
// (tests/eligibility_fast_decode_test.cpp) and by the sqp_fuzz_operations target.
#include <cmath>
#include <cstring>

#include "json/scanner.hpp"
#include "ops/eligibility_codec.hpp"

namespace sqp::internal {
namespace {

using json::Scanner;

constexpr std::int64_t kMaxStaffCount = 10'000'000;  // as DecodeSite
constexpr std::int64_t kMaxWholeIndicator = 1'000'000'000'000LL;  // as codec::ReadDecimal

// Known members of one object, Annex 2's informational ones included: a bit each, so a
// repeated name is caught (any other name declines the document).
class Seen {
 public:
  bool Known(unsigned bit) {
    if ((bits_ & (1u << bit)) != 0) return false;
    bits_ |= 1u << bit;
    return true;
  }
  bool Has(unsigned bit) const { return (bits_ & (1u << bit)) != 0; }

 private:
  unsigned bits_ = 0;
};

// `text == literal`, with the literal's size known where it is compared: a few inlined loads
// rather than a call to memcmp (a document has some forty member names to match).
template <size_t N>
[[gnu::always_inline]] inline bool Is(std::string_view text, const char (&literal)[N]) {
  return text.size() == N - 1 && std::memcmp(text.data(), literal, N - 1) == 0;
}

// The value of an optional string member: null leaves `out` unset.
bool OptionalString(Scanner& s, std::optional<std::string_view>& out) {
  if (s.ConsumeNull()) return true;
  std::string_view v;
  if (!s.String(v)) return false;
  out = v;
  return true;
}
bool OptionalStringIgnored(Scanner& s) {
  std::optional<std::string_view> ignored;
  return OptionalString(s, ignored);
}

bool RequiredDate(Scanner& s, Date& out) {
  std::string_view v;
  if (!s.String(v)) return false;
  const auto d = Date::Parse(v);
  if (!d) return false;
  out = *d;
  return true;
}
bool OptionalDate(Scanner& s, std::optional<Date>& out) {
  if (s.ConsumeNull()) return true;
  Date d;
  if (!RequiredDate(s, d)) return false;
  out = d;
  return true;
}

bool OptionalBool(Scanner& s, std::optional<bool>& out) {
  switch (s.Peek()) {
    case 'n': return s.Literal("null");
    case 't': out = true; return s.Literal("true");
    case 'f': out = false; return s.Literal("false");
    default: return false;
  }
}

// An optional object of Annex 2 whose members are all optional strings, named by `def`
// (kSiteContactMembers, kSiteManagerMembers: the tables DecodeApplication reads them from).
bool StringObject(Scanner& s, const json::ObjectDef& def, int depth) {
  if (s.ConsumeNull()) return true;
  Seen seen;
  return s.Object(depth, [&](std::string_view key) {
    for (size_t i = 0; i < def.members.size(); ++i) {
      if (def.members[i].key == key) {
        return seen.Known(static_cast<unsigned>(i)) && OptionalStringIgnored(s);
      }
    }
    return false;  // an unknown member: the general path reports it
  });
}

// The index of `key` in `names`, or -1.
int IndexOf(std::string_view key, std::span<const std::string_view> names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == key) return static_cast<int>(i);
  }
  return -1;
}

template <class E, size_t N>
bool RequiredEnum(Scanner& s, const std::array<std::string_view, N>& names, E& out) {
  std::string_view v;
  if (!s.String(v)) return false;
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == v) {
      out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

// A number codec::ReadDecimal reads: an integer inside its range, or a fraction of at most 15
// digits (the scanner's own bound) with at most Decimal::kPlaces decimals after trailing zeros —
// the numbers whose double gives back the decimal written, which is what the general path
// accepts (ParseDocument's inexact mark). Made from the digits themselves, as exactly.
bool ExactDecimal(Scanner& s, std::optional<Decimal>& out) {
  Scanner::NumberValue n;
  if (!s.Number(n)) return false;
  if (n.is_integer) {
    if (n.integer > -kMaxWholeIndicator && n.integer < kMaxWholeIndicator) {
      out = Decimal::FromInt(n.integer);
    }
    return out.has_value();
  }
  std::uint64_t mantissa = n.mantissa;
  int places = n.fraction_digits;
  for (; places > Decimal::kPlaces; --places) {
    if (mantissa % 10 != 0) return false;  // finer than a millionth
    mantissa /= 10;
  }
  constexpr auto kMaxUnits = static_cast<std::uint64_t>(Decimal::kMaxUnits);
  for (; places < Decimal::kPlaces; ++places) {
    if (mantissa > kMaxUnits / 10) return false;  // beyond the range (and before any overflow)
    mantissa *= 10;
  }
  if (mantissa > kMaxUnits) return false;
  const auto units = static_cast<std::int64_t>(mantissa);
  out = Decimal::FromUnits(n.negative ? -units : units);
  return true;
}

bool Site(Scanner& s, Application& out) {
  enum : unsigned { kType, kName, kAddress, kStaff, kArea, kEstablished, kContact, kManager, kServices };
  Seen seen;
  const bool read = s.Object(2, [&](std::string_view key) {
    if (Is(key, "type")) return seen.Known(kType) && RequiredEnum(s, kSiteTypeNames, out.site_type);
    if (Is(key, "name")) return seen.Known(kName) && OptionalStringIgnored(s);
    if (Is(key, "address")) return seen.Known(kAddress) && OptionalStringIgnored(s);
    if (Is(key, "staff_count")) {
      if (!seen.Known(kStaff)) return false;
      if (s.ConsumeNull()) return true;
      Scanner::NumberValue n;
      return s.Number(n) && n.is_integer && n.integer >= 0 && n.integer <= kMaxStaffCount;
    }
    if (Is(key, "area_m2")) {  // a non-negative exact decimal (CheckNonNegativeNumber)
      if (!seen.Known(kArea)) return false;
      if (s.ConsumeNull()) return true;
      std::optional<Decimal> area;
      return ExactDecimal(s, area) && !(*area < Decimal());
    }
    if (Is(key, "established_on")) {
      std::optional<Date> ignored;
      return seen.Known(kEstablished) && OptionalDate(s, ignored);
    }
    if (Is(key, "contact")) return seen.Known(kContact) && StringObject(s, kSiteContactMembers, 3);
    if (Is(key, "manager")) return seen.Known(kManager) && StringObject(s, kSiteManagerMembers, 3);
    if (Is(key, "services")) return seen.Known(kServices) && OptionalStringIgnored(s);
    return false;  // shifts (rare) and unknown members take the general path
  });
  return read && seen.Has(kType);
}

bool License(Scanner& s, Application& out) {
  if (s.ConsumeNull()) return true;  // ELIG.LICENSE: null is "no licence"
  enum : unsigned { kNumber, kValidUntil };
  Seen seen;
  TelecomLicense license;
  const bool read = s.Object(3, [&](std::string_view key) {
    if (Is(key, "number")) return seen.Known(kNumber) && OptionalStringIgnored(s);
    if (Is(key, "valid_until")) return seen.Known(kValidUntil) && OptionalDate(s, license.valid_until);
    return false;
  });
  if (read) out.telecom_license = license;
  return read;
}

bool Enterprise(Scanner& s, Application& out) {
  enum : unsigned { kName, kCreditCode, kRegistered, kLicense, kLegalRepresentative, kParent };
  Seen seen;
  return s.Object(2, [&](std::string_view key) {
    if (Is(key, "name")) return seen.Known(kName) && OptionalStringIgnored(s);
    if (Is(key, "credit_code")) return seen.Known(kCreditCode) && OptionalString(s, out.credit_code);
    if (Is(key, "business_registered")) {
      return seen.Known(kRegistered) && OptionalBool(s, out.business_registered);
    }
    if (Is(key, "telecom_license")) return seen.Known(kLicense) && License(s, out);
    if (Is(key, "legal_representative")) {
      return seen.Known(kLegalRepresentative) && OptionalStringIgnored(s);
    }
    if (Is(key, "parent")) return seen.Known(kParent) && OptionalStringIgnored(s);
    return false;
  });
}

// quality_indicators.values: every member a number that is an exact Decimal (codec::ReadDecimal)
// under a name the rulebook defines (anything else is the member check's to report).
bool IndicatorValues(Scanner& s, const Rulebook& rb, Application& out) {
  if (s.ConsumeNull()) return true;
  Scanner::Keys names;
  return s.Object(3, [&](std::string_view key) {
    if (!names.Add(key) || rb.indicators.Find(key) == nullptr) return false;
    std::optional<Decimal> d;
    if (!ExactDecimal(s, d)) return false;
    out.indicator_values.push_back({key, *d});
    return true;
  });
}

bool Indicators(Scanner& s, const Rulebook& rb, Application& out) {
  if (s.ConsumeNull()) return true;
  enum : unsigned { kAttested, kValues };
  Seen seen;
  std::optional<bool> attested;
  const bool read = s.Object(2, [&](std::string_view key) {
    if (Is(key, "attested")) return seen.Known(kAttested) && OptionalBool(s, attested);
    if (Is(key, "values")) return seen.Known(kValues) && IndicatorValues(s, rb, out);
    return false;
  });
  if (!read) return false;
  out.has_quality_indicators = true;
  if (attested) out.indicators_attested = *attested;
  return true;
}

// An optional array of objects, each with a required date, a required enum member and Annex 2's
// optional strings `notes` (accidents, regulator_criticisms, adverse_records). `recorded` says the
// array was given (READ.ABSENT: null is not given), as DecodeList's result.
template <class Item, size_t N, class E, size_t M, size_t K>
bool DatedList(Scanner& s, const char (&enum_key)[K], const std::array<std::string_view, M>& names,
               E Item::*field, std::span<const std::string_view> notes, InlineList<Item, N>& out,
               bool& recorded) {
  if (s.ConsumeNull()) return true;
  recorded = true;
  return s.Array(2, [&] {
    enum : unsigned { kDate, kEnum };
    Seen seen;
    Item item;
    const bool read = s.Object(3, [&](std::string_view key) {
      if (Is(key, "date")) return seen.Known(kDate) && RequiredDate(s, item.date);
      if (Is(key, enum_key)) return seen.Known(kEnum) && RequiredEnum(s, names, item.*field);
      const int note = IndexOf(key, notes);  // Annex 2's strings: a bit each after kEnum
      return note >= 0 && seen.Known(kEnum + 1 + static_cast<unsigned>(note)) &&
             OptionalStringIgnored(s);
    });
    if (!read || !seen.Has(kDate) || !seen.Has(kEnum)) return false;
    out.push_back(item);
    return true;
  });
}

bool Staff(Scanner& s, Application& out) {
  if (s.ConsumeNull()) return true;
  return s.Array(2, [&] {
    enum : unsigned { kName, kNumber };
    Seen seen;
    std::optional<std::string_view> number;
    const bool read = s.Object(3, [&](std::string_view key) {
      if (Is(key, "name")) return seen.Known(kName) && OptionalStringIgnored(s);
      if (Is(key, "certificate_no")) return seen.Known(kNumber) && OptionalString(s, number);
      return false;
    });
    if (!read) return false;
    out.trained_staff.push_back({number.value_or(std::string_view())});
    return true;
  });
}

bool Certificate(Scanner& s, Application& out) {
  if (s.ConsumeNull()) return true;
  enum : unsigned { kCertifiedOn, kGrade };
  Seen seen;
  Date certified_on;
  const bool read = s.Object(2, [&](std::string_view key) {
    if (Is(key, "certified_on")) return seen.Known(kCertifiedOn) && RequiredDate(s, certified_on);
    if (Is(key, "grade")) return seen.Known(kGrade) && OptionalStringIgnored(s);
    return false;
  });
  if (!read || !seen.Has(kCertifiedOn)) return false;
  out.current_certificate = CurrentCertificate{certified_on};
  return true;
}

}  // namespace

bool DecodeApplicationText(std::string_view text, const json::JsonLimits& limits,
                           const Rulebook& rb, Application& out) {
  out = Application{};
  if (text.size() > limits.max_input_bytes) return false;
  Scanner s(text, limits);
  enum : unsigned {
    kSchema, kId, kKind, kAppliedOn, kSite, kEnterprise, kIndicators, kAccidents, kCriticisms,
    kAdverse, kStaff, kCertificate
  };
  Seen seen;
  const bool read = s.Object(1, [&](std::string_view key) {
    if (Is(key, "schema")) {
      std::string_view schema;
      return seen.Known(kSchema) && s.String(schema) && Is(schema, "sqp.application/1");
    }
    if (Is(key, "application_id")) return seen.Known(kId) && OptionalString(s, out.application_id);
    if (Is(key, "kind")) return seen.Known(kKind) && RequiredEnum(s, kApplicationKindNames, out.kind);
    if (Is(key, "applied_on")) return seen.Known(kAppliedOn) && RequiredDate(s, out.applied_on);
    if (Is(key, "site")) return seen.Known(kSite) && Site(s, out);
    if (Is(key, "enterprise")) return seen.Known(kEnterprise) && Enterprise(s, out);
    if (Is(key, "quality_indicators")) return seen.Known(kIndicators) && Indicators(s, rb, out);
    if (Is(key, "accidents")) {
      static constexpr std::string_view kNotes[] = {"summary"};
      return seen.Known(kAccidents) &&
             DatedList(s, "severity", kAccidentSeverityNames, &Accident::severity, kNotes,
                       out.accidents, out.accidents_recorded);
    }
    if (Is(key, "regulator_criticisms")) {
      static constexpr std::string_view kNotes[] = {"document_no", "summary"};
      return seen.Known(kCriticisms) &&
             DatedList(s, "subject", kCriticismSubjectNames, &Criticism::subject, kNotes,
                       out.criticisms, out.criticisms_recorded);
    }
    if (Is(key, "adverse_records")) {
      static constexpr std::string_view kNotes[] = {"source", "summary"};
      return seen.Known(kAdverse) &&
             DatedList(s, "regulator_opinion", kRegulatorOpinionNames, &AdverseRecord::opinion,
                       kNotes, out.adverse_records, out.adverse_records_recorded);
    }
    if (Is(key, "trained_staff")) return seen.Known(kStaff) && Staff(s, out);
    if (Is(key, "current_certificate")) return seen.Known(kCertificate) && Certificate(s, out);
    return false;
  });
  return read && s.AtEnd() && seen.Has(kSchema) && seen.Has(kKind) && seen.Has(kAppliedOn) &&
         seen.Has(kSite) && seen.Has(kEnterprise);
}

}  // namespace sqp::internal
