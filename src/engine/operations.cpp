#include <array>

#include "engine/operation.hpp"

namespace sqp::internal {

std::span<const OperationDef* const> Operations() {
  // Contract order (CONTRACT.md §1), then the operations added since (bodies and case, issue
  // 18). Built once, immutable: no mutable global state.
  static const std::array<const OperationDef*, 9> kOperations = {
      &EligibilityOperation(), &CycleOperation(),    &MeetingOperation(),
      &CertificateOperation(), &ScoreOperation(),    &AssessOperation(),
      &RulebookOperation(),    &BodiesOperation(),   &CaseOperation()};
  return kOperations;
}

const OperationDef* FindOperation(std::string_view name) {
  for (const OperationDef* op : Operations()) {
    if (op->name == name) return op;
  }
  return nullptr;
}

}  // namespace sqp::internal
