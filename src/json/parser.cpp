#include "parser.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

#include "message.hpp"
#include "pointer.hpp"
#include "utf8.hpp"

namespace sqp::json {
namespace {

namespace bj = boost::json;

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

  LimitedHandler(const JsonLimits& limits, ExactNumberCheck exact, const bj::storage_ptr& storage)
      : st(storage),
        limits_(limits),
        exact_(exact),
        frames_(storage.get()),
        keys_(storage.get()),
        key_text_(storage.get()),
        number_text_(storage.get()) {
    frames_.reserve(16);
    keys_.reserve(32);
    key_text_.reserve(512);
  }

  bj::value_stack st;
  std::optional<ParseError> failure;

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
      return Fail(ParseError::Kind::kLimitExceeded, PointerThrough(frames_.size() - 1),
                  "object has more than " + std::to_string(limits_.max_object_members) +
                      " members (max_object_members)",
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
    if (exact_ != nullptr && !exact_(d, text)) d = kInexactNumber;
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
        out += '/';
        out += std::to_string(f.count);
      } else {
        AppendPointerStep(out, KeyText(keys_[f.current_key]));
      }
    }
    return out;
  }

  bool Fail(ParseError::Kind kind, std::string path, std::string message, bj::error_code& ec) {
    failure = ParseError{kind, std::move(path), std::move(message)};
    ec = bj::error::exception;  // any error stops the parser; `failure` says which
    return false;
  }

  bool Open(Frame::Kind kind, bj::error_code& ec) {
    if (frames_.size() >= limits_.max_depth) {
      return Fail(ParseError::Kind::kLimitExceeded, PointerThrough(frames_.size()),
                  "nested deeper than " + std::to_string(limits_.max_depth) +
                      " levels (max_depth)",
                  ec);
    }
    frames_.push_back({kind, 0, keys_.size(), 0});
    return true;
  }

  // A value ended: count it in its array.
  bool Completed(bj::error_code& ec) {
    if (frames_.empty() || frames_.back().kind != Frame::kArray) return true;
    if (++frames_.back().count > limits_.max_array_length) {
      --frames_.back().count;
      return Fail(ParseError::Kind::kLimitExceeded, PointerThrough(frames_.size() - 1),
                  "array has more than " + std::to_string(limits_.max_array_length) +
                      " elements (max_array_length)",
                  ec);
    }
    return true;
  }

  bool StringTooLong(size_t n, bj::error_code& ec) {
    return Fail(ParseError::Kind::kLimitExceeded, PointerThrough(frames_.size()),
                "string of at least " + std::to_string(n) + " bytes exceeds the limit of " +
                    std::to_string(limits_.max_string_bytes) + " bytes (max_string_bytes)",
                ec);
  }
  bool KeyTooLong(size_t n, bj::error_code& ec) {
    return Fail(ParseError::Kind::kLimitExceeded, PointerThrough(frames_.size() - 1),
                "member name of at least " + std::to_string(n) + " bytes exceeds the limit of " +
                    std::to_string(limits_.max_string_bytes) + " bytes (max_string_bytes)",
                ec);
  }

  // RFC 8259 §4: names within an object SHOULD be unique, and receivers disagree on what a
  // repeated one means; this parser refuses it rather than pick one.
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
    return Fail(ParseError::Kind::kInvalid, std::move(path),
                "member name " + Quote(name) +
                    " appears more than once in the object; each name may appear once",
                ec);
  }

  const JsonLimits& limits_;
  ExactNumberCheck exact_;
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

Parsed Refused(ParseError::Kind kind, std::string message) {
  return Parsed{ParseError{kind, "", std::move(message)}, {}};
}

}  // namespace

ParseError InputTooLong(size_t bytes, const JsonLimits& limits) {
  return ParseError{ParseError::Kind::kLimitExceeded, "",
                    "input of " + std::to_string(bytes) + " bytes exceeds the limit of " +
                        std::to_string(limits.max_input_bytes) + " bytes (max_input_bytes)"};
}

Parsed ParseDocument(std::string_view text, const JsonLimits& limits, ExactNumberCheck exact,
                     bj::storage_ptr storage) {
  if (text.size() > limits.max_input_bytes) return Parsed{InputTooLong(text.size(), limits), {}};
  bj::parse_options options;
  // The handler enforces max_depth with a pointer; Boost's own check stays as a backstop.
  options.max_depth = limits.max_depth + 1;
  bj::basic_parser<LimitedHandler> parser(options, limits, exact, storage);
  parser.handler().st.reset(storage);
  bj::error_code ec;
  const size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (parser.handler().failure) return Parsed{std::move(parser.handler().failure), {}};
  if (!ec && used < text.size()) {
    return Refused(ParseError::Kind::kInvalid,
                   "invalid JSON: unexpected data after the document at byte " +
                       std::to_string(used));
  }
  if (ec) {
    // Boost reports bad UTF-8 as a syntax error; say what it is.
    if (const size_t bad = FirstInvalidUtf8(text); bad < text.size() && bad <= used) {
      return Refused(ParseError::Kind::kInvalid,
                     "invalid JSON: the text is not valid UTF-8 at byte " + std::to_string(bad));
    }
    return Refused(ParseError::Kind::kInvalid,
                   "invalid JSON at byte " + std::to_string(used) + ": " + ec.message());
  }
  return Parsed{std::nullopt, parser.handler().st.release()};
}

}  // namespace sqp::json
