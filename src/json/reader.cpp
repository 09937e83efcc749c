#include "strings.hpp"
#include "json/reader.hpp"

#include <cmath>
#include <cstdio>


namespace sqp::json {

std::string Loc::Pointer() const {
  if (kind_ == Kind::kRoot) return "";
  std::string prefix = parent_ ? parent_->Pointer() : std::string();
  prefix += '/';
  if (kind_ == Kind::kIndex) {
    CatTo(prefix, index_);
  } else {
    for (char c : key_) {
      if (c == '~') prefix += "~0";
      else if (c == '/') prefix += "~1";
      else prefix += c;
    }
  }
  return prefix;
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
  std::string out = "\"";
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 40) {  // count UTF-8 lead bytes only
      out += "…";
      break;
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
  } else if (const auto* d = v.if_double()) {
    // 6.0 is the integer 6; 6.5 is not an integer.
    if (std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9e15) {
      n = static_cast<std::int64_t>(*d);
    } else if (std::isfinite(*d)) {
      issues.Add(at, Cat("expected a whole number, got ", bj::serialize(v)));
      return std::nullopt;
    }
  } else {
    issues.Add(at, Cat("expected a whole number, got ", KindOf(v)));
    return std::nullopt;
  }
  if (!n || *n < min || *n > max) {
    issues.Add(at, Cat("must be a whole number from ", min, " to ", max, ", got ",
                                bj::serialize(v)));
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
  } else if (const auto* f = v.if_double()) {
    d = Decimal::FromDouble(*f);
  } else {
    issues.Add(at, Cat("expected a number, got ", KindOf(v)));
    return std::nullopt;
  }
  if (!d) {
    issues.Add(at, Cat("number ", bj::serialize(v),
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
