// libFuzzer target: sqp's JSON parser (json::ParseDocument) against Boost.JSON's own parser.
// The first four bytes set small limits so every limit is reached often; the rest is the text.
// ParseDocument must accept exactly what boost::json::parse accepts, except a document beyond a
// limit or with a repeated member name, and then build the same value; every refusal must name a
// JSON pointer that exists in the document (or "" for the whole text).
#include <cstddef>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace bj = boost::json;

namespace {

// Equality, except that where Boost.JSON 1.81 builds NaN (its reading of 0e400, a zero with a
// huge exponent) ParseDocument must build zero.
bool SameValue(const bj::value& ours, const bj::value& boost) {
  if (boost.is_double() && std::isnan(boost.get_double())) {
    return ours.is_double() && ours.get_double() == 0.0;
  }
  if (ours.kind() != boost.kind()) return false;
  if (const bj::array* a = boost.if_array()) {
    const bj::array& b = ours.get_array();
    if (a->size() != b.size()) return false;
    for (size_t i = 0; i < a->size(); ++i) {
      if (!SameValue(b[i], (*a)[i])) return false;
    }
    return true;
  }
  if (const bj::object* o = boost.if_object()) {
    const bj::object& b = ours.get_object();
    if (o->size() != b.size()) return false;
    for (const auto& kv : *o) {
      const bj::value* mine = b.if_contains(kv.key());
      if (mine == nullptr || !SameValue(*mine, kv.value())) return false;
    }
    return true;
  }
  return ours == boost;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  sqp::json::JsonLimits limits;
  limits.max_depth = 1 + data[0] % 40;
  limits.max_string_bytes = 1 + data[1] % 64;
  limits.max_array_length = 1 + data[2] % 16;
  limits.max_object_members = 1 + data[3] % 16;
  const std::string_view text(reinterpret_cast<const char*>(data + 4), size - 4);

  bj::error_code ec;
  bj::parse_options unlimited;
  unlimited.max_depth = 10'000;
  const bj::value reference = bj::parse(text, ec, {}, unlimited);
  auto ours = sqp::json::ParseDocument(text, limits);
  if (ours.ok()) {
    if (ec) sqp::fuzz::Die("ParseDocument accepted what Boost.JSON refuses", text);
    if (!SameValue(*ours, reference)) sqp::fuzz::Die("ParseDocument built a different value", text);
    return 0;
  }
  const sqp::ErrorInfo info = sqp::DescribeError(ours.status());
  if (info.code != sqp::ErrorCode::kInvalidJson && info.code != sqp::ErrorCode::kLimitExceeded) {
    sqp::fuzz::Die("ParseDocument failed with an unexpected code", text);
  }
  const bool repeated = info.code == sqp::ErrorCode::kInvalidJson && !info.path.empty();
  if (info.code == sqp::ErrorCode::kInvalidJson && !repeated && !ec) {
    sqp::fuzz::Die("ParseDocument called well-formed JSON malformed", text);
  }
  if (repeated && !ec) {
    // (A repeated name is reported when its object closes, so text that goes wrong later is
    // refused for the repeated name.) Boost keeps one of the repeated members, so the pointer
    // must resolve in its value.
    bj::error_code pec;
    if (reference.find_pointer(info.path, pec) == nullptr) {
      sqp::fuzz::Die("the repeated member's pointer does not resolve", info.path);
    }
  }
  if (info.code == sqp::ErrorCode::kLimitExceeded && !ec && !info.path.empty()) {
    // The offending value's pointer must resolve in the document, when that is JSON at all.
    bj::error_code pec;
    if (reference.find_pointer(info.path, pec) == nullptr) {
      // A repeated name earlier in the path may have been dropped by Boost: not checkable.
      bool has_repeated = false;
      sqp::json::JsonLimits wide = limits;
      wide.max_depth = 10'000;
      wide.max_string_bytes = wide.max_array_length = wide.max_object_members = ~size_t{0};
      auto again = sqp::json::ParseDocument(text, wide);
      has_repeated = !again.ok();
      if (!has_repeated) sqp::fuzz::Die("the limit's pointer does not resolve", info.path);
    }
  }
  return 0;
}
