// The bytes a JSON string cannot hold as they are (RFC 8259 §7): the quote, the backslash and
// the control characters U+0000..U+001F. The writer escapes them; the fast paths' scanner stops
// at them (a closing quote, or an escape or control character it declines). One definition for
// both, bytewise and eight bytes at a time.
#pragma once

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
