// `rulebook`: identifies the active rulebook ({} → sqp.rulebook-info/1).
#include "strings.hpp"
#include "engine/operation.hpp"

namespace sqp::internal {
namespace {

// Its input carries nothing but, optionally, a schema.
constexpr json::MemberDef kRulebookQuery[] = {{"schema"}};
constexpr json::ObjectDef kRulebookQueryDef{kRulebookQuery};

absl::Status Run(const Engine& engine, const boost::json::value& /*input*/, RunContext& /*context*/, json::Writer& w) {
  const Rulebook& rb = engine.rulebook();
  w.Field("id", rb.identity.id);
  w.Field("version", rb.identity.version);
  w.Field("sha256", rb.identity.sha256);
  w.Field("title", rb.title);
  return absl::OkStatus();
}

std::string RenderText(const boost::json::value& result) {
  const auto& o = result.as_object();
  auto str = [&](const char* k) { return std::string(o.at(k).as_string()); };
  return Cat("规则库 Rulebook: ", str("id"), " ", str("version"), "\n",
                      "标题 Title:      ", str("title"), "\n",
                      "SHA-256:         ", str("sha256"), "\n");
}

}  // namespace

const OperationDef& RulebookOperation() {
  static constexpr Renderer kRenderers[] = {{.format = "text", .render_result = &RenderText}};
  static const OperationDef kDef{.name = "rulebook",
                                 .input_schema = "",
                                 .output_schema = "sqp.rulebook-info/1",
                                 .members = &kRulebookQueryDef,
                                 .run = &Run,
                                 .renderers = kRenderers};
  return kDef;
}

}  // namespace sqp::internal
