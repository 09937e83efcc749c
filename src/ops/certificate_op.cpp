// PLACEHOLDER until issue 5 lands: `certificate` (sqp.certificate/1 → sqp.certificate-status/1) answers every call with an
// internal "not implemented" error. Issue 5 replaces this whole file.
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine&, const boost::json::value&, json::Writer&) {
  return MakeError(ErrorCode::kInternal, "", "operation \"certificate\" is not implemented yet");
}

}  // namespace

const OperationDef& CertificateOperation() {
  static const OperationDef kDef{"certificate", "sqp.certificate/1", "sqp.certificate-status/1", &Run, {}};
  return kDef;
}

}  // namespace sqp::internal
