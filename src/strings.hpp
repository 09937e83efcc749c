// String building for messages. Debian's Abseil is built with its own absl::string_view (not
// std::string_view), so absl::StrCat does not take the std::string_views this code passes
// around; these few helpers do the same job over the standard types.
#pragma once

#include <concepts>
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

}  // namespace sqp
