// The fast paths' scanner (src/json/scanner.hpp) on its own, built against the JSON layer only:
// whatever it accepts, Boost.JSON accepts and reads to the same value; what it is not sure of
// (escapes, exponents, long numbers, caps, bad UTF-8, truncated text) it declines; and it reads
// no byte past the text.
#include "json/scanner.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace sqp::json {
namespace {

namespace bj = boost::json;

// A scanner keeps a reference to its limits.
const JsonLimits kLimits;

// The text copied to a buffer of exactly its size, so that a read past its end is a read past
// the allocation (which AddressSanitizer builds catch).
class ExactBuffer {
 public:
  explicit ExactBuffer(std::string_view text)
      : data_(std::make_unique<char[]>(text.size())), size_(text.size()) {
    if (!text.empty()) std::memcpy(data_.get(), text.data(), text.size());
  }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

// A DOM built from what the scanner reads: the value a fast path would decode. False when the
// scanner declines anywhere.
bool Build(Scanner& s, size_t depth, bj::value& out) {
  switch (s.Peek()) {
    case '"': {
      std::string_view text;
      if (!s.String(text)) return false;
      out = bj::string(text);
      return true;
    }
    case '{': {
      bj::object object;
      Scanner::Keys keys;
      const bool ok = s.Object(depth, [&](std::string_view key) {
        bj::value member;
        if (!keys.Add(key) || !Build(s, depth + 1, member)) return false;
        object.emplace(key, std::move(member));
        return true;
      });
      out = std::move(object);
      return ok;
    }
    case '[': {
      bj::array array;
      const bool ok = s.Array(depth, [&] {
        bj::value element;
        if (!Build(s, depth + 1, element)) return false;
        array.push_back(std::move(element));
        return true;
      });
      out = std::move(array);
      return ok;
    }
    case 't': out = true; return s.Literal("true");
    case 'f': out = false; return s.Literal("false");
    case 'n': out = nullptr; return s.Literal("null");
    default: {
      Scanner::NumberValue n;
      if (!s.Number(n)) return false;
      if (n.is_integer) {
        out = n.integer;
      } else {
        out = n.real;
      }
      return true;
    }
  }
}

// The whole text as one document, or nullopt when the scanner declines it.
std::optional<bj::value> Scan(std::string_view text, const JsonLimits& limits = {}) {
  const ExactBuffer buffer(text);
  Scanner s(buffer.view(), limits);
  bj::value v;
  if (!Build(s, 1, v) || !s.AtEnd()) return std::nullopt;
  return v;
}

// Same kind and value; doubles bit for bit (so -0.0 is not 0.0).
bool Same(const bj::value& a, const bj::value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case bj::kind::double_:
      return std::bit_cast<std::uint64_t>(a.get_double()) ==
             std::bit_cast<std::uint64_t>(b.get_double());
    case bj::kind::array: {
      const bj::array& x = a.get_array();
      const bj::array& y = b.get_array();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!Same(x[i], y[i])) return false;
      }
      return true;
    }
    case bj::kind::object: {
      const bj::object& x = a.get_object();
      const bj::object& y = b.get_object();
      if (x.size() != y.size()) return false;
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end(); ++i, ++j) {
        if (i->key() != j->key() || !Same(i->value(), j->value())) return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

std::string Hex(std::string_view text) {
  std::string out;
  for (const char c : text) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02x ", static_cast<unsigned char>(c));
    out += buf;
  }
  return out;
}

// The scanner's contract: accepted text is JSON that Boost.JSON reads to the same value.
void ExpectAgreesWithBoost(std::string_view text, const JsonLimits& limits = {}) {
  const std::optional<bj::value> scanned = Scan(text, limits);
  if (!scanned) return;
  bj::error_code ec;
  const bj::value parsed = bj::parse(text, ec);
  ASSERT_FALSE(ec) << "the scanner accepted what Boost.JSON refuses: " << Hex(text);
  ASSERT_TRUE(Same(*scanned, parsed))
      << "read " << bj::serialize(*scanned) << ", Boost.JSON " << bj::serialize(parsed)
      << " from " << text;
}

constexpr std::string_view kDocument =
    R"({"schema":"sqp.application/1","site":{"name":"中国电信 深圳","type":"flagship"},)"
    R"("values":{"a":96.25,"b":-0.5,"c":0,"d":123456789012345,"e":-7},)"
    R"("list":[true,false,null,[],{},[1,[2,[3]]]],"empty":""})";

TEST(ScannerTest, ReadsADocumentToTheValueBoostJsonBuilds) {
  const std::optional<bj::value> v = Scan(kDocument);
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(Same(*v, bj::parse(kDocument)));
  EXPECT_EQ(v->at("site").at("name").as_string(), "中国电信 深圳");
  EXPECT_EQ(v->at("values").at("d").as_int64(), 123456789012345);
}

TEST(ScannerTest, WhitespaceIsTheFourOfJsonOnly) {
  EXPECT_TRUE(Scan(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] } \r\n").has_value());
  EXPECT_FALSE(Scan("\f{}").has_value());
  EXPECT_FALSE(Scan("{}\v").has_value());
  EXPECT_FALSE(Scan("\xC2\xA0{}").has_value());  // U+00A0 is not JSON whitespace
}

TEST(ScannerTest, StringsAreViewsIntoTheText) {
  const ExactBuffer buffer(R"("abc" "")");
  Scanner s(buffer.view(), kLimits);
  std::string_view a, b;
  ASSERT_TRUE(s.String(a));
  EXPECT_EQ(a, "abc");
  EXPECT_EQ(a.data(), buffer.view().data() + 1);
  ASSERT_TRUE(s.String(b));
  EXPECT_EQ(b, "");
  EXPECT_TRUE(s.AtEnd());
}

TEST(ScannerTest, DeclinesEveryEscape) {
  for (const std::string_view text :
       {R"("a\"b")", R"("\\")", R"("\/")", R"("\b")", R"("\f")", R"("\n")", R"("\r")", R"("\t")",
        R"("\u0041")", R"("\ud83d\ude00")", R"("\x")", R"("abc\)"}) {
    EXPECT_FALSE(Scan(text).has_value()) << text;
  }
  // A member name with an escape too: names are compared as written.
  EXPECT_FALSE(Scan(R"({"a\u0062":1})").has_value());
}

