// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. One
// definition: the parser's error messages walk the text with Utf8SequenceLength, and the fast
// paths' one-pass SIMD check (IsValidUtf8) is tested to accept exactly what that walk accepts
// (tests/utf8_test.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace sqp::json {

// True when all of `text` is well-formed UTF-8 (as Utf8SequenceLength, over the whole text).
// One pass with the widest SIMD the CPU has (simdjson::validate_utf8, chosen at run time), about
// ten times a sequence-at-a-time check (docs/performance.md has the figures).
bool IsValidUtf8(std::string_view text);

// The length of the well-formed UTF-8 sequence that starts at `p` (before `end`), or 0.
inline size_t Utf8SequenceLength(const char* p, const char* end) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const unsigned c = u[0];
  if (c < 0x80) return 1;
  // The common non-ASCII case first: a three-byte character whose lead byte allows every
  // continuation (E1..EC, EE, EF: everything but E0's overlong and ED's surrogate ranges).
  if (c >= 0xE1 && c <= 0xEF && c != 0xED && end - p >= 3) {
    return ((u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) ? 3 : 0;
  }
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - p) < len || u[1] < lo || u[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (u[k] < 0x80 || u[k] > 0xBF) return 0;
  }
  return len;
}

}  // namespace sqp::json
