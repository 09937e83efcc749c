// The ELIG.* rules (RULES.md §1; Art. 10, 11, 14(4), 14(14)), declared in sqp/eligibility.hpp:
// one check per rule, each naming its rule ID, run by EvaluateEligibility in the catalogue's
// order. What the eligibility codec shares with them is in rules/internal/eligibility.hpp.
#include "sqp/eligibility.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/internal/eligibility.hpp"

namespace sqp {

// The look-back window: the union of the rolling years (READ.PERIOD) and the calendar years before
// the batch the application joins (CYCLE.BATCH); see the header.
DayRange EligibilityWindow(const Rulebook& rb, Date applied_on) {
  const int lookback = rb.eligibility.lookback_years;
  DayRange window{AddYears(applied_on, -lookback), applied_on};
  if (lookback <= 0) return window;
  const int batch_year = BatchFor(rb.calendar, applied_on).year();
  const Date calendar_first = Date::FromYmdUnchecked(batch_year - lookback, 1, 1);
  const Date calendar_last = Date::FromYmdUnchecked(batch_year - 1, 12, 31);
  window.first = std::min(window.first, calendar_first);
  window.last = std::max(window.last, calendar_last);
  return window;
}

// ELIG.RECOVERY: searched over EligibilityWindow itself rather than guessed from a formula. The
// window's first day never decreases as the filing date moves later (both of its parts only move
// forward), so the filing dates that exclude the event form a suffix of the calendar and a
// bisection over day numbers finds its first day. The upper bound is certain: lookback + 1 years
// after the event the rolling part starts a year after it, and the batch year is at least event
// year + lookback + 1.
Date EarliestFilingExcluding(const Rulebook& rb, Date applied_on, Date event) {
  const auto excludes = [&](Date filed_on) { return EligibilityWindow(rb, filed_on).first > event; };
  Date lo = applied_on;  // known not to exclude, or the search would not be asked
  Date hi = AddYears(event, std::max(rb.eligibility.lookback_years, 0) + 1);
  if (hi <= lo) hi = lo.PlusDays(1);
  while (!excludes(hi)) hi = AddYears(hi, 1);  // never taken with a validated rulebook
  // Invariant: !excludes(lo) (or lo is applied_on itself), excludes(hi).
  while (hi.DaysSince(lo) > 1) {
    const Date mid = lo.PlusDays(hi.DaysSince(lo) / 2);
    if (excludes(mid)) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

namespace eligibility_internal {

// ELIG.TRAINED_STAFF (declared, with why, in rules/internal/eligibility.hpp).
std::string_view TrimCertificateNo(std::string_view no) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool trimmed = true; trimmed && !no.empty();) {
    trimmed = false;
    if (no.front() == ' ' || no.front() == '\t') {
      no.remove_prefix(1);
      trimmed = true;
    } else if (no.starts_with(kIdeographicSpace)) {
      no.remove_prefix(kIdeographicSpace.size());
      trimmed = true;
    }
  }
  for (bool trimmed = true; trimmed && !no.empty();) {
    trimmed = false;
    if (no.back() == ' ' || no.back() == '\t') {
      no.remove_suffix(1);
      trimmed = true;
    } else if (no.ends_with(kIdeographicSpace)) {
      no.remove_suffix(kIdeographicSpace.size());
      trimmed = true;
    }
  }
  return no;
}

}  // namespace eligibility_internal

namespace {

using eligibility_internal::FindMeasured;
using eligibility_internal::TrimCertificateNo;

class Recorder {
 public:
  explicit Recorder(EligibilityResult& r) : r_(r) {}

  Finding& Add(EligibilityRule rule, FindingStatus status, FindingReason reason,
               Evidence evidence = {}) {
    Finding& f = r_.findings.emplace_back();
    f.rule = rule;
    f.status = status;
    f.reason = reason;
    f.evidence = evidence;
    return f;
  }