TEST(ScannerTest, DeclinesControlCharactersAndUnterminatedStrings) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string text = std::string("\"ab") + static_cast<char>(c) + "cd\"";
    EXPECT_FALSE(Scan(text).has_value()) << "byte " << c;
  }
  EXPECT_TRUE(Scan("\"ab\x7f" "cd\"").has_value());  // DEL is not a control character in JSON
  EXPECT_FALSE(Scan("\"").has_value());
  EXPECT_FALSE(Scan("\"abc").has_value());
  EXPECT_FALSE(Scan(std::string(40, 'a').insert(0, 1, '"')).has_value());
}

// The string loop reads sixteen bytes, then eight, then one at a time: at every length up to
// 70 and every offset, it ends at the right quote, and declines at the first escape or control
// character, whatever follows.
TEST(ScannerTest, StringsOfEveryLengthEndAtTheirQuoteAndDeclineAtTheirFirstSpecialByte) {
  for (size_t n = 0; n <= 70; ++n) {
    std::string body;
    for (size_t i = 0; i < n; ++i) body += static_cast<char>('a' + i % 26);
    const std::string text = "[\"" + body + "\",\"x\"]";
    const std::optional<bj::value> v = Scan(text);
    ASSERT_TRUE(v.has_value()) << "length " << n;
    ASSERT_EQ(v->as_array()[0].as_string(), body) << "length " << n;
    for (size_t at = 0; at < n; ++at) {
      for (const char special : {'\\', '\x01', '\n', '\x1f', '\0'}) {
        std::string bad = body;
        bad[at] = special;
        ASSERT_FALSE(Scan("[\"" + bad + "\",\"x\"]").has_value())
            << "length " << n << ", byte " << int(special) << " at " << at;
      }
      // A quote at `at` ends the string there; the rest is then not JSON.
      std::string cut = body;
      cut[at] = '"';
      ASSERT_FALSE(Scan("[\"" + cut + "\"]").has_value()) << "length " << n << ", quote at " << at;
    }
  }
}

