// libFuzzer target: sqp's JSON parser (codec::ParseDocument) against Boost.JSON's own parser.
// The first four bytes set small limits so every limit is reached often; the rest is the text.
// ParseDocument must accept exactly what boost::json::parse accepts, except a document beyond a
// limit or with a repeated member name, and then build the same value; every refusal must name a
// JSON pointer that exists in the document (or "" for the whole text).
#include <cstddef>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>
#include <string>
#include <string_view>

#include <boost/json/basic_parser_impl.hpp>

#include "fuzz_common.hpp"

namespace bj = boost::json;

namespace {

// Equality, except that where Boost.JSON 1.81 builds NaN (its reading of 0e400, a zero with a
// huge exponent) ParseDocument must build zero, and that a number whose double does not give
// back the decimal written is ParseDocument's inexact mark (json::kInexactNumber, a NaN) — only
// ever in place of a finite double below 10^12 (larger ones keep their double).
bool SameValue(const bj::value& ours, const bj::value& boost) {
  if (boost.is_double() && std::isnan(boost.get_double())) {
    return ours.is_double() && ours.get_double() == 0.0;
  }
  // A number marked inexact (HeldExactly, src/codec/parse.cpp) is one inside the decimal range
  // whose double does not give back what was written; the range's edge belongs to it:
  // 999999999999.999918 is the double 10^12 and is marked, while "1e12" itself is exact.
  if (ours.is_double() && std::isnan(ours.get_double())) {
    return boost.is_double() && std::isfinite(boost.get_double()) &&
           std::fabs(boost.get_double()) <= 1e12;
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

// A second, plain implementation of repeated-name detection for the oracle: a handler that
// builds nothing, keeps every name of the open objects in a std::set and the path as strings,
// and records the first object (in closing order) that repeats a name. Which name it reports
// follows ParseDocument's documented choice: in an object of up to 16 names, the first name that
// repeats an earlier one; in a larger object, the smallest repeated name.
struct RepeatedNameFinder {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  struct Frame {
    bool array = false;
    size_t index = 0;                // array: the element being read
    std::vector<std::string> names;  // object: its names so far, in order
  };
  std::vector<Frame> frames;
  std::string key;
  std::string found;  // "" while none; else the pointer
  bool done = false;

  static std::string Token(std::string_view t) {
    std::string out = "/";
    for (char c : t) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
  }
  std::string PathOfOpen(size_t depth) const {
    std::string p;
    for (size_t i = 0; i < depth; ++i) {
      if (frames[i].array) {
        p += '/';  // appended, not '+': GCC 12 warns falsely (-Wrestrict)
        p += std::to_string(frames[i].index);
      } else {
        p += Token(frames[i].names.back());
      }
    }
    return p;
  }
  bool Value() {
    if (!frames.empty() && frames.back().array) ++frames.back().index;
    return true;
  }
  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    frames.push_back({});
    return true;
  }
  bool on_object_end(std::size_t, bj::error_code& ec) {
    const auto& names = frames.back().names;
    std::string repeated;
    bool any = false;
    if (names.size() <= 16) {
      for (size_t i = 1; i < names.size() && !any; ++i) {
        for (size_t j = 0; j < i && !any; ++j) {
          if (names[i] == names[j]) any = true, repeated = names[i];
        }
      }
    } else {
      std::set<std::string> seen;
      for (const auto& n : names) {
        if (!seen.insert(n).second && (!any || n < repeated)) any = true, repeated = n;
      }
    }
    if (any && !done) {
      found = PathOfOpen(frames.size() - 1) + Token(repeated);
      done = true;
      ec = bj::error::exception;
      return false;
    }
    frames.pop_back();
    return Value();
  }
  bool on_array_begin(bj::error_code&) {
    frames.push_back({true, 0, {}});
    return true;
  }
  bool on_array_end(std::size_t, bj::error_code&) {
    frames.pop_back();
    return Value();
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
    key.append(s.data(), s.size());
    frames.back().names.push_back(key);
    key.clear();
    return true;
  }
  bool on_string_part(bj::string_view, std::size_t, bj::error_code&) { return true; }
  bool on_string(bj::string_view, std::size_t, bj::error_code&) { return Value(); }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t, bj::string_view, bj::error_code&) { return Value(); }
  bool on_uint64(std::uint64_t, bj::string_view, bj::error_code&) { return Value(); }
  bool on_double(double, bj::string_view, bj::error_code&) { return Value(); }
  bool on_bool(bool, bj::error_code&) { return Value(); }
  bool on_null(bj::error_code&) { return Value(); }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

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
  auto ours = sqp::codec::ParseDocument(text, limits);
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
  if (repeated) {
    // An independent finder must name the same member. (A repeated name is reported when its
    // object closes, so text that goes wrong later is refused for the repeated name.)
    bj::basic_parser<RepeatedNameFinder> finder(unlimited);
    bj::error_code fec;
    finder.write_some(false, text.data(), text.size(), fec);
    if (finder.handler().found != info.path) {
      sqp::fuzz::Die("the repeated member is not the first one in reading order",
                     info.path + " vs " + finder.handler().found);
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
      auto again = sqp::codec::ParseDocument(text, wide);
      has_repeated = !again.ok();
      if (!has_repeated) sqp::fuzz::Die("the limit's pointer does not resolve", info.path);
    }
  }
  return 0;
}
