// The JSON codec of the eligibility operation (sqp.application/1 → sqp.eligibility/1), shared
// with `assess`, which embeds an application and its eligibility result.
#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "json/reader.hpp"
#include "json/writer.hpp"
#include "sqp/eligibility.hpp"

namespace sqp::internal {

// Decodes an sqp.application/1 object at `at` (its "schema" member is not checked here).
// Validates the whole document and reports every bad field with its JSON pointer as one
// kInvalidInput status. Members sqp does not read are tolerated. `out`'s strings are views into
// `v`, which must outlive it.
absl::Status DecodeApplication(const boost::json::value& v, const json::Loc& at, Application& out);

// The fast path (eligibility_fast_decode.cpp): an sqp.application/1 document read straight from
// `text`, with no DOM. True with `out` exactly as ParseDocument + CheckSchema + DecodeApplication
// would leave it; false for any document it does not fully understand (escapes, exponents, more
// than 15 digits, a wrong type, a missing member, anything those would report or near a limit),
// which must then take the general path. `out`'s strings are views into `text`.
bool DecodeApplicationText(std::string_view text, const json::JsonLimits& limits,
                           Application& out);

// Writes the sqp.eligibility/1 members (application_id, decision, disqualified, window,
// eligible_from, findings) into the object `w` is positioned in; "schema" and "rulebook" are the
// caller's. Evidence pointers are prefixed with `pointer_prefix` ("/application" when the
// application is embedded in a larger document).
void WriteEligibility(const Rulebook& rb, const Application& app, const EligibilityResult& result,
                      json::Writer& w, std::string_view pointer_prefix = "");

// The finding's message in English / Chinese, appended to `out`.
void AppendFindingMessage(const Rulebook& rb, const Application& app,
                          const EligibilityResult& result, const Finding& f, std::string& out);
void AppendFindingMessageZh(const Rulebook& rb, const Application& app,
                            const EligibilityResult& result, const Finding& f, std::string& out);
// The finding's evidence as a JSON pointer (prefixed), or false when it has none.
bool AppendEvidencePointer(const Application& app, const Finding& f, std::string_view prefix,
                           std::string& out);

// A readable checklist of an sqp.eligibility/1 result (or the same members embedded elsewhere):
// a heading, then one line per rule, in Chinese and English.
std::string RenderEligibilityText(const boost::json::value& result);

}  // namespace sqp::internal