TEST(ScannerTest, KeepsWellFormedUtf8InStrings) {
  for (const std::string_view s : {"é", "中国电信", "😀", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF",
                                    "a中b😀c", "\xE2\x80\xA8"}) {
    std::string text = "\"";
    text += s;
    text += '"';
    const std::optional<bj::value> v = Scan(text);
    ASSERT_TRUE(v.has_value()) << Hex(s);
    EXPECT_EQ(v->as_string(), s);
  }
}

// Text that is not valid UTF-8 anywhere, even after the document, is declined as a whole: the
// scanner starts at its end, where every read fails.
TEST(ScannerTest, DeclinesTextThatIsNotValidUtf8) {
  for (const std::string_view bad : {
           "\x80",              // a continuation byte alone
           "\xC0\xAF",          // overlong '/'
           "\xC1\xBF",          // overlong
           "\xE0\x80\xAF",      // overlong
           "\xED\xA0\x80",      // a surrogate, U+D800
           "\xF4\x90\x80\x80",  // above U+10FFFF
           "\xF5\x80\x80\x80",  // no such lead byte
           "\xFF",              //
           "\xE4\xB8",          // truncated three-byte character
           "\xF0\x9F\x98",      // truncated four-byte character
       }) {
    const std::string in_string = "{\"a\":\"x" + std::string(bad) + "y\"}";
    EXPECT_FALSE(Scan(in_string).has_value()) << Hex(bad);
    const std::string after = "{\"a\":1}" + std::string(bad);
    const ExactBuffer buffer(after);
    Scanner s(buffer.view(), kLimits);
    EXPECT_EQ(s.Peek(), '\0') << Hex(bad);
    EXPECT_FALSE(s.AtEnd()) << Hex(bad);
    EXPECT_FALSE(s.Consume('{')) << Hex(bad);
  }
}

TEST(ScannerTest, ReadsIntegersAsInt64) {
  struct Case {
    std::string_view text;
    std::int64_t value;
  };
  for (const Case c : {Case{"0", 0}, Case{"-0", 0}, Case{"7", 7}, Case{"-7", -7},
                       Case{"1234567", 1234567}, Case{"999999999999999", 999999999999999},
                       Case{"-999999999999999", -999999999999999}}) {
    const ExactBuffer buffer(c.text);
    Scanner s(buffer.view(), kLimits);
    Scanner::NumberValue n;
    ASSERT_TRUE(s.Number(n)) << c.text;
    EXPECT_TRUE(n.is_integer) << c.text;
    EXPECT_EQ(n.integer, c.value) << c.text;
    EXPECT_EQ(n.fraction_digits, 0) << c.text;
    EXPECT_EQ(n.negative, c.text.starts_with('-')) << c.text;
    EXPECT_TRUE(s.AtEnd()) << c.text;
    ExpectAgreesWithBoost(c.text);
  }
}

TEST(ScannerTest, ReadsFractionsAsBoostJsonDoesAndKeepsTheirDigits) {
  const ExactBuffer buffer("-96.250");
  Scanner s(buffer.view(), kLimits);
  Scanner::NumberValue n;
  ASSERT_TRUE(s.Number(n));
  EXPECT_FALSE(n.is_integer);
  EXPECT_EQ(n.real, -96.25);
  EXPECT_EQ(n.mantissa, 96250u);
  EXPECT_EQ(n.fraction_digits, 3);
  EXPECT_TRUE(n.negative);

  // Bit for bit as Boost.JSON: one division of the digits by a power of ten.
  for (const std::string_view text :
       {"0.1", "0.2", "0.3", "96.2", "1.5", "-0.0", "0.00000000000001", "12345678.9012345",
        "99999999999999.9", "0.12345678901234", "-2.675", "1.005", "3.14159265358979"}) {
    ASSERT_TRUE(Scan(text).has_value()) << text;
    ExpectAgreesWithBoost(text);
  }
}

