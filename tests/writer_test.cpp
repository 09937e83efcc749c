// The result writer: escaping must be exact for every byte, in every position of a block.
#include "json/writer.hpp"

#include "codec/encode.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sqp::json {
namespace {

std::string Escaped(std::string_view s) {
  std::string out;
  Writer::AppendEscaped(out, s);
  return out;
}

// Every byte value that must be escaped, at every offset of a 20-byte string (so both the 8-byte
// block scan and the byte-by-byte tail see it), round-trips through Boost.JSON's parser.
TEST(WriterTest, EscapesEveryControlQuoteAndBackslashAtEveryOffset) {
  std::vector<char> specials = {'"', '\\'};
  for (int c = 0; c < 0x20; ++c) specials.push_back(static_cast<char>(c));
  for (char special : specials) {
    for (size_t at = 0; at < 20; ++at) {
      std::string s = "abcdefghijklmnopqrs";  // ASCII: an insert must not split a UTF-8 character
      s.insert(at, 1, special);
      const std::string json = Escaped(s);
      const boost::json::value v = boost::json::parse(json);
      ASSERT_EQ(std::string_view(v.as_string()), s) << "byte " << int(special) << " at " << at;
    }
  }
}

// PlainPrefix reads eight bytes per step and the tail in one overlapping step: at every length
// up to 40 and every offset, it stops at the first byte to escape, whatever follows.
TEST(WriterTest, PlainPrefixStopsAtTheFirstByteToEscapeAtEveryLengthAndOffset) {
  for (size_t n = 0; n <= 40; ++n) {
    const std::string plain(n, 'x');
    EXPECT_EQ(Writer::PlainPrefix(plain), n);
    for (size_t at = 0; at < n; ++at) {
      for (const char special : {'"', '\\', '\x01', '\x1f'}) {
        std::string s = plain;
        s[at] = special;
        ASSERT_EQ(Writer::PlainPrefix(s), at) << "length " << n << ", byte " << int(special);
        if (at + 1 < n) s[n - 1] = '"';  // a later one does not matter
        ASSERT_EQ(Writer::PlainPrefix(s), at) << "length " << n << ", two specials";
      }
    }
  }
  EXPECT_EQ(Writer::PlainPrefix("中国电信 \x7f é"), std::string_view("中国电信 \x7f é").size());
}

TEST(WriterTest, PlainTextAndUtf8PassThrough) {
  EXPECT_EQ(Escaped(""), "\"\"");
  EXPECT_EQ(Escaped("short"), "\"short\"");
  EXPECT_EQ(Escaped("中国电信深圳福田中心营业厅"), "\"中国电信深圳福田中心营业厅\"");
  EXPECT_EQ(Escaped("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(Escaped(std::string("x\0y", 3)), "\"x\\u0000y\"");
  EXPECT_EQ(Escaped("\x1f\x7f"), "\"\\u001f\x7f\"");  // DEL needs no escape in JSON
}

TEST(WriterTest, StructureAndDecimals) {
  std::string out;
  Writer w(out);
  w.BeginObject();
  w.Field("a", 1);
  w.Key("b");
  w.BeginArray();
  w.Value(*Decimal::Parse("96.2"));
  w.Value(*Date::Parse("2026-03-20"));
  w.Null();
  w.EndArray();
  w.Field("c", true);
  w.EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[96.2,"2026-03-20",null],"c":true})");
}

}  // namespace
}  // namespace sqp::json
