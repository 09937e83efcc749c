// What the ELIG.* rules (src/rules/eligibility.cpp) share with the rest of the library and its
// tests, and with no one else: a private header (src/rules/internal/ is not installed, and
// nothing in include/sqp includes it).
//
// FindMeasured is here, inline, because the eligibility codec (src/ops/eligibility_codec.cpp)
// names the indicators ELIG.INDICATORS counted as unmeasured, and must find them exactly as the
// rule does; TrimCertificateNo because the tests hold its trimming on its own.
#pragma once

#include <cstddef>
#include <string_view>

#include "sqp/eligibility.hpp"

namespace sqp::eligibility_internal {

// ELIG.INDICATORS: the measured value of rulebook indicator `name`, as an index into
// indicator_values, or -1.
inline int FindMeasured(const Application& app, std::string_view name) {
  for (size_t i = 0; i < app.indicator_values.size(); ++i) {
    if (app.indicator_values[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// ELIG.TRAINED_STAFF: a certificate number without the white space around it. A number typed
// or pasted with a trailing space is the same certificate ("C-1" and "C-1 " are one), and one
// that is only white space is none. Trimmed: ASCII space and tab, and the ideographic (full-width)
// space U+3000, which Chinese input methods type in full-width mode and which no certificate
// number contains. Done here, in the typed rule, so that every door and decoder counts alike.
std::string_view TrimCertificateNo(std::string_view no);

}  // namespace sqp::eligibility_internal
