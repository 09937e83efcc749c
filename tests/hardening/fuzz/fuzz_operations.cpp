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
// Answer modes (issue 20): English only, Chinese only, none.
const sqp::Engine& ModeEngine(sqp::Messages messages) {
  static const sqp::Engine engines[] = {
      [] { sqp::EngineOptions o; o.messages = sqp::Messages::kEn; return *sqp::Engine::Create(o); }(),
      [] { sqp::EngineOptions o; o.messages = sqp::Messages::kZh; return *sqp::Engine::Create(o); }(),
      [] { sqp::EngineOptions o; o.messages = sqp::Messages::kNone; return *sqp::Engine::Create(o); }()};
  return engines[static_cast<int>(messages) - 1];
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
  if (code == sqp::ErrorCode::kOk) sqp::fuzz::RenderAll(TheEngine(), op, input);
  // Note mode keeps the same invariants; on a document the strict engine answers (so one with
  // no unknown member) it answers the same bytes.
  std::string noted;
  const sqp::ErrorCode noted_code = NotingEngine().RunToDocument(op.name, input, noted);
  const boost::json::value noted_answer = sqp::fuzz::CheckAnswer(&op, noted_code, noted);
  if (code == sqp::ErrorCode::kOk && (noted_code != code || noted != out)) {
    sqp::fuzz::Die("note mode answers a document without unknown members differently", noted);
  }
  if (noted_code == sqp::ErrorCode::kOk) sqp::fuzz::RenderAll(NotingEngine(), op, input);
  // Every answer mode: the same verdict, each finding without the messages the mode leaves out,
  // and (eligibility) the fast path and the general path in that mode give the same bytes.
  for (const sqp::Messages mode : {sqp::Messages::kEn, sqp::Messages::kZh, sqp::Messages::kNone}) {
    const sqp::Engine& engine = ModeEngine(mode);
    std::string moded;
    const sqp::ErrorCode moded_code = engine.RunToDocument(op.name, input, moded);
    if (moded_code != code) sqp::fuzz::Die("an answer mode changes the outcome", moded);
    if (code != sqp::ErrorCode::kOk) {
      if (moded != out) sqp::fuzz::Die("an answer mode changes an error document", moded);
      continue;
    }
    // A case is a report, like an assessment's: both languages in every mode (issue 20).
    if (op.name == "case" ? moded != out
                          : boost::json::parse(moded) != sqp::fuzz::WithMessages(answer, mode)) {
      sqp::fuzz::Die("an answer mode changes more than the messages", moded);
    }
    if (op.run_text != nullptr) {
      std::string general;
      const absl::Status s = sqp::internal::EvaluateGeneralPath(engine, op.name, input, general);
      if (!s.ok() || general != moded) sqp::fuzz::Die("the paths disagree in an answer mode", moded);
    }
  }
  return 0;
}
