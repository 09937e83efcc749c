// Helpers shared by the text renderers, which read result documents back as Boost.JSON values.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "sqp/decimal.hpp"

namespace sqp::internal {

// The members of a result document a text, calendar or timeline renderer reads back. A member
// that is absent or of another type reads as empty (a renderer lays out what the result holds;
// the result's shape is its writer's): the one set of accessors every renderer uses.
inline std::string_view ResultString(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}
inline const boost::json::object* ResultObject(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr ? v->if_object() : nullptr;
}
inline const boost::json::array* ResultArray(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr ? v->if_array() : nullptr;
}
inline bool ResultFlag(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

// The index of an enum member's spelling, as read back from a result, in its table of spellings;
// -1 when it is none of them (absent members read as "").
template <size_t N>
int SpellingIndex(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// A number of a result document as the writer printed it: Boost.JSON parses "91.5" into a
// double and would print it back as "9.15E1"; the shortest decimal round trip gives "91.5".
inline std::string ResultNumberText(const boost::json::value& v) {
  if (const auto* i = v.if_int64()) return std::to_string(*i);
  if (const auto* u = v.if_uint64()) return std::to_string(*u);
  if (const auto* d = v.if_double()) {
    if (auto dec = Decimal::FromDouble(*d)) return dec->ToString();
    return boost::json::serialize(v);
  }
  return "-";
}

}  // namespace sqp::internal
