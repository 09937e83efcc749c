// A strict JSON scanner for the fast paths: reads RFC 8259 text in place, with no DOM and no
// allocation, and *declines* (returns false) instead of reporting an error.
//
// A fast path built on it decodes the common shape of a document straight from the text. Any
// document the scanner does not fully understand goes to the general path (json::ParseDocument,
// Boost.JSON), which is the only one that reports errors. So the rule for every function here is:
// return true only for text that ParseDocument accepts, read to the value it would build. Where
// that is costly to be sure of, decline:
//   - strings with a backslash escape (views into the text are then the unescaped value);
//   - numbers with an exponent or more than 15 digits (Boost's double is then exactly
//     double(mantissa) / 10^k, which the scanner computes the same way; see Number);
//   - anything at or beyond a JsonLimits cap (the general path names the limit);
//   - bad UTF-8, control characters, syntax errors (the general path says where).
// Repeated member names are the caller's to detect (Scanner::Keys helps).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "limits.hpp"
#include "string_bytes.hpp"
#include "utf8.hpp"

namespace sqp::json {

// The scanner's small steps are inlined where they are used: a document is hundreds of them, and
// a call each costs as much as the step.
#define SQP_SCANNER_INLINE [[gnu::always_inline]] inline

class Scanner {
 public:
  // The UTF-8 of the whole text is checked here, once and with SIMD, so that String need only
  // look for the bytes that end or escape a string. Text that is not valid UTF-8 is declined:
  // the scanner starts at its end, where every read fails (and AtEnd is false).
  Scanner(std::string_view text, const JsonLimits& limits)
      : p_(text.data()), end_(text.data() + text.size()), limits_(limits),
        valid_utf8_(IsValidUtf8(text)) {
    if (!valid_utf8_) p_ = end_;
  }
  // The limits are kept by reference: they must outlive the scanner.
  Scanner(std::string_view text, const JsonLimits&& limits) = delete;

  SQP_SCANNER_INLINE void SkipWhitespace() {
    // Every byte of JSON white space is <= ' ', and compact text has none: one compare then.
    if (p_ < end_ && static_cast<unsigned char>(*p_) > ' ') return;
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  // The next significant character, or '\0' at the end (never a valid JSON character there).
  SQP_SCANNER_INLINE char Peek() {
    SkipWhitespace();
    return p_ < end_ ? *p_ : '\0';
  }
  // Whether the next significant character is `c`. The byte at hand is compared first: in compact
  // text it is the one, and the test for white space is then not made at all.
  SQP_SCANNER_INLINE bool At(char c) {
    if (p_ < end_ && *p_ == c) return true;
    SkipWhitespace();
    return p_ < end_ && *p_ == c;
  }
  SQP_SCANNER_INLINE bool Consume(char c) {
    if (!At(c)) return false;
    ++p_;
    return true;
  }
  bool AtEnd() {
    SkipWhitespace();
    return valid_utf8_ && p_ == end_;
  }

  // A string without escapes, as a view into the text (the opening quote is next). Any byte but
  // a quote, a backslash or a control character belongs to the string: the text is valid UTF-8
  // (checked once, when the scanner was made), so a byte >= 0x80 is part of a whole character.
  SQP_SCANNER_INLINE bool String(std::string_view& out) {
    if (!At('"')) return false;
    const char* const begin = p_ + 1;
    const char* p = begin;  // a local: stores through p_ would be kept in step with every load
    const char* const end = end_;
#if defined(__SSE2__)
    // Sixteen bytes at a time; the mask says where the first quote, backslash or control
    // character is (unsigned c <= 0x1F as min(c, 0x1F) == c).
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
      const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
      const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
      const __m128i hits = _mm_or_si128(_mm_or_si128(quote, backslash), control);
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
      if (mask != 0) {
        p += __builtin_ctz(mask);
        goto at_special;
      }
      p += 16;
    }
#endif
    // Eight bytes at a time.
    while (end - p >= 8) {
      const std::uint64_t hit = StringSpecialBytes(Load8(p));
      if (hit != 0) {
        p += __builtin_ctzll(hit) / 8;
        goto at_special;
      }
      p += 8;
    }
    for (;; ++p) {  // the last few bytes
      if (p == end) return false;
      if (IsStringSpecial(static_cast<unsigned char>(*p))) break;
    }
  at_special:
    if (*p != '"') return false;  // a backslash escape or a control character: decline
    const auto size = static_cast<size_t>(p - begin);
    p_ = p + 1;  // past the closing quote
    if (size >= limits_.max_string_bytes) return false;
    out = std::string_view(begin, size);
    return true;
  }

