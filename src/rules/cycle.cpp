// The procedure calendar's rules (RULES.md §2; Art. 14(3), (6), (8)), declared in sqp/cycle.hpp.
#include "sqp/cycle.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sqp/status.hpp"

namespace sqp {

// CYCLE.BATCH (Art. 14(3)).
Batch BatchFor(const CalendarRules& rules, Date applied_on) {
  const YearMonthDay d = applied_on.ymd();
  Batch b;
  const size_t count = std::min(rules.acceptance_months.size(), rules.announcement_months.size());
  if (count == 0) {  // a validated rulebook never has an empty calendar; stay defined anyway
    b.acceptance = b.announcement = {d.year, d.month};
    b.quarter = (d.month - 1) / 3 + 1;
    return b;
  }
  size_t i = 0;
  int year = d.year;
  while (i < count && rules.acceptance_months[i] < d.month) ++i;
  if (i == count) {  // past the year's last acceptance month: the first batch of next year
    i = 0;
    ++year;
  }
  b.index = static_cast<int>(i);
  b.acceptance = {year, rules.acceptance_months[i]};
  b.announcement = {year, rules.announcement_months[i]};
  b.quarter = (rules.acceptance_months[i] - 1) / 3 + 1;
  return b;
}

// CYCLE.REPORT_DUE (Art. 14(6)), READ.PERIOD then READ.REST.
ReportDue ReportDueFor(const Rulebook& rulebook, Date materials_received_on) {
  const Date nominal = AddMonths(materials_received_on, rulebook.calendar.report_due_months);
  return {nominal, rulebook.rest_days.RollForward(nominal)};
}

// CYCLE.PUBLICITY (Art. 14(8)), READ.DAYS.
DayRange PublicityWindow(const CalendarRules& rules, Date starts_on) {
  return NaturalDays(starts_on, rules.publicity_days);
}

// CYCLE.OBJECTION (Art. 14(8)): each failed condition is its own defect.
ObjectionVerdict JudgeObjection(const DayRange& publicity, const Objection& o) {
  ObjectionVerdict v{o.received_on, 0};
  auto flag = [&v](ObjectionDefect d) {
    v.defects = static_cast<std::uint8_t>(v.defects | (1u << static_cast<unsigned>(d)));
  };
  if (!o.in_writing) flag(ObjectionDefect::kNotInWriting);
  if (!o.has_evidence) flag(ObjectionDefect::kNoEvidence);
  if (!o.has_contact) flag(ObjectionDefect::kNoContact);
  if (!publicity.Contains(o.received_on)) flag(ObjectionDefect::kOutsidePublicity);
  return v;
}

// Every part given, each by its rule above.
absl::StatusOr<CycleResult> EvaluateCycle(const Rulebook& rulebook, const CycleInput& in) {
  CycleResult r;
  // CYCLE.OBJECTION: an objection is judged against the publicity period, so it needs its start.
  if (in.objections.has_value() && !in.publicity_starts_on.has_value()) {
    return MakeError(ErrorCode::kInvalidInput, "/publicity_starts_on",
                     "is required when objections are given: an objection is judged against "
                     "the publicity period");
  }
  if (in.applied_on) r.batch = BatchFor(rulebook.calendar, *in.applied_on);
  if (in.materials_received_on) r.report_due = ReportDueFor(rulebook, *in.materials_received_on);
  if (in.publicity_starts_on) r.publicity = PublicityWindow(rulebook.calendar, *in.publicity_starts_on);
  if (in.objections) {
    r.objections.emplace();
    r.objections->reserve(in.objections->size());
    for (const Objection& o : *in.objections) r.objections->push_back(JudgeObjection(*r.publicity, o));
  }
  return r;
}

}  // namespace sqp
