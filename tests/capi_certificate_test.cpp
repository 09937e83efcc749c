// The C ABI's sqp_certificate_compute against the C++ ComputeCertificateDates it must agree with.
//
// The C shim writes each date straight into the caller's struct from the same per-date functions
// (SupervisionDatesFor, FilingDeadlinesFor, ...) instead of copying a CertificateDates, so the two
// doors are compared here field by field over every announcement day of the accepted input range,
// on the default rulebook and on rulebooks that exercise every branch: unequal renewal and upgrade
// notice, the issue day as day one, a rest-day calendar, and the most anniversaries allowed.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "sqp.h"
#include "sqp/certificate.hpp"
#include "sqp/engine.hpp"
#include "test_support.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

struct Engines {
  Engine cpp;
  sqp_engine* c = nullptr;
  explicit Engines(std::string_view rulebook)
      : cpp(*Engine::FromRulebookJson(rulebook)) {
    EXPECT_EQ(sqp_engine_new(rulebook.data(), rulebook.size(), &c, nullptr, nullptr), SQP_OK);
  }
  ~Engines() { sqp_engine_free(c); }
  Engines(const Engines&) = delete;
  Engines& operator=(const Engines&) = delete;
};

// Every announcement day kMinInputYear..kMaxInputYear through both doors; returns the days seen.
int CompareEveryDay(const Engines& e) {
  int days = 0;
  for (Date d = *Date::FromYmd(kMinInputYear, 1, 1); d.year() <= kMaxInputYear;
       d = d.PlusDays(1), ++days) {
    const CertificateDates want = ComputeCertificateDates(e.cpp.rulebook(), d);
    sqp_certificate_dates got;
    std::memset(&got, 0x5a, sizeof got);  // every field must be written
    got.struct_size = sizeof got;
    EXPECT_EQ(sqp_certificate_compute(e.c, d.yyyymmdd(), &got), SQP_OK) << d.ToString();
    const std::string at = d.ToString();
    EXPECT_EQ(got.valid_from, want.valid_from.yyyymmdd()) << at;
    EXPECT_EQ(got.valid_until, want.valid_until.yyyymmdd()) << at;
    EXPECT_EQ(got.renewal_due_by, want.renewal_due_by.yyyymmdd()) << at;
    EXPECT_EQ(got.upgrade_earliest, want.upgrade_earliest.yyyymmdd()) << at;
    EXPECT_EQ(got.upgrade_application_due_by, want.upgrade_application_due_by.yyyymmdd()) << at;
    EXPECT_EQ(got.anniversary_count, static_cast<int32_t>(want.supervision_count)) << at;
    for (size_t i = 0; i < SQP_CERTIFICATE_MAX_ANNIVERSARIES; ++i) {
      const bool used = i < want.supervision_count;
      const SupervisionDates& s = want.supervision_storage[i];
      EXPECT_EQ(got.anniversary[i], used ? s.anniversary : 0) << at << " slot " << i;
      EXPECT_EQ(got.supervision_on[i], used ? s.date.yyyymmdd() : 0) << at << " slot " << i;
      EXPECT_EQ(got.report_due[i], used ? s.report_due.yyyymmdd() : 0) << at << " slot " << i;
    }
    if (::testing::Test::HasFailure()) break;  // one day's report, not 400,000
  }
  return days;
}

constexpr int kInputRangeDays = 401767;  // 1900-01-01 .. 2999-12-31

TEST(CapiCertificateTest, DefaultRulebookEveryDay) {
  const Engines e(DefaultRulebookJson());
  EXPECT_EQ(CompareEveryDay(e), kInputRangeDays);
}

// Renewal and upgrade notice differ (FilingDeadlinesFor's second path), the issue day counts as
// day one, and deadlines roll over weekends and holidays.
TEST(CapiCertificateTest, UnequalNoticeDayOneAndRestDaysEveryDay) {
  const Engines e(test::EditedRulebookJson([](bj::object& rb) {
    auto& c = rb["certificate"].as_object();
    c["renewal_lead_months"] = 2;
    c["upgrade_lead_months"] = 5;
    c["issue_day_is_day_one"] = true;
    rb["rest_days"] = {{"weekends", true},
                       {"holidays", bj::array{"2027-12-20", "2028-10-02", "2029-01-01"}},
                       {"working_days", bj::array{"2028-09-30"}}};
  }));
  EXPECT_EQ(CompareEveryDay(e), kInputRangeDays);
}

// The most anniversaries a rulebook may have (validity 20 years): every slot is used but one.
TEST(CapiCertificateTest, NineteenAnniversariesEveryDay) {
  const Engines e(test::EditedRulebookJson([](bj::object& rb) {
    auto& c = rb["certificate"].as_object();
    c["validity_years"] = 20;
    bj::array years;
    for (int k = 1; k <= 19; ++k) years.emplace_back(k);
    c["supervision_anniversaries"] = years;
    c["supervision_report_lead_months"] = 11;
    c["upgrade_min_months"] = 13;
  }));
  ASSERT_EQ(e.cpp.rulebook().certificate.supervision_anniversaries.size(), 19u);
  EXPECT_EQ(CompareEveryDay(e), kInputRangeDays);
}

}  // namespace
}  // namespace sqp
