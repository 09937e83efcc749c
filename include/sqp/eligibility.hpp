// Scope and eligibility (RULES.md §1; Art. 10, 11, 14(4), 14(14)): may a site take part at all,
// and why.
//
// `EvaluateEligibility(rulebook, application)` is pure and typed: no JSON, no I/O, no message
// text. A result carries *facts* — rule, status, the date, count or index that decided it, and
// where in the application the evidence sits — and the JSON codec (src/ops/eligibility_codec.*)
// spells them out in English and Chinese only when it writes a document. Lists use inline
// storage (heap only beyond their inline capacity), so evaluating a typical application does not
// allocate.
//
// Strings in an Application are views: whatever they point into (the parsed JSON document, the
// caller's own strings) must outlive the Application.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>

#include "absl/container/inlined_vector.h"
#include "sqp/certificate.hpp"
#include "sqp/credit_code.hpp"
#include "sqp/cycle.hpp"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/vocabulary.hpp"

namespace sqp {

// A list that keeps its first N items inline and moves to the heap only when it grows beyond
// them (Abseil's InlinedVector): a document's lists are short.
template <class T, size_t N>
using InlineList = absl::InlinedVector<T, N>;

// ---- The application (sqp.application/1) -------------------------------------------------

// ELIG.KIND (Art. 14(14)).
enum class ApplicationKind : std::uint8_t { kInitial, kRenewal, kUpgrade };
inline constexpr std::array<std::string_view, 3> kApplicationKindNames = {"initial", "renewal",
                                                                          "upgrade"};
inline constexpr std::array<std::string_view, 3> kApplicationKindNamesZh = {"首次申请", "换证申请",
                                                                            "升级申请"};

// ELIG.CRITICISM: who the regulator criticised.
enum class CriticismSubject : std::uint8_t { kSite, kEnterprise };
inline constexpr std::array<std::string_view, 2> kCriticismSubjectNames = {"site", "enterprise"};
inline constexpr std::array<std::string_view, 2> kCriticismSubjectNamesZh = {"服务现场", "企业"};

// ELIG.ADVERSE: the regulator's opinion on an adverse service record.
enum class RegulatorOpinion : std::uint8_t { kDisqualify, kPending, kNoObjection };
inline constexpr std::array<std::string_view, 3> kRegulatorOpinionNames = {
    "disqualify", "pending", "no_objection"};
inline constexpr std::array<std::string_view, 3> kRegulatorOpinionNamesEn = {
    "disqualify", "pending", "no objection"};
inline constexpr std::array<std::string_view, 3> kRegulatorOpinionNamesZh = {"取消资格", "待定",
                                                                             "无异议"};

struct Accident {
  Date date;
  AccidentSeverity severity = AccidentSeverity::kGeneral;
};
struct Criticism {
  Date date;
  CriticismSubject subject = CriticismSubject::kSite;
};
struct AdverseRecord {
  Date date;
  RegulatorOpinion opinion = RegulatorOpinion::kPending;
};
struct TrainedStaff {
  std::string_view certificate_no;  // "" when none is given
};
struct IndicatorValue {
  std::string_view name;  // a rulebook indicator name, "user_satisfaction_pct"
  Decimal value;
};
struct TelecomLicense {
  std::optional<Date> valid_until;  // none given: valid
};
struct CurrentCertificate {
  Date certified_on;
};

struct Application {
  std::optional<std::string_view> application_id;
  ApplicationKind kind = ApplicationKind::kInitial;
  Date applied_on;
  SiteType site_type = SiteType::kBusinessHall;
  // ELIG.REGISTRATION: nullopt when the document does not say (not confirmed: fails).
  std::optional<bool> business_registered;
  std::optional<std::string_view> credit_code;
  // ELIG.LICENSE: nullopt = no licence.
  std::optional<TelecomLicense> telecom_license;
  // ELIG.INDICATORS.
  bool has_quality_indicators = false;  // the member is present (evidence pointers only)
  bool indicators_attested = false;
  InlineList<IndicatorValue, 8> indicator_values;
  // Time-bound records (ELIG.ACCIDENT, ELIG.CRITICISM, ELIG.ADVERSE).
  InlineList<Accident, 8> accidents;
  InlineList<Criticism, 8> criticisms;
  InlineList<AdverseRecord, 8> adverse_records;
  // READ.ABSENT: whether each list was given at all. An empty list that was given ([]) records
  // that the reverse investigation (Art. 14(4)) found nothing and passes; one not given (absent
  // or null in JSON) means the investigation has not been recorded, and its rule is pending. The
  // default is "not recorded", so a typed caller must say so explicitly even for an empty list:
  // forgetting it can delay a verdict, never pass an uninvestigated site.
  bool accidents_recorded = false;
  bool criticisms_recorded = false;
  bool adverse_records_recorded = false;
  // ELIG.TRAINED_STAFF.
  InlineList<TrainedStaff, 8> trained_staff;
  // ELIG.KIND: needed for renewal and upgrade.
  std::optional<CurrentCertificate> current_certificate;
};

// ---- The result (sqp.eligibility/1) -------------------------------------------------------

// The rules, their IDs and their articles (RULES.md §1), from the catalogue.
enum class EligibilityRule : std::uint8_t {
#define SQP_ELIGIBILITY_RULE(enumerator, id, article) enumerator,
#include "sqp/rule_catalogue.def"
};
inline constexpr std::array kEligibilityRuleIds = {
#define SQP_ELIGIBILITY_RULE(enumerator, id, article) std::string_view(id),
#include "sqp/rule_catalogue.def"
};
inline constexpr size_t kEligibilityRuleCount = kEligibilityRuleIds.size();
inline constexpr std::array kEligibilityRuleArticles = {
#define SQP_ELIGIBILITY_RULE(enumerator, id, article) std::string_view(article),
#include "sqp/rule_catalogue.def"
};
constexpr std::string_view RuleId(EligibilityRule r) {
  return kEligibilityRuleIds[static_cast<size_t>(r)];
}
constexpr std::string_view RuleArticle(EligibilityRule r) {
  return kEligibilityRuleArticles[static_cast<size_t>(r)];
}

enum class FindingStatus : std::uint8_t { kPass, kFail, kPending, kNote };
inline constexpr std::array<std::string_view, 4> kFindingStatusNames = {"pass", "fail", "pending",
                                                                        "note"};
// A status's severity, from note (0) through pass (1) and pending (2) to fail (3): a rule's status
// is the most severe of its findings' (in the ELIG.* rules and the case's), and the Python binding's
// FINDING_STATUSES_BY_SEVERITY is written in this order.
constexpr int SeverityRank(FindingStatus s) {
  switch (s) {
    case FindingStatus::kFail: return 3;
    case FindingStatus::kPending: return 2;
    case FindingStatus::kPass: return 1;
    case FindingStatus::kNote: return 0;
  }
  return 0;
}

enum class Decision : std::uint8_t { kEligible, kIneligible, kPending };
inline constexpr std::array<std::string_view, 3> kDecisionNames = {"eligible", "ineligible",
                                                                   "pending"};

// Where a finding's evidence sits in the application; the codec turns it into a JSON pointer.
enum class EvidencePlace : std::uint8_t {
  kNone,                // no single place (the pointer is null)
  kSiteType,            // /site/type
  kEnterprise,          // /enterprise (a member that should be there is absent)
  kBusinessRegistered,  // /enterprise/business_registered
  kCreditCode,          // /enterprise/credit_code
  kTelecomLicense,      // /enterprise/telecom_license
  kLicenseValidUntil,   // /enterprise/telecom_license/valid_until
  kQualityIndicators,   // /quality_indicators
  kAttested,            // /quality_indicators/attested
  kIndicatorValue,      // /quality_indicators/values/<indicator_values[index].name>
  kAccident,            // /accidents/<index>
  kCriticism,           // /regulator_criticisms/<index>
  kAdverseRecord,       // /adverse_records/<index>
  kTrainedStaff,        // /trained_staff
  kKind,                // /kind
  kCertifiedOn,         // /current_certificate/certified_on
};
struct Evidence {
  EvidencePlace place = EvidencePlace::kNone;
  std::uint32_t index = 0;
};

// What a finding states. Each reason has one message (English and Chinese) built from the
// finding's facts; the comment says which facts it uses.
enum class FindingReason : std::uint8_t {
  // ELIG.SCOPE
  kSiteTypeListed,     // pass: a site type Art. 10 names
  kSiteTypeVoluntary,  // note: other_ict, joining voluntarily
  // ELIG.REGISTRATION
  kNotRegistered,            // fail: business_registered is false
  kRegistrationUnconfirmed,  // fail: business_registered is absent
  kCreditCodeValid,          // pass
  kCreditCodeWrongLength,    // fail
  kCreditCodeBadCharacter,   // fail: count = 0-based byte offset of the bad character
  kCreditCodeWrongCheck,     // fail: detail = the expected check character
  kCreditCodeAbsent,         // pending
  // ELIG.LICENSE
  kNoLicense,        // fail
  kLicenseExpired,   // fail: date = valid_until
  kLicenseValid,     // pass: date = valid_until
  kLicenseNoExpiry,  // pass
  // ELIG.INDICATORS (detail = definition index, value = the measured value)
  kIndicatorMet,            // pass
  kIndicatorMissed,         // fail
  kIndicatorsSelfAttested,  // pass: count = required indicators not measured
  kIndicatorsUnreported,    // pending: count = required indicators not measured
  kIndicatorUnknown,        // note: a measured value the rulebook does not define
  kNoIndicatorsRequired,    // pass: the rulebook requires none for the site type
  // Time-bound records (date = the record's date, detail = its severity/subject/opinion)
  kDisqualifyingAccident,    // fail
  kAccidentNoted,            // note: a grade that does not disqualify, inside the window
  kNoDisqualifyingAccident,  // pass
  kCriticismInWindow,        // fail
  kNoCriticism,              // pass
  kAdverseDisqualify,        // fail
  kAdversePending,           // pending
  kNoAdverseObjection,       // pass: count = records inside the window with no objection
  kAfterAppliedOn,           // note: a record dated after the window's end, never counted
  kInvestigationNotRecorded,  // pending: the rule's list is absent (READ.ABSENT)
  // ELIG.TRAINED_STAFF (count = distinct certificate numbers, detail = staff listed)
  kEnoughTrainedStaff,  // pass
  kTooFewTrainedStaff,  // fail
  // ELIG.KIND
  kInitialApplication,       // pass
  kInitialWhileCertified,    // fail: date = the certificate's last valid day, related = certified_on
  kCertificateMissing,       // fail: renewal/upgrade without current_certificate
  // (related = certified_on for the rest)
  kCertifiedAfterAppliedOn,  // fail: date = certified_on
  kRenewalWithinValidity,    // pass: date = the certificate's last valid day
  kTreatedAsInitial,         // note: date = the certificate's last valid day
  kUpgradeAllowed,           // pass: date = earliest upgrade date
  kUpgradeTooEarly,          // fail: date = earliest upgrade date
  // ELIG.RECOVERY
  kRecoveryDate,  // note: date = eligible_from, related = the latest time-bound failure's date
  // ELIG.IN_FORCE
  kBeforeInForce,  // note: date = the rulebook's in_force_from
};
inline constexpr size_t kFindingReasonCount = static_cast<size_t>(FindingReason::kBeforeInForce) + 1;

struct Finding {
  EligibilityRule rule = EligibilityRule::kScope;
  FindingStatus status = FindingStatus::kPass;
  FindingReason reason = FindingReason::kSiteTypeListed;
  Evidence evidence;
  Date date;
  Date related;  // a second date: KIND the certification date, RECOVERY the latest failure's date
  std::int32_t count = 0;
  std::int32_t detail = 0;
  Decimal value;
};

struct EligibilityResult {
  Decision decision = Decision::kEligible;
  bool disqualified = false;  // ELIG.ACCIDENT, ELIG.ADVERSE `disqualify`: 直接取消参评资格
  DayRange window;            // the look-back window
  std::optional<Date> eligible_from;  // ELIG.RECOVERY
  // Per rule: fail if any finding fails, else pending if any is pending, else pass if any
  // passes, else note (also for a rule with no finding, i.e. ELIG.RECOVERY without a date).
  std::array<FindingStatus, kEligibilityRuleCount> rule_status{};
  InlineList<Finding, 24> findings;

