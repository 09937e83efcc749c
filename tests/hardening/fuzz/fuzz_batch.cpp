// libFuzzer target: the JSON Lines batch reader (Engine::RunBatch). The first byte picks the
// operation, the rest is the JSON Lines text. Every non-blank line must get exactly one answer
// line, in order, carrying its line number when it is an error, and the summary must count them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {
const sqp::Engine& TheEngine() {
  static const sqp::Engine engine = *sqp::Engine::Create();
  return engine;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const sqp::internal::OperationDef& op = sqp::fuzz::OperationFor(data[0]);
  std::string_view lines(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string out;
  const auto summary = TheEngine().RunBatch(op.name, lines, out);

  size_t line_no = 0, answered = 0, errors = 0;
  std::string_view answers(out);
  while (!lines.empty()) {
    const size_t nl = lines.find('\n');
    std::string_view line = lines.substr(0, nl);
    lines = nl == std::string_view::npos ? std::string_view() : lines.substr(nl + 1);
    ++line_no;
    // The JSON Lines rule, spelled out here rather than taken from Engine::IsBlankLine: a line
    // of only spaces, tabs and carriage returns is blank; a CRLF line's CR is not its document.
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.back() == '\r') line.remove_suffix(1);
    const size_t end = answers.find('\n');
    if (end == std::string_view::npos) sqp::fuzz::Die("a line got no answer", out);
    const std::string_view answer = answers.substr(0, end);
    answers.remove_prefix(end + 1);
    ++answered;
    // The answer of a line is the answer of that line alone.
    std::string alone;
    const sqp::ErrorCode code = TheEngine().RunToDocument(op.name, line, alone, line_no);
    if (alone != answer) sqp::fuzz::Die("a batch answer differs from the line run alone", out);
    sqp::fuzz::CheckAnswer(&op, code, answer);
    if (code != sqp::ErrorCode::kOk) ++errors;
  }
  if (!answers.empty()) sqp::fuzz::Die("more answers than lines", out);
  if (summary.documents != answered || summary.errors != errors) {
    sqp::fuzz::Die("the batch summary miscounts", out);
  }
  return 0;
}
