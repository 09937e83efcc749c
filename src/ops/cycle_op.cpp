// `cycle`: the procedure calendar (sqp.cycle/1 → sqp.cycle-result/1, CYCLE.*): batch, report
// deadline, publicity window and objections, each part answered when its input is given.
#include "engine/operation.hpp"
#include "ops/cycle_codec.hpp"
#include "sqp/cycle.hpp"

namespace sqp::internal {
namespace {

constexpr json::MemberDef kSchemaOnly[] = {{"schema"}};
constexpr json::ObjectDef kCycleDocument{kSchemaOnly, json::ObjectDef::Keys::kListed,
                                         &kCycleMembers};

struct Evaluated {
  CycleResult result;
};

absl::Status Compute(const Engine& engine, const boost::json::value& input, Evaluated& out) {
  CycleInput in;
  if (absl::Status s = DecodeCycle(input, json::Loc::Root(), in); !s.ok()) return s;
  // A document with none of the parts has nothing to answer: say so rather than answer with an
  // empty calendar.
  if (!in.applied_on && !in.materials_received_on && !in.publicity_starts_on && !in.objections) {
    return MakeError(ErrorCode::kInvalidInput, "",
                     "nothing to evaluate: give at least one of applied_on, "
                     "materials_received_on, publicity_starts_on, objections");
  }
  absl::StatusOr<CycleResult> result = EvaluateCycle(engine.rulebook(), in);
  if (!result.ok()) return result.status();
  out.result = *std::move(result);
  return absl::OkStatus();
}

void Write(const Engine& /*engine*/, const Evaluated& e, RunContext& /*context*/,
           json::Writer& w) {
  WriteCycle(e.result, w);
}

std::string TextReport(const Engine& /*engine*/, const Evaluated& e, const RunContext& /*context*/) {
  return "评价程序日历 Procedure calendar (Art. 14)\n" + CycleReport(e.result);
}

}  // namespace

const OperationDef& CycleOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"cycle", "sqp.cycle/1", "sqp.cycle-result/1", &kCycleDocument});
}

}  // namespace sqp::internal
