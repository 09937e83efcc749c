#include "rulebook/scoring_codec.hpp"

namespace sqp::rulebook_internal {

void DecodeScoring(const json::bj::value& value, const json::Loc& at, json::Issues& issues,
                   const IndicatorRules& /*indicators*/, ScoringRules& out) {
  json::Fields f(value, at, issues);
  f.RejectUnknownKeys({"precision"});
  if (auto p = f.Integer("precision", json::Need::kRequired, 0, 4)) out.precision = static_cast<int>(*p);
}

}  // namespace sqp::rulebook_internal
