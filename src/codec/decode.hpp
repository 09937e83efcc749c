// sqp's reading of its documents, on the generic reader (src/json/reader.hpp): dates and
// decimals, the "schema" member, and the issues found as an sqp error status (ErrorCode).
#pragma once

#include <optional>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "json/message.hpp"
#include "json/reader.hpp"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "sqp/status.hpp"

namespace sqp::codec {

namespace bj = boost::json;

// A decimal: an integer, or a number the parser found held exactly (at most Decimal::kPlaces
// decimals, codec::ParseDocument); a number the parser marked inexact (json::IsInexactNumber)
// or out of range is refused.
std::optional<Decimal> ReadDecimal(const bj::value& v, const json::Loc& at, json::Issues& issues);
std::optional<Date> ReadDate(const bj::value& v, const json::Loc& at, json::Issues& issues);

// The fields of one JSON object, with sqp's numbers and dates besides the generic accessors.
class Fields : public json::Fields {
 public:
  using json::Fields::Fields;
  std::optional<Decimal> Number(std::string_view key, json::Need need) const;
  std::optional<Date> DateField(std::string_view key, json::Need need) const;
};

// OkStatus() when `issues` is empty, else an error of `code` with every issue.
absl::Status ToStatus(const json::Issues& issues, ErrorCode code);
// Every issue of `status` (from a nested decoder, whose pointers are already whole) into `issues`.
void AddIssues(const absl::Status& status, json::Issues& issues);

// The "schema" member of an input document must equal `expected`: kInvalidSchema otherwise.
absl::Status CheckSchema(const bj::value& doc, std::string_view expected);
// A document embedded in another (an assessment's application, a case's scoresheet) may omit its
// "schema"; if it carries one, it must be `expected`, else an issue at `at`/schema.
void CheckEmbeddedSchema(const bj::value& v, const json::Loc& at, std::string_view expected,
                         json::Issues& issues);

// The names every document decoder uses, brought in with one line,
// `using namespace codec::decoding;`, instead of a using-declaration each.
namespace decoding {
using codec::Fields;
using json::Issues;
using json::Loc;
using json::Need;
}  // namespace decoding

}  // namespace sqp::codec
