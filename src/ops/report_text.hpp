// Helpers shared by the text renderers, which read result documents back as Boost.JSON values.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "sqp/decimal.hpp"

namespace sqp::internal {

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
