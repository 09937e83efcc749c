// The JSON decoding tables of the vocabulary's enums (include/sqp/vocabulary.hpp), made from its
// spellings at compile time, so that each spelling is written once, there, and every document
// and the rulebook read it alike.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "json/reader.hpp"
#include "sqp/vocabulary.hpp"

namespace sqp::internal {

// A decoding table as the readers take it (a C array of json::EnumName).
template <typename E, size_t N>
struct EnumTable {
  json::EnumName<E> entries[N];
};

// The table of an enum whose values are 0..N-1 in the order of `names`.
template <typename E, size_t N>
constexpr EnumTable<E, N> MakeEnumTable(const std::array<std::string_view, N>& names) {
  EnumTable<E, N> table{};
  for (size_t i = 0; i < N; ++i) table.entries[i] = {names[i], static_cast<E>(i)};
  return table;
}

inline constexpr auto kSiteTypeTable = MakeEnumTable<SiteType>(kSiteTypeNames);
inline constexpr auto kAccidentSeverityTable = MakeEnumTable<AccidentSeverity>(kAccidentSeverityNames);

}  // namespace sqp::internal
