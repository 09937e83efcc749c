// ELIG.* (RULES.md §1, issue 3): the typed rules on both sides of every boundary, the JSON door
// (messages, evidence pointers, malformed input), and agreement with the peers' oracle.
#include "sqp/eligibility.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "ops/eligibility_codec.hpp"
#include "rules/internal/eligibility.hpp"
#include "sqp/engine.hpp"
#include "test_support.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create();
  return engine;
}
const Rulebook& DefaultRules() { return TheEngine().rulebook(); }
using test::NotingEngine;

Date D(std::string_view text) {
  const auto d = Date::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date());
}

// An application that passes every rule, filed 2026-01-15 (window 2023-01-01..2026-01-15).
Application Eligible() {
  Application app;
  app.application_id = "APP-2026-0001";
  app.kind = ApplicationKind::kInitial;
  app.applied_on = D("2026-01-15");
  app.site_type = SiteType::kBusinessHall;
  app.business_registered = true;
  app.credit_code = "914403001922038216";
  app.telecom_license = TelecomLicense{D("2029-12-31")};
  app.has_quality_indicators = true;
  app.indicators_attested = true;
  app.trained_staff = {{"C1"}, {"C2"}};
  // READ.ABSENT: the reverse investigation is recorded, and found nothing.
  app.accidents_recorded = app.criticisms_recorded = app.adverse_records_recorded = true;
  return app;
}

EligibilityResult Eval(const Application& app, const Rulebook& rb = DefaultRules()) {
  return EvaluateEligibility(rb, app);
}

std::vector<const Finding*> FindingsOf(const EligibilityResult& r, EligibilityRule rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

bool Has(const EligibilityResult& r, EligibilityRule rule, FindingReason reason,
         FindingStatus status) {
  for (const Finding* f : FindingsOf(r, rule)) {
    if (f->reason == reason && f->status == status) return true;
  }
  return false;
}

// ---- Baseline and decision ---------------------------------------------------------------

TEST(EligibilityTest, BaselineIsEligibleWithOneFindingPerRule) {
  const EligibilityResult r = Eval(Eligible());
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_FALSE(r.disqualified);
  EXPECT_FALSE(r.eligible_from.has_value());
  EXPECT_EQ(r.window.first, D("2023-01-01"));
  EXPECT_EQ(r.window.last, D("2026-01-15"));
  for (size_t i = 0; i < static_cast<size_t>(EligibilityRule::kRecovery); ++i) {
    EXPECT_EQ(r.rule_status[i], FindingStatus::kPass) << kEligibilityRuleIds[i];
    EXPECT_EQ(FindingsOf(r, static_cast<EligibilityRule>(i)).size(), 1u) << kEligibilityRuleIds[i];
  }
  EXPECT_EQ(r.StatusOf(EligibilityRule::kRecovery), FindingStatus::kNote);
  EXPECT_TRUE(FindingsOf(r, EligibilityRule::kRecovery).empty());
  EXPECT_TRUE(FindingsOf(r, EligibilityRule::kInForce).empty());
  // Findings come in catalogue order.
  for (size_t i = 1; i < r.findings.size(); ++i) {
    EXPECT_LE(r.findings[i - 1].rule, r.findings[i].rule);
  }
}

// The list keeps its items inline (absl::InlinedVector: its capacity is still the inline one).
template <class List>
bool IsInline(const List& list) {
  return list.capacity() == List().capacity();
}

TEST(EligibilityTest, TypicalEvaluationKeepsFindingsInline) {
  Application app = Eligible();
  app.accidents.push_back({D("2024-05-01"), AccidentSeverity::kGeneral});
  const EligibilityResult r = Eval(app);
  EXPECT_TRUE(IsInline(r.findings));
}

TEST(EligibilityTest, FailBeatsPendingBeatsEligible) {
  Application pending = Eligible();
  pending.credit_code.reset();
  EXPECT_EQ(Eval(pending).decision, Decision::kPending);
  Application both = pending;
  both.telecom_license.reset();
  EXPECT_EQ(Eval(both).decision, Decision::kIneligible);
}

TEST(EligibilityTest, WindowFollowsRulebookLookback) {
  Rulebook rb = DefaultRules();
  rb.eligibility.lookback_years = 2;
  Application app = Eligible();
  app.accidents.push_back({D("2023-06-01"), AccidentSeverity::kMajor});
  const EligibilityResult r = Eval(app, rb);
  EXPECT_EQ(r.window.first, D("2024-01-01"));
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_EQ(Eval(app).decision, Decision::kIneligible);
}

// ---- ELIG.SCOPE ------------------------------------------------------------------------------

TEST(EligibilityTest, ScopeNamedTypesPassOtherIctIsANote) {
  for (SiteType t : {SiteType::kBusinessHall, SiteType::kCustomerServiceCenter,
                     SiteType::kInstallationMaintenanceCenter}) {
    Application app = Eligible();
    app.site_type = t;
    EXPECT_TRUE(Has(Eval(app), EligibilityRule::kScope, FindingReason::kSiteTypeListed,
                    FindingStatus::kPass));
  }
  Application app = Eligible();
  app.site_type = SiteType::kOtherIct;
  const EligibilityResult r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kScope, FindingReason::kSiteTypeVoluntary, FindingStatus::kNote));
  EXPECT_EQ(r.decision, Decision::kEligible);
}

// ---- ELIG.REGISTRATION -------------------------------------------------------------------------

TEST(EligibilityTest, RegistrationValidCodePasses) {
  const EligibilityResult r = Eval(Eligible());
  EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, FindingReason::kCreditCodeValid,
                  FindingStatus::kPass));
}

TEST(EligibilityTest, RegistrationCorruptedCodesFail) {
  struct Case {
    const char* code;
    FindingReason reason;
  } cases[] = {{"914403001922038217", FindingReason::kCreditCodeWrongCheck},
               {"91440300192203821", FindingReason::kCreditCodeWrongLength},
               {"9144030019220382166", FindingReason::kCreditCodeWrongLength},
               {"91440300i922038216", FindingReason::kCreditCodeBadCharacter},
               {"", FindingReason::kCreditCodeWrongLength}};
  for (const Case& c : cases) {
    Application app = Eligible();
    app.credit_code = c.code;
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(r.decision, Decision::kIneligible) << c.code;
    EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, c.reason, FindingStatus::kFail)) << c.code;
    EXPECT_FALSE(r.eligible_from.has_value());
  }
}

TEST(EligibilityTest, RegistrationAbsentCodeIsPending) {
  Application app = Eligible();
  app.credit_code.reset();
  const EligibilityResult r = Eval(app);
  EXPECT_EQ(r.decision, Decision::kPending);
  EXPECT_EQ(r.StatusOf(EligibilityRule::kRegistration), FindingStatus::kPending);
}

TEST(EligibilityTest, RegistrationNotRegisteredFailsWhateverTheCode) {
  Application app = Eligible();
  app.business_registered = false;
  EligibilityResult r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, FindingReason::kNotRegistered, FindingStatus::kFail));
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kRegistration).size(), 1u);  // a valid code adds nothing

  app.credit_code.reset();  // not registered and no code: fails, and is not also pending
  r = Eval(app);
  EXPECT_EQ(r.StatusOf(EligibilityRule::kRegistration), FindingStatus::kFail);
  EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, FindingReason::kCreditCodeAbsent, FindingStatus::kNote));

  app.business_registered.reset();  // not confirmed
  r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, FindingReason::kRegistrationUnconfirmed,
                  FindingStatus::kFail));

  app.credit_code = "914403001922038217";  // both problems are listed
  r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kRegistration, FindingReason::kCreditCodeWrongCheck, FindingStatus::kFail));
}

// ---- ELIG.LICENSE --------------------------------------------------------------------------

TEST(EligibilityTest, LicenseExpiringTheDayBeforeFailsOnTheDayPasses) {
  Application app = Eligible();
  app.telecom_license = TelecomLicense{D("2026-01-14")};
  EligibilityResult r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kLicense, FindingReason::kLicenseExpired, FindingStatus::kFail));
  EXPECT_EQ(r.decision, Decision::kIneligible);
  EXPECT_FALSE(r.eligible_from.has_value());  // not time-bound

  app.telecom_license = TelecomLicense{D("2026-01-15")};
  r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kLicense, FindingReason::kLicenseValid, FindingStatus::kPass));
  EXPECT_EQ(r.decision, Decision::kEligible);
}

