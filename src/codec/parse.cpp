#include "codec/parse.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "sqp/decimal.hpp"
#include "sqp/status.hpp"

namespace sqp::codec {
namespace {

// True when the JSON number `text` is a whole number (no nonzero digit after the point once
// the exponent is applied).
bool IsWholeNumberText(std::string_view text) {
  std::string digits;
  long fraction = 0, exponent = 0;
  size_t i = text.starts_with('-') ? 1 : 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) digits += text[i];
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fraction) digits += text[i];
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exponent = std::min(exponent * 10 + (text[i] - '0'), 1'000'000L);
    }
    if (negative) exponent = -exponent;
  }
  const long shift = fraction - exponent;  // digits after the point
  if (shift <= 0) return true;
  const size_t tail = std::min<size_t>(static_cast<size_t>(shift), digits.size());
  return digits.find_first_not_of('0', digits.size() - tail) == std::string::npos;
}

// Whether the double `d` that Boost.JSON made of the number `text` gives back exactly the
// decimal written (Decimal::Parse of the text itself), as sqp's decimal readers need:
// 94.99999999999999999999 is the double 95, and reading it as 95 would pass a >= 95 bound
// that the number written misses (READ.MEMBERS, exact numbers). A number too large for a
// decimal keeps its double, and the readers refuse it by its range.
bool HeldExactly(double d, std::string_view text) {
  // Zero, whatever its exponent ("0e004458", which Decimal::Parse does not take): exact when
  // every digit of the mantissa is 0 (1e-400 is also the double 0, and is not exact).
  if (d == 0.0) {
    const std::string_view mantissa = text.substr(0, text.find_first_of("eE"));
    if (mantissa.find_first_of("123456789") == std::string_view::npos) return true;
  }
  const std::optional<Decimal> written = Decimal::Parse(text);
  if (written) {
    const std::optional<Decimal> read = Decimal::FromDouble(d);
    return read && read->units() == written->units();
  }
  // Finer than Decimal::kPlaces decimals, or beyond its range: a number inside the range is
  // marked; one beyond it keeps its double for the readers' range check. At the edge, 10^12
  // itself ("1e12", "1000000000000") is exact, and 999999999999.9999999, which a double
  // rounds to it, is not.
  if (std::fabs(d) == 1e12) return IsWholeNumberText(text);
  return !std::isfinite(d) || std::fabs(d) > 1e12;
}

}  // namespace

absl::Status ToStatus(const json::ParseError& error) {
  const ErrorCode code = error.kind == json::ParseError::Kind::kLimitExceeded
                             ? ErrorCode::kLimitExceeded
                             : ErrorCode::kInvalidJson;
  return MakeError(code, error.path, error.message);
}

absl::StatusOr<boost::json::value> ParseDocument(std::string_view text,
                                                 const json::JsonLimits& limits,
                                                 boost::json::storage_ptr storage) {
  json::Parsed parsed = json::ParseDocument(text, limits, HeldExactly, std::move(storage));
  if (parsed.error) return ToStatus(*parsed.error);
  return std::move(parsed.value);
}

}  // namespace sqp::codec
