// PLACEHOLDER until issue 4 lands: `meeting` (sqp.meeting/1 → sqp.meeting-result/1) answers every call with an
// internal "not implemented" error. Issue 4 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"meeting\" is not implemented yet");
}

}  // namespace

const OperationDef& MeetingOperation() {
  static const OperationDef kDef{"meeting", "sqp.meeting/1", "sqp.meeting-result/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
