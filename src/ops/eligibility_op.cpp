// `eligibility` (sqp.application/1 → sqp.eligibility/1): ELIG.* of RULES.md §1. Decoding and
// encoding live in eligibility_codec.cpp (shared with `assess`); the rules are
// include/sqp/eligibility.hpp.
#include "engine/operation.hpp"
#include "ops/eligibility_codec.hpp"

namespace sqp::internal {
namespace {

// Both paths: the rules on the decoded application, then its result's members.
void EvaluateAndWrite(const Engine& engine, const Application& app, json::Writer& w,
                      std::span<const std::string> unknown_members = {}) {
  EligibilityResult result;
  EvaluateEligibility(engine.rulebook(), app, result);
  WriteEligibility(engine.rulebook(), app, result, w, "", unknown_members,
                   engine.options().messages);
}

absl::Status Run(const Engine& engine, const boost::json::value& input, RunContext& context, json::Writer& w) {
  Application app;  // views into `input`, which outlives it
  if (absl::Status s = DecodeApplication(input, json::Loc::Root(), app); !s.ok()) return s;
  EvaluateAndWrite(engine, app, w, context.unknown_members);
  context.unknown_members_reported = true;  // INPUT.UNKNOWN_MEMBER ends the findings
  return absl::OkStatus();
}

// The fast path: the application read straight from the text (eligibility_fast_decode.cpp).
bool RunText(const Engine& engine, std::string_view input, const json::JsonLimits& limits,
             json::Writer& w) {
  Application app;  // views into `input`
  if (!DecodeApplicationText(input, limits, engine.rulebook(), app)) return false;
  EvaluateAndWrite(engine, app, w);
  return true;
}

}  // namespace

const OperationDef& EligibilityOperation() {
  static constexpr Renderer kRenderers[] = {{"text", &RenderEligibilityText}};
  static const OperationDef kDef{.name = "eligibility",
                                 .input_schema = "sqp.application/1",
                                 .output_schema = "sqp.eligibility/1",
                                 .members = &kApplicationMembers,
                                 .run = &Run,
                                 .renderers = kRenderers,
                                 .run_text = &RunText};
  return kDef;
}

}  // namespace sqp::internal