TEST(EligibilityTest, LicenseAbsentFailsWithoutExpiryPasses) {
  Application app = Eligible();
  app.telecom_license.reset();
  EXPECT_TRUE(Has(Eval(app), EligibilityRule::kLicense, FindingReason::kNoLicense, FindingStatus::kFail));
  app.telecom_license = TelecomLicense{};
  EXPECT_TRUE(Has(Eval(app), EligibilityRule::kLicense, FindingReason::kLicenseNoExpiry, FindingStatus::kPass));
}

// ---- ELIG.INDICATORS -------------------------------------------------------------------------

Application Measured(std::string_view name, Decimal value) {
  Application app = Eligible();
  app.indicator_values.push_back({name, value});
  return app;
}
Decimal Dec(std::string_view text) { return *Decimal::Parse(text); }

TEST(EligibilityTest, IndicatorAtLeastBoundIsInclusive) {
  EligibilityResult r = Eval(Measured("user_satisfaction_pct", Dec("95")));
  EXPECT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorMet, FindingStatus::kPass));
  r = Eval(Measured("user_satisfaction_pct", Dec("94.999999")));
  EXPECT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorMissed, FindingStatus::kFail));
  EXPECT_EQ(r.decision, Decision::kIneligible);
}

TEST(EligibilityTest, IndicatorAtMostBoundIsInclusive) {
  EXPECT_EQ(Eval(Measured("service_response_min", Dec("30"))).StatusOf(EligibilityRule::kIndicators),
            FindingStatus::kPass);
  EXPECT_EQ(Eval(Measured("service_response_min", Dec("30.5"))).StatusOf(EligibilityRule::kIndicators),
            FindingStatus::kFail);
}

TEST(EligibilityTest, IndicatorsUnmeasuredSelfAttestedOrPending) {
  Application app = Eligible();
  EligibilityResult r = Eval(app);
  ASSERT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorsSelfAttested, FindingStatus::kPass));
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kIndicators)[0]->count, 4);  // business_hall: 4 required

  app.indicators_attested = false;
  r = Eval(app);
  EXPECT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorsUnreported, FindingStatus::kPending));
  EXPECT_EQ(r.decision, Decision::kPending);

  // Every required indicator measured: nothing left to attest.
  for (const char* name : {"service_response_min", "user_satisfaction_pct",
                           "complaint_first_response_hours", "request_ack_min"}) {
    app.indicator_values.push_back({name, Dec("1")});
  }
  app.indicator_values[1].value = Dec("99");
  r = Eval(app);
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kIndicators).size(), 4u);
}

TEST(EligibilityTest, IndicatorsFollowTheSiteType) {
  // fault_repair_hours binds an installation & maintenance centre, not a business hall.
  Application app = Measured("fault_repair_hours", Dec("5"));
  EXPECT_EQ(Eval(app).decision, Decision::kEligible);
  app.site_type = SiteType::kInstallationMaintenanceCenter;
  EXPECT_EQ(Eval(app).decision, Decision::kIneligible);
}

TEST(EligibilityTest, IndicatorFailureIsNotAlsoPending) {
  Application app = Measured("user_satisfaction_pct", Dec("90"));
  app.indicators_attested = false;
  const EligibilityResult r = Eval(app);
  EXPECT_EQ(r.StatusOf(EligibilityRule::kIndicators), FindingStatus::kFail);
  EXPECT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorsUnreported, FindingStatus::kNote));
}

TEST(EligibilityTest, UnknownIndicatorIsANote) {
  const EligibilityResult r = Eval(Measured("user_satisfaction", Dec("99")));
  EXPECT_TRUE(Has(r, EligibilityRule::kIndicators, FindingReason::kIndicatorUnknown, FindingStatus::kNote));
  EXPECT_EQ(r.decision, Decision::kEligible);
}

// ---- ELIG.ACCIDENT ---------------------------------------------------------------------------

Application WithAccident(std::string_view date, AccidentSeverity s) {
  Application app = Eligible();
  app.accidents.push_back({D(date), s});
  return app;
}

TEST(EligibilityTest, AccidentWindowEdges) {
  // Jan 1 of Y-3 counts; the day before does not.
  EligibilityResult r = Eval(WithAccident("2023-01-01", AccidentSeverity::kLarger));
  EXPECT_EQ(r.decision, Decision::kIneligible);
  EXPECT_TRUE(r.disqualified);
  r = Eval(WithAccident("2022-12-31", AccidentSeverity::kLarger));
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_FALSE(r.disqualified);
  // applied_on itself counts; the day after is reported, never counted.
  r = Eval(WithAccident("2026-01-15", AccidentSeverity::kEspeciallyMajor));
  EXPECT_TRUE(r.disqualified);
  r = Eval(WithAccident("2026-01-16", AccidentSeverity::kEspeciallyMajor));
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_FALSE(r.disqualified);
  EXPECT_TRUE(Has(r, EligibilityRule::kAccident, FindingReason::kAfterAppliedOn, FindingStatus::kNote));
}

TEST(EligibilityTest, AccidentEachSeverity) {
  EligibilityResult r = Eval(WithAccident("2024-05-01", AccidentSeverity::kGeneral));
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_TRUE(Has(r, EligibilityRule::kAccident, FindingReason::kAccidentNoted, FindingStatus::kNote));
  for (AccidentSeverity s : {AccidentSeverity::kLarger, AccidentSeverity::kMajor,
                             AccidentSeverity::kEspeciallyMajor}) {
    r = Eval(WithAccident("2024-05-01", s));
    EXPECT_EQ(r.decision, Decision::kIneligible);
    EXPECT_TRUE(r.disqualified);
    EXPECT_TRUE(Has(r, EligibilityRule::kAccident, FindingReason::kDisqualifyingAccident, FindingStatus::kFail));
  }
}

TEST(EligibilityTest, DisqualifyingGradesAreRulebookData) {
  Rulebook rb = DefaultRules();
  rb.eligibility.disqualifying_severity = {false, false, true, true};  // major and above
  EXPECT_EQ(Eval(WithAccident("2024-05-01", AccidentSeverity::kLarger), rb).decision, Decision::kEligible);
  EXPECT_EQ(Eval(WithAccident("2024-05-01", AccidentSeverity::kMajor), rb).decision, Decision::kIneligible);
}

// ---- ELIG.CRITICISM --------------------------------------------------------------------------

TEST(EligibilityTest, CriticismOfSiteOrEnterpriseFailsButDoesNotDisqualify) {
  for (CriticismSubject s : {CriticismSubject::kSite, CriticismSubject::kEnterprise}) {
    Application app = Eligible();
    app.criticisms.push_back({D("2023-11-02"), s});
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(r.decision, Decision::kIneligible);
    EXPECT_FALSE(r.disqualified);
    ASSERT_TRUE(Has(r, EligibilityRule::kCriticism, FindingReason::kCriticismInWindow, FindingStatus::kFail));
    EXPECT_EQ(FindingsOf(r, EligibilityRule::kCriticism)[0]->detail, static_cast<int>(s));
  }
}

TEST(EligibilityTest, CriticismWindowEdges) {
  for (const char* inside : {"2023-01-01", "2026-01-15"}) {
    Application app = Eligible();
    app.criticisms.push_back({D(inside), CriticismSubject::kSite});
    EXPECT_EQ(Eval(app).decision, Decision::kIneligible) << inside;
  }
  for (const char* outside : {"2022-12-31", "2026-01-16"}) {
    Application app = Eligible();
    app.criticisms.push_back({D(outside), CriticismSubject::kEnterprise});
    EXPECT_EQ(Eval(app).decision, Decision::kEligible) << outside;
  }
}

// ---- ELIG.ADVERSE ----------------------------------------------------------------------------