  FindingStatus StatusOf(EligibilityRule r) const { return rule_status[static_cast<size_t>(r)]; }
};

// ---- The rules -----------------------------------------------------------------------------
// Written in src/rules/eligibility.cpp, one check per rule.

// The look-back window for an application filed on `applied_on` (RULES.md §1): the union of
// Art. 11's rolling "last three years", applied_on - lookback years .. applied_on (READ.PERIOD),
// and Art. 14(4)'s reverse investigation of the batch over "近三年内（不含当年）", the calendar years
// B - lookback .. B - 1 where B is the batch year (CYCLE.BATCH, the rulebook's acceptance months).
// The two always overlap or touch, so the union is one range: a filing whose batch is its own year
// Y gives Y-3-01-01 .. applied_on; a November or December filing joins next year's batch, so its
// window runs from applied_on - 3 years to December 31 of its own year (2026-11-22 →
// 2023-11-22..2026-12-31), past applied_on. A lookback of 0 leaves no calendar years: applied_on.
DayRange EligibilityWindow(const Rulebook& rb, Date applied_on);

// ELIG.RECOVERY: the earliest filing date after `applied_on` whose window starts after `event`,
// searched over EligibilityWindow itself rather than guessed from a formula. The window's first
// day never decreases as the filing date moves later (both of its parts only move forward), so
// the filing dates that exclude the event form a suffix of the calendar and a bisection over day
// numbers finds its first day. The upper bound is certain: lookback + 1 years after the event the
// rolling part starts a year after it, and the batch year is at least event year + lookback + 1.
Date EarliestFilingExcluding(const Rulebook& rb, Date applied_on, Date event);

// Evaluates every ELIG.* rule for `app` into `out` (cleared first; reusing one result object
// across calls reuses its storage). Events dated after the window's end are reported as notes
// and never counted; events after applied_on but inside the window (a November or December
// filing, whose batch investigation covers its whole year) are counted.
void EvaluateEligibility(const Rulebook& rb, const Application& app, EligibilityResult& out);

EligibilityResult EvaluateEligibility(const Rulebook& rb, const Application& app);

}  // namespace sqp
