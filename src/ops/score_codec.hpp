// The score documents (CONTRACT.md §2): `sqp.scoresheet/1` in, `sqp.score/1` out, and the
// Chinese + English text report. Shared by the `score` operation and by `assess`, which carries a
// scoresheet inside its own document (hence the Loc: errors point into the enclosing document).
#pragma once

#include <optional>
#include <string>

#include <boost/json.hpp>

#include "codec/decode.hpp"
#include "codec/encode.hpp"
#include "json/members.hpp"
#include "sqp/rulebook.hpp"
#include "sqp/scoring.hpp"

namespace sqp::internal {

// The members of sqp.scoresheet/1. The names under "judged" and "indicators" are the rulebook's
// items and indicators, which DecodeScoresheet checks itself (an unknown one is always refused:
// it names a score that would otherwise be lost).
extern const json::ObjectDef kScoresheetMembers;

// Decodes the scoresheet object at `at` (its "schema" member is not looked at: the caller checks
// it). Every problem is recorded in `issues` with its pointer; nullopt when there is any.
// Unknown extra members are tolerated; unknown item ids and indicator names are errors.
std::optional<ScoreInput> DecodeScoresheet(const boost::json::value& doc, const json::Loc& at,
                                           const Rulebook& rulebook, json::Issues& issues);

// Writes the members of `sqp.score/1` after "schema" and "rulebook" (or inside an enclosing
// object the caller opened): site_type, template, precision, items, dimensions, total,
// max_total, grade, key_items_met, key_items_failed, next_grade, by_method, messages.
void WriteScore(const Rulebook& rulebook, const ScoreResult& result, json::Writer& out);

// The readable report (Chinese and English) of a score; `stamp`, when given, is named under the
// heading (the `score` operation's report; `assess` embeds it without).
std::string ScoreReport(const Rulebook& rulebook, const ScoreResult& result,
                        const RulebookIdentity* stamp);

}  // namespace sqp::internal
