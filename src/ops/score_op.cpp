// `score`: one scoresheet against its site type's Table 1 (sqp.scoresheet/1 → sqp.score/1,
// SCORE.*, Art. 12-13). Decoding and writing live in score_codec (shared with `assess`); the
// rules are sqp/scoring.hpp.
#include "engine/operation.hpp"
#include "ops/score_codec.hpp"
#include "sqp/scoring.hpp"

namespace sqp::internal {
namespace {

absl::Status Run(const Engine& engine, const boost::json::value& input, RunContext& /*context*/, json::Writer& w) {
  const Rulebook& rb = engine.rulebook();
  json::Issues issues;
  const auto sheet = DecodeScoresheet(input, json::Loc::Root(), rb, issues);
  if (!sheet) return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  WriteScore(rb, EvaluateScore(rb, *sheet), w);
  return absl::OkStatus();
}

std::string RenderText(const boost::json::value& result) {
  return RenderScoreText(result.as_object());
}

}  // namespace

const OperationDef& ScoreOperation() {
  static constexpr Renderer kRenderers[] = {{"text", &RenderText}};
  static const OperationDef kDef{.name = "score",
                                 .input_schema = "sqp.scoresheet/1",
                                 .output_schema = "sqp.score/1",
                                 .members = &kScoresheetMembers,
                                 .run = &Run,
                                 .renderers = kRenderers};
  return kDef;
}

}  // namespace sqp::internal
