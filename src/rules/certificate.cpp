// The certificate's verdicts and whole evaluation (RULES.md §4; Art. 14(10), 14(12)-(14)),
// declared in sqp/certificate.hpp. The date functions they are made of (LastValidDay,
// SupervisionDatesFor, the filing deadlines, CertificateStatusOn) stay inline in the header: they
// are the C ABI's sqp_certificate_compute, written date by date into the caller's struct, and
// ELIG.KIND's last valid day.
#include "sqp/certificate.hpp"

#include <cstddef>
#include <optional>

namespace sqp {

// CERT.VALIDITY, SUP.ANNUAL, REAPPLY.RENEWAL, REAPPLY.UPGRADE: the header's date functions put
// together; nothing else computes a date.
CertificateDates ComputeCertificateDates(const CertificateRules& rules, const RestCalendar& rest_days,
                                         Date certified_on) {
  CertificateDates d;
  d.valid_from = certified_on;
  // CERT.VALIDITY (Art. 14(12)): with the issue day counted as day one the last valid day is one
  // day earlier, and the renewal and upgrade deadlines, which count back from it, follow.
  d.valid_until = LastValidDay(rules, certified_on);
  d.supervision_count = SupervisionAnniversaryCount(rules);
  for (size_t i = 0; i < d.supervision_count; ++i) {
    d.supervision_storage[i] =
        SupervisionDatesFor(rules, rest_days, certified_on, rules.supervision_anniversaries[i]);
  }
  const FilingDeadlines filing = FilingDeadlinesFor(rules, rest_days, d.valid_until);
  d.renewal_due_by = filing.renewal_due_by;
  d.upgrade_earliest = UpgradeEarliest(rules, certified_on);
  d.upgrade_application_due_by = filing.upgrade_application_due_by;
  return d;
}

CertificateDates ComputeCertificateDates(const Rulebook& rulebook, Date certified_on) {
  return ComputeCertificateDates(rulebook.certificate, rulebook.rest_days, certified_on);
}

// SUP.MISSING (see the header for when a report counts).
SupervisionStatus SupervisionStatusOn(const SupervisionDates& s, Date as_of,
                                      std::optional<Date> submitted_on,
                                      std::optional<Date> revoked_on) {
  if (submitted_on && *submitted_on <= as_of) {
    return *submitted_on <= s.report_due ? SupervisionStatus::kOnTime : SupervisionStatus::kLate;
  }
  // Revoked before the report fell due: no report is owed any more.
  if (revoked_on && *revoked_on <= as_of && *revoked_on <= s.report_due) {
    return SupervisionStatus::kNotRequired;
  }
  return as_of <= s.report_due ? SupervisionStatus::kUpcoming : SupervisionStatus::kMissing;
}

// REAPPLY.RENEWAL (Art. 14(14)2-3) and REAPPLY.UPGRADE (Art. 14(14)1).
ReapplicationStatus ReapplicationVerdict(const CertificateDates& d, ReapplicationKind kind,
                                         Date filed_on) {
  if (kind == ReapplicationKind::kRenewal) {
    if (filed_on <= d.renewal_due_by) return ReapplicationStatus::kTimely;
    if (filed_on <= d.valid_until) return ReapplicationStatus::kLate;
    // Art. 14(14)3: "有效期满后提出的复评申请，将被视为初次申请".
    return ReapplicationStatus::kTreatedAsInitial;
  }
  // Art. 14(14)1: only "在服务质量证书有效期内", and "间隔半年以上" (inclusive, READ.INCLUSIVE).
  if (filed_on > d.valid_until) return ReapplicationStatus::kExpired;
  if (filed_on < d.upgrade_earliest) return ReapplicationStatus::kTooEarly;
  // "提前3个月提出申请": after the due-by day the filing is still within validity (allowed by the
  // first sentence) but without the three months' notice, so the re-evaluation may not be
  // arranged before the certificate ends.
  if (filed_on > d.upgrade_application_due_by) return ReapplicationStatus::kShortNotice;
  return ReapplicationStatus::kAllowed;
}

// The whole evaluation: CERT.VALIDITY and REVOKE.TRIGGERS (the status on as_of), SUP.ANNUAL,
// SUP.MISSING and SUP.FILING per anniversary, REAPPLY.* for a filing.
CertificateResult EvaluateCertificate(const Rulebook& rulebook, const CertificateInput& in) {
  CertificateResult r;
  r.dates = ComputeCertificateDates(rulebook, in.certified_on);
  r.revocation = in.revocation;
  std::optional<Date> revoked_on;
  if (in.revocation) revoked_on.emplace(in.revocation->on);
  r.revocation_effective = revoked_on && *revoked_on <= in.as_of;
  r.status = CertificateStatusOn(r.dates, in.as_of, revoked_on);

  const auto dates = r.dates.supervision();
  for (size_t i = 0; i < dates.size(); ++i) {
    SupervisionResult& s = r.supervision_storage[i];
    s.dates = dates[i];
    std::optional<bool> result_change;
    for (const SupervisionReport& report : in.reports) {
      if (report.anniversary == s.dates.anniversary) {
        s.submitted_on = report.submitted_on;
        result_change = report.result_significant_change;
      }
    }
    s.status = SupervisionStatusOn(s.dates, in.as_of, s.submitted_on, revoked_on);
    s.inspection_at_holder_expense = TriggersInspectionAtHolderExpense(s.status);
    // SUP.FILING follows the supervision result; with no report in (missing, or not yet owed)
    // there is no supervision result to follow, whatever was given: unknown.
    if (s.status == SupervisionStatus::kOnTime || s.status == SupervisionStatus::kLate) {
      s.filed_and_publicised = FiledAndPublicised(result_change);
    }
  }

  if (in.reapplication) {
    r.reapplication = ReapplicationResult{
        *in.reapplication,
        ReapplicationVerdict(r.dates, in.reapplication->kind, in.reapplication->filed_on)};
  }
  return r;
}

}  // namespace sqp