  // Closes a rule whose findings start at `first`: a rule that fails is not also pending (a
  // pending item inside a failing rule cannot change its outcome, so it is kept as a note), and
  // the rule's status is recorded.
  void FinishRule(EligibilityRule rule, size_t first) {
    int worst = SeverityRank(FindingStatus::kNote);
    for (size_t i = first; i < r_.findings.size(); ++i) {
      worst = std::max(worst, SeverityRank(r_.findings[i].status));
    }
    if (worst == SeverityRank(FindingStatus::kFail)) {
      for (size_t i = first; i < r_.findings.size(); ++i) {
        if (r_.findings[i].status == FindingStatus::kPending) r_.findings[i].status = FindingStatus::kNote;
      }
    }
    static constexpr FindingStatus kByRank[] = {FindingStatus::kNote, FindingStatus::kPass,
                                                FindingStatus::kPending, FindingStatus::kFail};
    r_.rule_status[static_cast<size_t>(rule)] = kByRank[worst];
  }

  EligibilityResult& result() { return r_; }

 private:
  EligibilityResult& r_;
};

Evidence At(EvidencePlace place, size_t index = 0) {
  return {place, static_cast<std::uint32_t>(index)};
}

// ELIG.SCOPE (Art. 10): the three named site types; other ICT businesses join voluntarily.
void CheckScope(const Application& app, Recorder& rec) {
  if (app.site_type == SiteType::kOtherIct) {
    rec.Add(EligibilityRule::kScope, FindingStatus::kNote, FindingReason::kSiteTypeVoluntary,
            At(EvidencePlace::kSiteType));
  } else {
    rec.Add(EligibilityRule::kScope, FindingStatus::kPass, FindingReason::kSiteTypeListed,
            At(EvidencePlace::kSiteType));
  }
}

// ELIG.REGISTRATION (Art. 11(1)): registered, and the credit code (where given) passes the
// GB 32100-2015 check character. An unregistered enterprise fails whatever its code says; a
// bad code fails too, so the evidence for both is listed.
void CheckRegistration(const Application& app, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kRegistration;
  const bool registered = app.business_registered.value_or(false);
  if (!registered) {
    if (app.business_registered.has_value()) {
      rec.Add(kRule, FindingStatus::kFail, FindingReason::kNotRegistered,
              At(EvidencePlace::kBusinessRegistered));
    } else {
      rec.Add(kRule, FindingStatus::kFail, FindingReason::kRegistrationUnconfirmed,
              At(EvidencePlace::kEnterprise));
    }
  }
  if (!app.credit_code.has_value()) {
    // Without a code, registration cannot be verified yet (pending), unless it already fails.
    rec.Add(kRule, FindingStatus::kPending, FindingReason::kCreditCodeAbsent,
            At(EvidencePlace::kEnterprise));
    return;
  }
  const CreditCodeCheck check = CheckCreditCode(*app.credit_code);
  const Evidence at = At(EvidencePlace::kCreditCode);
  switch (check.problem) {
    case CreditCodeProblem::kNone:
      if (registered) rec.Add(kRule, FindingStatus::kPass, FindingReason::kCreditCodeValid, at);
      break;
    case CreditCodeProblem::kWrongLength:
      rec.Add(kRule, FindingStatus::kFail, FindingReason::kCreditCodeWrongLength, at);
      break;
    case CreditCodeProblem::kInvalidCharacter:
      rec.Add(kRule, FindingStatus::kFail, FindingReason::kCreditCodeBadCharacter, at).count =
          static_cast<std::int32_t>(check.position);
      break;
    case CreditCodeProblem::kWrongCheckCharacter:
      rec.Add(kRule, FindingStatus::kFail, FindingReason::kCreditCodeWrongCheck, at).detail =
          check.expected;
      break;
  }
}

// ELIG.LICENSE (Art. 11(2)): a telecom business operating licence valid on applied_on (its
// valid_until is its last valid day, so expiring on applied_on itself still counts).
void CheckLicense(const Application& app, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kLicense;
  if (!app.telecom_license.has_value()) {
    rec.Add(kRule, FindingStatus::kFail, FindingReason::kNoLicense, At(EvidencePlace::kEnterprise));
    return;
  }
  const auto& until = app.telecom_license->valid_until;
  if (!until.has_value()) {
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kLicenseNoExpiry,
            At(EvidencePlace::kTelecomLicense));
  } else if (*until < app.applied_on) {
    rec.Add(kRule, FindingStatus::kFail, FindingReason::kLicenseExpired,
            At(EvidencePlace::kLicenseValidUntil)).date = *until;
  } else {
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kLicenseValid,
            At(EvidencePlace::kLicenseValidUntil)).date = *until;
  }
}

