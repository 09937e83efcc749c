// READ.PERIOD, READ.DAYS, READ.REST, READ.DATES against an independent oracle.
//
// The oracle below knows nothing of Boost or sqp::Date: it counts days from first principles
// (the Gregorian leap rule and a month-length table) so a bug shared by the library and its
// dependency cannot hide.
#include "sqp/date.hpp"

#include <cstdio>

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace sqp {
namespace {

bool OracleLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int OracleDaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && OracleLeap(y) ? 29 : kDays[m - 1];
}
struct Ymd {
  int y, m, d;
  bool operator==(const Ymd&) const = default;
};
// Civil Code Art. 201-202 as the statute reads: the corresponding day of the month N months
// on, or that month's last day when it has no such day.
Ymd OracleAddMonths(Ymd s, int n) {
  int y = s.y, m = s.m;
  for (; n > 0; --n) { if (++m == 13) { m = 1; ++y; } }
  for (; n < 0; ++n) { if (--m == 0) { m = 12; --y; } }
  return {y, m, std::min(s.d, OracleDaysInMonth(y, m))};
}
Ymd OracleNextDay(Ymd s) {
  if (s.d < OracleDaysInMonth(s.y, s.m)) return {s.y, s.m, s.d + 1};
  if (s.m < 12) return {s.y, s.m + 1, 1};
  return {s.y + 1, 1, 1};
}
Ymd ToYmd(Date d) { const auto v = d.ymd(); return {v.year, v.month, v.day}; }
Date Make(int y, int m, int d) {
  auto date = Date::FromYmd(y, m, d);
  EXPECT_TRUE(date.has_value()) << y << "-" << m << "-" << d;
  return *date;
}
Date P(const char* s) { return *Date::Parse(s); }

// READ.PERIOD: every day of 2020-2031, forwards and backwards, against the oracle.
TEST(DateTest, ReadPeriodEveryDay2020To2031MatchesOracle) {
  int days = 0;
  for (Ymd day{2020, 1, 1}; day.y <= 2031; day = OracleNextDay(day), ++days) {
    const Date d = Make(day.y, day.m, day.d);
    ASSERT_EQ(ToYmd(d), day);
    for (int n : {1, 3, 6, 12, 36, -1, -3, -6, -12}) {
      ASSERT_EQ(ToYmd(AddMonths(d, n)), OracleAddMonths(day, n))
          << d.ToString() << " + " << n << " months";
    }
    ASSERT_EQ(ToYmd(AddYears(d, 3)), OracleAddMonths(day, 36)) << d.ToString();
    ASSERT_EQ(ToYmd(d.PlusDays(1)), OracleNextDay(day));
  }
  EXPECT_EQ(days, 4383);  // 12 years, 3 of them leap
}

// The named examples of RULES.md.
// READ.PERIOD over the whole accepted input range (1900 and 2100 are not leap years, 2000 is),
// with every period the rulebook validator allows and the fast paths of AddMonths and AddYears:
// same-year targets, year crossings both ways, whole years, and 29 February.
TEST(DateTest, ReadPeriodWholeInputRangeMatchesOracle) {
  int days = 0;
  for (Ymd day{kMinInputYear, 1, 1}; day.y <= kMaxInputYear; day = OracleNextDay(day), ++days) {
    const Date d = Make(day.y, day.m, day.d);
    for (int n : {2, 5, 11, 13, 25, 240, -2, -5, -11, -13, -25, -240}) {
      ASSERT_EQ(ToYmd(AddMonths(d, n)), OracleAddMonths(day, n))
          << d.ToString() << " + " << n << " months";
    }
    for (int years : {1, 2, 4, 19, 20, -1, -4}) {
      ASSERT_EQ(ToYmd(AddYears(d, years)), OracleAddMonths(day, 12 * years))
          << d.ToString() << " + " << years << " years";
    }
    ASSERT_EQ(Date::DaysInMonth(day.y, day.m), OracleDaysInMonth(day.y, day.m)) << d.ToString();
    char text[32];  // room for any int, so the compiler sees no truncation
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", day.y, day.m, day.d);
    ASSERT_EQ(d.ToString(), text);  // Format's two-digit table
    ASSERT_EQ(Date::Parse(text), d) << text;
  }
  EXPECT_EQ(days, 401767);  // 1,100 years, 267 of them leap
}

TEST(DateTest, ReadPeriodRulesExamples) {
  EXPECT_EQ(AddYears(P("2024-02-29"), 3), P("2027-02-28"));
  EXPECT_EQ(AddMonths(P("2026-08-31"), 6), P("2027-02-28"));
  EXPECT_EQ(AddMonths(P("2027-06-30"), -3), P("2027-03-30"));
  EXPECT_EQ(AddMonths(P("2027-05-31"), -3), P("2027-02-28"));
  EXPECT_EQ(AddMonths(P("2026-01-31"), 1), P("2026-02-28"));
  EXPECT_EQ(AddYears(P("2026-03-20"), 3), P("2029-03-20"));
}

// Boost.Date_Time's month iterator snaps to the month end when the start is a month end; the
// Civil Code does not. These are the cases where the two differ, so using Boost's arithmetic
// would fail this test.
TEST(DateTest, ReadPeriodDiffersFromBoostMonthEndSnapping) {
  using boost::gregorian::date;
  using boost::gregorian::months;
  struct Case { const char* start; int n; const char* civil; const char* boost; };
  const Case cases[] = {
      {"2027-02-28", 1, "2027-03-28", "2027-03-31"},
      {"2027-06-30", -3, "2027-03-30", "2027-03-31"},
      {"2026-04-30", 1, "2026-05-30", "2026-05-31"},
      {"2026-02-28", 12, "2027-02-28", "2027-02-28"},
      {"2023-02-28", 12, "2024-02-28", "2024-02-29"},
  };
  for (const Case& c : cases) {
    const date b = boost::gregorian::from_simple_string(c.start) + months(c.n);
    EXPECT_EQ(boost::gregorian::to_iso_extended_string(b), c.boost) << c.start;
    EXPECT_EQ(AddMonths(P(c.start), c.n).ToString(), c.civil) << c.start;
  }
}

// READ.DAYS: 7 natural days from 2026-03-10 end on 2026-03-16.
TEST(DateTest, ReadDaysInclusive) {
  const DayRange r = NaturalDays(P("2026-03-10"), 7);
  EXPECT_EQ(r.last, P("2026-03-16"));
  EXPECT_TRUE(r.Contains(P("2026-03-10")));
  EXPECT_TRUE(r.Contains(P("2026-03-16")));
  EXPECT_FALSE(r.Contains(P("2026-03-17")));
  EXPECT_FALSE(r.Contains(P("2026-03-09")));
  EXPECT_EQ(NaturalDays(P("2026-12-28"), 7).last, P("2027-01-03"));
}

// READ.DATES: strict parsing; impossible dates are refused, never normalised.
TEST(DateTest, ReadDatesStrictParsing) {
  EXPECT_TRUE(Date::Parse("2024-02-29").has_value());
  for (const char* bad : {"2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                          "2026-01-00", "2026-1-01", "2026/01/01", "20260101", " 2026-01-01",
                          "2026-01-01 ", "2026-01-01T00:00", "abcd-ef-gh", "", "1899-12-31",
                          "3000-01-01", "2026-0a-01", "+026-01-01"}) {
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
  }
  // Every byte in every digit's place: a date only when the byte is an ASCII digit and the day
  // is real (the digits read one by one, the way Parse once looped over them, as the oracle).
  for (size_t place : {0, 1, 2, 3, 5, 6, 8, 9}) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string text = "2024-02-19";
      text[place] = static_cast<char>(byte);
      std::optional<Date> want;
      if (byte >= '0' && byte <= '9') {
        const auto number = [&](size_t from, size_t n) {
          int v = 0;
          for (size_t i = from; i < from + n; ++i) v = v * 10 + (text[i] - '0');
          return v;
        };
        want = Date::FromYmd(number(0, 4), number(5, 2), number(8, 2));
      }
      EXPECT_EQ(Date::Parse(text), want) << "byte " << byte << " at " << place;
    }
  }
  EXPECT_EQ(P("2026-11-22").ToString(), "2026-11-22");
  EXPECT_EQ(P("2026-11-22").yyyymmdd(), 20261122);
  EXPECT_EQ(Date::FromYyyymmdd(20240229), P("2024-02-29"));
  EXPECT_FALSE(Date::FromYyyymmdd(20230229).has_value());
  EXPECT_FALSE(Date::FromYyyymmdd(-20230101).has_value());
  EXPECT_LT(P("2026-01-31"), P("2026-02-01"));
  EXPECT_EQ(P("2026-03-01").DaysSince(P("2026-02-01")), 28);
}