TEST(EligibilityTest, AdverseFollowsTheRegulatorsOpinion) {
  const struct {
    RegulatorOpinion opinion;
    Decision decision;
  } cases[] = {{RegulatorOpinion::kDisqualify, Decision::kIneligible},
               {RegulatorOpinion::kPending, Decision::kPending},
               {RegulatorOpinion::kNoObjection, Decision::kEligible}};
  for (const auto& c : cases) {
    Application app = Eligible();
    app.adverse_records.push_back({D("2025-03-01"), c.opinion});
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(r.decision, c.decision) << static_cast<int>(c.opinion);
    // RULES.md ELIG.ADVERSE (revised): `disqualify` sets disqualified, as an accident does.
    EXPECT_EQ(r.disqualified, c.opinion == RegulatorOpinion::kDisqualify);
  }
}

// ELIG.ADVERSE: the regulator's `disqualify` opinion inside the window removes the applicant
// from the batch, like a disqualifying accident; outside the window it does nothing.
TEST(EligibilityTest, AdverseDisqualifyInsideTheWindowSetsDisqualified) {
  Application app = Eligible();
  app.adverse_records.push_back({D("2023-01-01"), RegulatorOpinion::kDisqualify});
  EXPECT_TRUE(Eval(app).disqualified);
  app.adverse_records[0].date = D("2022-12-31");
  EXPECT_FALSE(Eval(app).disqualified);
  app.adverse_records[0].date = D("2026-01-16");  // after the window: a note
  EXPECT_FALSE(Eval(app).disqualified);
  app.adverse_records[0] = {D("2025-03-01"), RegulatorOpinion::kPending};
  EXPECT_FALSE(Eval(app).disqualified);
}

TEST(EligibilityTest, AdverseOutsideWindowIgnoredAndFailureNotAlsoPending) {
  Application app = Eligible();
  app.adverse_records.push_back({D("2022-02-01"), RegulatorOpinion::kDisqualify});
  app.adverse_records.push_back({D("2026-01-16"), RegulatorOpinion::kDisqualify});
  EligibilityResult r = Eval(app);
  EXPECT_EQ(r.decision, Decision::kEligible);
  EXPECT_TRUE(Has(r, EligibilityRule::kAdverse, FindingReason::kAfterAppliedOn, FindingStatus::kNote));

  app.adverse_records.push_back({D("2024-01-01"), RegulatorOpinion::kPending});
  app.adverse_records.push_back({D("2024-02-01"), RegulatorOpinion::kDisqualify});
  r = Eval(app);
  EXPECT_EQ(r.StatusOf(EligibilityRule::kAdverse), FindingStatus::kFail);
  EXPECT_TRUE(Has(r, EligibilityRule::kAdverse, FindingReason::kAdversePending, FindingStatus::kNote));
  EXPECT_FALSE(r.eligible_from.has_value());  // adverse records are not in ELIG.RECOVERY
}

TEST(EligibilityTest, AdverseWindowEdges) {
  for (const char* inside : {"2023-01-01", "2026-01-15"}) {
    Application app = Eligible();
    app.adverse_records.push_back({D(inside), RegulatorOpinion::kDisqualify});
    EXPECT_EQ(Eval(app).decision, Decision::kIneligible) << inside;
    app.adverse_records[0].opinion = RegulatorOpinion::kPending;
    EXPECT_EQ(Eval(app).decision, Decision::kPending) << inside;
  }
  for (const char* outside : {"2022-12-31", "2026-01-16"}) {
    Application app = Eligible();
    app.adverse_records.push_back({D(outside), RegulatorOpinion::kDisqualify});
    EXPECT_EQ(Eval(app).decision, Decision::kEligible) << outside;
  }
}

// ---- ELIG.TRAINED_STAFF ----------------------------------------------------------------------

TEST(EligibilityTest, TrainedStaffCountsDistinctNonEmptyNumbers) {
  const struct {
    std::vector<std::string_view> numbers;
    bool pass;
  } cases[] = {{{"C1"}, false},
               {{"C1", "C1"}, false},
               {{"C1", ""}, false},
               {{"", "", ""}, false},
               {{}, false},
               {{"C1", "C2"}, true},
               {{"", "C1", "C3"}, true},
               {{"C1", "C1", "C2"}, true}};
  for (const auto& c : cases) {
    Application app = Eligible();
    app.trained_staff.clear();
    for (auto n : c.numbers) app.trained_staff.push_back({n});
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(r.StatusOf(EligibilityRule::kTrainedStaff),
              c.pass ? FindingStatus::kPass : FindingStatus::kFail)
        << c.numbers.size();
  }
}

// ELIG.TRAINED_STAFF: surrounding white space (space, tab, U+3000) is trimmed before counting.
TEST(EligibilityTest, TrainedStaffTrimsSurroundingWhiteSpace) {
  EXPECT_EQ(eligibility_internal::TrimCertificateNo(" \tC-1\xE3\x80\x80 "), "C-1");
  EXPECT_EQ(eligibility_internal::TrimCertificateNo("C 1"), "C 1");  // inside: kept
  EXPECT_EQ(eligibility_internal::TrimCertificateNo("\xE3\x80\x80"), "");
  const struct {
    std::vector<std::string_view> numbers;
    int distinct;
  } cases[] = {{{"C-1", "C-1 "}, 1},
               {{"C-1", "\tC-1"}, 1},
               {{"C-1", "C-1\xE3\x80\x80"}, 1},
               {{"C-1", " "}, 1},
               {{"C-1", "\xE3\x80\x80"}, 1},
               {{"C-1", "C-2 "}, 2},
               {{" C-1 ", " C-2\t"}, 2}};
  for (const auto& c : cases) {
    Application app = Eligible();
    app.trained_staff.clear();
    for (auto n : c.numbers) app.trained_staff.push_back({n});
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(FindingsOf(r, EligibilityRule::kTrainedStaff)[0]->count, c.distinct) << c.numbers[1];
    EXPECT_EQ(r.StatusOf(EligibilityRule::kTrainedStaff),
              c.distinct >= 2 ? FindingStatus::kPass : FindingStatus::kFail)
        << c.numbers[1];
  }
  // The long-list path (sorting) trims alike.
  Application app = Eligible();
  app.trained_staff.clear();
  for (int i = 0; i < 100; ++i) app.trained_staff.push_back({i % 2 ? "C-1" : "C-1 "});
  EXPECT_EQ(FindingsOf(Eval(app), EligibilityRule::kTrainedStaff)[0]->count, 1);
  app.trained_staff.push_back({"\tC-2"});
  EXPECT_EQ(FindingsOf(Eval(app), EligibilityRule::kTrainedStaff)[0]->count, 2);
}

TEST(EligibilityTest, TrainedStaffLongListsAndRulebookMinimum) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 200; ++i) numbers.push_back(i % 2 ? "CCEA-A" : "CCEA-B");
  Application app = Eligible();
  app.trained_staff.clear();
  for (const auto& n : numbers) app.trained_staff.push_back({n});
  EligibilityResult r = Eval(app);
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kTrainedStaff)[0]->count, 2);
  EXPECT_EQ(r.decision, Decision::kEligible);
  Rulebook rb = DefaultRules();
  rb.eligibility.min_trained_staff = 3;
  EXPECT_EQ(Eval(app, rb).decision, Decision::kIneligible);
}

// ---- ELIG.KIND -------------------------------------------------------------------------------

Application Kind(ApplicationKind kind, std::string_view certified_on, std::string_view applied_on) {
  Application app = Eligible();
  app.kind = kind;
  app.applied_on = D(applied_on);
  if (!certified_on.empty()) app.current_certificate = CurrentCertificate{D(certified_on)};
  return app;
}

TEST(EligibilityTest, KindRenewalAndUpgradeNeedTheCertificate) {
  EXPECT_EQ(Eval(Kind(ApplicationKind::kInitial, "", "2026-01-15")).decision, Decision::kEligible);
  for (ApplicationKind k : {ApplicationKind::kRenewal, ApplicationKind::kUpgrade}) {
    const EligibilityResult r = Eval(Kind(k, "", "2026-01-15"));
    EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kCertificateMissing, FindingStatus::kFail));
  }
  EXPECT_EQ(Eval(Kind(ApplicationKind::kRenewal, "2026-02-01", "2026-01-15")).decision,
            Decision::kIneligible);  // certified after applied_on
}

