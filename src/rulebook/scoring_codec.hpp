// Decoding of the rulebook's "scoring" section (SCORE.*), kept apart from the rest of the
// rulebook codec because the scoring tables are the largest and most volatile part.
#pragma once

#include "codec/decode.hpp"
#include "sqp/rulebook.hpp"

namespace sqp::rulebook_internal {

// Reads `value` (the "scoring" member) into `out`, recording every problem. `indicators` is the
// already-decoded indicator section, for items scored on a measured indicator.
void DecodeScoring(const json::bj::value& value, const json::Loc& at, json::Issues& issues,
                   const IndicatorRules& indicators, ScoringRules& out);

}  // namespace sqp::rulebook_internal