// ELIG.INDICATORS (Art. 11(3)): every indicator the rulebook requires for the site type meets
// its bound when measured; an unmeasured one is accepted on the enterprise's self-attestation,
// else it is pending until reported.
void CheckIndicators(const Rulebook& rb, const Application& app, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kIndicators;
  const auto& required = rb.indicators.required_by_site_type[Index(app.site_type)];
  if (required.empty()) {
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kNoIndicatorsRequired);
  }
  std::int32_t unmeasured = 0;
  for (const int def_index : required) {
    const IndicatorDefinition& def = rb.indicators.definitions[static_cast<size_t>(def_index)];
    const int measured = FindMeasured(app, def.name);
    if (measured < 0) {
      ++unmeasured;
      continue;
    }
    const Decimal value = app.indicator_values[static_cast<size_t>(measured)].value;
    Finding& f = rec.Add(kRule, def.Meets(value) ? FindingStatus::kPass : FindingStatus::kFail,
                         def.Meets(value) ? FindingReason::kIndicatorMet
                                          : FindingReason::kIndicatorMissed,
                         At(EvidencePlace::kIndicatorValue, static_cast<size_t>(measured)));
    f.detail = def_index;
    f.value = value;
  }
  if (unmeasured > 0) {
    Finding& f = app.indicators_attested
                     ? rec.Add(kRule, FindingStatus::kPass, FindingReason::kIndicatorsSelfAttested,
                               At(EvidencePlace::kAttested))
                     : rec.Add(kRule, FindingStatus::kPending, FindingReason::kIndicatorsUnreported,
                               app.has_quality_indicators ? At(EvidencePlace::kQualityIndicators)
                                                          : Evidence{});
    f.count = unmeasured;
  }
  // A value under a name the rulebook does not define is most likely a misspelt indicator:
  // say so rather than silently treating the real one as unmeasured.
  for (size_t i = 0; i < app.indicator_values.size(); ++i) {
    if (rb.indicators.Find(app.indicator_values[i].name) == nullptr) {
      rec.Add(kRule, FindingStatus::kNote, FindingReason::kIndicatorUnknown,
              At(EvidencePlace::kIndicatorValue, i)).value = app.indicator_values[i].value;
    }
  }
}

// Where a record's date falls relative to the window.
enum class WindowPlace { kBefore, kInside, kAfter };
WindowPlace Place(const DayRange& window, Date d) {
  if (d < window.first) return WindowPlace::kBefore;
  if (d > window.last) return WindowPlace::kAfter;
  return WindowPlace::kInside;
}

// ELIG.ACCIDENT (Art. 11(4), 14(4)): a production-safety accident of a disqualifying grade
// (较大 and above, per the rulebook) inside the window disqualifies outright.
void CheckAccidents(const Rulebook& rb, const Application& app, const DayRange& window,
                    Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kAccident;
  if (!app.accidents_recorded) {  // READ.ABSENT
    rec.Add(kRule, FindingStatus::kPending, FindingReason::kInvestigationNotRecorded);
    return;
  }
  bool failed = false;
  for (size_t i = 0; i < app.accidents.size(); ++i) {
    const Accident& a = app.accidents[i];
    const WindowPlace place = Place(window, a.date);
    if (place == WindowPlace::kBefore) continue;
    const bool disqualifying = rb.eligibility.disqualifying_severity[Index(a.severity)];
    FindingStatus status = FindingStatus::kNote;
    FindingReason reason = FindingReason::kAfterAppliedOn;
    if (place == WindowPlace::kInside) {
      status = disqualifying ? FindingStatus::kFail : FindingStatus::kNote;
      reason = disqualifying ? FindingReason::kDisqualifyingAccident : FindingReason::kAccidentNoted;
      failed = failed || disqualifying;
    }
    Finding& f = rec.Add(kRule, status, reason, At(EvidencePlace::kAccident, i));
    f.date = a.date;
    f.detail = static_cast<std::int32_t>(a.severity);
  }
  if (failed) {
    rec.result().disqualified = true;
  } else {
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kNoDisqualifyingAccident);
  }
}