// ELIG.KIND: a holder of a certificate still valid on applied_on cannot file as initial.
TEST(EligibilityTest, KindInitialByAHolderFailsWhileTheCertificateIsValid) {
  // Certified 2023-03-20: valid through 2026-03-20.
  EligibilityResult r = Eval(Kind(ApplicationKind::kInitial, "2023-03-20", "2026-03-20"));
  ASSERT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kInitialWhileCertified, FindingStatus::kFail));
  EXPECT_EQ(r.decision, Decision::kIneligible);
  EXPECT_FALSE(r.disqualified);
  EXPECT_FALSE(r.eligible_from.has_value());
  const Finding& f = *FindingsOf(r, EligibilityRule::kKind)[0];
  EXPECT_EQ(f.date, D("2026-03-20"));
  EXPECT_EQ(f.related, D("2023-03-20"));
  const Application app = Kind(ApplicationKind::kInitial, "2023-03-20", "2026-03-20");
  std::string en, zh;
  internal::AppendFindingMessage(DefaultRules(), app, r, f, en);
  internal::AppendFindingMessageZh(DefaultRules(), app, r, f, zh);
  EXPECT_EQ(en, "initial application while the current certificate (certified on 2023-03-20, valid "
                "through 2026-03-20) is still valid on applied_on 2026-03-20: a holder re-applies "
                "as upgrade or renewal (Art. 14(14))");
  EXPECT_EQ(zh, "现有证书（认证日期 2023-03-20，有效期至 2026-03-20）在申请日 2026-03-20 "
                "仍有效，持证单位应提出升级或换证申请，不得按首次申请（第十四条第（十四）项）");
  // The day after the last valid day the certificate has expired: initial passes.
  r = Eval(Kind(ApplicationKind::kInitial, "2023-03-20", "2026-03-21"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kInitialApplication, FindingStatus::kPass));
  EXPECT_EQ(r.decision, Decision::kEligible);
  // The day of certification itself is within validity.
  r = Eval(Kind(ApplicationKind::kInitial, "2025-06-01", "2025-06-01"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kInitialWhileCertified, FindingStatus::kFail));
}

TEST(EligibilityTest, KindRenewalOnLastValidDayVersusAfter) {
  // Certified 2023-03-20: valid through 2026-03-20 (Civil Code reading).
  EligibilityResult r = Eval(Kind(ApplicationKind::kRenewal, "2023-03-20", "2026-03-20"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kRenewalWithinValidity, FindingStatus::kPass));
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kKind)[0]->date, D("2026-03-20"));
  r = Eval(Kind(ApplicationKind::kRenewal, "2023-03-20", "2026-03-21"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kTreatedAsInitial, FindingStatus::kNote));
  EXPECT_EQ(r.decision, Decision::kEligible);
  // With the issue day counted as day one the certificate ends a day earlier.
  Rulebook rb = DefaultRules();
  rb.certificate.issue_day_is_day_one = true;
  r = Eval(Kind(ApplicationKind::kRenewal, "2023-03-20", "2026-03-20"), rb);
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kTreatedAsInitial, FindingStatus::kNote));
  EXPECT_EQ(FindingsOf(r, EligibilityRule::kKind)[0]->date, D("2026-03-19"));
}

TEST(EligibilityTest, KindUpgradeSixMonthsAfterCertification) {
  // 2025-08-31 + 6 months = 2026-02-28 (READ.PERIOD).
  EligibilityResult r = Eval(Kind(ApplicationKind::kUpgrade, "2025-08-31", "2026-02-27"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kUpgradeTooEarly, FindingStatus::kFail));
  EXPECT_EQ(r.decision, Decision::kIneligible);
  EXPECT_FALSE(r.eligible_from.has_value());
  r = Eval(Kind(ApplicationKind::kUpgrade, "2025-08-31", "2026-02-28"));
  EXPECT_TRUE(Has(r, EligibilityRule::kKind, FindingReason::kUpgradeAllowed, FindingStatus::kPass));
  EXPECT_EQ(r.decision, Decision::kEligible);
}

// ---- ELIG.IN_FORCE ---------------------------------------------------------------------------

TEST(EligibilityTest, InForceNoteBeforeTheRulebooksDate) {
  Application app = Eligible();
  app.applied_on = D("2020-05-16");
  EligibilityResult r = Eval(app);
  ASSERT_TRUE(Has(r, EligibilityRule::kInForce, FindingReason::kBeforeInForce, FindingStatus::kNote));
  EXPECT_EQ(r.findings.back().rule, EligibilityRule::kInForce);
  EXPECT_EQ(r.findings.back().date, D("2020-05-17"));
  EXPECT_EQ(r.decision, Decision::kEligible);  // a note only
  EXPECT_EQ(RuleId(EligibilityRule::kInForce), "ELIG.IN_FORCE");
  EXPECT_EQ(RuleArticle(EligibilityRule::kInForce), "25");
  std::string en, zh;
  internal::AppendFindingMessage(DefaultRules(), app, r, r.findings.back(), en);
  internal::AppendFindingMessageZh(DefaultRules(), app, r, r.findings.back(), zh);
  EXPECT_EQ(en, "applied_on 2020-05-16 is before 2020-05-17, the day the Measures took effect "
                "(Art. 25): evaluated under them all the same");
  EXPECT_EQ(zh, "申请日 2020-05-16 早于本办法施行之日 2020-05-17（第二十五条），仍按本办法评价，仅作提示");
  app.applied_on = D("2020-05-17");
  r = Eval(app);
  EXPECT_TRUE(FindingsOf(r, EligibilityRule::kInForce).empty());
  Rulebook rb = DefaultRules();
  rb.in_force_from = D("2021-01-01");
  EXPECT_TRUE(Has(Eval(app, rb), EligibilityRule::kInForce, FindingReason::kBeforeInForce,
                  FindingStatus::kNote));
}

// ---- ELIG.RECOVERY ---------------------------------------------------------------------------

TEST(EligibilityTest, RecoveryAfterTheLatestTimeBoundFailure) {
  // A November filing joins next year's batch: 2026-11-01's window is 2023-11-01..2026-12-31.
  EligibilityResult r = Eval(WithAccident("2023-01-01", AccidentSeverity::kLarger));
  ASSERT_TRUE(r.eligible_from.has_value());
  EXPECT_EQ(*r.eligible_from, D("2026-11-01"));
  EXPECT_TRUE(Has(r, EligibilityRule::kRecovery, FindingReason::kRecoveryDate, FindingStatus::kNote));

  Application app = WithAccident("2024-05-01", AccidentSeverity::kMajor);
  app.criticisms.push_back({D("2025-03-01"), CriticismSubject::kEnterprise});
  r = Eval(app);
  EXPECT_EQ(r.eligible_from, D("2028-11-01"));  // window 2025-11-01..2028-12-31
  // The site really is eligible from then: re-file the same records on that date.
  app.applied_on = *r.eligible_from;
  EXPECT_EQ(Eval(app).decision, Decision::kEligible);
  app.applied_on = r.eligible_from->PlusDays(-1);
  EXPECT_EQ(Eval(app).decision, Decision::kIneligible);
}

TEST(EligibilityTest, RecoveryNullWhenAFailureIsNotTimeBound) {
  Application app = WithAccident("2024-05-01", AccidentSeverity::kMajor);
  app.trained_staff.clear();
  EXPECT_FALSE(Eval(app).eligible_from.has_value());
  Application pending = Eligible();
  pending.credit_code.reset();
  EXPECT_FALSE(Eval(pending).eligible_from.has_value());
}

