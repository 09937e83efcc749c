// `score`: one scoresheet against its site type's Table 1 (sqp.scoresheet/1 → sqp.score/1,
// SCORE.*, Art. 12-13). Decoding and writing live in score_codec (shared with `assess`); the
// rules are declared in sqp/scoring.hpp and written in src/rules/scoring.cpp.
#include "engine/operation.hpp"
#include "ops/score_codec.hpp"
#include "sqp/scoring.hpp"

namespace sqp::internal {
namespace {

struct Evaluated {
  ScoreResult result;
};

absl::Status Compute(const Engine& engine, const boost::json::value& input, Evaluated& out) {
  const Rulebook& rb = engine.rulebook();
  json::Issues issues;
  const auto sheet = DecodeScoresheet(input, json::Loc::Root(), rb, issues);
  if (!sheet) return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  out.result = EvaluateScore(rb, *sheet);
  return absl::OkStatus();
}

void Write(const Engine& engine, const Evaluated& e, RunContext& /*context*/, json::Writer& w) {
  WriteScore(engine.rulebook(), e.result, w);
}

std::string TextReport(const Engine& engine, const Evaluated& e, const RunContext& /*context*/) {
  const RulebookIdentity stamp = engine.identity();
  return ScoreReport(engine.rulebook(), e.result, &stamp);
}

}  // namespace

const OperationDef& ScoreOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"score", "sqp.scoresheet/1", "sqp.score/1", &kScoresheetMembers});
}

}  // namespace sqp::internal
