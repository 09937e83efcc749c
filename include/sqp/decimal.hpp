// Exact decimal numbers for indicator values and points (SCORE.RULES: no binary floating point
// in sums or thresholds).
//
// A Decimal is a signed count of millionths. JSON numbers arrive from Boost.JSON as doubles; the
// shortest decimal text that round-trips to the same double is the number the author wrote
// (96.2 stays 96.2, never 96.2000000000000028), so FromDouble recovers it exactly for every value
// with at most six decimals and fifteen significant digits, and refuses anything finer.
#pragma once

#include <charconv>
#include <cmath>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqp {

__extension__ typedef __int128 Int128;  // GCC/Clang builtin, for exact intermediate products

class Decimal {
 public:
  static constexpr int kPlaces = 6;
  static constexpr std::int64_t kScale = 1'000'000;
  // Largest magnitude accepted from input: leaves headroom for sums of many items.
  static constexpr std::int64_t kMaxUnits = 1'000'000'000'000'000LL;  // 1e12 whole units
  // The whole numbers read from input lie strictly between -kMaxWhole and kMaxWhole.
  static constexpr std::int64_t kMaxWhole = kMaxUnits / kScale;

  constexpr Decimal() = default;
  static constexpr Decimal FromUnits(std::int64_t units) { return Decimal(units); }
  static constexpr Decimal FromInt(std::int64_t whole) { return Decimal(whole * kScale); }

  // Strict decimal text: optional '-', digits, optional '.' and up to six digits, optional
  // exponent as produced by shortest round-trip formatting. Anything else: nullopt.
  static std::optional<Decimal> Parse(std::string_view text) {
    size_t i = 0;
    bool negative = false;
    if (i < text.size() && text[i] == '-') { negative = true; ++i; }
    Int128 mantissa = 0;
    int frac_digits = 0;
    bool any_digit = false, in_fraction = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        any_digit = true;
        mantissa = mantissa * 10 + (c - '0');
        if (in_fraction) ++frac_digits;
        if (mantissa > static_cast<Int128>(kMaxUnits) * 1000000) return std::nullopt;
      } else if (c == '.' && !in_fraction) {
        in_fraction = true;
      } else {
        break;
      }
    }
    if (!any_digit) return std::nullopt;
    int exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      ++i;
      bool exp_negative = false;
      if (i < text.size() && (text[i] == '+' || text[i] == '-')) { exp_negative = text[i] == '-'; ++i; }
      if (i >= text.size()) return std::nullopt;
      for (; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9' || exponent > 400) return std::nullopt;
        exponent = exponent * 10 + (text[i] - '0');
      }
      if (exp_negative) exponent = -exponent;
    }
    if (i != text.size()) return std::nullopt;
    int scale = kPlaces - frac_digits + exponent;  // power of ten to apply to the mantissa
    if (mantissa == 0) return Decimal(0);
    while (scale < 0) {
      if (mantissa % 10 != 0) return std::nullopt;  // finer than a millionth
      mantissa /= 10;
      ++scale;
    }
    for (; scale > 0; --scale) {
      mantissa *= 10;
      if (mantissa > kMaxUnits) return std::nullopt;
    }
    if (mantissa > kMaxUnits) return std::nullopt;
    const auto units = static_cast<std::int64_t>(mantissa);
    return Decimal(negative ? -units : units);
  }

  static std::optional<Decimal> FromDouble(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round-trip
    if (r.ec != std::errc()) return std::nullopt;
    return Parse(std::string_view(buffer, static_cast<size_t>(r.ptr - buffer)));
  }

  constexpr std::int64_t units() const { return units_; }
  double ToDouble() const { return static_cast<double>(units_) / kScale; }
  bool IsInteger() const { return units_ % kScale == 0; }

  // Round half up (away from zero for halves) to `places` decimals, 0 <= places <= 6.
  constexpr Decimal RoundHalfUp(int places) const {
    std::int64_t step = 1;
    for (int p = places; p < kPlaces; ++p) step *= 10;
    const std::int64_t magnitude = units_ < 0 ? -units_ : units_;
    const std::int64_t rounded = (magnitude + step / 2) / step * step;
    return Decimal(units_ < 0 ? -rounded : rounded);
  }

  // Shortest text without trailing zeros ("95", "99.99", "-0.5").
  std::string ToString() const { return ToString(-1); }
  // With exactly `places` decimals when 0 <= places <= 6 ("95.0" for places 1), rounded half up
  // first; places < 0: shortest form.
  std::string ToString(int places) const {
    if (places > kPlaces) places = kPlaces;
    const std::int64_t value = places >= 0 ? RoundHalfUp(places).units_ : units_;
    std::int64_t magnitude = value < 0 ? -value : value;
    std::string whole = std::to_string(magnitude / kScale);
    std::string frac = std::to_string(magnitude % kScale);
    frac.insert(0, static_cast<size_t>(kPlaces) - frac.size(), '0');
    if (places < 0) {
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
    } else {
      frac.resize(static_cast<size_t>(places));
    }
    std::string out = value < 0 ? "-" : "";
    out += whole;
    if (!frac.empty()) { out += '.'; out += frac; }
    return out;
  }

  constexpr Decimal operator+(Decimal o) const { return Decimal(units_ + o.units_); }
  constexpr Decimal operator-(Decimal o) const { return Decimal(units_ - o.units_); }
  constexpr Decimal& operator+=(Decimal o) { units_ += o.units_; return *this; }
  constexpr Decimal& operator-=(Decimal o) { units_ -= o.units_; return *this; }
  friend constexpr auto operator<=>(Decimal, Decimal) = default;

 private:
  explicit constexpr Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace sqp