// RULES.md §1: the window is Art. 11's rolling three years joined with Art. 14(4)'s calendar
// years B-3..B-1 of the batch year B.
TEST(EligibilityTest, WindowOfANovemberFilingFollowsItsBatchYear) {
  // 2026-11-22 joins the 2027-Q1 batch: 2023-11-22..2026-12-31.
  const DayRange w = EligibilityWindow(DefaultRules(), D("2026-11-22"));
  EXPECT_EQ(w.first, D("2023-11-22"));
  EXPECT_EQ(w.last, D("2026-12-31"));
  // The last October day is its own year's batch: Y-3-01-01..applied_on.
  const DayRange october = EligibilityWindow(DefaultRules(), D("2026-10-31"));
  EXPECT_EQ(october.first, D("2023-01-01"));
  EXPECT_EQ(october.last, D("2026-10-31"));
  // The rolling part starts on the corresponding day (READ.PERIOD).
  EXPECT_EQ(EligibilityWindow(DefaultRules(), D("2027-11-29")).first, D("2024-11-29"));
  EXPECT_EQ(EligibilityWindow(DefaultRules(), D("2028-12-31")).last, D("2028-12-31"));

  Application app = Eligible();
  app.applied_on = D("2026-11-22");
  const struct {
    const char* date;
    bool counted;
  } cases[] = {{"2023-03-01", false}, {"2023-11-21", false}, {"2023-11-22", true},
               {"2026-11-22", true},  {"2026-12-15", true},  {"2026-12-31", true},
               {"2027-01-01", false}};
  for (const auto& c : cases) {
    Application a = app;
    a.accidents.push_back({D(c.date), AccidentSeverity::kLarger});
    const EligibilityResult r = Eval(a);
    EXPECT_EQ(r.window.first, D("2023-11-22"));
    EXPECT_EQ(r.window.last, D("2026-12-31"));
    EXPECT_EQ(r.disqualified, c.counted) << c.date;
    EXPECT_EQ(r.decision, c.counted ? Decision::kIneligible : Decision::kEligible) << c.date;
  }
  // After the window's end: a note naming the end, never counted.
  Application after = app;
  after.criticisms.push_back({D("2027-01-01"), CriticismSubject::kSite});
  const EligibilityResult r = Eval(after);
  EXPECT_TRUE(Has(r, EligibilityRule::kCriticism, FindingReason::kAfterAppliedOn, FindingStatus::kNote));
  EXPECT_EQ(r.decision, Decision::kEligible);
  std::string en, zh;
  const Finding& note = *FindingsOf(r, EligibilityRule::kCriticism)[0];
  internal::AppendFindingMessage(DefaultRules(), after, r, note, en);
  internal::AppendFindingMessageZh(DefaultRules(), after, r, note, zh);
  EXPECT_EQ(en, "notified criticism of the site on 2027-01-01 is after the window's end 2026-12-31: "
                "reported, not counted");
  EXPECT_EQ(zh, "2027-01-01 对服务现场的通报批评晚于考察期截止日 2026-12-31，仅作提示，不计入");
}

TEST(EligibilityTest, WindowFollowsTheRulebookAcceptanceMonths) {
  Rulebook rb = DefaultRules();
  rb.calendar.acceptance_months = {1, 4, 7, 12};
  rb.calendar.announcement_months = {3, 6, 9, 12};
  // With a December acceptance month, a November filing is that year's batch.
  EXPECT_EQ(EligibilityWindow(rb, D("2026-11-22")).first, D("2023-01-01"));
  EXPECT_EQ(EligibilityWindow(rb, D("2026-11-22")).last, D("2026-11-22"));
}

// ELIG.RECOVERY: the required examples, each checked against the window function itself.
TEST(EligibilityTest, RecoveryDatesAreTheFirstWindowThatExcludesTheEvent) {
  const struct {
    const char* event;
    bool criticism;
    const char* recovery;
  } cases[] = {{"2023-01-01", false, "2026-11-01"},
               {"2023-12-15", false, "2026-12-16"},
               {"2023-03-01", false, "2026-11-01"},
               {"2024-06-30", true, "2027-11-01"},
               {"2024-11-30", false, "2027-12-01"}};
  for (const auto& c : cases) {
    Application app = Eligible();
    app.applied_on = D("2026-01-15");
    if (c.criticism) {
      app.criticisms.push_back({D(c.event), CriticismSubject::kEnterprise});
    } else {
      app.accidents.push_back({D(c.event), AccidentSeverity::kLarger});
    }
    const EligibilityResult r = Eval(app);
    ASSERT_TRUE(r.eligible_from.has_value()) << c.event;
    EXPECT_EQ(*r.eligible_from, D(c.recovery)) << c.event;
    // The date's window excludes the event; the day before's includes it.
    EXPECT_FALSE(EligibilityWindow(DefaultRules(), *r.eligible_from).Contains(D(c.event))) << c.event;
    EXPECT_TRUE(EligibilityWindow(DefaultRules(), r.eligible_from->PlusDays(-1)).Contains(D(c.event)))
        << c.event;
    // And the same records filed then are eligible, the day before ineligible.
    app.applied_on = *r.eligible_from;
    EXPECT_EQ(Eval(app).decision, Decision::kEligible) << c.event;
    app.applied_on = r.eligible_from->PlusDays(-1);
    EXPECT_EQ(Eval(app).decision, Decision::kIneligible) << c.event;
  }
}

TEST(EligibilityTest, RecoveryMessageNamesTheWindowOfTheRecoveryDate) {
  const Application app = WithAccident("2023-12-15", AccidentSeverity::kLarger);
  const EligibilityResult r = Eval(app);
  std::string en, zh;
  internal::AppendFindingMessage(DefaultRules(), app, r, r.findings.back(), en);
  internal::AppendFindingMessageZh(DefaultRules(), app, r, r.findings.back(), zh);
  EXPECT_EQ(en, "every failure is time-bound; the latest, on 2023-12-15, is outside the window "
                "2023-12-16..2026-12-31 of a filing on 2026-12-16 (the day before, it is inside): "
                "the site may apply again from 2026-12-16");
  EXPECT_EQ(zh, "所有不符合项均有时限，最近一项（2023-12-15）不在 2026-12-16 申请的考察期 "
                "2023-12-16..2026-12-31 内（早一日申请仍在其内），自 2026-12-16 起可重新申请");
}

// ---- READ.ABSENT -------------------------------------------------------------------------------

TEST(EligibilityTest, AbsentEvidenceListIsPendingEmptyListPasses) {
  const struct {
    bool Application::*recorded;
    EligibilityRule rule;
  } lists[] = {{&Application::accidents_recorded, EligibilityRule::kAccident},
               {&Application::criticisms_recorded, EligibilityRule::kCriticism},
               {&Application::adverse_records_recorded, EligibilityRule::kAdverse}};
  for (const auto& l : lists) {
    Application app = Eligible();  // every list recorded and empty: passes
    EXPECT_EQ(Eval(app).StatusOf(l.rule), FindingStatus::kPass) << RuleId(l.rule);
    app.*l.recorded = false;
    const EligibilityResult r = Eval(app);
    EXPECT_EQ(r.StatusOf(l.rule), FindingStatus::kPending) << RuleId(l.rule);
    EXPECT_TRUE(Has(r, l.rule, FindingReason::kInvestigationNotRecorded, FindingStatus::kPending));
    EXPECT_EQ(FindingsOf(r, l.rule).size(), 1u);
    EXPECT_EQ(r.decision, Decision::kPending);
    EXPECT_FALSE(r.disqualified);
  }
  // The default Application records nothing: a typed caller must say so.
  const Application blank;
  EXPECT_FALSE(blank.accidents_recorded || blank.criticisms_recorded || blank.adverse_records_recorded);
}

// ---- Storage -----------------------------------------------------------------------------------

TEST(EligibilityTest, ManyFindingsSpillToTheHeapAndCopy) {
  Application app = Eligible();
  for (int i = 0; i < 40; ++i) app.accidents.push_back({D("2024-01-01").PlusDays(i), AccidentSeverity::kGeneral});
  app.accidents.push_back({D("2025-01-01"), AccidentSeverity::kLarger});
  EXPECT_FALSE(IsInline(app.accidents));
  const EligibilityResult r = Eval(app);
  EXPECT_FALSE(IsInline(r.findings));
  EXPECT_EQ(r.eligible_from, D("2028-11-01"));
  EligibilityResult copy = r;
  EXPECT_EQ(copy.findings.size(), r.findings.size());
  EligibilityResult moved = std::move(copy);
  EXPECT_EQ(moved.findings.size(), r.findings.size());
  EXPECT_EQ(moved.findings.back().reason, FindingReason::kRecoveryDate);
  Application app_copy = app;
  EXPECT_EQ(Eval(app_copy).findings.size(), r.findings.size());
}

