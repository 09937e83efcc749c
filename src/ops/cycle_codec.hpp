// The codec of the procedure calendar (CYCLE.*): sqp.cycle/1 → CycleInput, CycleResult → the
// members of sqp.cycle-result/1, and its Chinese/English calendar text. Shared by the `cycle`
// operation and by `assess`, which embeds the same members in its report.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "codec/decode.hpp"
#include "codec/encode.hpp"
#include "json/members.hpp"
#include "sqp/cycle.hpp"

namespace sqp::internal {

// The members of sqp.cycle/1 without its "schema" (as `assess` embeds it under "procedure").
extern const json::ObjectDef kCycleMembers;

// Reads the cycle members of the object at `at` (applied_on, materials_received_on,
// publicity_starts_on, objections) into `out`, recording every problem with its JSON pointer in
// `issues`. Unknown members are ignored. Objections without publicity_starts_on are recorded at
// `<at>/publicity_starts_on`.
void DecodeCycle(const boost::json::value& value, const json::Loc& at, json::Issues& issues,
                 CycleInput& out);
// The same as one status: OK, or kInvalidInput listing every problem.
absl::Status DecodeCycle(const boost::json::value& value, const json::Loc& at, CycleInput& out);

// A batch as its result names it ("2026-Q1"): the "batch" member WriteCycle writes, and the
// batch a report shows (the calendar's, and the case file's).
std::string BatchLabel(const Batch& batch);

// Writes the result members into the object `w` is inside (no braces of its own): "batch",
// "acceptance_month", "announcement_month", "report_due", "report_due_nominal", "publicity",
// "objections", each only when its part was evaluated.
void WriteCycle(const CycleResult& result, json::Writer& w);

// A readable calendar (Chinese and English) of a cycle result (the `cycle` operation's text
// report, and part of `assess`'s).
std::string CycleReport(const CycleResult& result);

}  // namespace sqp::internal
