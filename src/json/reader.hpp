// Typed reading of a parsed Boost.JSON value that records *every* problem with its RFC 6901
// JSON pointer instead of stopping at the first. The readers of types this layer does not know
// (sqp's dates and decimals) are built on Fields::Get and Issues: src/codec/decode.hpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "pointer.hpp"

namespace sqp::json {

namespace bj = boost::json;

// One problem in a document: where (an RFC 6901 pointer, "" for the whole document) and what.
struct Issue {
  std::string path;
  std::string message;
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

 private:
  std::vector<Issue> list_;
  size_t dropped_ = 0;
};

enum class Need {
  kRequired,  // absent or null is an issue
  kOptional,  // absent or null: nullopt, no issue
};

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

// Element readers: read one value at `at`, recording an issue and returning nullopt when bad.
std::optional<std::string_view> ReadString(const bj::value& v, const Loc& at, Issues& issues,
                                           bool non_empty = false);
std::optional<bool> ReadBool(const bj::value& v, const Loc& at, Issues& issues);
std::optional<std::int64_t> ReadInteger(const bj::value& v, const Loc& at, Issues& issues,
                                        std::int64_t min, std::int64_t max);
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

}  // namespace sqp::json
