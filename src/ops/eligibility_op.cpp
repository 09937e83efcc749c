// PLACEHOLDER until issue 3 lands: `eligibility` (sqp.application/1 → sqp.eligibility/1) answers every call with an
// internal "not implemented" error. Issue 3 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"eligibility\" is not implemented yet");
}

}  // namespace

const OperationDef& EligibilityOperation() {
  static const OperationDef kDef{"eligibility", "sqp.application/1", "sqp.eligibility/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