// Number itself declines, whatever the caller reads next: a fast path may stop at a number.
TEST(ScannerTest, DeclinesExponentsLongNumbersAndWhatIsNotANumber) {
  for (const std::string_view text :
       {"1e5", "1E5", "1.5e-3", "2.5E+1", "0e0", "-0E1",  // exponents
        "1234567890123456", "-1234567890123456", "0.1234567890123456",
        "1234567890.123456",  // more than 15 digits
        "01", "-01", "00", "0.5.", "1.", "1.-", "1-", "1+", "-", "-.5", ".5", "+1", "1.2.3",
        "--1", "- 1", "NaN", "Infinity", "-Infinity", "x"}) {
    const ExactBuffer buffer(text);
    Scanner s(buffer.view(), kLimits);
    Scanner::NumberValue n;
    EXPECT_FALSE(s.Number(n)) << text;
    EXPECT_FALSE(Scan(text).has_value()) << text;
    std::string in_array = "[";
    in_array += text;
    in_array += ']';
    EXPECT_FALSE(Scan(in_array).has_value()) << text;
  }
  // A number ends at a delimiter; what follows is the caller's (and here not JSON).
  for (const std::string_view text : {"1x", "0x10", "1 2", "1,"}) {
    EXPECT_FALSE(Scan(text).has_value()) << text;
  }
}

TEST(ScannerTest, LiteralsAreWholeWords) {
  const std::optional<bj::value> v = Scan("[true,false,null]");
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(Same(*v, bj::parse("[true,false,null]")));
  for (const std::string_view text :
       {"tru", "fals", "nul", "True", "NULL", "nullx", "truefalse", "[null1]", "n"}) {
    EXPECT_FALSE(Scan(text).has_value()) << text;
  }
  const ExactBuffer buffer(" null 1");
  Scanner s(buffer.view(), kLimits);
  EXPECT_TRUE(s.ConsumeNull());
  EXPECT_FALSE(s.ConsumeNull());
  EXPECT_EQ(s.Peek(), '1');
}

TEST(ScannerTest, DeclinesSyntaxErrors) {
  for (const std::string_view text :
       {"", " ", "{", "}", "[", "]", "{]", "[}", "[1,]", "[,1]", "[1 2]", "{\"a\"}", "{\"a\":}",
        "{\"a\":1,}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\"::1}", "{a:1}", "{'a':1}", "{1:1}",
        "[1]]", "{}{}", "[1],", "[\"a\":1]", "{\"a\":1 \"b\":2}", "// c\n{}", "{} /* c */"}) {
    EXPECT_FALSE(Scan(text).has_value()) << text;
  }
}

TEST(ScannerTest, DeclinesARepeatedMemberNameAndMoreNamesThanItKeeps) {
  EXPECT_FALSE(Scan(R"({"a":1,"b":2,"a":3})").has_value());
  EXPECT_FALSE(Scan(R"({"a":{"x":1,"x":1}})").has_value());
  // The same name in different objects is no repetition.
  EXPECT_TRUE(Scan(R"({"a":{"x":1},"b":{"x":1},"x":[{"x":1},{"x":2}]})").has_value());

  std::string object = "{";
  for (size_t i = 0; i < Scanner::Keys::kMaxKeys; ++i) {
    object += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  }
  EXPECT_TRUE(Scan(object + "}").has_value());
  EXPECT_FALSE(Scan(object + ",\"more\":0}").has_value());
}

