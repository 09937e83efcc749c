#include "strings.hpp"
#include "json/reader.hpp"
#include "json/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <boost/json/basic_parser_impl.hpp>


namespace sqp::json {

std::string Loc::Pointer() const {
  if (kind_ == Kind::kRoot) return "";
  std::string prefix = parent_ ? parent_->Pointer() : std::string();
  prefix += '/';
  if (kind_ == Kind::kIndex) {
    CatTo(prefix, index_);
  } else {
    AppendPointerToken(prefix, key_);
  }
  return prefix;
}

void AppendPointerToken(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

void Issues::Add(const Loc& at, std::string message) { AddAt(at.Pointer(), std::move(message)); }

void Issues::AddAt(std::string path, std::string message) {
  if (list_.size() < kMaxIssues) {
    list_.push_back({std::move(path), std::move(message)});
    return;
  }
  ++dropped_;
  list_.back() = {"", Cat("more than ", kMaxIssues - 1, " problems; ", dropped_ + 1,
                                   " not listed")};
}

absl::Status Issues::ToStatus(ErrorCode code) const {
  if (list_.empty()) return absl::OkStatus();
  return MakeErrors(code, list_);
}

std::string Quote(std::string_view text) {
  // Echoes any bytes safely into a message (a JSON string once written): at most 40 characters,
  // control characters as \u00XX, and a byte that does not start well-formed UTF-8 as \xXX, so
  // an echoed operation name or value can neither break the document's UTF-8 nor grow it.
  std::string out = "\"";
  size_t chars = 0;
  const char* end = text.data() + text.size();
  for (const char* p = text.data(); p < end;) {
    if (++chars > 40) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(p, end);
      if (len == 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
        ++p;
      } else {
        out.append(p, len);
        p += len;
      }
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
    ++p;
  }
  out += '"';
  return out;
}

std::string_view KindOf(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

namespace {

// A number as written in messages: the shortest text that reads back the same value ("2.5", not
// Boost's "2.5E0"); a number beyond a double's range (1e400 in the input) says so.
std::string NumberText(const bj::value& v) {
  if (IsInexactNumber(v)) return "a number that cannot be read exactly";
  if (const double* d = v.if_double()) {
    if (!std::isfinite(*d)) return *d > 0 ? "a number beyond 1.8e308" : "a number below -1.8e308";
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return std::string(buffer, r.ptr);
  }
  return bj::serialize(v);
}

}  // namespace

std::optional<std::string_view> ReadString(const bj::value& v, const Loc& at, Issues& issues,
                                           bool non_empty) {
  const bj::string* s = v.if_string();
  if (s == nullptr) {
    issues.Add(at, Cat("expected a string, got ", KindOf(v)));
    return std::nullopt;
  }
  if (non_empty && s->empty()) {
    issues.Add(at, "must not be empty");
    return std::nullopt;
  }
  return std::string_view(*s);
}

std::optional<bool> ReadBool(const bj::value& v, const Loc& at, Issues& issues) {
  if (const bool* b = v.if_bool()) return *b;
  issues.Add(at, Cat("expected true or false, got ", KindOf(v)));
  return std::nullopt;
}

std::optional<std::int64_t> ReadInteger(const bj::value& v, const Loc& at, Issues& issues,
                                        std::int64_t min, std::int64_t max) {
  std::optional<std::int64_t> n;
  if (const auto* i = v.if_int64()) {
    n = *i;
  } else if (const auto* u = v.if_uint64()) {
    if (*u <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(*u);
  } else if (v.is_double()) {
    // A count is written as a whole number: 25.0, 6.5 and 2.5e1 are refused, not rounded or
    // truncated (READ.MEMBERS, exact numbers).
    issues.Add(at, Cat("expected a whole number written without a fraction or exponent, got ",
                       NumberText(v)));
    return std::nullopt;
  } else {
    issues.Add(at, Cat("expected a whole number, got ", KindOf(v)));
    return std::nullopt;
  }
  if (!n || *n < min || *n > max) {
    issues.Add(at, Cat("must be a whole number from ", min, " to ", max, ", got ",
                                NumberText(v)));
    return std::nullopt;
  }
  return n;
}

std::optional<Decimal> ReadDecimal(const bj::value& v, const Loc& at, Issues& issues) {
  std::optional<Decimal> d;
  if (const auto* i = v.if_int64()) {
    if (*i > -1'000'000'000'000LL && *i < 1'000'000'000'000LL) d = Decimal::FromInt(*i);
  } else if (v.is_uint64()) {
    d = std::nullopt;  // beyond int64: far outside any indicator or score
  } else if (IsInexactNumber(v)) {
    issues.Add(at, Cat("cannot be read exactly: at most ", Decimal::kPlaces,
                       " decimal places, and no more significant digits than a double holds; "
                       "sqp does not round its input"));
    return std::nullopt;
  } else if (const auto* f = v.if_double()) {
    if (!std::isfinite(*f)) {
      issues.Add(at, Cat("is not a finite number (", NumberText(v), ")"));
      return std::nullopt;
    }
    d = Decimal::FromDouble(*f);
  } else {
    issues.Add(at, Cat("expected a number, got ", KindOf(v)));
    return std::nullopt;
  }
  if (!d) {
    issues.Add(at, Cat("number ", NumberText(v),
                                " is out of range (at most 10^12, at most 6 decimals)"));
  }
  return d;
}

std::optional<Date> ReadDate(const bj::value& v, const Loc& at, Issues& issues) {
  const bj::string* s = v.if_string();
  if (s == nullptr) {
    issues.Add(at, Cat("expected a date string YYYY-MM-DD, got ", KindOf(v)));
    return std::nullopt;
  }
  if (auto d = Date::Parse(*s)) return d;
  const std::string_view text(*s);
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (shaped && Date::Parse(std::string(text.substr(0, 4)) + "-01-01").has_value()) {
    issues.Add(at, Cat(Quote(text), " is not a calendar date"));
  } else if (shaped) {
    issues.Add(at, Cat(Quote(text), " is not a calendar date between ", kMinInputYear,
                                "-01-01 and ", kMaxInputYear, "-12-31"));
  } else {
    issues.Add(at, Cat(Quote(text), " is not a date of the form YYYY-MM-DD"));
  }
  return std::nullopt;
}

void ReportUnknownEnum(const bj::value& v, const Loc& at, Issues& issues,
                       std::span<const std::string_view> names) {
  const std::string expected = Join(names, ", ");
  if (const bj::string* s = v.if_string()) {
    issues.Add(at, Cat("unknown value ", Quote(*s), "; expected one of: ", expected));
  } else {
    issues.Add(at, Cat("expected one of: ", expected, "; got ", KindOf(v)));
  }
}

Fields::Fields(const bj::value& v, const Loc& at, Issues& issues)
    : object_(v.if_object()), at_(at), issues_(issues) {
  if (object_ == nullptr) issues_.Add(at_, Cat("expected an object, got ", KindOf(v)));
}

const bj::value* Fields::Get(std::string_view key, Need need) const {
  if (object_ == nullptr) return nullptr;
  const bj::value* v = object_->if_contains(key);
  if (v != nullptr && !v->is_null()) return v;
  if (need == Need::kRequired) {
    issues_.Add(at_.Key(key), v == nullptr ? "is required" : "is required and must not be null");
  }
  return nullptr;
}

std::optional<std::string_view> Fields::String(std::string_view key, Need need,
                                               bool non_empty) const {
  const bj::value* v = Get(key, need);
  return v ? ReadString(*v, at_.Key(key), issues_, non_empty) : std::nullopt;
}

std::optional<bool> Fields::Bool(std::string_view key, Need need) const {
  const bj::value* v = Get(key, need);
  return v ? ReadBool(*v, at_.Key(key), issues_) : std::nullopt;
}

std::optional<std::int64_t> Fields::Integer(std::string_view key, Need need, std::int64_t min,
                                            std::int64_t max) const {
  const bj::value* v = Get(key, need);
  return v ? ReadInteger(*v, at_.Key(key), issues_, min, max) : std::nullopt;
}

std::optional<Decimal> Fields::Number(std::string_view key, Need need) const {
  const bj::value* v = Get(key, need);
  return v ? ReadDecimal(*v, at_.Key(key), issues_) : std::nullopt;
}

std::optional<Date> Fields::DateField(std::string_view key, Need need) const {
  const bj::value* v = Get(key, need);
  return v ? ReadDate(*v, at_.Key(key), issues_) : std::nullopt;
}

const bj::array* Fields::Array(std::string_view key, Need need) const {
  const bj::value* v = Get(key, need);
  if (v == nullptr) return nullptr;
  if (const bj::array* a = v->if_array()) return a;
  issues_.Add(at_.Key(key), Cat("expected an array, got ", KindOf(*v)));
  return nullptr;
}

void Fields::RejectUnknownKeys(std::initializer_list<std::string_view> known) const {
  if (object_ == nullptr) return;
  for (const auto& kv : *object_) {
    bool found = false;
    for (std::string_view k : known) found = found || k == std::string_view(kv.key());
    if (!found) {
      issues_.Add(at_.Key(kv.key()), Cat("unknown field; expected one of: ",
                                                  Join(known, ", ")));
    }
  }
}

void CheckEmbeddedSchema(const bj::value& v, const Loc& at, std::string_view expected,
                         Issues& issues) {
  const bj::object* o = v.if_object();
  if (o == nullptr) return;  // the decoder reports the type
  const bj::value* s = o->if_contains("schema");
  if (s == nullptr) return;
  const bj::string* str = s->if_string();
  if (str == nullptr || std::string_view(*str) != expected) {
    const Loc schema = at.Key("schema");
    issues.Add(schema, Cat("an embedded document must be \"", expected, "\" (or omit \"schema\")"));
  }
}

void AddIssues(const absl::Status& status, Issues& issues) {
  if (status.ok()) return;
  for (const Issue& issue : DescribeError(status).issues) issues.AddAt(issue.path, issue.message);
}

absl::Status CheckSchema(const bj::value& doc, std::string_view expected) {
  const bj::object* o = doc.if_object();
  if (o == nullptr) {
    return MakeError(ErrorCode::kInvalidSchema, "",
                     Cat("expected a JSON object with \"schema\": \"", expected,
                                  "\", got ", KindOf(doc)));
  }
  const bj::value* s = o->if_contains("schema");
  if (s == nullptr) {
    return MakeError(ErrorCode::kInvalidSchema, "/schema",
                     Cat("is required; expected \"", expected, "\""));
  }
  const bj::string* str = s->if_string();
  if (str == nullptr || std::string_view(*str) != expected) {
    return MakeError(ErrorCode::kInvalidSchema, "/schema",
                     Cat("unknown schema ",
                                  str ? Quote(*str) : std::string(KindOf(*s)),
                                  "; this operation reads \"", expected, "\""));
  }
  return absl::OkStatus();
}

}  // namespace sqp::json

// ---- ParseDocument --------------------------------------------------------------------------

namespace sqp::json {
namespace {

void AppendPointerStep(std::string& out, std::string_view token) {
  out += '/';
  AppendPointerToken(out, token);
}

template <class T>
using ArenaVector = std::vector<T, bj::polymorphic_allocator<T>>;

// A Boost.JSON parse handler: builds the DOM exactly as boost::json::parser does (value_stack)
// and on the way enforces the limits, keeps the path for error pointers and notes every member
// name so that an object repeating one is refused. Its bookkeeping lives in the document's arena
// and costs a few comparisons per value. The first problem stops the parse; it is kept in
// `failure` and the parser is stopped with an error code.
class LimitedHandler {
 public:
  // Boost's own caps; ours are checked in the callbacks.
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  LimitedHandler(const JsonLimits& limits, const bj::storage_ptr& storage)
      : st(storage),
        limits_(limits),
        frames_(storage.get()),
        keys_(storage.get()),
        key_text_(storage.get()),
        number_text_(storage.get()) {
    frames_.reserve(16);
    keys_.reserve(32);
    key_text_.reserve(512);
  }

  bj::value_stack st;
  absl::Status failure;

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }

  bool on_object_begin(bj::error_code& ec) { return Open(Frame::kObject, ec); }
  bool on_object_end(std::size_t n, bj::error_code& ec) {
    if (!CheckRepeatedNames(ec)) return false;
    const Frame& f = frames_.back();
    if (f.first_key < keys_.size()) {
      key_text_.resize(keys_[f.first_key].offset);
      keys_.resize(f.first_key);
    }
    frames_.pop_back();
    st.push_object(n);
    return Completed(ec);
  }
  bool on_array_begin(bj::error_code& ec) { return Open(Frame::kArray, ec); }
  bool on_array_end(std::size_t n, bj::error_code& ec) {
    frames_.pop_back();
    st.push_array(n);
    return Completed(ec);
  }

  bool on_key_part(bj::string_view s, std::size_t n, bj::error_code& ec) {
    if (!in_key_) {
      in_key_ = true;
      key_start_ = key_text_.size();
    }
    if (n > limits_.max_string_bytes) return KeyTooLong(n, ec);
    key_text_.insert(key_text_.end(), s.begin(), s.end());
    st.push_chars(s);
    return true;
  }
  bool on_key(bj::string_view s, std::size_t n, bj::error_code& ec) {
    const size_t start = in_key_ ? key_start_ : key_text_.size();
    in_key_ = false;
    if (n > limits_.max_string_bytes) return KeyTooLong(n, ec);
    Frame& f = frames_.back();
    if (++f.count > limits_.max_object_members) {
      return Fail(ErrorCode::kLimitExceeded, PointerThrough(frames_.size() - 1),
                  Cat("object has more than ", limits_.max_object_members,
                      " members (max_object_members)"),
                  ec);
    }
    key_text_.insert(key_text_.end(), s.begin(), s.end());
    f.current_key = keys_.size();
    keys_.push_back({start, key_text_.size() - start});
    st.push_key(s);
    return true;
  }

  bool on_string_part(bj::string_view s, std::size_t n, bj::error_code& ec) {
    if (n > limits_.max_string_bytes) return StringTooLong(n, ec);
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t n, bj::error_code& ec) {
    if (n > limits_.max_string_bytes) return StringTooLong(n, ec);
    st.push_string(s);
    return Completed(ec);
  }

  bool on_number_part(bj::string_view s, bj::error_code&) {
    number_text_.insert(number_text_.end(), s.begin(), s.end());
    return true;
  }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code& ec) {
    number_text_.clear();
    st.push_int64(i);
    return Completed(ec);
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code& ec) {
    number_text_.clear();
    st.push_uint64(u);
    return Completed(ec);
  }
  bool on_double(double d, bj::string_view tail, bj::error_code& ec) {
    std::string_view text(tail.data(), tail.size());
    if (!number_text_.empty()) {  // a number split across on_number_part calls
      number_text_.insert(number_text_.end(), tail.begin(), tail.end());
      text = std::string_view(number_text_.data(), number_text_.size());
    }
    // Boost.JSON 1.81 computes a zero with a huge exponent (0e400) as 0 x infinity = NaN, which
    // no JSON number is and no output could carry (found by fuzz_json): it is a zero.
    if (std::isnan(d)) d = !text.empty() && text.front() == '-' ? -0.0 : 0.0;
    if (!HeldExactly(d, text)) d = kInexactNumber;
    number_text_.clear();
    st.push_double(d);
    return Completed(ec);
  }
  bool on_bool(bool b, bj::error_code& ec) {
    st.push_bool(b);
    return Completed(ec);
  }
  bool on_null(bj::error_code& ec) {
    st.push_null();
    return Completed(ec);
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }

 private:
  struct Frame {
    enum Kind : unsigned char { kObject, kArray } kind;
    size_t count;      // elements so far (array) or members so far (object)
    size_t first_key;    // object: index of its first name in keys_
    size_t current_key;  // object: index of the name of the member being read
  };
  struct Key {
    size_t offset;  // in key_text_
    size_t size;
  };

  std::string_view KeyText(const Key& k) const {
    return std::string_view(key_text_.data() + k.offset, k.size);
  }

  // The pointer of the value being read inside frames_[depth - 1] ("" for depth 0).
  std::string PointerThrough(size_t depth) const {
    std::string out;
    for (size_t i = 0; i < depth; ++i) {
      const Frame& f = frames_[i];
      if (f.kind == Frame::kArray) {
        CatTo(out, "/", f.count);
      } else {
        AppendPointerStep(out, KeyText(keys_[f.current_key]));
      }
    }
    return out;
  }

  bool Fail(ErrorCode code, std::string path, std::string message, bj::error_code& ec) {
    failure = MakeError(code, path, message);
    ec = bj::error::exception;  // any error stops the parser; `failure` says which
    return false;
  }

  bool Open(Frame::Kind kind, bj::error_code& ec) {
    if (frames_.size() >= limits_.max_depth) {
      return Fail(ErrorCode::kLimitExceeded, PointerThrough(frames_.size()),
                  Cat("nested deeper than ", limits_.max_depth, " levels (max_depth)"), ec);
    }
    frames_.push_back({kind, 0, keys_.size(), 0});
    return true;
  }

  // A value ended: count it in its array.
  bool Completed(bj::error_code& ec) {
    if (frames_.empty() || frames_.back().kind != Frame::kArray) return true;
    if (++frames_.back().count > limits_.max_array_length) {
      --frames_.back().count;
      return Fail(ErrorCode::kLimitExceeded, PointerThrough(frames_.size() - 1),
                  Cat("array has more than ", limits_.max_array_length,
                      " elements (max_array_length)"),
                  ec);
    }
    return true;
  }

  bool StringTooLong(size_t n, bj::error_code& ec) {
    return Fail(ErrorCode::kLimitExceeded, PointerThrough(frames_.size()),
                Cat("string of at least ", n, " bytes exceeds the limit of ",
                    limits_.max_string_bytes, " bytes (max_string_bytes)"),
                ec);
  }
  bool KeyTooLong(size_t n, bj::error_code& ec) {
    return Fail(ErrorCode::kLimitExceeded, PointerThrough(frames_.size() - 1),
                Cat("member name of at least ", n, " bytes exceeds the limit of ",
                    limits_.max_string_bytes, " bytes (max_string_bytes)"),
                ec);
  }

  // RFC 8259 §4: names within an object SHOULD be unique, and receivers disagree on what a
  // repeated one means; sqp refuses it rather than pick one.
  bool CheckRepeatedNames(bj::error_code& ec) {
    const size_t first = frames_.back().first_key;
    const size_t n = keys_.size() - first;
    if (n < 2) return true;
    const Key* repeated = nullptr;
    constexpr size_t kPairwiseLimit = 16;  // beyond this, sorting beats comparing every pair
    if (n <= kPairwiseLimit) {
      for (size_t i = first + 1; i < keys_.size() && repeated == nullptr; ++i) {
        for (size_t j = first; j < i; ++j) {
          if (KeyText(keys_[i]) == KeyText(keys_[j])) {
            repeated = &keys_[i];
            break;
          }
        }
      }
    } else {
      // The names are dropped when the object closes, so they may be reordered here.
      auto begin = keys_.begin() + static_cast<std::ptrdiff_t>(first);
      std::sort(begin, keys_.end(),
                [this](const Key& a, const Key& b) { return KeyText(a) < KeyText(b); });
      auto it = std::adjacent_find(begin, keys_.end(), [this](const Key& a, const Key& b) {
        return KeyText(a) == KeyText(b);
      });
      if (it != keys_.end()) repeated = &*it;
    }
    if (repeated == nullptr) return true;
    const std::string_view name = KeyText(*repeated);
    std::string path = PointerThrough(frames_.size() - 1);
    AppendPointerStep(path, name);
    return Fail(ErrorCode::kInvalidJson, std::move(path),
                Cat("member name ", Quote(name),
                    " appears more than once in the object; each name may appear once"),
                ec);
  }

  // Whether the double `d` that Boost.JSON made of the number `text` gives back exactly the
  // decimal written (Decimal::Parse of the text itself), as sqp's decimal readers need:
  // 94.99999999999999999999 is the double 95, and reading it as 95 would pass a >= 95 bound
  // that the number written misses (READ.MEMBERS, exact numbers). A number too large for a
  // decimal keeps its double, and the readers refuse it by its range.
  static bool HeldExactly(double d, std::string_view text) {
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

  // True when the JSON number `text` is a whole number (no nonzero digit after the point once
  // the exponent is applied).
  static bool IsWholeNumberText(std::string_view text) {
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

  const JsonLimits& limits_;
  ArenaVector<Frame> frames_;
  ArenaVector<Key> keys_;
  ArenaVector<char> key_text_;
  ArenaVector<char> number_text_;  // a number's text when Boost hands it over in parts
  bool in_key_ = false;
  size_t key_start_ = 0;
};

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or text.size(). Only run on the
// error path.
size_t FirstInvalidUtf8(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const size_t len = Utf8SequenceLength(p, end);
    if (len == 0) return static_cast<size_t>(p - begin);
    p += len;
  }
  return text.size();
}

}  // namespace

absl::Status InputTooLong(size_t bytes, const JsonLimits& limits) {
  return MakeError(ErrorCode::kLimitExceeded, "",
                   Cat("input of ", bytes, " bytes exceeds the limit of ", limits.max_input_bytes,
                       " bytes (max_input_bytes)"));
}

absl::StatusOr<bj::value> ParseDocument(std::string_view text, const JsonLimits& limits,
                                        bj::storage_ptr storage) {
  if (text.size() > limits.max_input_bytes) return InputTooLong(text.size(), limits);
  bj::parse_options options;
  // The handler enforces max_depth with a pointer; Boost's own check stays as a backstop.
  options.max_depth = limits.max_depth + 1;
  bj::basic_parser<LimitedHandler> parser(options, limits, storage);
  parser.handler().st.reset(storage);
  bj::error_code ec;
  const size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!parser.handler().failure.ok()) return parser.handler().failure;
  if (!ec && used < text.size()) {
    return MakeError(ErrorCode::kInvalidJson, "",
                     Cat("invalid JSON: unexpected data after the document at byte ", used));
  }
  if (ec) {
    // Boost reports bad UTF-8 as a syntax error; say what it is.
    if (const size_t bad = FirstInvalidUtf8(text); bad < text.size() && bad <= used) {
      return MakeError(ErrorCode::kInvalidJson, "",
                       Cat("invalid JSON: the text is not valid UTF-8 at byte ", bad));
    }
    return MakeError(ErrorCode::kInvalidJson, "",
                     Cat("invalid JSON at byte ", used, ": ", ec.message()));
  }
  return parser.handler().st.release();
}

}  // namespace sqp::json