// READ.REST: deadlines on rest days move to the next working day; listed adjusted working
// weekends (调休) are working days; an empty calendar moves nothing.
TEST(DateTest, ReadRestRollsForward) {
  const RestCalendar none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.RollForward(P("2026-11-21")), P("2026-11-21"));

  // 2026-11-21 is a Saturday; 2026-11-23 a Monday.
  const RestCalendar weekends(true, {}, {});
  EXPECT_TRUE(weekends.IsRestDay(P("2026-11-21")));
  EXPECT_TRUE(weekends.IsRestDay(P("2026-11-22")));
  EXPECT_FALSE(weekends.IsRestDay(P("2026-11-23")));
  EXPECT_FALSE(weekends.IsRestDay(P("2026-11-20")));
  EXPECT_EQ(weekends.RollForward(P("2026-11-21")), P("2026-11-23"));
  EXPECT_EQ(weekends.RollForward(P("2026-11-20")), P("2026-11-20"));

  // National Day 2026: Oct 1-7 off (Thu..Wed), Sunday Oct 11 a working day.
  std::vector<Date> holidays;
  for (int d = 1; d <= 7; ++d) holidays.push_back(Make(2026, 10, d));
  const RestCalendar china(true, holidays, {P("2026-10-11")});
  EXPECT_EQ(china.RollForward(P("2026-10-01")), P("2026-10-08"));
  EXPECT_EQ(china.RollForward(P("2026-10-10")), P("2026-10-11"));  // Sat → working Sunday
  EXPECT_FALSE(china.IsRestDay(P("2026-10-11")));
  // Every weekday of one year against Boost's own day-of-week.
  for (Date d = P("2026-01-01"); d <= P("2026-12-31"); d = d.PlusDays(1)) {
    const auto wd = boost::gregorian::date(static_cast<unsigned short>(d.year()),
                                           static_cast<unsigned short>(d.ymd().month),
                                           static_cast<unsigned short>(d.ymd().day))
                        .day_of_week()
                        .as_number();
    EXPECT_EQ(weekends.IsRestDay(d), wd == 0 || wd == 6) << d.ToString();
  }
}

}  // namespace
}  // namespace sqp
