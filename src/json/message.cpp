#include "message.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "parser.hpp"
#include "utf8.hpp"

namespace sqp::json {

namespace bj = boost::json;

std::string Quote(std::string_view text) {
  // Echoes any bytes safely into a message (a JSON string once written): at most 40 characters,
  // control characters as \u00XX, and a byte that does not start well-formed UTF-8 as \xXX, so
  // an echoed operation name or value can neither break the document's UTF-8 nor grow it.
  std::string out = "\"";
  size_t chars = 0;
  const char* end = text.data() + text.size();
  for (const char* p = text.data(); p < end;) {
    if (++chars > 40) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(p, end);
      if (len == 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
        ++p;
      } else {
        out.append(p, len);
        p += len;
      }
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
    ++p;
  }
  out += '"';
  return out;
}

std::string_view KindOf(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

std::string NumberText(const bj::value& v) {
  if (IsInexactNumber(v)) return "a number that cannot be read exactly";
  if (const double* d = v.if_double()) {
    if (!std::isfinite(*d)) return *d > 0 ? "a number beyond 1.8e308" : "a number below -1.8e308";
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return std::string(buffer, r.ptr);
  }
  return bj::serialize(v);
}

std::string JoinNames(std::span<const std::string_view> names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += ", ";
    s += names[i];
  }
  return s;
}

}  // namespace sqp::json