// ---- The JSON door -----------------------------------------------------------------------------

bj::object BaseDoc() {
  return bj::parse(R"({
    "schema": "sqp.application/1", "application_id": "APP-2026-0001", "kind": "initial",
    "applied_on": "2026-01-15",
    "site": {"name": "中国移动深圳南山科技园营业厅", "type": "business_hall", "staff_count": 25,
             "area_m2": 320.5, "established_on": "2015-06-01"},
    "enterprise": {"name": "中国移动通信集团广东有限公司深圳分公司", "credit_code": "914403001922038216",
                   "business_registered": true,
                   "telecom_license": {"number": "A2.B1.B2-20090001", "valid_until": "2029-12-31"}},
    "quality_indicators": {"attested": true, "values": {"user_satisfaction_pct": 96.2}},
    "accidents": [{"date": "2024-05-01", "severity": "larger"}],
    "regulator_criticisms": [], "adverse_records": [],
    "trained_staff": [{"name": "王伟", "certificate_no": "C1"}, {"name": "李娜", "certificate_no": "C2"}]
  })").as_object();
}

bj::value RunJson(const bj::object& doc, const Engine& engine = TheEngine()) {
  auto out = engine.Run("eligibility", bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? bj::parse(*out) : bj::value();
}

const bj::object* FindingFor(const bj::value& result, std::string_view rule, std::string_view status) {
  for (const bj::value& f : result.at("findings").as_array()) {
    if (f.at("rule").as_string() == rule && f.at("status").as_string() == status) {
      return &f.as_object();
    }
  }
  return nullptr;
}

// Sets the member at a simple JSON pointer (no escapes), creating the last member if absent.
void SetAt(bj::value& doc, std::string_view pointer, bj::value v) {
  bj::value* at = &doc;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    const size_t slash = pointer.find('/');
    const std::string_view part = pointer.substr(0, slash);
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    if (at->is_array()) {
      at = &at->as_array().at(std::stoul(std::string(part)));
    } else {
      at = &at->as_object()[part];
    }
  }
  *at = std::move(v);
}

TEST(EligibilityJsonTest, ResultMembersAndMessages) {
  const bj::value r = RunJson(BaseDoc());
  EXPECT_EQ(r.at("schema"), "sqp.eligibility/1");
  EXPECT_EQ(r.at("application_id"), "APP-2026-0001");
  EXPECT_EQ(r.at("decision"), "ineligible");
  EXPECT_EQ(r.at("disqualified"), true);
  EXPECT_EQ(r.at("window").at("from"), "2023-01-01");
  EXPECT_EQ(r.at("window").at("to"), "2026-01-15");
  EXPECT_EQ(r.at("eligible_from"), "2027-11-01");
  const bj::object* accident = FindingFor(r, "ELIG.ACCIDENT", "fail");
  ASSERT_NE(accident, nullptr);
  EXPECT_EQ(accident->at("article"), "11(4), 14(4)");
  EXPECT_EQ(accident->at("evidence"), "/accidents/0");
  EXPECT_NE(std::string_view(accident->at("message").as_string())
                .find("larger accident on 2024-05-01 is inside the window 2023-01-01..2026-01-15"),
            std::string_view::npos);
  EXPECT_NE(std::string_view(accident->at("message_zh").as_string()).find("较大生产安全事故"),
            std::string_view::npos);
  const bj::object* indicator = FindingFor(r, "ELIG.INDICATORS", "pass");
  ASSERT_NE(indicator, nullptr);
  EXPECT_EQ(indicator->at("evidence"), "/quality_indicators/values/user_satisfaction_pct");
  EXPECT_NE(std::string_view(indicator->at("message").as_string()).find("96.2%"), std::string_view::npos);
  for (const bj::value& f : r.at("findings").as_array()) {
    EXPECT_EQ(f.as_object().size(), 6u);
    EXPECT_FALSE(f.at("message").as_string().empty());
    EXPECT_FALSE(f.at("message_zh").as_string().empty());
    EXPECT_TRUE(f.at("evidence").is_null() || f.at("evidence").as_string().starts_with("/"));
  }
}

TEST(EligibilityJsonTest, AbsentIdAndNullsMeanNothingGiven) {
  bj::object doc = BaseDoc();
  doc.erase("application_id");
  doc["accidents"] = nullptr;
  doc["enterprise"].as_object()["credit_code"] = nullptr;
  doc["enterprise"].as_object()["telecom_license"] = nullptr;
  const bj::value r = RunJson(doc);
  EXPECT_TRUE(r.at("application_id").is_null());
  EXPECT_EQ(r.at("decision"), "ineligible");
  EXPECT_TRUE(r.at("eligible_from").is_null());
  EXPECT_NE(FindingFor(r, "ELIG.LICENSE", "fail"), nullptr);
  EXPECT_NE(FindingFor(r, "ELIG.REGISTRATION", "pending"), nullptr);
}

TEST(EligibilityJsonTest, EvidencePointerEscapesIndicatorNames) {
  bj::object doc = BaseDoc();
  doc["quality_indicators"].as_object()["values"] = bj::object{{"a/b~c", 1}};
  // Not a rulebook indicator: refused by its escaped pointer, or (note mode) noted by it.
  std::string out;
  ASSERT_EQ(TheEngine().RunToDocument("eligibility", bj::serialize(doc), out),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(bj::parse(out).at("path"), "/quality_indicators/values/a~1b~0c") << out;
  const bj::value r = RunJson(doc, NotingEngine());
  const bj::object* note = FindingFor(r, "ELIG.INDICATORS", "note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->at("evidence"), "/quality_indicators/values/a~1b~0c");
  const bj::object* unknown = FindingFor(r, "INPUT.UNKNOWN_MEMBER", "note");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->at("pointers"), bj::array{"/quality_indicators/values/a~1b~0c"});
}

// Text from the input goes into the messages whole at every length: the encoder copies pieces
// of unknown size with overlapping 4-, 8- and 16-byte moves up to 64 bytes and memcpy beyond,
// so a credit code of 1..45 characters, ASCII (1..45 bytes) and Chinese (3..135 bytes), must
// come back exactly (its first 40 characters when it is quoted in a wrong-length message).
TEST(EligibilityJsonTest, InputTextOfEveryLengthIsCopiedWhole) {
  // Characters that differ from one position and one length to the next, so that bytes a
  // shorter copy left behind cannot pass for the right ones.
  const std::vector<std::string> ascii = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A",
                                          "B", "C", "D", "E", "F", "G", "H", "J", "K", "L"};
  const std::vector<std::string> chinese = {"统", "一", "社", "会", "信", "用", "代", "码", "校",
                                            "验", "字", "符", "集", "外", "长", "度", "错", "误"};
  for (const auto* units : {&ascii, &chinese}) {
    for (size_t n = 1; n <= 45; ++n) {
      std::string code, quoted;
      for (size_t i = 0; i < n; ++i) {
        const std::string& unit = (*units)[(i + n) % units->size()];
        code += unit;
        if (i < 40) quoted += unit;
      }
      bj::object doc = BaseDoc();
      doc["enterprise"].as_object()["credit_code"] = code;
      const bj::value r = RunJson(doc);
      bool found = false;
      for (const bj::value& f : r.at("findings").as_array()) {
        if (f.at("rule") != "ELIG.REGISTRATION") continue;
        found = true;
        for (const char* member : {"message", "message_zh"}) {
          const std::string_view text = f.at(member).as_string();
          EXPECT_NE(text.find(quoted), std::string_view::npos) << n << ": " << text;
        }
      }
      EXPECT_TRUE(found) << n;
    }
  }
}

