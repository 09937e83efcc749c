// The procedure calendar (RULES.md §2, Art. 14(3), (6), (8)): the quarterly batch an application
// joins, the certification body's report deadline, the publicity window and the admissibility of
// objections raised during it.
//
// Every number (acceptance and announcement months, report months, publicity days, rest days)
// comes from the rulebook. Pure functions: no JSON, no I/O, no allocation except the objection
// list of a whole CycleResult. Declared here, written in src/rules/cycle.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sqp/date.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/status.hpp"

namespace sqp {

// A calendar month, printed "YYYY-MM".
struct YearMonth {
  int year = 0;
  int month = 1;  // 1..12
  friend constexpr bool operator==(const YearMonth&, const YearMonth&) = default;
  // Writes `YYYY-MM` into out[0..6]; returns out + 7. Years stay four digits (<= 9999).
  char* Format(char* out) const {
    const int digits[6] = {year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10,
                           month / 10,       month % 10};
    for (int i = 0, d = 0; i < 7; ++i) {
      out[i] = i == 4 ? '-' : static_cast<char>('0' + digits[d++]);
    }
    return out + 7;
  }
  // "YYYY-MM", as the JSON documents write a month.
  std::string ToString() const {
    std::string s(7, '0');
    Format(s.data());
    return s;
  }
};

// CYCLE.BATCH: the batch an application joins. The batch is named after the quarter of its
// acceptance month ("2027-Q1").
struct Batch {
  YearMonth acceptance;
  YearMonth announcement;
  int index = 0;    // which acceptance month of the rulebook's list (0-based)
  int quarter = 1;  // 1..4, the acceptance month's quarter
  int year() const { return acceptance.year; }
  // Writes `YYYY-Qn` into out[0..6]; returns out + 7.
  char* FormatLabel(char* out) const {
    YearMonth{acceptance.year, 1}.Format(out);
    out[4] = '-';
    out[5] = 'Q';
    out[6] = static_cast<char>('0' + quarter);
    return out + 7;
  }
};

// CYCLE.BATCH (Art. 14(3)): applications are accepted in the rulebook's acceptance months (first
// month of each quarter) and announced in the matching announcement month of the same year.
// Filed in an acceptance month: that batch; otherwise the next acceptance month, rolling into
// January's batch of the next year after the last one. 2026-02-10 → 2026-Q2 (2026-04, 2026-06).
Batch BatchFor(const CalendarRules& rules, Date applied_on);

// CYCLE.REPORT_DUE (Art. 14(6)): the initial evaluation report is due report_due_months after
// the materials arrive, by the Civil Code month rule (READ.PERIOD: 2026-01-31 → 2026-02-28).
// It is a deadline for an act, so a due day on a rulebook rest day moves to the next working day
// (READ.REST); `nominal` keeps the unmoved date for the record.
struct ReportDue {
  Date nominal;
  Date due;
  bool moved() const { return due != nominal; }
};
ReportDue ReportDueFor(const Rulebook& rulebook, Date materials_received_on);

// CYCLE.PUBLICITY (Art. 14(8)): publicity_days natural days from the first day, inclusive
// (READ.DAYS: 2026-03-10 → 2026-03-16). Natural-day periods never move for rest days.
DayRange PublicityWindow(const CalendarRules& rules, Date starts_on);

// CYCLE.OBJECTION (Art. 14(8)): an objection to a publicised result.
struct Objection {
  Date received_on;
  bool in_writing = false;
  bool has_evidence = false;
  bool has_contact = false;
};

// Why an objection is inadmissible; the JSON codes are part of sqp.cycle-result/1.
enum class ObjectionDefect : std::uint8_t {
  kNotInWriting,      // not submitted in writing (书面形式)
  kNoEvidence,        // no supporting evidence (证明材料)
  kNoContact,         // no contact details (联系方式)
  kOutsidePublicity,  // received before the publicity began or after it ended (公示期内)
};
inline constexpr size_t kObjectionDefectCount = 4;
inline constexpr std::array<std::string_view, kObjectionDefectCount> kObjectionDefectNames = {
    "not_in_writing", "no_evidence", "no_contact", "outside_publicity"};
constexpr std::string_view ObjectionDefectName(ObjectionDefect d) {
  return kObjectionDefectNames[static_cast<size_t>(d)];
}

// The verdict on one objection: every failed condition, in the order of ObjectionDefect.
struct ObjectionVerdict {
  Date received_on;
  std::uint8_t defects = 0;  // bit i set: ObjectionDefect(i) applies
  bool admissible() const { return defects == 0; }
  bool Has(ObjectionDefect d) const { return (defects >> static_cast<unsigned>(d)) & 1u; }
  bool received_early(const DayRange& window) const { return received_on < window.first; }
};

// CYCLE.OBJECTION: admissible only in writing, with evidence, with contact details and received
// inside the publicity window (both ends included). Each failed condition is its own reason.
ObjectionVerdict JudgeObjection(const DayRange& publicity, const Objection& o);

// sqp.cycle/1 as typed input: each part is optional, and each result part is present exactly
// when its input is. Objections need the publicity window they are judged against.
struct CycleInput {
  std::optional<Date> applied_on;
  std::optional<Date> materials_received_on;
  std::optional<Date> publicity_starts_on;
  std::optional<std::vector<Objection>> objections;
};

struct CycleResult {
  std::optional<Batch> batch;
  std::optional<ReportDue> report_due;
  std::optional<DayRange> publicity;
  std::optional<std::vector<ObjectionVerdict>> objections;
};

// Evaluates every part given. Objections without publicity_starts_on are an input error
// (kInvalidInput at "/publicity_starts_on"): admissibility cannot be judged without the window.
absl::StatusOr<CycleResult> EvaluateCycle(const Rulebook& rulebook, const CycleInput& in);

}  // namespace sqp
