// A streaming JSON writer for result documents: compact, one line (so results are valid JSON
// Lines), keys in the order written, and no intermediate DOM on the hot path. Values of types
// it does not know are written by a WriteJson overload of their own (sqp's dates and its
// decimals, printed exactly as "96.2" where Boost.JSON would print the double as "9.62E1":
// src/codec/encode.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "string_bytes.hpp"

namespace sqp::json {

// A member name of a result document, as sqp's own code spells it: a string literal, checked
// when the program is compiled to need no escaping (a name that would fails to compile), and
// kept already quoted with its colon, so that writing it is one copy. Names that come from data
// (an indicator's name) go through Writer::DynamicKey.
class Name {
 public:
  static constexpr size_t kMaxSize = 40;
  template <size_t N>
  consteval Name(const char (&name)[N]) : size_(N - 1 + 3) {  // NOLINT: implicit on purpose
    static_assert(N - 1 <= kMaxSize, "member names are short");
    quoted_[0] = '"';
    for (size_t i = 0; i + 1 < N; ++i) {
      const char c = name[i];
      // Not a constant expression, so a name that needs escaping does not compile.
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) throw "needs escaping";
      quoted_[i + 1] = c;
    }
    quoted_[N] = '"';
    quoted_[N + 1] = ':';
  }
  // `"name":`
  std::string_view quoted() const { return {quoted_, size_}; }

 private:
  char quoted_[kMaxSize + 3] = {};
  size_t size_;
};

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void BeginObject() { Separate(); out_ += '{'; Push(); }
  void EndObject() { Pop(); out_ += '}'; }
  void BeginArray() { Separate(); out_ += '['; Push(); }
  void EndArray() { Pop(); out_ += ']'; }
  void Key(const Name& key) {
    Separate();
    out_.append(key.quoted());
    after_key_ = true;
  }
  // A member name from data, escaped as needed.
  void DynamicKey(std::string_view key) {
    Separate();
    AppendString(key);
    out_ += ':';
    after_key_ = true;
  }

  void String(std::string_view s) { Separate(); AppendString(s); }
  void Int(std::int64_t v) { Separate(); out_ += std::to_string(v); }
  void Bool(bool v) { Separate(); out_ += v ? "true" : "false"; }
  void Null() { Separate(); out_ += "null"; }
  // A value of a type of the caller's: `WriteJson(Writer&, const T&)`, declared beside T (found
  // by argument-dependent lookup), writes it, through RawValue.
  template <class T>
    requires requires(Writer& w, const T& v) { WriteJson(w, v); }
  void Value(const T& v) { WriteJson(*this, v); }
  // An already-serialised JSON value.
  void Raw(std::string_view json) { Separate(); out_ += json; }
  // The output, positioned for a value the caller appends itself (a finished JSON value, whole,
  // before the next call on this Writer).
  std::string& RawValue() {
    Separate();
    return out_;
  }

  // Field helpers: Key + value.
  void Field(const Name& k, std::string_view v) { Key(k); String(v); }
  void Field(const Name& k, const char* v) { Key(k); String(v); }
  void Field(const Name& k, std::int64_t v) { Key(k); Int(v); }
  void Field(const Name& k, int v) { Key(k); Int(v); }
  void Field(const Name& k, bool v) { Key(k); Bool(v); }
  template <class T>
    requires requires(Writer& w, const T& v) { WriteJson(w, v); }
  void Field(const Name& k, const T& v) { Key(k); Value(v); }
  void NullField(const Name& k) { Key(k); Null(); }
  // The value, or null when there is none: an optional member of a result.
  template <typename T>
  void OptionalField(const Name& k, const std::optional<T>& v) {
    if (v) {
      Field(k, *v);
    } else {
      NullField(k);
    }
  }

  // Appends `s` as a JSON string literal. UTF-8 passes through (inputs were validated by the
  // parser); quotes, backslashes and control characters are escaped.
  static void AppendEscaped(std::string& out, std::string_view s) {
    if (PlainPrefix(s) == s.size()) {  // the usual case: one piece
      out += '"';
      out.append(s);
      out += '"';
      return;
    }
    AppendEscapedSlowly(out, s);
  }
  // The length of the longest prefix of `s` that needs no escaping in a JSON string (no control
  // character, quote or backslash). Inline, eight bytes per step and the last (up to seven)
  // bytes in one overlapping step: the strings here are mostly short labels and names, whose
  // tail a byte-by-byte loop would spend more on than on the rest.
  static size_t PlainPrefix(std::string_view s) {
    const char* const p = s.data();
    const size_t n = s.size();
    if (n >= 8) {
      size_t i = 0;
      for (; i + 8 <= n; i += 8) {
        if (StringSpecialBytes(Load8(p + i)) != 0) return i + PlainBytes(p + i, 8);
      }
      if (i < n && StringSpecialBytes(Load8(p + n - 8)) != 0) return i + PlainBytes(p + i, n - i);
      return n;
    }
    return PlainBytes(p, n);
  }

 private:
  static void AppendEscapedSlowly(std::string& out, std::string_view s);
  // The bytes of p[0, n) before the first that needs an escape.
  static size_t PlainBytes(const char* p, size_t n) {
    size_t i = 0;
    while (i < n && !IsStringSpecial(static_cast<unsigned char>(p[i]))) ++i;
    return i;
  }

  void AppendString(std::string_view s) { AppendEscaped(out_, s); }
  void Separate() {
    if (after_key_) { after_key_ = false; return; }
    if (depth_ > 0) {
      if (has_item_[depth_]) out_ += ',';
      has_item_[depth_] = true;
    }
  }
  void Push() { ++depth_; has_item_[depth_] = false; }
  void Pop() { --depth_; }

  std::string& out_;
  int depth_ = 0;
  bool after_key_ = false;
  bool has_item_[72] = {};  // result documents nest a handful of levels
};

}  // namespace sqp::json