// Messages are written as finished JSON literals; what comes from the input is escaped, and the
// decoded JSON text equals the plain message the C++ API builds.
TEST(EligibilityJsonTest, MessagesFromTheInputAreEscapedExactly) {
  bj::value doc = BaseDoc();
  const std::string odd = "x\"y\\z\n\u0001 / ~ 指标名称很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长";
  SetAt(doc, "/quality_indicators/values", bj::object{{odd, 1}});
  SetAt(doc, "/enterprise/credit_code", "9144030019\"2203821\\");
  const bj::value r = RunJson(doc.as_object(), NotingEngine());
  Application app;
  ASSERT_TRUE(internal::DecodeApplication(doc, json::Loc::Root(), app).ok());
  const EligibilityResult result = EvaluateEligibility(DefaultRules(), app);
  const bj::array& findings = r.at("findings").as_array();
  // The last one is the note mode's INPUT.UNKNOWN_MEMBER for the indicator name.
  ASSERT_EQ(findings.size(), result.findings.size() + 1);
  EXPECT_EQ(findings.back().at("rule"), "INPUT.UNKNOWN_MEMBER");
  for (size_t i = 0; i < result.findings.size(); ++i) {
    std::string en, zh, pointer;
    internal::AppendFindingMessage(DefaultRules(), app, result, result.findings[i], en);
    internal::AppendFindingMessageZh(DefaultRules(), app, result, result.findings[i], zh);
    EXPECT_EQ(findings[i].at("message").as_string(), en);
    EXPECT_EQ(findings[i].at("message_zh").as_string(), zh);
    if (internal::AppendEvidencePointer(app, result.findings[i], "", pointer)) {
      EXPECT_EQ(findings[i].at("evidence").as_string(), pointer);
    } else {
      EXPECT_TRUE(findings[i].at("evidence").is_null());
    }
  }
  const bj::object* note = FindingFor(r, "ELIG.INDICATORS", "note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->at("evidence").as_string(), "/quality_indicators/values/" +
                                                  std::string("x\"y\\z\n\u0001 ~1 ~0 ") +
                                                  odd.substr(std::string("x\"y\\z\n\u0001 / ~ ").size()));
  EXPECT_NE(std::string_view(note->at("message").as_string()).find("\"x\"y\\z\n\u0001 / ~ 指标"),
            std::string_view::npos);
  EXPECT_NE(std::string_view(note->at("message").as_string()).find("…\""), std::string_view::npos);
}

TEST(EligibilityJsonTest, PeerDocumentsMessagesMatchThePlainApi) {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/tests/data/peers_generated.jsonl");
  size_t checked = 0;
  for (std::string line; std::getline(in, line) && checked < 60; ++checked) {
    const bj::value doc = bj::parse(line);
    Application app;
    ASSERT_TRUE(internal::DecodeApplication(doc, json::Loc::Root(), app).ok());
    const EligibilityResult result = EvaluateEligibility(DefaultRules(), app);
    auto out = TheEngine().Run("eligibility", line);
    ASSERT_TRUE(out.ok());
    const bj::value r = bj::parse(*out);
    const bj::array& findings = r.at("findings").as_array();
    ASSERT_EQ(findings.size(), result.findings.size());
    for (size_t i = 0; i < findings.size(); ++i) {
      std::string en;
      internal::AppendFindingMessage(DefaultRules(), app, result, result.findings[i], en);
      EXPECT_EQ(findings[i].at("message").as_string(), en);
    }
  }
  EXPECT_EQ(checked, 60u);
}

TEST(EligibilityJsonTest, CreditCodeMessagesNameTheProblem) {
  bj::object doc = BaseDoc();
  doc["enterprise"].as_object()["credit_code"] = "914403001922038217";
  bj::value r = RunJson(doc);
  const bj::object* f = FindingFor(r, "ELIG.REGISTRATION", "fail");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(std::string_view(f->at("message").as_string()).find("should be 6, not 7"), std::string_view::npos);
  doc["enterprise"].as_object()["credit_code"] = "91440300\"922038216";
  r = RunJson(doc);
  f = FindingFor(r, "ELIG.REGISTRATION", "fail");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(std::string_view(f->at("message").as_string()).find("position 9"), std::string_view::npos);
}

struct BadCase {
  const char* pointer;  // where to put the bad value (parent must exist)
  const char* json;     // the bad value
};

TEST(EligibilityJsonTest, MalformedInputNamesTheField) {
  const BadCase cases[] = {
      {"/applied_on", R"("2026-02-30")"},
      {"/applied_on", "20260115"},
      {"/kind", R"("renewl")"},
      {"/site/type", R"("kiosk")"},
      {"/site/staff_count", "-1"},
      {"/site/staff_count", "2.5"},
      {"/site/area_m2", "-3"},
      {"/enterprise/business_registered", R"("yes")"},
      {"/enterprise/credit_code", "914403001922038216"},
      {"/enterprise/telecom_license", R"("A2-1")"},
      {"/enterprise/telecom_license/valid_until", R"("2029-13-01")"},
      {"/quality_indicators/attested", "1"},
      {"/quality_indicators/values/user_satisfaction_pct", R"("96%")"},
      {"/accidents/0/severity", R"("huge")"},
      {"/accidents/0/date", R"("2024/05/01")"},
      {"/regulator_criticisms", R"({"date": "2024-01-01"})"},
      {"/trained_staff/0/certificate_no", "7"},
      {"/trained_staff/1", R"("C2")"},
      {"/site", "[]"},
  };
  for (const BadCase& c : cases) {
    bj::value doc = BaseDoc();
    SetAt(doc, c.pointer, bj::parse(c.json));
    std::string out;
    EXPECT_EQ(TheEngine().RunToDocument("eligibility", bj::serialize(doc), out), ErrorCode::kInvalidInput)
        << c.pointer << " = " << c.json;
    const bj::value err = bj::parse(out);
    EXPECT_EQ(err.at("code"), "invalid_input");
    EXPECT_EQ(err.at("path"), c.pointer) << out;
  }
}

// Every member of real documents replaced by values of every JSON kind: the door never crashes,
// and a refusal always names the member (or something inside it).

TEST(EligibilityJsonTest, EveryMemberWithEveryWrongKindIsRefusedByNameOrAccepted) {
  const auto lines = [] {
    std::ifstream in(std::string(SQP_SOURCE_DIR) + "/tests/data/peers_edge_cases.jsonl");
    std::vector<std::string> v;
    for (std::string line; std::getline(in, line);) v.push_back(line);
    return v;
  }();
  const bj::value replacements[] = {nullptr, true, -1, 2.5, "x", "2026-02-30", bj::array{}, bj::object{}};
  size_t runs = 0, refused = 0;
  for (size_t doc_index : {1u, 8u, 30u, 34u}) {  // E2, E9, E31, E35: arrays with items, nulls
    ASSERT_LT(doc_index, lines.size());
    const bj::value original = bj::parse(lines[doc_index]);
    std::vector<std::string> pointers;
    test::CollectPointers(original, "", pointers);
    for (const std::string& pointer : pointers) {
      if (pointer == "/schema") continue;
      for (const bj::value& replacement : replacements) {
        bj::value doc = original;
        SetAt(doc, pointer, replacement);
        std::string out;
        const ErrorCode code = TheEngine().RunToDocument("eligibility", bj::serialize(doc), out);
        ++runs;
        const bj::value result = bj::parse(out);
        if (code == ErrorCode::kOk) {
          EXPECT_EQ(result.at("schema"), "sqp.eligibility/1");
          continue;
        }
        ++refused;
        ASSERT_EQ(code, ErrorCode::kInvalidInput) << pointer << " = " << bj::serialize(replacement);
        bool named = false;
        for (const bj::value& e : result.at("errors").as_array()) {
          named = named || std::string_view(e.at("path").as_string()).starts_with(pointer);
        }
        EXPECT_TRUE(named) << pointer << " = " << bj::serialize(replacement) << ": " << out;
      }
    }
  }
  EXPECT_GT(runs, 500u);
  EXPECT_GT(refused, runs / 2);
}