  // A number as Boost.JSON 1.81 reads it, for numbers without an exponent and with at most 15
  // digits: an integer literal is an int64; a literal with a fraction is the double
  // double(mantissa) / 10^k (basic_parser's dec_to_float: one correctly rounded division, since
  // mantissa < 2^53 and 10^k, k <= 15, are exact doubles).
  struct NumberValue {
    bool is_integer = true;
    std::int64_t integer = 0;  // when is_integer
    double real = 0;           // otherwise
    // The digits as written, for readers that need the exact decimal: |value| =
    // mantissa / 10^fraction_digits.
    std::uint64_t mantissa = 0;
    int fraction_digits = 0;
    bool negative = false;
  };
  bool Number(NumberValue& out) {
    SkipWhitespace();
    const char* p = p_;
    bool negative = false;
    if (p < end_ && *p == '-') {
      negative = true;
      ++p;
    }
    std::uint64_t mantissa = 0;
    int digits = 0, fraction_digits = 0;
    if (p < end_ && *p == '0') {
      ++p;
      digits = 1;
    } else if (p < end_ && *p >= '1' && *p <= '9') {
      while (p < end_ && *p >= '0' && *p <= '9') {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p++ - '0');
        if (++digits > kMaxDigits) return false;
      }
    } else {
      return false;
    }
    if (p < end_ && *p == '.') {
      ++p;
      while (p < end_ && *p >= '0' && *p <= '9') {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p++ - '0');
        ++fraction_digits;
        if (++digits > kMaxDigits) return false;
      }
      if (fraction_digits == 0) return false;
    }
    if (p < end_ && (*p == 'e' || *p == 'E')) return false;
    // A number is followed by a delimiter; "01" or "1x" is not JSON.
    if (p < end_ && ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+')) {
      return false;
    }
    p_ = p;
    out.mantissa = mantissa;
    out.fraction_digits = fraction_digits;
    out.negative = negative;
    out.is_integer = fraction_digits == 0;
    if (out.is_integer) {
      out.integer = negative ? -static_cast<std::int64_t>(mantissa) : static_cast<std::int64_t>(mantissa);
      return true;
    }
    static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    double x = static_cast<double>(mantissa);
    if (negative) x = -x;
    out.real = x / kPow10[fraction_digits];
    return true;
  }

  // `word`, consumed, when the text goes on with it (after any white space); an empty word is
  // always there.
  SQP_SCANNER_INLINE bool Literal(std::string_view word) {
    if (word.empty()) return true;
    if (!At(word[0]) || static_cast<size_t>(end_ - p_) < word.size() ||
        !SameBytes(p_, word.data(), word.size())) {
      return false;
    }
    p_ += word.size();
    return true;
  }
  const JsonLimits& limits() const { return limits_; }

  // `null`, consumed, when it is next.
  SQP_SCANNER_INLINE bool ConsumeNull() { return Literal("null"); }

  // Up to kMaxKeys member names of one object, to find a repeated one (names are compared as
  // written, which is exact because names with escapes are declined).
  class Keys {
   public:
    static constexpr size_t kMaxKeys = 32;
    // False when `key` was seen already, or there are too many names to keep (decline).
    bool Add(std::string_view key) {
      if (size_ == kMaxKeys) return false;
      for (size_t i = 0; i < size_; ++i) {
        if (keys_[i].size == key.size() && SameBytes(keys_[i].data, key.data(), key.size())) {
          return false;
        }
      }
      keys_[size_++] = {key.data(), key.size()};
      return true;
    }

   private:
    // Left uninitialised (one is made per object read): only the first size_ are used.
    struct Name {
      const char* data;
      size_t size;
    };
    Name keys_[kMaxKeys];
    size_t size_ = 0;
  };

  // Any JSON value, checked and discarded; `depth` is the nesting level a container opened
  // here would have (the root object is level 1).
  bool SkipValue(size_t depth) {
    switch (Peek()) {
      case '"': {
        std::string_view s;
        return String(s);
      }
      case '{': return SkipObject(depth);
      case '[': return SkipArray(depth);
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: {
        NumberValue n;
        return Number(n);
      }
    }
  }

  // Reads the members of an object (the '{' is next) at nesting level `depth`: `member(key)` is
  // called with the scanner positioned at each value and must consume it. Checks the member
  // count against the limit; repeated names are `member`'s to refuse.
  template <class Member>
  bool Object(size_t depth, Member&& member) {
    if (depth >= limits_.max_depth || !Consume('{')) return false;
    if (Consume('}')) return true;
    size_t count = 0;
    for (;;) {
      std::string_view key;
      if (!String(key) || !Consume(':')) return false;
      if (++count >= limits_.max_object_members) return false;
      if (!member(key)) return false;
      if (Consume(',')) continue;
      return Consume('}');
    }
  }

  // Reads the elements of an array (the '[' is next) at nesting level `depth`: `element()` is
  // called with the scanner positioned at each one and must consume it.
  template <class Element>
  bool Array(size_t depth, Element&& element) {
    if (depth >= limits_.max_depth || !Consume('[')) return false;
    if (Consume(']')) return true;
    size_t count = 0;
    for (;;) {
      if (++count >= limits_.max_array_length) return false;
      if (!element()) return false;
      if (Consume(',')) continue;
      return Consume(']');
    }
  }

 private:
  static constexpr int kMaxDigits = 15;

  bool SkipObject(size_t depth) {
    Keys keys;
    return Object(depth, [&](std::string_view key) { return keys.Add(key) && SkipValue(depth + 1); });
  }
  bool SkipArray(size_t depth) {
    return Array(depth, [&] { return SkipValue(depth + 1); });
  }


  const char* p_;
  const char* end_;
  const JsonLimits& limits_;
  bool valid_utf8_;
};

}  // namespace sqp::json
