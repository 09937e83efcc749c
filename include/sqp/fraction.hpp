// READ.INCLUSIVE: thresholds such as "2/3 以上" as exact integer comparisons.
//
// "以上" includes the bound itself (PRC Civil Code Art. 1259), so "at least 2/3 of n" is
// `x * 3 >= n * 2`. No floating point ever decides a threshold: 6 of 9 is exactly 2/3.
#pragma once

#include <cstdint>

namespace sqp {

// A rulebook fraction. The rulebook loader guarantees 0 < num <= den <= kMaxFractionTerm,
// which together with counts bounded by the input limits keeps every product inside int64.
struct Fraction {
  std::int64_t num = 2;
  std::int64_t den = 3;
  friend constexpr bool operator==(const Fraction&, const Fraction&) = default;
};

inline constexpr std::int64_t kMaxFractionTerm = 1000;

// True when `x` is at least `f` of `n` (inclusive): x * den >= n * num.
constexpr bool AtLeastFractionOf(std::int64_t x, std::int64_t n, Fraction f) {
  return x * f.den >= n * f.num;
}

// The smallest non-negative integer x with x * den >= n * num, i.e. ceil(n * num / den),
// for n >= 0. This is the figure the minutes print as "required".
constexpr std::int64_t MinimumCount(std::int64_t n, Fraction f) {
  return (n * f.num + f.den - 1) / f.den;
}

}  // namespace sqp
