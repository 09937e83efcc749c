// The strict parser: one JSON document (RFC 8259: no comments, no trailing commas, valid UTF-8
// only) into a Boost.JSON value, checking the limits while it reads, so a hostile document is
// refused before it is built. A refusal is a ParseError: what kind, the JSON pointer of the
// offending value where there is one, and a message (sqp turns it into its status,
// src/codec/parse.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "limits.hpp"

namespace sqp::json {

struct ParseError {
  enum class Kind {
    kInvalid,        // not JSON, data after the document, or a member name repeated
    kLimitExceeded,  // beyond a JsonLimits cap; the message names the cap
  };
  Kind kind;
  std::string path;  // RFC 6901; "" for the whole document
  std::string message;
};

// Whether the double `d` that Boost.JSON made of the number written as `text` (one with a
// fraction or an exponent) stands for that number exactly enough for the caller. A number it
// refuses is stored as kInexactNumber.
using ExactNumberCheck = bool (*)(double d, std::string_view text);

// ParseDocument stores a number its ExactNumberCheck refuses as this NaN. JSON has no NaN, so
// the mark cannot come from the input; every number reader refuses it.
inline constexpr double kInexactNumber = __builtin_nan("");
inline bool IsInexactNumber(const boost::json::value& v) {
  const double* d = v.if_double();
  return d != nullptr && *d != *d;
}

// The document, or why it was refused.
struct Parsed {
  std::optional<ParseError> error;
  boost::json::value value;  // null when refused
};

// Refused, with the JSON pointer of the offending value where there is one:
//   - text that is not JSON, or data after the document: kInvalid, path "";
//   - an object that repeats a member name: kInvalid at the repeated member. Boost.JSON would
//     silently keep the last value; a sender of two values for one field is told so rather
//     than having one ignored;
//   - a document beyond a limit: kLimitExceeded, the message naming the limit.
// `exact` null keeps every double as Boost.JSON reads it.
Parsed ParseDocument(std::string_view text, const JsonLimits& limits, ExactNumberCheck exact,
                     boost::json::storage_ptr storage = {});

// The refusal of an input of `bytes` bytes over limits.max_input_bytes (ParseDocument's, and
// that of a batch line skipped rather than held).
ParseError InputTooLong(size_t bytes, const JsonLimits& limits);

}  // namespace sqp::json