TEST(ScannerTest, ObjectGivesTheNamesInOrderAndArrayEveryElement) {
  const ExactBuffer buffer(R"({"b":[1,2,3],"a":"x"})");
  Scanner s(buffer.view(), kLimits);
  std::vector<std::string> names;
  std::vector<std::int64_t> elements;
  ASSERT_TRUE(s.Object(1, [&](std::string_view key) {
    names.emplace_back(key);
    if (key == "b") {
      return s.Array(2, [&] {
        Scanner::NumberValue n;
        if (!s.Number(n)) return false;
        elements.push_back(n.integer);
        return true;
      });
    }
    return s.SkipValue(2);
  }));
  EXPECT_TRUE(s.AtEnd());
  EXPECT_EQ(names, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(elements, (std::vector<std::int64_t>{1, 2, 3}));
}

// The scanner declines at a cap, not beyond it: the general path names the limit (a document
// one below every cap is read).
TEST(ScannerTest, DeclinesAtEveryCap) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(Scan("[[1]]", limits).has_value());
  EXPECT_TRUE(Scan(R"({"a":{"b":1}})", limits).has_value());
  EXPECT_FALSE(Scan("[[[1]]]", limits).has_value());
  EXPECT_FALSE(Scan(R"({"a":{"b":{}}})", limits).has_value());
  EXPECT_FALSE(Scan(R"({"a":[[]]})", limits).has_value());

  limits = {};
  limits.max_string_bytes = 5;
  EXPECT_TRUE(Scan(R"(["abcd"])", limits).has_value());
  EXPECT_FALSE(Scan(R"(["abcde"])", limits).has_value());
  EXPECT_TRUE(Scan(R"({"abcd":1})", limits).has_value());
  EXPECT_FALSE(Scan(R"({"abcde":1})", limits).has_value());
  EXPECT_TRUE(Scan("\"中\"", limits).has_value());     // 3 bytes
  EXPECT_FALSE(Scan("\"中国\"", limits).has_value());  // 6 bytes: bytes, not characters

  limits = {};
  limits.max_array_length = 3;
  EXPECT_TRUE(Scan("[1,2]", limits).has_value());
  EXPECT_FALSE(Scan("[1,2,3]", limits).has_value());
  EXPECT_FALSE(Scan("[[1,2,3]]", limits).has_value());

  limits = {};
  limits.max_object_members = 3;
  EXPECT_TRUE(Scan(R"({"a":1,"b":2})", limits).has_value());
  EXPECT_FALSE(Scan(R"({"a":1,"b":2,"c":3})", limits).has_value());
}

TEST(ScannerTest, DepthOfTheDefaultLimits) {
  const JsonLimits limits;
  const auto nested = [](size_t levels) {
    return std::string(levels, '[') + std::string(levels, ']');
  };
  EXPECT_TRUE(Scan(nested(limits.max_depth - 1), limits).has_value());
  EXPECT_FALSE(Scan(nested(limits.max_depth), limits).has_value());
  EXPECT_FALSE(Scan(nested(10'000), limits).has_value());
}

// Every cut of a document short of its end is declined, and no read goes past the cut.
TEST(ScannerTest, DeclinesEveryTruncation) {
  for (size_t n = 0; n < kDocument.size(); ++n) {
    ASSERT_FALSE(Scan(kDocument.substr(0, n)).has_value()) << "first " << n << " bytes";
  }
}

// Every single-byte change and every deletion of a byte: whatever the scanner still accepts,
// Boost.JSON accepts and reads to the same value.
TEST(ScannerTest, AgreesWithBoostJsonOnEveryMutation) {
  const std::string_view replacements = "\"\\{}[]:,.-+0159eE tnfx\n\t\x01\x7f\x80\xC3\xE4\xFF";
  size_t accepted = 0;
  for (size_t at = 0; at < kDocument.size(); ++at) {
    for (const char r : replacements) {
      std::string text(kDocument);
      text[at] = r;
      ExpectAgreesWithBoost(text);
      accepted += Scan(text).has_value() ? 1 : 0;
    }
    std::string text(kDocument);
    text.erase(at, 1);
    ExpectAgreesWithBoost(text);
  }
  // The mutations are not all declined (the agreement would then say nothing).
  EXPECT_GT(accepted, 100u);
}

}  // namespace
}  // namespace sqp::json
