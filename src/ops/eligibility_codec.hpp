// The JSON codec of the eligibility operation (sqp.application/1 → sqp.eligibility/1), shared
// with `assess`, which embeds an application and its eligibility result.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "codec/decode.hpp"
#include "codec/encode.hpp"
#include "json/limits.hpp"
#include "json/members.hpp"
#include "sqp/eligibility.hpp"
#include "sqp/engine.hpp"

namespace sqp::internal {

// The members of sqp.application/1 at every level (READ.MEMBERS), from the document's one
// description (eligibility_codec.cpp), which both decoders below are made from too.
extern const json::ObjectDef kApplicationMembers;

// Decodes an sqp.application/1 object at `at` (its "schema" member is not checked here).
// Validates the whole document and reports every bad field with its JSON pointer as one
// kInvalidInput status. Unknown members are the engine's to check first (kApplicationMembers),
// so they are not reported here. `out`'s strings are views into
// `v`, which must outlive it.
absl::Status DecodeApplication(const boost::json::value& v, const json::Loc& at, Application& out);

// The fast path: an sqp.application/1 document read straight from
// `text`, with no DOM. True with `out` exactly as ParseDocument + CheckSchema + DecodeApplication
// would leave it; false for any document it does not fully understand (escapes, exponents, more
// than 15 digits, a wrong type, a missing member, anything those would report or near a limit),
// which must then take the general path. `out`'s strings are views into `text`.
bool DecodeApplicationText(std::string_view text, const json::JsonLimits& limits,
                           const Rulebook& rulebook, Application& out);

// Writes the sqp.eligibility/1 members (application_id, decision, disqualified, window,
// eligible_from, findings) into the object `w` is positioned in; "schema" and "rulebook" are the
// caller's. Evidence pointers are prefixed with `pointer_prefix` ("/application" when the
// application is embedded in a larger document).
// `unknown_members` (READ.MEMBERS in note mode) are listed by a last finding
// INPUT.UNKNOWN_MEMBER when not empty.
void WriteEligibility(const Rulebook& rb, const Application& app, const EligibilityResult& result,
                      json::Writer& w, std::string_view pointer_prefix = "",
                      std::span<const std::string> unknown_members = {},
                      Messages messages = Messages::kBoth);

// The verdict members of WriteEligibility: decision, disqualified, window, eligible_from.
void WriteEligibilityVerdict(const EligibilityResult& result, json::Writer& w);

// The findings of WriteEligibility as JSON objects separated by commas, without the brackets,
// appended to `out` (a case lists them among its own findings). False when there is none.
bool AppendEligibilityFindingItems(const Rulebook& rb, const Application& app,
                                   const EligibilityResult& result, std::string_view pointer_prefix,
                                   Messages messages, std::string& out);

// The finding's message in English / Chinese, appended to `out`.
void AppendFindingMessage(const Rulebook& rb, const Application& app,
                          const EligibilityResult& result, const Finding& f, std::string& out);
void AppendFindingMessageZh(const Rulebook& rb, const Application& app,
                            const EligibilityResult& result, const Finding& f, std::string& out);
// The finding's evidence as a JSON pointer (prefixed), or false when it has none.
bool AppendEvidencePointer(const Application& app, const Finding& f, std::string_view prefix,
                           std::string& out);

// A readable checklist of an eligibility result: a heading, then one line per rule, in Chinese
// and English (the `eligibility` operation's text report, and part of `assess`'s).
std::string EligibilityReport(const Rulebook& rb, const Application& app,
                              const EligibilityResult& result);

}  // namespace sqp::internal