// ELIG.CRITICISM (Art. 11(5)): no notified criticism of the site or its enterprise by a telecom
// regulator inside the window.
void CheckCriticisms(const Application& app, const DayRange& window, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kCriticism;
  if (!app.criticisms_recorded) {  // READ.ABSENT
    rec.Add(kRule, FindingStatus::kPending, FindingReason::kInvestigationNotRecorded);
    return;
  }
  bool failed = false;
  for (size_t i = 0; i < app.criticisms.size(); ++i) {
    const Criticism& c = app.criticisms[i];
    const WindowPlace place = Place(window, c.date);
    if (place == WindowPlace::kBefore) continue;
    const bool inside = place == WindowPlace::kInside;
    failed = failed || inside;
    Finding& f = rec.Add(kRule, inside ? FindingStatus::kFail : FindingStatus::kNote,
                         inside ? FindingReason::kCriticismInWindow : FindingReason::kAfterAppliedOn,
                         At(EvidencePlace::kCriticism, i));
    f.date = c.date;
    f.detail = static_cast<std::int32_t>(c.subject);
  }
  if (!failed) rec.Add(kRule, FindingStatus::kPass, FindingReason::kNoCriticism);
}

// ELIG.ADVERSE (Art. 14(4)): other adverse service records inside the window follow the
// regulator's opinion. A `disqualify` opinion removes the applicant from the batch, so it sets
// `disqualified` like a disqualifying accident.
void CheckAdverseRecords(const Application& app, const DayRange& window, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kAdverse;
  if (!app.adverse_records_recorded) {  // READ.ABSENT
    rec.Add(kRule, FindingStatus::kPending, FindingReason::kInvestigationNotRecorded);
    return;
  }
  bool decisive = false, disqualified = false;
  std::int32_t no_objection = 0;
  for (size_t i = 0; i < app.adverse_records.size(); ++i) {
    const AdverseRecord& r = app.adverse_records[i];
    const WindowPlace place = Place(window, r.date);
    if (place == WindowPlace::kBefore) continue;
    FindingStatus status = FindingStatus::kNote;
    FindingReason reason = FindingReason::kAfterAppliedOn;
    if (place == WindowPlace::kInside) {
      if (r.opinion == RegulatorOpinion::kNoObjection) {
        ++no_objection;
        continue;
      }
      decisive = true;
      disqualified = disqualified || r.opinion == RegulatorOpinion::kDisqualify;
      status = r.opinion == RegulatorOpinion::kDisqualify ? FindingStatus::kFail
                                                          : FindingStatus::kPending;
      reason = r.opinion == RegulatorOpinion::kDisqualify ? FindingReason::kAdverseDisqualify
                                                          : FindingReason::kAdversePending;
    }
    Finding& f = rec.Add(kRule, status, reason, At(EvidencePlace::kAdverseRecord, i));
    f.date = r.date;
    f.detail = static_cast<std::int32_t>(r.opinion);
  }
  if (disqualified) rec.result().disqualified = true;
  if (!decisive) {
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kNoAdverseObjection).count = no_objection;
  }
}

// Distinct non-empty certificate numbers among the staff listed, after trimming.
std::int32_t DistinctCertificates(const Application& app) {
  const auto& staff = app.trained_staff;
  constexpr size_t kQuadraticLimit = 64;  // beyond this, sorting beats pairwise comparison
  if (staff.size() <= kQuadraticLimit) {
    // Each number trimmed once. Left uninitialised (an array of std::string_view would set all
    // 64 first, for the two or three numbers an application lists): only the first i are read.
    struct Trimmed {
      const char* data;
      size_t size;
    };
    Trimmed trimmed[kQuadraticLimit];
    std::int32_t distinct = 0;
    for (size_t i = 0; i < staff.size(); ++i) {
      const std::string_view no = TrimCertificateNo(staff[i].certificate_no);
      trimmed[i] = {no.data(), no.size()};
      if (no.empty()) continue;
      bool seen = false;
      for (size_t j = 0; j < i && !seen; ++j) {
        // Numbers of one scheme share their prefix: compare the last character first.
        const std::string_view other(trimmed[j].data, trimmed[j].size);
        seen = other.size() == no.size() && other.back() == no.back() && other == no;
      }
      if (!seen) ++distinct;
    }
    return distinct;
  }
  std::vector<std::string_view> numbers;
  numbers.reserve(staff.size());
  for (const auto& s : staff) {
    const std::string_view no = TrimCertificateNo(s.certificate_no);
    if (!no.empty()) numbers.push_back(no);
  }
  std::sort(numbers.begin(), numbers.end());
  return static_cast<std::int32_t>(std::unique(numbers.begin(), numbers.end()) - numbers.begin());
}

