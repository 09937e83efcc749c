// The error model: every failure the caller can act on is an absl::Status carrying an sqp error
// code, a message and the JSON pointer of the offending field; input validation collects *every*
// problem of a document, so one status can carry many issues.
//
// The C ABI turns these into negative `sqp_status` codes and an `sqp.error/1` document; the
// numeric values below are that ABI and never change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace sqp {

enum class ErrorCode : int {
  kOk = 0,
  kUsage = -1,             // a null pointer, an empty operation name: the caller's bug
  kInvalidJson = -2,       // not well-formed JSON (or JSON Lines)
  kInvalidSchema = -3,     // "schema" missing or not the operation's input schema
  kInvalidInput = -4,      // well-formed document with bad fields
  kInvalidRulebook = -5,   // a rulebook that fails validation
  kUnknownOperation = -6,  // no operation of that name
  kLimitExceeded = -7,     // input larger or deeper than the engine's limits
  kOutOfMemory = -8,
  kInternal = -9,          // a bug in sqp; never expected
};

// "invalid_input", "invalid_rulebook", …: the `code` of sqp.error/1.
std::string_view ErrorCodeName(ErrorCode code);

// One problem in a document: an RFC 6901 JSON pointer ("" is the whole document) and what is
// wrong there.
struct Issue {
  std::string path;
  std::string message;
  friend bool operator==(const Issue&, const Issue&) = default;
};

// A status with one issue.
absl::Status MakeError(ErrorCode code, std::string_view path, std::string_view message);
// A status with every issue found (at least one); the message names the first.
absl::Status MakeErrors(ErrorCode code, std::vector<Issue> issues);

// What an error status says, in the shape of sqp.error/1.
struct ErrorInfo {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string path;            // the first issue's pointer
  std::vector<Issue> issues;   // every issue, at least one
};
// Works for any status: one not made by sqp is reported as kInternal with its own message.
ErrorInfo DescribeError(const absl::Status& status);

}  // namespace sqp
