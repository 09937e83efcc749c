// String building for messages. Debian's Abseil is built with its own absl::string_view (not
// std::string_view), so absl::StrCat does not take the std::string_views this code passes
// around; these few helpers do the same job over the standard types.
#pragma once

#include <concepts>
#include <cstdio>
#include <string>
#include <string_view>

namespace sqp {

namespace strings_internal {
inline void Append(std::string& s, std::string_view v) { s.append(v); }
inline void Append(std::string& s, const char* v) { s.append(v); }
inline void Append(std::string& s, char c) { s.push_back(c); }
template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>)
void Append(std::string& s, T v) {
  s += std::to_string(v);
}
}  // namespace strings_internal

template <class... Args>
std::string Cat(const Args&... args) {
  std::string s;
  (strings_internal::Append(s, args), ...);
  return s;
}

template <class... Args>
void CatTo(std::string& s, const Args&... args) {
  (strings_internal::Append(s, args), ...);
}

template <class Range>
std::string Join(const Range& parts, std::string_view separator) {
  std::string s;
  bool first = true;
  for (const auto& p : parts) {
    if (!first) s.append(separator);
    first = false;
    strings_internal::Append(s, std::string_view(p));
  }
  return s;
}

// Text for people, shown on a terminal (issue 16): the input's own strings reach the reports,
// and a NUL, an ESC sequence or a C1 control among them must not act on the terminal. Every
// control character but '\n' and '\t' is shown as \xHH (C1 as \u0080..), the rest of the UTF-8
// is kept. With `keep_line_breaks` false, '\n' and '\t' are shown too (a string of the input,
// which must not lay out lines of a report).
inline std::string TerminalSafe(std::string_view text, bool keep_line_breaks = true) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char buf[8];
    const bool line_break = c == '\n' || c == '\t';
    if ((c < 0x20 && !(line_break && keep_line_breaks)) || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      out += buf;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace sqp
