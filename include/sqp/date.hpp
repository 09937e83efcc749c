// Civil dates and the reading conventions of RULES.md §0 (READ.PERIOD, READ.DAYS, READ.REST,
// READ.DATES).
//
// A Date is a calendar day in China local time: no clock, no time zone. It is stored packed as
// (year << 9) | (month << 5) | day, which orders like the calendar, so comparisons are one
// integer compare and the Civil Code's month periods (the hot path of every deadline) need no
// conversion at all. Day arithmetic (N natural days, weekdays) goes through Boost.Date_Time's
// gregorian_calendar day numbers. Month and year *periods* are NOT Boost's `months`/`years`
// iterators, which snap to the month end whenever the start is a month end (2027-02-28 + 1 month
// = 2027-03-31 in Boost); the Civil Code reads it as 2027-03-28.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace sqp {

// Dates accepted from input documents (READ.DATES). Period arithmetic stays far inside
// Boost.Date_Time's own 1400..9999 range, so no operation on an accepted date can leave it.
inline constexpr int kMinInputYear = 1900;
inline constexpr int kMaxInputYear = 2999;

namespace date_internal {
// "00" "01" ... "99": the two-digit numbers side by side, for Date::Format.
inline constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();
}  // namespace date_internal

struct YearMonthDay {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

class Date {
 public:
  // The earliest representable day (an "unset" value that sorts before every real date).
  constexpr Date() = default;

  // READ.DATES: a real calendar day inside the accepted input range, else nullopt
  // (2026-02-30 is never normalised to March).
  static std::optional<Date> FromYmd(int year, int month, int day) {
    if (year < kMinInputYear || year > kMaxInputYear || month < 1 || month > 12 || day < 1 ||
        day > DaysInMonth(year, month)) {
      return std::nullopt;
    }
    return Date(Pack(year, month, day));
  }

  // Strict `YYYY-MM-DD`: exactly ten characters, ASCII digits and two hyphens.
  static std::optional<Date> Parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    // The eight digits written out rather than looped over: a document has several dates, and
    // the loop's bookkeeping cost more than the digits. A byte below '0' wraps to a large value.
    const auto digit = [&text](size_t i) {
      return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - unsigned{'0'};
    };
    const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3);
    const unsigned m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9);
    if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) {
      return std::nullopt;
    }
    return FromYmd(static_cast<int>(((y0 * 10 + y1) * 10 + y2) * 10 + y3),
                   static_cast<int>(m0 * 10 + m1), static_cast<int>(d0 * 10 + d1));
  }

  // `YYYYMMDD` as an integer, the C ABI's date form (20260320).
  static std::optional<Date> FromYyyymmdd(std::int32_t value) {
    if (value < 0) return std::nullopt;
    // Unsigned: a division by a constant is then a multiply and a shift, with no sign fix-up.
    const auto v = static_cast<std::uint32_t>(value);
    const std::uint32_t year = v / 10000u;
    const std::uint32_t month_day = v - year * 10000u;
    const std::uint32_t month = month_day / 100u;
    return FromYmd(static_cast<int>(year), static_cast<int>(month),
                   static_cast<int>(month_day - month * 100u));
  }

  // Gregorian: every 4th year, but of the centuries only every 400th. A year not divisible by 25
  // is no century, so it is leap when divisible by 4; one divisible by 25 is leap when also
  // divisible by 16 (400 = 16 x 25). One division instead of three.
  static constexpr bool IsLeapYear(int year) {
    return year % 25 != 0 ? (year & 3) == 0 : (year & 15) == 0;
  }
  // `month` is 1..12 (outside that the answer means nothing, but is defined).
  static constexpr int DaysInMonth(int year, int month) {
    // 30-day months are April, June, September, November: bits 4, 6, 9, 11 of 0xA50.
    if (month == 2) return IsLeapYear(year) ? 29 : 28;
    return ((0xA50u >> (month & 15)) & 1u) != 0 ? 30 : 31;
  }

  constexpr YearMonthDay ymd() const { return {packed_ >> 9, (packed_ >> 5) & 15, packed_ & 31}; }
  constexpr int year() const { return packed_ >> 9; }

  // Boost's Gregorian day number: consecutive days have consecutive numbers.
  std::int32_t serial() const {
    using Cal = boost::gregorian::gregorian_calendar;
    const YearMonthDay v = ymd();
    return static_cast<std::int32_t>(Cal::day_number(Cal::ymd_type(
        static_cast<unsigned short>(v.year), static_cast<unsigned short>(v.month),
        static_cast<unsigned short>(v.day))));
  }
  std::int32_t yyyymmdd() const {
    const YearMonthDay v = ymd();
    return v.year * 10000 + v.month * 100 + v.day;
  }

  // Writes `YYYY-MM-DD` into out[0..9]; returns out + 10.
  char* Format(char* out) const {
    // Two digits per table lookup: dates are the most frequent number in result documents.
    const YearMonthDay v = ymd();
    const auto year = static_cast<unsigned>(v.year) % 10000u;  // four digits, as always
    const char* const pairs = date_internal::kDigitPairs.data();
    std::memcpy(out, pairs + 2 * (year / 100), 2);
    std::memcpy(out + 2, pairs + 2 * (year % 100), 2);
    out[4] = '-';
    std::memcpy(out + 5, pairs + 2 * static_cast<unsigned>(v.month % 100), 2);
    out[7] = '-';
    std::memcpy(out + 8, pairs + 2 * static_cast<unsigned>(v.day % 100), 2);
    return out + 10;
  }
  std::string ToString() const {
    std::string s(10, '0');
    Format(s.data());
    return s;
  }

  Date PlusDays(std::int32_t days) const {
    if (days == 0) return *this;
    const auto v = boost::gregorian::gregorian_calendar::from_day_number(
        static_cast<boost::gregorian::gregorian_calendar::date_int_type>(serial() + days));
    return Date(Pack(v.year, v.month, v.day));
  }
  // Days from `other` to this date (positive when this is later).
  std::int32_t DaysSince(Date other) const { return serial() - other.serial(); }

  friend constexpr auto operator<=>(Date, Date) = default;

  // Only for dates the library derived itself (never for input): no range check.
  static constexpr Date FromYmdUnchecked(int year, int month, int day) {
    return Date(Pack(year, month, day));
  }

 private:
  explicit constexpr Date(std::int32_t packed) : packed_(packed) {}
  static constexpr std::int32_t Pack(int year, int month, int day) {
    return (year << 9) | (month << 5) | day;
  }

  std::int32_t packed_ = 0;
};

