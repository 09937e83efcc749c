// libFuzzer target: every operation's JSON door. The first byte picks the operation (contract
// order), the rest is the input document; the answer must keep fuzz_common.hpp's invariants, and
// a result must render in every human format the operation offers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

namespace {
const sqp::Engine& TheEngine() {
  static const sqp::Engine engine = *sqp::Engine::Create();
  return engine;
}
// READ.MEMBERS' note mode: unknown members accepted and listed.
const sqp::Engine& NotingEngine() {
  static const sqp::Engine engine = [] {
    sqp::EngineOptions options;
    options.unknown_members = sqp::UnknownMembers::kNote;
    return *sqp::Engine::Create(options);
  }();
  return engine;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const sqp::internal::OperationDef& op = sqp::fuzz::OperationFor(data[0]);
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string out;
  const sqp::ErrorCode code = TheEngine().RunToDocument(op.name, input, out);
  const boost::json::value answer = sqp::fuzz::CheckAnswer(&op, code, out);
  // The status door must agree with the document door.
  const auto run = TheEngine().Run(op.name, input);
  if (run.ok() != (code == sqp::ErrorCode::kOk) || (run.ok() && *run != out)) {
    sqp::fuzz::Die("Engine::Run and Engine::RunToDocument disagree", out);
  }
  // An operation's fast path (eligibility: the application read with no DOM) must give exactly
  // what the general path gives, for every input.
  if (op.run_text != nullptr) {
    std::string general;
    const absl::Status s = sqp::internal::EvaluateGeneralPath(TheEngine(), op.name, input, general);
    if (s.ok() != (code == sqp::ErrorCode::kOk) || (s.ok() && general != out)) {
      sqp::fuzz::Die("the fast path and the general path disagree", out);
    }
  }
  if (code == sqp::ErrorCode::kOk) sqp::fuzz::RenderAll(op, answer);
  // Note mode keeps the same invariants; on a document the strict engine answers (so one with
  // no unknown member) it answers the same bytes.
  std::string noted;
  const sqp::ErrorCode noted_code = NotingEngine().RunToDocument(op.name, input, noted);
  const boost::json::value noted_answer = sqp::fuzz::CheckAnswer(&op, noted_code, noted);
  if (code == sqp::ErrorCode::kOk && (noted_code != code || noted != out)) {
    sqp::fuzz::Die("note mode answers a document without unknown members differently", noted);
  }
  if (noted_code == sqp::ErrorCode::kOk) sqp::fuzz::RenderAll(op, noted_answer);
  return 0;
}
