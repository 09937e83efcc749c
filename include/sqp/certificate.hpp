// Certificate lifecycle (RULES.md §4; Art. 14(10), 14(12)-(14)): validity, annual supervision,
// revocation, upgrade and renewal, as typed C++ over the rulebook's `certificate` numbers.
//
// Everything here is pure and allocation-free: a CertificateDates is a fixed-size value, so the
// C ABI's typed functions and a CRM's hot loop can compute it without touching the heap. The date
// functions (LastValidDay through CertificateStatusOn) are inline here on purpose: they are the
// hot path of the C ABI's sqp_certificate_compute, which writes date by date into the caller's
// struct, and of ELIG.KIND. The verdicts and the whole evaluation are in src/rules/certificate.cpp.
// The JSON door (src/ops/certificate_op.cpp) only validates input, calls these and writes the
// result.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "sqp/date.hpp"
#include "sqp/rulebook.hpp"

namespace sqp {

// CERT.VALIDITY: the certificate's state on a given day.
enum class CertificateStatus { kNotYetValid, kValid, kExpired, kRevoked };
inline constexpr std::array<std::string_view, 4> kCertificateStatusNames = {
    "not_yet_valid", "valid", "expired", "revoked"};
inline constexpr std::array<std::string_view, 4> kCertificateStatusNamesZh = {
    "尚未生效", "有效", "已过期", "已吊销"};

// REVOKE.TRIGGERS (Art. 14(12)3 (1)-(4)), in the article's order.
enum class RevocationTrigger {
  kSeriousFault,              // (1) 严重过错，重大损失或严重不良影响（含特别重大、重大生产安全事故）
  kSeriousComplaints,         // (2) 服务质量下降出现严重顾客投诉
  kSeriousViolation,          // (3) 严重违反法律法规或丧失诚信
  kSupervisionNonconformity,  // (4) 年度监督时发现严重不合格
};
inline constexpr std::array<std::string_view, 4> kRevocationTriggerNames = {
    "serious_fault", "serious_complaints", "serious_violation", "supervision_nonconformity"};

// SUP.MISSING: one anniversary's self-inspection report on a given day. kNotRequired is an
// addition to the contract's four values: the certificate was revoked before the report fell due,
// so nothing is owed (and no inspection is triggered).
enum class SupervisionStatus { kUpcoming, kOnTime, kLate, kMissing, kNotRequired };
inline constexpr std::array<std::string_view, 5> kSupervisionStatusNames = {
    "upcoming", "on_time", "late", "missing", "not_required"};
inline constexpr std::array<std::string_view, 5> kSupervisionStatusNamesZh = {
    "待提交", "按时提交", "逾期提交", "未提交", "无需提交"};

// REAPPLY.*: what is being filed, and the verdict. Renewal verdicts are kTimely / kLate /
// kTreatedAsInitial; upgrade verdicts are kAllowed / kTooEarly / kExpired / kShortNotice
// (added last, so the C ABI's earlier values keep their numbers).
enum class ReapplicationKind { kRenewal, kUpgrade };
inline constexpr std::array<std::string_view, 2> kReapplicationKindNames = {"renewal", "upgrade"};
enum class ReapplicationStatus {
  kTimely,
  kLate,
  kTreatedAsInitial,
  kAllowed,
  kTooEarly,
  kExpired,
  kShortNotice,
};
inline constexpr std::array<std::string_view, 7> kReapplicationStatusNames = {
    "timely", "late", "treated_as_initial", "allowed", "too_early", "expired", "short_notice"};

constexpr std::string_view CertificateStatusName(CertificateStatus v) {
  return kCertificateStatusNames[static_cast<size_t>(v)];
}
constexpr std::string_view RevocationTriggerName(RevocationTrigger v) {
  return kRevocationTriggerNames[static_cast<size_t>(v)];
}
constexpr std::string_view SupervisionStatusName(SupervisionStatus v) {
  return kSupervisionStatusNames[static_cast<size_t>(v)];
}
constexpr std::string_view ReapplicationKindName(ReapplicationKind v) {
  return kReapplicationKindNames[static_cast<size_t>(v)];
}
constexpr std::string_view ReapplicationStatusName(ReapplicationStatus v) {
  return kReapplicationStatusNames[static_cast<size_t>(v)];
}

// The rulebook validator keeps anniversaries strictly increasing and inside validity_years
// (at most 20), so at most 19 exist; the fixed capacity keeps CertificateDates heap-free.
inline constexpr size_t kMaxSupervisionAnniversaries = 20;

struct SupervisionDates {
  int anniversary = 0;  // years after the announcement
  Date date;            // the anniversary itself: D + k years
  Date report_due;      // the self-inspection report's deadline
};

struct CertificateDates {
  Date valid_from;        // the announcement day D (Art. 14(10))
  Date valid_until;       // the last valid day
  std::array<SupervisionDates, kMaxSupervisionAnniversaries> supervision_storage{};
  size_t supervision_count = 0;
  Date renewal_due_by;    // REAPPLY.RENEWAL
  Date upgrade_earliest;  // REAPPLY.UPGRADE
  // REAPPLY.UPGRADE "提前3个月": the last filing day that still gives the promotion office its
  // three months' notice before the validity ends (see docs/rules.md for this reading).
  Date upgrade_application_due_by;

