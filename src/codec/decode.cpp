#include "codec/decode.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "json/parser.hpp"
#include "strings.hpp"

namespace sqp::codec {

using json::KindOf;
using json::NumberText;
using json::Quote;

std::optional<Decimal> ReadDecimal(const bj::value& v, const json::Loc& at, json::Issues& issues) {
  std::optional<Decimal> d;
  if (const auto* i = v.if_int64()) {
    if (*i > -Decimal::kMaxWhole && *i < Decimal::kMaxWhole) d = Decimal::FromInt(*i);
  } else if (v.is_uint64()) {
    d = std::nullopt;  // beyond int64: far outside any indicator or score
  } else if (json::IsInexactNumber(v)) {
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

std::optional<Date> ReadDate(const bj::value& v, const json::Loc& at, json::Issues& issues) {
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

std::optional<Decimal> Fields::Number(std::string_view key, json::Need need) const {
  const bj::value* v = Get(key, need);
  return v ? ReadDecimal(*v, loc().Key(key), issues()) : std::nullopt;
}

std::optional<Date> Fields::DateField(std::string_view key, json::Need need) const {
  const bj::value* v = Get(key, need);
  return v ? ReadDate(*v, loc().Key(key), issues()) : std::nullopt;
}

absl::Status ToStatus(const json::Issues& issues, ErrorCode code) {
  if (issues.empty()) return absl::OkStatus();
  std::vector<Issue> list;
  list.reserve(issues.list().size());
  for (const json::Issue& issue : issues.list()) list.push_back({issue.path, issue.message});
  return MakeErrors(code, std::move(list));
}

void AddIssues(const absl::Status& status, json::Issues& issues) {
  if (status.ok()) return;
  for (const Issue& issue : DescribeError(status).issues) issues.AddAt(issue.path, issue.message);
}

absl::Status CheckSchema(const bj::value& doc, std::string_view expected) {
  const bj::object* o = doc.if_object();
  if (o == nullptr) {
    return MakeError(ErrorCode::kInvalidSchema, "",
                     Cat("expected a JSON object with \"schema\": \"", expected, "\", got ",
                         KindOf(doc)));
  }
  const bj::value* s = o->if_contains("schema");
  if (s == nullptr) {
    return MakeError(ErrorCode::kInvalidSchema, "/schema",
                     Cat("is required; expected \"", expected, "\""));
  }
  const bj::string* str = s->if_string();
  if (str == nullptr || std::string_view(*str) != expected) {
    return MakeError(ErrorCode::kInvalidSchema, "/schema",
                     Cat("unknown schema ", str ? Quote(*str) : std::string(KindOf(*s)),
                         "; this operation reads \"", expected, "\""));
  }
  return absl::OkStatus();
}

void CheckEmbeddedSchema(const bj::value& v, const json::Loc& at, std::string_view expected,
                         json::Issues& issues) {
  const bj::object* o = v.if_object();
  if (o == nullptr) return;  // the decoder reports the type
  const bj::value* s = o->if_contains("schema");
  if (s == nullptr) return;
  const bj::string* str = s->if_string();
  if (str == nullptr || std::string_view(*str) != expected) {
    const json::Loc schema = at.Key("schema");
    issues.Add(schema, Cat("an embedded document must be \"", expected, "\" (or omit \"schema\")"));
  }
}

}  // namespace sqp::codec
