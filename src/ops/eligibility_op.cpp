// `eligibility` (sqp.application/1 → sqp.eligibility/1): ELIG.* of RULES.md §1. Decoding and
// encoding live in eligibility_codec.cpp (shared with `assess`); the rules are declared in
// sqp/eligibility.hpp and written in src/rules/eligibility.cpp.
#include "engine/operation.hpp"
#include "ops/eligibility_codec.hpp"

namespace sqp::internal {
namespace {

struct Evaluated {
  Application app;  // views into the input document, which outlives it
  EligibilityResult result;
};

// The typed path: the application decoded, then the rules.
absl::Status Compute(const Engine& engine, const boost::json::value& input, Evaluated& out) {
  if (absl::Status s = DecodeApplication(input, json::Loc::Root(), out.app); !s.ok()) return s;
  EvaluateEligibility(engine.rulebook(), out.app, out.result);
  return absl::OkStatus();
}

void Write(const Engine& engine, const Evaluated& e, RunContext& context, json::Writer& w) {
  WriteEligibility(engine.rulebook(), e.app, e.result, w, "", context.unknown_members,
                   engine.options().messages);
  context.unknown_members_reported = true;  // INPUT.UNKNOWN_MEMBER ends the findings
}

// The fast path: the application read straight from the text (DecodeApplicationText, made from
// the same description as the general decoder: eligibility_codec.cpp).
bool RunText(const Engine& engine, std::string_view input, const json::JsonLimits& limits,
             json::Writer& w) {
  Evaluated e;
  if (!DecodeApplicationText(input, limits, engine.rulebook(), e.app)) return false;
  EvaluateEligibility(engine.rulebook(), e.app, e.result);
  RunContext context;  // the fast path reads only documents with no unknown member
  Write(engine, e, context, w);
  return true;
}

std::string TextReport(const Engine& engine, const Evaluated& e, const RunContext& /*context*/) {
  return EligibilityReport(engine.rulebook(), e.app, e.result);
}

}  // namespace

const OperationDef& EligibilityOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"eligibility", "sqp.application/1", "sqp.eligibility/1", &kApplicationMembers}, &RunText);
}

}  // namespace sqp::internal
