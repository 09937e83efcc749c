// A string literal as a template argument (C++20 class-type non-type parameter): a document
// member's key, Field<"applied_on", ...> (src/codec/schema.hpp), or a rendering's format,
// Format<"text", ...> (src/engine/operation.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace sqp {

template <size_t N>
struct FixedString {
  char chars[N];
  constexpr FixedString(const char (&text)[N]) {  // NOLINT: implicit, so a literal is the argument
    std::copy_n(text, N, chars);
  }
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

}  // namespace sqp