// READ.PERIOD: a period of `months` (negative: counted backwards) from `start` ends on the
// corresponding day of the target month, or on that month's last day when it has no such day
// (Civil Code Art. 201-202). 2026-08-31 + 6 = 2027-02-28; 2027-06-30 - 3 = 2027-03-30.
// Every certificate date is one of these, so the common cases skip work: a target at most a year
// away needs no division, and only days after the 28th can lack a corresponding day.
inline Date AddMonths(Date start, int months) {
  const YearMonthDay v = start.ymd();
  int month0 = v.month - 1 + months;  // months since January of v.year
  int year = v.year;
  // Branches, not arithmetic: the carry is predictable and a division would lengthen the chain.
  if (month0 < 0 && month0 >= -12) {
    year -= 1;
    month0 += 12;
  } else if (month0 >= 12 && month0 < 24) {
    year += 1;
    month0 -= 12;
  } else if (static_cast<unsigned>(month0) >= 12u) {
    const int index = v.year * 12 + month0;  // months since year 0 (never negative for a Date)
    year = index / 12;
    month0 = index % 12;
  }
  const int month = month0 + 1;
  const int day = v.day <= 28 ? v.day : std::min(v.day, Date::DaysInMonth(year, month));
  return Date::FromYmdUnchecked(year, month, day);
}

// READ.PERIOD for years: 2024-02-29 + 3 years = 2027-02-28. The same rule as AddMonths(start,
// 12 * years), without the month arithmetic: only 29 February lacks a corresponding day.
inline Date AddYears(Date start, int years) {
  const YearMonthDay v = start.ymd();
  const int year = v.year + years;
  const int day = (v.month == 2 && v.day == 29 && !Date::IsLeapYear(year)) ? 28 : v.day;
  return Date::FromYmdUnchecked(year, v.month, day);
}

// READ.DAYS: N natural days starting on `start` cover start .. start+N-1 inclusive.
struct DayRange {
  Date first;
  Date last;
  bool Contains(Date d) const { return first <= d && d <= last; }
};
inline DayRange NaturalDays(Date start, int days) { return {start, start.PlusDays(days - 1)}; }

// READ.REST (Civil Code Art. 203): a deadline for an act that falls on a statutory rest day moves
// to the next working day. The calendar is rulebook data; an empty calendar moves nothing.
class RestCalendar {
 public:
  RestCalendar() = default;
  // `weekends_rest`: Saturdays and Sundays are rest days unless listed in `working_days`
  // (China's adjusted working weekends, 调休). `rest_days`: statutory holidays.
  RestCalendar(bool weekends_rest, std::vector<Date> rest_days, std::vector<Date> working_days)
      : weekends_rest_(weekends_rest),
        rest_days_(std::move(rest_days)),
        working_days_(std::move(working_days)) {
    std::sort(rest_days_.begin(), rest_days_.end());
    std::sort(working_days_.begin(), working_days_.end());
  }

  bool empty() const { return !weekends_rest_ && rest_days_.empty(); }
  bool weekends_rest() const { return weekends_rest_; }
  std::span<const Date> rest_days() const { return rest_days_; }
  std::span<const Date> working_days() const { return working_days_; }

  bool IsRestDay(Date d) const {
    if (std::binary_search(rest_days_.begin(), rest_days_.end(), d)) return true;
    if (!weekends_rest_) return false;
    if (std::binary_search(working_days_.begin(), working_days_.end(), d)) return false;
    // Boost day numbers: serial % 7 == 5 is Saturday, 6 is Sunday (2026-11-21 is a Saturday).
    const int weekday = static_cast<int>(((d.serial() % 7) + 7) % 7);
    return weekday == 5 || weekday == 6;
  }

  // The deadline itself when it is a working day, else the next working day. The empty
  // calendar (the default rulebook) is the common case and stays inline.
  Date RollForward(Date deadline) const { return empty() ? deadline : RollForwardOnCalendar(deadline); }

 private:
  // Kept out of line so that RollForward, called for every deadline, stays a compare that inlines.
  [[gnu::noinline]] Date RollForwardOnCalendar(Date deadline) const {
    // A rest stretch is bounded by the listed days plus two weekend days per listed day.
    Date d = deadline;
    for (size_t guard = 0; IsRestDay(d) && guard <= 3 * rest_days_.size() + 7; ++guard) {
      d = d.PlusDays(1);
    }
    return d;
  }

  bool weekends_rest_ = false;
  std::vector<Date> rest_days_;
  std::vector<Date> working_days_;
};

}  // namespace sqp
