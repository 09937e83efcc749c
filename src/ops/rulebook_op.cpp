// `rulebook`: identifies the active rulebook ({} → sqp.rulebook-info/1).
#include "strings.hpp"
#include "engine/operation.hpp"
#include "ops/report_text.hpp"

namespace sqp::internal {
namespace {

// Its input carries nothing but, optionally, a schema.
constexpr json::MemberDef kRulebookQuery[] = {{"schema"}};
constexpr json::ObjectDef kRulebookQueryDef{kRulebookQuery};

// Nothing to decode or evaluate: the answer is the engine's rulebook.
struct Evaluated {};

absl::Status Compute(const Engine& /*engine*/, const boost::json::value& /*input*/,
                     Evaluated& /*out*/) {
  return absl::OkStatus();
}

void Write(const Engine& engine, const Evaluated& /*e*/, RunContext& /*context*/,
           json::Writer& w) {
  const Rulebook& rb = engine.rulebook();
  w.Field("id", rb.identity.id);
  w.Field("version", rb.identity.version);
  w.Field("sha256", rb.identity.sha256);
  w.Field("title", rb.title);
}

std::string TextReport(const Engine& engine, const Evaluated& /*e*/,
                       const RunContext& /*context*/) {
  const Rulebook& rb = engine.rulebook();
  return Cat("规则库 Rulebook: ", ReportString(rb.identity.id), " ",
             ReportString(rb.identity.version), "\n", "标题 Title:      ", ReportString(rb.title),
             "\n", "SHA-256:         ", rb.identity.sha256, "\n");
}

}  // namespace

const OperationDef& RulebookOperation() {
  return DefineOperation<Evaluated, &Compute, &Write, Format<"text", &TextReport>>(
      {"rulebook", "", "sqp.rulebook-info/1", &kRulebookQueryDef});
}

}  // namespace sqp::internal
