// PLACEHOLDER until issue 4 lands: `cycle` (sqp.cycle/1 → sqp.cycle-result/1) answers every call with an
// internal "not implemented" error. Issue 4 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"cycle\" is not implemented yet");
}

}  // namespace

const OperationDef& CycleOperation() {
  static const OperationDef kDef{"cycle", "sqp.cycle/1", "sqp.cycle-result/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
