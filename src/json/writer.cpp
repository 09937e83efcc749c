#include "writer.hpp"

namespace sqp::json {

// The escaping path: the string has at least one byte to escape.
void Writer::AppendEscapedSlowly(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  while (!s.empty()) {
    const size_t plain = PlainPrefix(s);  // the run that needs no escape: usually all of it
    out.append(s.data(), plain);
    if (plain == s.size()) break;
    const auto c = static_cast<unsigned char>(s[plain]);
    s.remove_prefix(plain + 1);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out += '"';
}

}  // namespace sqp::json
