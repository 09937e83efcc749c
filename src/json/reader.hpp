// Decoding helpers shared by every codec: typed field access over a parsed Boost.JSON value that
// records *every* problem with its RFC 6901 JSON pointer instead of stopping at the first.
//
// The pointer is kept as a chain of Loc frames on the caller's stack and only spelled out when an
// issue is recorded, so validating a good document costs no allocation for paths.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "sqp/status.hpp"

namespace sqp::json {

namespace bj = boost::json;

// RFC 6901: appends one reference token of a JSON pointer, '~' as "~0" and '/' as "~1" (the
// one escaper of every pointer sqp writes).
void AppendPointerToken(std::string& out, std::string_view token);

class Loc {
 public:
  static Loc Root() { return Loc(nullptr, Kind::kRoot, {}, 0); }
  // A child points at its parent, so the parent must outlive it: children of a temporary are
  // refused at compile time (name the parent first: `const Loc list = at.Key("x");`).
  Loc Key(std::string_view key) const& { return Loc(this, Kind::kKey, key, 0); }
  Loc Index(size_t index) const& { return Loc(this, Kind::kIndex, {}, index); }
  Loc Key(std::string_view key) const&& = delete;
  Loc Index(size_t index) const&& = delete;
  std::string Pointer() const;  // "" for the root, "/accidents/0/date", '~' and '/' escaped

 private:
  enum class Kind { kRoot, kKey, kIndex };
  Loc(const Loc* parent, Kind kind, std::string_view key, size_t index)
      : parent_(parent), kind_(kind), key_(key), index_(index) {}
  const Loc* parent_;
  Kind kind_;
  std::string_view key_;
  size_t index_;
};

// Every problem found in one document. Capped so a hostile document cannot make the error
// report larger than the input; the cap is stated in the last issue.
class Issues {
 public:
  static constexpr size_t kMaxIssues = 100;
  void Add(const Loc& at, std::string message);
  // For issues that already carry their full pointer (merged from a nested decoder).
  void AddAt(std::string path, std::string message);
  bool empty() const { return list_.empty(); }
  const std::vector<Issue>& list() const { return list_; }
  // OkStatus() when empty, else an error of `code` with every issue.
  absl::Status ToStatus(ErrorCode code) const;

 private:
  std::vector<Issue> list_;
  size_t dropped_ = 0;
};

// A value quoted for a message: at most 40 characters, control characters escaped.
std::string Quote(std::string_view text);
// A JSON value's kind for messages: "a string", "a number", "null", …
std::string_view KindOf(const bj::value& v);

enum class Need {
  kRequired,  // absent or null is an issue
  kOptional,  // absent or null: nullopt, no issue
};

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

// ParseDocument stores a number whose double does not give back the decimal written (more
// than Decimal::kPlaces decimals, or more digits than a double holds) as this NaN. JSON has no
// NaN, so the mark cannot come from the input; every number reader refuses it.
inline constexpr double kInexactNumber = __builtin_nan("");
inline bool IsInexactNumber(const bj::value& v) {
  const double* d = v.if_double();
  return d != nullptr && *d != *d;
}

// Element readers: read one value at `at`, recording an issue and returning nullopt when bad.
std::optional<std::string_view> ReadString(const bj::value& v, const Loc& at, Issues& issues,
                                           bool non_empty = false);
std::optional<bool> ReadBool(const bj::value& v, const Loc& at, Issues& issues);
std::optional<std::int64_t> ReadInteger(const bj::value& v, const Loc& at, Issues& issues,
                                        std::int64_t min, std::int64_t max);
// A decimal: an integer, or a number the parser found held exactly (at most Decimal::kPlaces
// decimals); a number the parser marked inexact (IsInexactNumber) or out of range is refused.
std::optional<Decimal> ReadDecimal(const bj::value& v, const Loc& at, Issues& issues);
std::optional<Date> ReadDate(const bj::value& v, const Loc& at, Issues& issues);
void ReportUnknownEnum(const bj::value& v, const Loc& at, Issues& issues,
                       std::span<const std::string_view> names);

template <class E, size_t N>
std::optional<E> ReadEnum(const bj::value& v, const Loc& at, Issues& issues,
                          const EnumName<E> (&names)[N]) {
  if (const bj::string* s = v.if_string()) {
    for (const auto& n : names) {
      if (n.name == std::string_view(*s)) return n.value;
    }
  }
  std::string_view all[N];
  for (size_t i = 0; i < N; ++i) all[i] = names[i].name;
  ReportUnknownEnum(v, at, issues, all);
  return std::nullopt;
}

// The fields of one JSON object.
class Fields {
 public:
  // A non-object records "expected an object" and gives a Fields with ok() == false whose
  // accessors all return nothing (so callers need no special path). `at` is copied, so a
  // temporary location is fine; its parent must outlive this Fields.
  Fields(const bj::value& v, const Loc& at, Issues& issues);
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;

