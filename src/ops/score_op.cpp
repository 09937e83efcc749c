// PLACEHOLDER until issue 6 lands: `score` (sqp.scoresheet/1 → sqp.score/1) answers every call with an
// internal "not implemented" error. Issue 6 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"score\" is not implemented yet");
}

}  // namespace

const OperationDef& ScoreOperation() {
  static const OperationDef kDef{"score", "sqp.scoresheet/1", "sqp.score/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
