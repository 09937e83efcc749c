// The bytes a JSON string cannot hold as they are (RFC 8259 §7): the quote, the backslash and
// the control characters U+0000..U+001F. The writer escapes them; the fast paths' scanner stops
// at them (a closing quote, or an escape or control character it declines). One definition for
// both, bytewise and eight bytes at a time. And SameBytes, the compare of short byte runs that the
// scanner and the decoders made from document descriptions (src/codec/schema.hpp) use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sqp::json {

inline bool IsStringSpecial(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The eight bytes at `p` as one word, the first in its lowest byte (x86-64 is little-endian).
inline std::uint64_t Load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Whether the `n` bytes at `a` and at `b` are the same, with a few overlapping loads rather than a
// call to memcmp: what is compared here (member names, a member's `,"key":` text, literals) is
// short, a document has dozens of them, and with `n` known where this is inlined the branches
// fold away.
[[gnu::always_inline]] inline bool SameBytes(const char* a, const char* b, size_t n) {
  const auto load4 = [](const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  };
  if (n >= 8) {
    std::uint64_t diff = Load8(a + n - 8) ^ Load8(b + n - 8);  // the last eight, overlapping
    for (size_t i = 0; i + 8 < n; i += 8) diff |= Load8(a + i) ^ Load8(b + i);
    return diff == 0;
  }
  if (n >= 4) return ((load4(a) ^ load4(b)) | (load4(a + n - 4) ^ load4(b + n - 4))) == 0;
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The high bit of each byte of `w` that IsStringSpecial, SWAR. Exact about "none" and about the
// lowest flagged byte (a false flag can only follow a real one, through a borrow), so the first
// special byte in memory is at __builtin_ctzll(result) / 8. Bytes >= 0x80 (UTF-8) never match.
inline std::uint64_t StringSpecialBytes(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v; };
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w;
  return (below_space | zero_bytes(w ^ (kOnes * '"')) | zero_bytes(w ^ (kOnes * '\\'))) & kHighs;
}

}  // namespace sqp::json