  std::span<const SupervisionDates> supervision() const {
    return {supervision_storage.data(), supervision_count};
  }
  // The entry for anniversary `k`, or nullptr when the rulebook has no such anniversary.
  const SupervisionDates* FindAnniversary(int k) const {
    for (const auto& s : supervision()) {
      if (s.anniversary == k) return &s;
    }
    return nullptr;
  }
};

// CERT.VALIDITY (Art. 14(12)): the last valid day of a certificate announced on `certified_on`:
// `validity_years` by the corresponding-day rule (READ.PERIOD), or one day earlier when the
// rulebook counts the issue day as day one. The one place this is computed (ELIG.KIND uses it).
// With the issue day as day one the period starts the day before, so the last valid day is
// (D - 1 day) + n years by the corresponding-day rule, not (D + n years) - 1 day: the two differ
// for D = 29 February (2024-02-29 → 2027-02-28, where the latter would give 2027-02-27).
inline Date LastValidDay(const CertificateRules& rules, Date certified_on) {
  if (rules.issue_day_is_day_one) return AddYears(certified_on.PlusDays(-1), rules.validity_years);
  return AddYears(certified_on, rules.validity_years);
}

// The dates of a certificate one by one, so that a caller who wants only some of them (or writes
// them into its own layout, like the C ABI's sqp_certificate_compute) computes exactly those.
// ComputeCertificateDates below (src/rules/certificate.cpp) is these functions put together;
// nothing else computes a date.

// SUP.ANNUAL (Art. 14(12)1): supervision at anniversary `anniversary` of `certified_on`; the
// report is due the lead months before it, counted backwards by the same rule (READ.PERIOD), and
// a due date on a rest day moves to the next working day (READ.REST, Civil Code Art. 203).
inline SupervisionDates SupervisionDatesFor(const CertificateRules& rules,
                                            const RestCalendar& rest_days, Date certified_on,
                                            int anniversary) {
  SupervisionDates s;
  s.anniversary = anniversary;
  s.date = AddYears(certified_on, anniversary);
  s.report_due = rest_days.RollForward(AddMonths(s.date, -rules.supervision_report_lead_months));
  return s;
}

// REAPPLY.RENEWAL (Art. 14(14)2): filed three months before the end of validity. A filing
// deadline is a deadline for an act, so READ.REST applies to it too.
inline Date RenewalDueBy(const CertificateRules& rules, const RestCalendar& rest_days,
                         Date valid_until) {
  return rest_days.RollForward(AddMonths(valid_until, -rules.renewal_lead_months));
}

// REAPPLY.UPGRADE (Art. 14(14)1): "间隔半年以上" after the last certification. An earliest date
// is not a deadline, so it never moves.
inline Date UpgradeEarliest(const CertificateRules& rules, Date certified_on) {
  return AddMonths(certified_on, rules.upgrade_min_months);
}

// REAPPLY.UPGRADE "提前3个月": the last filing day that still gives three months' notice before the
// validity ends, moved off a rest day like every filing deadline.
inline Date UpgradeApplicationDueBy(const CertificateRules& rules, const RestCalendar& rest_days,
                                    Date valid_until) {
  return rest_days.RollForward(AddMonths(valid_until, -rules.upgrade_lead_months));
}

// Both filing deadlines at once: they count back from the same last valid day and move off rest
// days alike, so when the rulebook gives both the same notice (the default: three months each)
// they are one date, computed once.
struct FilingDeadlines {
  Date renewal_due_by;
  Date upgrade_application_due_by;
};
inline FilingDeadlines FilingDeadlinesFor(const CertificateRules& rules,
                                          const RestCalendar& rest_days, Date valid_until) {
  const Date renewal = RenewalDueBy(rules, rest_days, valid_until);
  if (rules.upgrade_lead_months == rules.renewal_lead_months) return {renewal, renewal};
  return {renewal, UpgradeApplicationDueBy(rules, rest_days, valid_until)};
}

// The number of supervision anniversaries a certificate has under `rules`.
inline size_t SupervisionAnniversaryCount(const CertificateRules& rules) {
  return std::min(rules.supervision_anniversaries.size(), kMaxSupervisionAnniversaries);
}

// Every date of a certificate announced on `certified_on`.
CertificateDates ComputeCertificateDates(const CertificateRules& rules, const RestCalendar& rest_days,
                                         Date certified_on);

CertificateDates ComputeCertificateDates(const Rulebook& rulebook, Date certified_on);

// CERT.VALIDITY / REVOKE.TRIGGERS: the state on `as_of`. A revocation takes effect from its date
// on; before that date the certificate is judged by its validity alone.
inline CertificateStatus CertificateStatusOn(Date valid_from, Date valid_until, Date as_of,
                                             std::optional<Date> revoked_on = std::nullopt) {
  if (revoked_on && *revoked_on <= as_of) return CertificateStatus::kRevoked;
  if (as_of < valid_from) return CertificateStatus::kNotYetValid;
  if (as_of <= valid_until) return CertificateStatus::kValid;
  return CertificateStatus::kExpired;
}
inline CertificateStatus CertificateStatusOn(const CertificateDates& d, Date as_of,
                                             std::optional<Date> revoked_on = std::nullopt) {
  return CertificateStatusOn(d.valid_from, d.valid_until, as_of, revoked_on);
}

// A revocation can only take a certificate that exists and is still valid ("在证书有效期内").
inline bool RevocationDateIsPossible(Date valid_from, Date valid_until, Date revoked_on) {
  return valid_from <= revoked_on && revoked_on <= valid_until;
}
inline bool RevocationDateIsPossible(const CertificateDates& d, Date revoked_on) {
  return RevocationDateIsPossible(d.valid_from, d.valid_until, revoked_on);
}

// SUP.MISSING (Art. 14(12)2) for one anniversary on `as_of`. A report counts only once it exists,
// i.e. when submitted on or before `as_of` (a later date is not yet known on `as_of`). The due day
// itself is still on time (READ.INCLUSIVE: "提前3个月" includes the day).
SupervisionStatus SupervisionStatusOn(const SupervisionDates& s, Date as_of,
                                      std::optional<Date> submitted_on,
                                      std::optional<Date> revoked_on = std::nullopt);

// SUP.MISSING: a report not in by its due date (late or missing) triggers an open or unannounced
// inspection (明察或暗访) at the holder's expense.
constexpr bool TriggersInspectionAtHolderExpense(SupervisionStatus s) {
  return s == SupervisionStatus::kLate || s == SupervisionStatus::kMissing;
}

// SUP.FILING (Art. 14(13)): a supervision *result* with significant change is filed and
// publicised; without change, neither. No result yet: unknown. The holder's self-inspection
// report does not decide it.
constexpr std::optional<bool> FiledAndPublicised(std::optional<bool> significant_change) {
  return significant_change;
}

// REAPPLY.RENEWAL (Art. 14(14)2-3) and REAPPLY.UPGRADE (Art. 14(14)1) for a filing on `filed_on`.
ReapplicationStatus ReapplicationVerdict(const CertificateDates& d, ReapplicationKind kind,
                                         Date filed_on);

// ---- The whole evaluation (what the JSON operation decodes into) -------------------------

struct SupervisionReport {
  int anniversary = 0;
  Date submitted_on;
  // The holder's self-inspection report's own statement. Kept for the record; SUP.FILING does
  // not follow it.
  std::optional<bool> significant_change;
  // SUP.FILING: the supervision result (the inspection's finding), `result.significant_change`
  // in sqp.certificate/1; nullopt while there is no result yet.
  std::optional<bool> result_significant_change;
};

struct Revocation {
  Date on;
  RevocationTrigger trigger = RevocationTrigger::kSeriousFault;
};

struct Reapplication {
  ReapplicationKind kind = ReapplicationKind::kRenewal;
  Date filed_on;
};

// Preconditions (the JSON door checks them and names the field otherwise): every report's
// anniversary is one of the rulebook's, at most one report per anniversary, a revocation date
// satisfies RevocationDateIsPossible.
struct CertificateInput {
  Date certified_on;
  Date as_of;
  std::span<const SupervisionReport> reports;
  std::optional<Revocation> revocation;
  std::optional<Reapplication> reapplication;
};

struct SupervisionResult {
  SupervisionDates dates;
  SupervisionStatus status = SupervisionStatus::kUpcoming;
  std::optional<Date> submitted_on;  // as reported (even when after as_of)
  bool inspection_at_holder_expense = false;
  std::optional<bool> filed_and_publicised;
};

struct ReapplicationResult {
  Reapplication filing;
  ReapplicationStatus status = ReapplicationStatus::kTimely;
};

struct CertificateResult {
  CertificateDates dates;
  CertificateStatus status = CertificateStatus::kValid;
  std::array<SupervisionResult, kMaxSupervisionAnniversaries> supervision_storage{};
  std::optional<Revocation> revocation;
  bool revocation_effective = false;  // revocation->on <= as_of
  std::optional<ReapplicationResult> reapplication;

  std::span<const SupervisionResult> supervision() const {
    return {supervision_storage.data(), dates.supervision_count};
  }
};

CertificateResult EvaluateCertificate(const Rulebook& rulebook, const CertificateInput& in);

}  // namespace sqp
