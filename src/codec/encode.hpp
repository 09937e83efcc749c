// sqp's values in result documents, for json::Writer (src/json/writer.hpp): a Date as
// "YYYY-MM-DD", a Decimal printed exactly as written ("96.2"; Boost.JSON would print the double
// as "9.62E1"). They are declared in namespace sqp, beside Date and Decimal, where the writer's
// Value and Field find them.
#pragma once

#include <string>

#include "json/writer.hpp"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"

namespace sqp {

inline void WriteJson(json::Writer& w, Date d) {
  char buf[12];
  buf[0] = '"';
  d.Format(buf + 1);
  buf[11] = '"';
  w.RawValue().append(buf, 12);
}

inline void WriteJson(json::Writer& w, Decimal d) { w.RawValue() += d.ToString(); }

}  // namespace sqp