// ELIG.TRAINED_STAFF (Art. 11(6)): at least the rulebook's number (两名) of staff hold the
// series-standards training certificate; a certificate is counted once, an empty number never.
void CheckTrainedStaff(const Rulebook& rb, const Application& app, Recorder& rec) {
  const std::int32_t distinct = DistinctCertificates(app);
  const bool enough = distinct >= rb.eligibility.min_trained_staff;
  Finding& f = rec.Add(EligibilityRule::kTrainedStaff,
                       enough ? FindingStatus::kPass : FindingStatus::kFail,
                       enough ? FindingReason::kEnoughTrainedStaff : FindingReason::kTooFewTrainedStaff,
                       At(EvidencePlace::kTrainedStaff));
  f.count = distinct;
  f.detail = static_cast<std::int32_t>(app.trained_staff.size());
}

// ELIG.KIND (Art. 14(14)): renewal and upgrade need the current certificate; a renewal (or an
// upgrade) filed after its last valid day is an initial application in substance; an upgrade
// waits the rulebook's minimum (six months) after the last certification (REAPPLY.UPGRADE). A
// holder whose certificate is still valid on applied_on re-applies as upgrade or renewal: Art.
// 14(14) covers every re-application within validity, so `initial` then fails. An expired
// certificate (or one not yet announced on applied_on) leaves an initial application as it is.
void CheckKind(const Rulebook& rb, const Application& app, Recorder& rec) {
  constexpr auto kRule = EligibilityRule::kKind;
  if (app.kind == ApplicationKind::kInitial) {
    if (app.current_certificate.has_value()) {
      const Date certified_on = app.current_certificate->certified_on;
      const Date last_valid = LastValidDay(rb.certificate, certified_on);
      if (certified_on <= app.applied_on && app.applied_on <= last_valid) {
        Finding& f = rec.Add(kRule, FindingStatus::kFail, FindingReason::kInitialWhileCertified,
                             At(EvidencePlace::kCertifiedOn));
        f.date = last_valid;
        f.related = certified_on;
        return;
      }
    }
    rec.Add(kRule, FindingStatus::kPass, FindingReason::kInitialApplication, At(EvidencePlace::kKind));
    return;
  }
  if (!app.current_certificate.has_value()) {
    rec.Add(kRule, FindingStatus::kFail, FindingReason::kCertificateMissing, At(EvidencePlace::kKind));
    return;
  }
  const Date certified_on = app.current_certificate->certified_on;
  const Evidence at = At(EvidencePlace::kCertifiedOn);
  const auto add = [&](FindingStatus status, FindingReason reason, Date date) {
    Finding& f = rec.Add(kRule, status, reason, at);
    f.date = date;
    f.related = certified_on;
  };
  if (certified_on > app.applied_on) {
    add(FindingStatus::kFail, FindingReason::kCertifiedAfterAppliedOn, certified_on);
    return;
  }
  const Date last_valid = LastValidDay(rb.certificate, certified_on);
  if (app.applied_on > last_valid) {
    add(FindingStatus::kNote, FindingReason::kTreatedAsInitial, last_valid);
    return;
  }
  if (app.kind == ApplicationKind::kRenewal) {
    add(FindingStatus::kPass, FindingReason::kRenewalWithinValidity, last_valid);
    return;
  }
  const Date earliest = AddMonths(certified_on, rb.certificate.upgrade_min_months);
  const bool allowed = app.applied_on >= earliest;
  add(allowed ? FindingStatus::kPass : FindingStatus::kFail,
      allowed ? FindingReason::kUpgradeAllowed : FindingReason::kUpgradeTooEarly, earliest);
}

