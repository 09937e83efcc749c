#include "reader.hpp"

#include "message.hpp"

namespace sqp::json {

void Issues::Add(const Loc& at, std::string message) { AddAt(at.Pointer(), std::move(message)); }

void Issues::AddAt(std::string path, std::string message) {
  if (list_.size() < kMaxIssues) {
    list_.push_back({std::move(path), std::move(message)});
    return;
  }
  ++dropped_;
  list_.back() = {"", "more than " + std::to_string(kMaxIssues - 1) + " problems; " +
                          std::to_string(dropped_ + 1) + " not listed"};
}

std::optional<std::string_view> ReadString(const bj::value& v, const Loc& at, Issues& issues,
                                           bool non_empty) {
  const bj::string* s = v.if_string();
  if (s == nullptr) {
    issues.Add(at, "expected a string, got " + std::string(KindOf(v)));
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
  issues.Add(at, "expected true or false, got " + std::string(KindOf(v)));
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
    issues.Add(at, "expected a whole number written without a fraction or exponent, got " +
                       NumberText(v));
    return std::nullopt;
  } else {
    issues.Add(at, "expected a whole number, got " + std::string(KindOf(v)));
    return std::nullopt;
  }
  if (!n || *n < min || *n > max) {
    issues.Add(at, "must be a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", got " + NumberText(v));
    return std::nullopt;
  }
  return n;
}

void ReportUnknownEnum(const bj::value& v, const Loc& at, Issues& issues,
                       std::span<const std::string_view> names) {
  const std::string expected = JoinNames(names);
  if (const bj::string* s = v.if_string()) {
    issues.Add(at, "unknown value " + Quote(*s) + "; expected one of: " + expected);
  } else {
    issues.Add(at, "expected one of: " + expected + "; got " + std::string(KindOf(v)));
  }
}

Fields::Fields(const bj::value& v, const Loc& at, Issues& issues)
    : object_(v.if_object()), at_(at), issues_(issues) {
  if (object_ == nullptr) issues_.Add(at_, "expected an object, got " + std::string(KindOf(v)));
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

const bj::array* Fields::Array(std::string_view key, Need need) const {
  const bj::value* v = Get(key, need);
  if (v == nullptr) return nullptr;
  if (const bj::array* a = v->if_array()) return a;
  issues_.Add(at_.Key(key), "expected an array, got " + std::string(KindOf(*v)));
  return nullptr;
}

void Fields::RejectUnknownKeys(std::initializer_list<std::string_view> known) const {
  if (object_ == nullptr) return;
  for (const auto& kv : *object_) {
    bool found = false;
    for (std::string_view k : known) found = found || k == std::string_view(kv.key());
    if (!found) {
      issues_.Add(at_.Key(kv.key()), "unknown field; expected one of: " +
                                         JoinNames({known.begin(), known.size()}));
    }
  }
}

}  // namespace sqp::json