TEST(EligibilityJsonTest, EveryProblemIsListed) {
  bj::value doc = BaseDoc();
  SetAt(doc, "/applied_on", "2026-02-30");
  SetAt(doc, "/accidents/0/severity", "huge");
  SetAt(doc, "/site/staff_count", -1);
  doc.as_object().erase("kind");
  SetAt(doc, "/current_certificate", bj::object{{"grade", "四星级"}});
  std::string out;
  ASSERT_EQ(TheEngine().RunToDocument("eligibility", bj::serialize(doc), out), ErrorCode::kInvalidInput);
  std::set<std::string> paths;
  const bj::value err = bj::parse(out);
  for (const bj::value& e : err.at("errors").as_array()) {
    paths.insert(std::string(e.at("path").as_string()));
  }
  EXPECT_EQ(paths, (std::set<std::string>{"/applied_on", "/accidents/0/severity", "/site/staff_count",
                                          "/kind", "/current_certificate/certified_on"}));
}

TEST(EligibilityJsonTest, NonObjectApplicationAndMissingRequiredMembers) {
  std::string out;
  EXPECT_EQ(TheEngine().RunToDocument("eligibility", R"({"schema":"sqp.application/1"})", out),
            ErrorCode::kInvalidInput);
  std::set<std::string> paths;
  const bj::value err = bj::parse(out);
  for (const bj::value& e : err.at("errors").as_array()) {
    paths.insert(std::string(e.at("path").as_string()));
  }
  EXPECT_EQ(paths, (std::set<std::string>{"/kind", "/applied_on", "/site", "/enterprise"}));
}

TEST(EligibilityJsonTest, DecodeUnderAPrefixForEmbeddedApplications) {
  const bj::value outer = bj::object{{"application", bj::object{{"kind", "upgrade"}}}};
  const json::Loc root = json::Loc::Root();
  const json::Loc at = root.Key("application");
  Application app;
  const absl::Status s = internal::DecodeApplication(outer.at("application"), at, app);
  ASSERT_FALSE(s.ok());
  const ErrorInfo info = DescribeError(s);
  EXPECT_EQ(info.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(info.issues[0].path, "/application/applied_on");

  // Writing with a prefix points evidence into the embedding document.
  const bj::value doc = BaseDoc();
  ASSERT_TRUE(internal::DecodeApplication(doc, root, app).ok());
  std::string text;
  json::Writer w(text);
  w.BeginObject();
  internal::WriteEligibility(DefaultRules(), app, EvaluateEligibility(DefaultRules(), app), w, "/application");
  w.EndObject();
  EXPECT_NE(text.find(R"("evidence":"/application/accidents/0")"), std::string::npos) << text;
}

TEST(EligibilityJsonTest, TextChecklistHasOneLinePerRule) {
  auto out = TheEngine().Render("eligibility", "text", bj::serialize(BaseDoc()));
  ASSERT_TRUE(out.ok());
  const std::string text = *out;
  std::istringstream lines(text);
  size_t rule_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    for (std::string_view id : kEligibilityRuleIds) {
      if (line.find(std::string(id) + ":") != std::string::npos ||
          line.find(std::string(id) + " (") != std::string::npos) {
        ++rule_lines;
      }
    }
  }
  // ELIG.IN_FORCE has no line for a filing after the Measures took effect.
  EXPECT_EQ(rule_lines, kEligibilityRuleCount - 1) << text;
  EXPECT_EQ(text.find("ELIG.IN_FORCE"), std::string::npos) << text;
  EXPECT_NE(text.find("不符合参评条件 ineligible"), std::string::npos) << text;
  EXPECT_NE(text.find("2027-11-01"), std::string::npos);
  EXPECT_NE(text.find("[✗"), std::string::npos);
}

TEST(EligibilityJsonTest, AbsentNullAndEmptyListsThroughTheDoor) {
  bj::object doc = BaseDoc();
  doc["accidents"] = bj::array();
  EXPECT_EQ(RunJson(doc).at("decision"), "eligible");
  for (const char* key : {"accidents", "regulator_criticisms", "adverse_records"}) {
    for (const bool as_null : {false, true}) {
      bj::object d = doc;
      if (as_null) {
        d[key] = nullptr;
      } else {
        d.erase(key);
      }
      const bj::value r = RunJson(d);
      EXPECT_EQ(r.at("decision"), "pending") << key;
      const bj::object* f = nullptr;
      for (const bj::value& v : r.at("findings").as_array()) {
        if (v.at("status") == "pending") f = &v.as_object();
      }
      ASSERT_NE(f, nullptr) << key;
      EXPECT_EQ(f->at("message").as_string(),
                std::string(key) +
                    " is absent: the reverse investigation of Art. 14(4) has not been recorded (an "
                    "empty list [] records that nothing was found)");
      EXPECT_EQ(f->at("message_zh").as_string(), std::string("缺少 ") + key +
                                         "：第十四条第（四）项的反向调查结果尚未记录（空列表 [] "
                                         "表示已调查、未发现）");
      EXPECT_TRUE(f->at("evidence").is_null());
    }
  }
}

// ---- Agreement with the peers' oracle (reference.py; its answers are in tests/data/peers_*) -----

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void ExpectAgreement(const std::string& name) {
  const std::string dir = std::string(SQP_SOURCE_DIR) + "/tests/data/";
  const auto inputs = ReadLines(dir + name + ".jsonl");
  const auto expected = ReadLines(dir + name + ".expected.jsonl");
  ASSERT_FALSE(inputs.empty());
  ASSERT_EQ(inputs.size(), expected.size());
  std::string joined;
  for (const auto& l : inputs) joined += l + "\n";
  std::string out;
  const auto summary = TheEngine().RunBatch("eligibility", joined, out);
  EXPECT_EQ(summary.errors, 0u);
  const auto got = [&] {
    std::vector<std::string> v;
    std::istringstream s(out);
    for (std::string line; std::getline(s, line);) v.push_back(line);
    return v;
  }();
  ASSERT_EQ(got.size(), expected.size());
  const std::set<std::string> peer_rules = {"ELIG.REGISTRATION", "ELIG.LICENSE", "ELIG.INDICATORS",
                                            "ELIG.ACCIDENT", "ELIG.CRITICISM", "ELIG.ADVERSE",
                                            "ELIG.TRAINED_STAFF"};
  size_t decisions[3] = {0, 0, 0};
  for (size_t i = 0; i < got.size(); ++i) {
    const bj::value g = bj::parse(got[i]);
    const bj::value want = bj::parse(expected[i]);
    std::set<std::string> fail, pending, want_fail, want_pending;
    for (const bj::value& f : g.at("findings").as_array()) {
      const std::string rule(f.at("rule").as_string());
      if (!peer_rules.contains(rule)) continue;
      if (f.at("status") == "fail") fail.insert(rule);
      if (f.at("status") == "pending") pending.insert(rule);
    }
    for (const bj::value& r : want.at("fail").as_array()) want_fail.insert(std::string(r.as_string()));
    for (const bj::value& r : want.at("pending").as_array()) want_pending.insert(std::string(r.as_string()));
    EXPECT_EQ(g.at("decision"), want.at("decision")) << name << " line " << i + 1;
    EXPECT_EQ(fail, want_fail) << name << " line " << i + 1;
    EXPECT_EQ(pending, want_pending) << name << " line " << i + 1;
    EXPECT_EQ(g.at("application_id"), want.at("application_id"));
    const std::string_view d = g.at("decision").as_string();
    ++decisions[d == "eligible" ? 0 : d == "ineligible" ? 1 : 2];
  }
  // The data exercises every decision (so agreement is not vacuous).
  EXPECT_GT(decisions[0], 0u);
  EXPECT_GT(decisions[1], 0u);
  EXPECT_GT(decisions[2], 0u);
}

TEST(EligibilityOracleTest, EdgeCasesAgreeWithPeersOracle) { ExpectAgreement("peers_edge_cases"); }
TEST(EligibilityOracleTest, GeneratedDocumentsAgreeWithPeersOracle) { ExpectAgreement("peers_generated"); }

}  // namespace
}  // namespace sqp
