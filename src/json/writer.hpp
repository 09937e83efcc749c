// A streaming JSON writer for result documents: compact, one line (so results are valid JSON
// Lines), keys in the order written, decimals printed exactly ("96.2", never "9.62E1" as
// Boost.JSON prints doubles), and no intermediate DOM on the hot path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sqp/date.hpp"
#include "sqp/decimal.hpp"

namespace sqp::json {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void BeginObject() { Separate(); out_ += '{'; Push(); }
  void EndObject() { Pop(); out_ += '}'; }
  void BeginArray() { Separate(); out_ += '['; Push(); }
  void EndArray() { Pop(); out_ += ']'; }
  void Key(std::string_view key) {
    Separate();
    AppendString(key);
    out_ += ':';
    after_key_ = true;
  }

  void String(std::string_view s) { Separate(); AppendString(s); }
  void Int(std::int64_t v) { Separate(); out_ += std::to_string(v); }
  void Bool(bool v) { Separate(); out_ += v ? "true" : "false"; }
  void Null() { Separate(); out_ += "null"; }
  void DateValue(Date d) {
    Separate();
    char buf[12];
    buf[0] = '"';
    d.Format(buf + 1);
    buf[11] = '"';
    out_.append(buf, 12);
  }
  void DecimalValue(Decimal d) { Separate(); out_ += d.ToString(); }
  void DecimalValue(Decimal d, int places) { Separate(); out_ += d.ToString(places); }
  // An already-serialised JSON value.
  void Raw(std::string_view json) { Separate(); out_ += json; }
  // The output, positioned for a value the caller appends itself (a finished JSON value, whole,
  // before the next call on this Writer).
  std::string& RawValue() {
    Separate();
    return out_;
  }

  // Field helpers: Key + value.
  void Field(std::string_view k, std::string_view v) { Key(k); String(v); }
  void Field(std::string_view k, const char* v) { Key(k); String(v); }
  void Field(std::string_view k, std::int64_t v) { Key(k); Int(v); }
  void Field(std::string_view k, int v) { Key(k); Int(v); }
  void Field(std::string_view k, bool v) { Key(k); Bool(v); }
  void Field(std::string_view k, Date v) { Key(k); DateValue(v); }
  void Field(std::string_view k, Decimal v) { Key(k); DecimalValue(v); }
  void NullField(std::string_view k) { Key(k); Null(); }

  // Appends `s` as a JSON string literal. UTF-8 passes through (inputs were validated by the
  // parser); quotes, backslashes and control characters are escaped.
  static void AppendEscaped(std::string& out, std::string_view s);
  // The length of the longest prefix of `s` that needs no escaping in a JSON string (no control
  // character, quote or backslash), eight bytes per step: usually all of it.
  static size_t PlainPrefix(std::string_view s);

 private:
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
