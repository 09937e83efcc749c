// PLACEHOLDER until issue 6 lands: `assess` (sqp.assessment/1 → sqp.assessment-result/1) answers every call with an
// internal "not implemented" error. Issue 6 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"assess\" is not implemented yet");
}

}  // namespace

const OperationDef& AssessOperation() {
  static const OperationDef kDef{"assess", "sqp.assessment/1", "sqp.assessment-result/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
