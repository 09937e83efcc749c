// libFuzzer target: the rulebook loader (ParseRulebook through Engine::FromRulebookJson). A
// rulebook that loads must be usable: every bundled example document is run through every
// operation on it, and each answer must keep fuzz_common.hpp's invariants (a rulebook with
// extreme but accepted numbers must never make an operation crash, overflow or answer
// "internal"). A refused rulebook must be refused with a rulebook, JSON or limit error.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

namespace {

// The example inputs, read once: (operation, document).
const std::vector<std::pair<std::string, std::string>>& Examples() {
  static const auto examples = [] {
    std::vector<std::pair<std::string, std::string>> list;
    const std::filesystem::path dir = std::filesystem::path(SQP_SOURCE_DIR) / "docs/examples";
    const std::pair<const char*, const char*> prefixes[] = {
        {"application-", "eligibility"}, {"cycle", "cycle"},   {"meeting", "meeting"},
        {"certificate-", "certificate"}, {"scoresheet-", "score"}, {"assessment", "assess"}};
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() != ".json") continue;
      for (const auto& [prefix, op] : prefixes) {
        if (name.rfind(prefix, 0) == 0) {
          std::ifstream in(entry.path(), std::ios::binary);
          list.emplace_back(op, std::string(std::istreambuf_iterator<char>(in), {}));
        }
      }
    }
    list.emplace_back("rulebook", "{}");
    return list;
  }();
  return examples;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Examples();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto engine = sqp::Engine::FromRulebookJson(text);
  if (!engine.ok()) {
    const sqp::ErrorCode code = sqp::DescribeError(engine.status()).code;
    if (code != sqp::ErrorCode::kInvalidRulebook && code != sqp::ErrorCode::kInvalidJson &&
        code != sqp::ErrorCode::kLimitExceeded) {
      sqp::fuzz::Die("a rulebook was refused with an unexpected code",
                     sqp::Engine::StandaloneErrorDocument(engine.status()));
    }
    sqp::fuzz::CheckAnswer(nullptr, code, sqp::Engine::StandaloneErrorDocument(engine.status()),
                           /*stamped=*/false);
    return 0;
  }
  if (engine->identity().sha256.size() != 64) sqp::fuzz::Die("a loaded rulebook has no sha256", text);
  for (const auto& [op_name, document] : Examples()) {
    const sqp::internal::OperationDef* op = sqp::internal::FindOperation(op_name);
    std::string out;
    const sqp::ErrorCode code = engine->RunToDocument(op_name, document, out);
    sqp::fuzz::CheckAnswer(op, code, out);
    if (code == sqp::ErrorCode::kOk) sqp::fuzz::RenderAll(*engine, *op, document);
  }
  return 0;
}
