#include "sqp/status.hpp"

#include <optional>

#include <charconv>

#include "absl/strings/cord.h"
#include "strings.hpp"

namespace sqp {
namespace {

// Payload type URLs. The issues travel as "path\x1Fmessage" records separated by \x1E: neither
// separator can occur in a JSON pointer or in a message we build (inputs are quoted into messages
// only after escaping control characters).
constexpr absl::string_view kCodeUrl = "type.sqp/code";
constexpr absl::string_view kIssuesUrl = "type.sqp/issues";

absl::StatusCode CanonicalCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return absl::StatusCode::kOk;
    case ErrorCode::kUsage:
    case ErrorCode::kInvalidJson:
    case ErrorCode::kInvalidSchema:
    case ErrorCode::kInvalidInput: return absl::StatusCode::kInvalidArgument;
    case ErrorCode::kInvalidRulebook: return absl::StatusCode::kFailedPrecondition;
    case ErrorCode::kUnknownOperation: return absl::StatusCode::kNotFound;
    case ErrorCode::kLimitExceeded: return absl::StatusCode::kResourceExhausted;
    case ErrorCode::kOutOfMemory: return absl::StatusCode::kResourceExhausted;
    case ErrorCode::kInternal: return absl::StatusCode::kInternal;
  }
  return absl::StatusCode::kInternal;
}

std::optional<ErrorCode> CodeFromInt(int v) {
  if (v > 0 || v < static_cast<int>(ErrorCode::kInternal)) return std::nullopt;
  return static_cast<ErrorCode>(v);
}

}  // namespace

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kInvalidSchema: return "invalid_schema";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kInvalidRulebook: return "invalid_rulebook";
    case ErrorCode::kUnknownOperation: return "unknown_operation";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kOutOfMemory: return "out_of_memory";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

absl::Status MakeError(ErrorCode code, std::string_view path, std::string_view message) {
  return MakeErrors(code, {Issue{std::string(path), std::string(message)}});
}

absl::Status MakeErrors(ErrorCode code, std::vector<Issue> issues) {
  if (issues.empty()) issues.push_back({"", std::string(ErrorCodeName(code))});
  std::string message = issues.front().path.empty()
                            ? issues.front().message
                            : Cat(issues.front().path, ": ", issues.front().message);
  if (issues.size() > 1) CatTo(message, " (and ", issues.size() - 1, " more)");
  absl::Status status(CanonicalCode(code), message);
  status.SetPayload(kCodeUrl, absl::Cord(std::to_string(static_cast<int>(code))));
  std::string packed;
  for (const Issue& issue : issues) {
    if (!packed.empty()) packed += '\x1E';
    CatTo(packed, issue.path, "\x1F", issue.message);
  }
  status.SetPayload(kIssuesUrl, absl::Cord(packed));
  return status;
}

ErrorInfo DescribeError(const absl::Status& status) {
  ErrorInfo info;
  if (status.ok()) {
    info.code = ErrorCode::kOk;
    return info;
  }
  int raw = 0;
  const auto code_payload = status.GetPayload(kCodeUrl);
  const auto issues_payload = status.GetPayload(kIssuesUrl);
  std::optional<ErrorCode> code;
  if (code_payload) {
    const std::string text(*code_payload);
    const auto r = std::from_chars(text.data(), text.data() + text.size(), raw);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) code = CodeFromInt(raw);
  }
  if (!code || !issues_payload) {
    info.code = status.code() == absl::StatusCode::kResourceExhausted ? ErrorCode::kOutOfMemory
                                                                      : ErrorCode::kInternal;
    info.message = std::string(status.message());
    info.issues.push_back({"", info.message});
    return info;
  }
  info.code = *code;
  info.message = std::string(status.message());
  const std::string packed(*issues_payload);
  std::string_view rest = packed;
  while (!rest.empty()) {
    const size_t end = rest.find('\x1E');
    const std::string_view record = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const size_t sep = record.find('\x1F');
    if (sep == std::string_view::npos) continue;
    info.issues.push_back({std::string(record.substr(0, sep)), std::string(record.substr(sep + 1))});
  }
  if (!info.issues.empty()) info.path = info.issues.front().path;
  return info;
}

}  // namespace sqp
