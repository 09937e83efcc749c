// json::IsValidUtf8 (simdjson's SIMD validation) accepts exactly the text that a walk with
// Utf8SequenceLength, one sequence at a time, accepts: the fast path relies on it to leave
// UTF-8 out of its string scan, and the general path's messages on Utf8SequenceLength.
#include "json/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sqp::json {
namespace {

bool WalkAccepts(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const size_t len = Utf8SequenceLength(p, end);
    if (len == 0) return false;
    p += len;
  }
  return true;
}

void ExpectSameVerdict(const std::string& text) {
  ASSERT_EQ(IsValidUtf8(text), WalkAccepts(text)) << "bytes: " << [&] {
    std::string hex;
    for (const char c : text) hex += std::to_string(static_cast<unsigned char>(c)) + " ";
    return hex;
  }();
}

// Every one- and two-byte text, and every three-byte text that starts with a lead of a three-
// or four-byte sequence (E0..FF): overlongs, surrogates, beyond U+10FFFF, cut short.
TEST(Utf8Test, AgreesOnEveryShortText) {
  for (int a = 0; a < 256; ++a) {
    ExpectSameVerdict(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) ExpectSameVerdict({static_cast<char>(a), static_cast<char>(b)});
  }
  for (int a = 0xE0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) {
        ExpectSameVerdict({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
      }
    }
  }
}

// Four-byte sequences on the edges of each byte's range.
TEST(Utf8Test, AgreesOnFourByteEdges) {
  const int edges[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (int a = 0xF0; a < 256; ++a) {
    for (int b : edges) {
      for (int c : edges) {
        for (int d : edges) {
          ExpectSameVerdict({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                             static_cast<char>(d)});
        }
      }
    }
  }
}

// One bad sequence in longer text, at every offset of the SIMD blocks (64 bytes and more), in
// ASCII and in Chinese.
TEST(Utf8Test, FindsOneBadSequenceAtEveryOffset) {
  const std::string bad[] = {"\x80", "\xC0\x80", "\xE4\xB8", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                             "\xFF"};
  for (const std::string& filler : {std::string("a"), std::string("中")}) {
    std::string text;
    while (text.size() < 300) text += filler;
    EXPECT_TRUE(IsValidUtf8(text));
    for (size_t at = 0; at <= 200; at += filler.size()) {
      for (const std::string& b : bad) {
        std::string t = text;
        t.insert(at, b);
        ASSERT_FALSE(IsValidUtf8(t)) << "at " << at;
      }
    }
  }
}

}  // namespace
}  // namespace sqp::json