  bool ok() const { return object_ != nullptr; }
  const bj::object* object() const { return object_; }
  const Loc& loc() const { return at_; }
  Issues& issues() const { return issues_; }

  // The value of `key`; nullptr when absent (or null and kOptional). A required field that is
  // absent or null is recorded.
  const bj::value* Get(std::string_view key, Need need) const;

  std::optional<std::string_view> String(std::string_view key, Need need,
                                         bool non_empty = false) const;
  std::optional<bool> Bool(std::string_view key, Need need) const;
  std::optional<std::int64_t> Integer(std::string_view key, Need need, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<Decimal> Number(std::string_view key, Need need) const;
  std::optional<Date> DateField(std::string_view key, Need need) const;
  // The array, or nullptr (absent, null and kOptional, or not an array: recorded).
  const bj::array* Array(std::string_view key, Need need) const;
  template <class E, size_t N>
  std::optional<E> Enum(std::string_view key, Need need, const EnumName<E> (&names)[N]) const {
    const bj::value* v = Get(key, need);
    if (v == nullptr) return std::nullopt;
    return ReadEnum(*v, at_.Key(key), issues_, names);
  }

  // For strict documents (rulebooks): every key outside `known` is recorded.
  void RejectUnknownKeys(std::initializer_list<std::string_view> known) const;

 private:
  const bj::object* object_;
  Loc at_;  // by value: children made from loc() point at this member
  Issues& issues_;
};

// The "schema" member of an input document must equal `expected`: kInvalidSchema otherwise.
absl::Status CheckSchema(const bj::value& doc, std::string_view expected);
// A document embedded in another (an assessment's application, a case's scoresheet) may omit its
// "schema"; if it carries one, it must be `expected`, else an issue at `at`/schema.
void CheckEmbeddedSchema(const bj::value& v, const Loc& at, std::string_view expected,
                         Issues& issues);
// Every issue of `status` (from a nested decoder, whose pointers are already whole) into `issues`.
void AddIssues(const absl::Status& status, Issues& issues);

// Caps on one JSON document (docs/hardening.md). The defaults are EngineOptions' defaults.
struct JsonLimits {
  size_t max_input_bytes = 4u << 20;  // the whole document
  size_t max_depth = 32;              // nested arrays and objects; the root one is level 1
  size_t max_string_bytes = 64u << 10;  // one string or member name, in bytes after unescaping
  size_t max_array_length = 10'000;     // elements of one array
  size_t max_object_members = 10'000;   // members of one object
};

// Parses one JSON document (RFC 8259: no comments, no trailing commas, valid UTF-8 only) into
// `storage`, checking the limits while it reads, so a hostile document is refused before it is
// built. Refused, with the JSON pointer of the offending value where there is one:
//   - text that is not JSON, or data after the document: kInvalidJson, path "";
//   - an object that repeats a member name: kInvalidJson at the repeated member. Boost.JSON
//     would silently keep the last value; a CRM that sends two values for one field is told so
//     rather than having one ignored;
//   - a document beyond a limit: kLimitExceeded, the message naming the limit.
// The error for an input of `bytes` bytes over limits.max_input_bytes (ParseDocument's, and a
// batch line's that was skipped rather than held).
absl::Status InputTooLong(size_t bytes, const JsonLimits& limits);
absl::StatusOr<bj::value> ParseDocument(std::string_view text, const JsonLimits& limits,
                                        bj::storage_ptr storage = {});

// The names every document decoder uses, brought in with one line,
// `using namespace json::decoding;`, instead of a using-declaration each.
namespace decoding {
using json::Fields;
using json::Issues;
using json::Loc;
using json::Need;
}  // namespace decoding

}  // namespace sqp::json