// ELIG.RECOVERY: when every failure is an accident or a criticism inside the window, the site
// may apply again on the earliest filing date whose own window (batch year included) leaves out
// all of them, which is the date that leaves out the latest. Anything else failing (or nothing
// failing) leaves no such date.
void CheckRecovery(const Rulebook& rb, const Application& app, Recorder& rec) {
  EligibilityResult& r = rec.result();
  bool any_failure = false;
  const Finding* latest = nullptr;
  for (const Finding& f : r.findings) {
    if (f.status != FindingStatus::kFail) continue;
    any_failure = true;
    const bool time_bound = f.reason == FindingReason::kDisqualifyingAccident ||
                            f.reason == FindingReason::kCriticismInWindow;
    if (!time_bound) return;
    if (latest == nullptr || f.date > latest->date) latest = &f;
  }
  if (!any_failure || latest == nullptr) return;
  const Evidence evidence = latest->evidence;
  const Date event = latest->date;
  const Date from = EarliestFilingExcluding(rb, app.applied_on, event);
  r.eligible_from = from;
  Finding& f = rec.Add(EligibilityRule::kRecovery, FindingStatus::kNote, FindingReason::kRecoveryDate,
                       evidence);
  f.date = from;
  f.related = event;
}

// ELIG.IN_FORCE (Art. 25): the Measures apply from the rulebook's in_force_from (2020-05-17).
// An earlier filing is evaluated all the same, with a note saying the Measures did not yet apply.
void CheckInForce(const Rulebook& rb, const Application& app, Recorder& rec) {
  if (app.applied_on >= rb.in_force_from) return;
  rec.Add(EligibilityRule::kInForce, FindingStatus::kNote, FindingReason::kBeforeInForce).date =
      rb.in_force_from;
}

}  // namespace

// Evaluates every rule into `out`; see the header for what counts and what is only noted.
void EvaluateEligibility(const Rulebook& rb, const Application& app, EligibilityResult& out) {
  out.findings.clear();
  out.disqualified = false;
  out.eligible_from.reset();
  out.rule_status.fill(FindingStatus::kNote);
  out.window = EligibilityWindow(rb, app.applied_on);
  Recorder rec(out);
  const auto rule = [&](EligibilityRule id, auto&& check) {
    const size_t first = out.findings.size();
    check();
    rec.FinishRule(id, first);
  };
  rule(EligibilityRule::kScope, [&] { CheckScope(app, rec); });
  rule(EligibilityRule::kRegistration, [&] { CheckRegistration(app, rec); });
  rule(EligibilityRule::kLicense, [&] { CheckLicense(app, rec); });
  rule(EligibilityRule::kIndicators, [&] { CheckIndicators(rb, app, rec); });
  rule(EligibilityRule::kAccident, [&] { CheckAccidents(rb, app, out.window, rec); });
  rule(EligibilityRule::kCriticism, [&] { CheckCriticisms(app, out.window, rec); });
  rule(EligibilityRule::kAdverse, [&] { CheckAdverseRecords(app, out.window, rec); });
  rule(EligibilityRule::kTrainedStaff, [&] { CheckTrainedStaff(rb, app, rec); });
  rule(EligibilityRule::kKind, [&] { CheckKind(rb, app, rec); });
  rule(EligibilityRule::kRecovery, [&] { CheckRecovery(rb, app, rec); });
  rule(EligibilityRule::kInForce, [&] { CheckInForce(rb, app, rec); });

  // Decision (RULES.md §1): ineligible if any finding fails, else pending if any is pending.
  bool any_fail = false, any_pending = false;
  for (const FindingStatus s : out.rule_status) {
    any_fail = any_fail || s == FindingStatus::kFail;
    any_pending = any_pending || s == FindingStatus::kPending;
  }
  out.decision = any_fail ? Decision::kIneligible
                          : (any_pending ? Decision::kPending : Decision::kEligible);
}

EligibilityResult EvaluateEligibility(const Rulebook& rb, const Application& app) {
  EligibilityResult out;
  EvaluateEligibility(rb, app, out);
  return out;
}

}  // namespace sqp
