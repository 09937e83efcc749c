// The typed certificate dates and verdicts (CERT.*, SUP.*, REAPPLY.*) for callers without JSON:
// a thin shell over sqp/certificate.hpp, so it cannot disagree with the `certificate` operation.
// No allocation, no exception, no I/O.
#include <cstddef>
#include <cstring>
#include <optional>

#include "engine_handle.hpp"
#include "sqp.h"
#include "sqp/certificate.hpp"

namespace {

// The first version of the struct ends with report_due; a caller built against this header
// passes at least that size (later versions may pass more).
constexpr size_t kDatesSizeV1 = offsetof(sqp_certificate_dates, report_due) +
                                sizeof(int32_t) * SQP_CERTIFICATE_MAX_ANNIVERSARIES;
static_assert(sqp::kMaxSupervisionAnniversaries == SQP_CERTIFICATE_MAX_ANNIVERSARIES);

// The enums of sqp.h mirror the C++ ones value for value.
static_assert(SQP_CERT_REVOKED == static_cast<int>(sqp::CertificateStatus::kRevoked));
static_assert(SQP_SUPERVISION_NOT_REQUIRED ==
              static_cast<int>(sqp::SupervisionStatus::kNotRequired));
static_assert(SQP_REAPPLY_UPGRADE == static_cast<int>(sqp::ReapplicationKind::kUpgrade));
static_assert(SQP_REAPPLY_EXPIRED == static_cast<int>(sqp::ReapplicationStatus::kExpired));
static_assert(SQP_REAPPLY_TOO_EARLY == static_cast<int>(sqp::ReapplicationStatus::kTooEarly));
static_assert(SQP_REAPPLY_SHORT_NOTICE == static_cast<int>(sqp::ReapplicationStatus::kShortNotice));

// 0 = absent; otherwise a real date, or false.
bool OptionalDate(int32_t yyyymmdd, std::optional<sqp::Date>& out) {
  out.reset();
  if (yyyymmdd == 0) return true;
  out = sqp::Date::FromYyyymmdd(yyyymmdd);
  return out.has_value();
}

}  // namespace

extern "C" {

int sqp_certificate_compute(const sqp_engine* engine, int32_t certified_on,
                            sqp_certificate_dates* out) {
  if (engine == nullptr || out == nullptr || out->struct_size < kDatesSizeV1) return SQP_ERR_USAGE;
  const auto d = sqp::Date::FromYyyymmdd(certified_on);
  if (!d) return SQP_ERR_INPUT;
  // Written date by date straight into the caller's struct (the same functions
  // ComputeCertificateDates is made of): no 264-byte CertificateDates to clear and copy.
  const sqp::Rulebook& rulebook = engine->engine.rulebook();
  const sqp::CertificateRules& rules = rulebook.certificate;
  const sqp::RestCalendar& rest_days = rulebook.rest_days;
  const sqp::Date until = sqp::LastValidDay(rules, *d);
  out->valid_from = certified_on;  // a valid YYYYMMDD is already the announcement day
  out->valid_until = until.yyyymmdd();
  const sqp::FilingDeadlines filing = sqp::FilingDeadlinesFor(rules, rest_days, until);
  out->renewal_due_by = filing.renewal_due_by.yyyymmdd();
  out->upgrade_earliest = sqp::UpgradeEarliest(rules, *d).yyyymmdd();
  out->upgrade_application_due_by = filing.upgrade_application_due_by.yyyymmdd();
  const size_t count = sqp::SupervisionAnniversaryCount(rules);
  out->anniversary_count = static_cast<int32_t>(count);
  // Unused slots are zero: cleared in one go, then the rulebook's anniversaries written.
  std::memset(out->anniversary, 0, sizeof out->anniversary);
  std::memset(out->supervision_on, 0, sizeof out->supervision_on);
  std::memset(out->report_due, 0, sizeof out->report_due);
  for (size_t i = 0; i < count; ++i) {
    const sqp::SupervisionDates s =
        sqp::SupervisionDatesFor(rules, rest_days, *d, rules.supervision_anniversaries[i]);
    out->anniversary[i] = s.anniversary;
    out->supervision_on[i] = s.date.yyyymmdd();
    out->report_due[i] = s.report_due.yyyymmdd();
  }
  return SQP_OK;
}

int sqp_certificate_status_on(const sqp_engine* engine, int32_t certified_on, int32_t as_of,
                              int32_t revoked_on, int32_t* out_status) {
  if (engine == nullptr || out_status == nullptr) return SQP_ERR_USAGE;
  const auto d = sqp::Date::FromYyyymmdd(certified_on);
  const auto today = sqp::Date::FromYyyymmdd(as_of);
  std::optional<sqp::Date> revoked;
  if (!d || !today || !OptionalDate(revoked_on, revoked)) return SQP_ERR_INPUT;
  // Only the validity period matters here: no need for the supervision dates.
  const sqp::Date until = sqp::LastValidDay(engine->engine.rulebook().certificate, *d);
  if (revoked && !sqp::RevocationDateIsPossible(*d, until, *revoked)) return SQP_ERR_INPUT;
  *out_status = static_cast<int32_t>(sqp::CertificateStatusOn(*d, until, *today, revoked));
  return SQP_OK;
}

int sqp_certificate_supervision_status(const sqp_engine* engine, int32_t certified_on,
                                       int32_t anniversary, int32_t as_of, int32_t submitted_on,
                                       int32_t revoked_on, int32_t* out_status) {
  if (engine == nullptr || out_status == nullptr) return SQP_ERR_USAGE;
  const auto d = sqp::Date::FromYyyymmdd(certified_on);
  const auto today = sqp::Date::FromYyyymmdd(as_of);
  std::optional<sqp::Date> submitted, revoked;
  if (!d || !today || !OptionalDate(submitted_on, submitted) || !OptionalDate(revoked_on, revoked)) {
    return SQP_ERR_INPUT;
  }
  const sqp::CertificateDates dates = sqp::ComputeCertificateDates(engine->engine.rulebook(), *d);
  const sqp::SupervisionDates* s = dates.FindAnniversary(anniversary);
  if (s == nullptr || (submitted && *submitted < *d) ||
      (revoked && !sqp::RevocationDateIsPossible(dates, *revoked))) {
    return SQP_ERR_INPUT;
  }
  *out_status = static_cast<int32_t>(sqp::SupervisionStatusOn(*s, *today, submitted, revoked));
  return SQP_OK;
}

int sqp_certificate_reapplication(const sqp_engine* engine, int32_t certified_on, int32_t kind,
                                  int32_t filed_on, int32_t* out_verdict) {
  if (engine == nullptr || out_verdict == nullptr) return SQP_ERR_USAGE;
  if (kind != SQP_REAPPLY_RENEWAL && kind != SQP_REAPPLY_UPGRADE) return SQP_ERR_USAGE;
  const auto d = sqp::Date::FromYyyymmdd(certified_on);
  const auto filed = sqp::Date::FromYyyymmdd(filed_on);
  if (!d || !filed || *filed < *d) return SQP_ERR_INPUT;
  const sqp::CertificateDates dates = sqp::ComputeCertificateDates(engine->engine.rulebook(), *d);
  *out_verdict = static_cast<int32_t>(
      sqp::ReapplicationVerdict(dates, static_cast<sqp::ReapplicationKind>(kind), *filed));
  return SQP_OK;
}

}  // extern "C"
