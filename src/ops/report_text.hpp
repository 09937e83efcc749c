// Helpers shared by the text renderers, which read result documents back as Boost.JSON values.
#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "sqp/decimal.hpp"
#include "strings.hpp"

namespace sqp::internal {

// A string from the input (a name, an id, a message quoting one) as a text report shows it: its
// control characters, newline and tab too, written as visible escapes, so that no input can make
// a line of the report's own (the report as a whole is then made TerminalSafe).
inline std::string ReportString(std::string_view s) { return TerminalSafe(s, /*keep_line_breaks=*/false); }

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
