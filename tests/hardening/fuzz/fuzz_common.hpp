// Shared by the fuzz targets: the invariants every answer of the engine must keep, whatever the
// input. A broken invariant aborts, which libFuzzer (and the replay driver) reports as a crash
// with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "codec/parse.hpp"
#include "engine/operation.hpp"
#include "sqp/engine.hpp"
#include "sqp/status.hpp"

namespace sqp::fuzz {

[[noreturn]] inline void Die(std::string_view what, std::string_view document) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\ndocument: %.*s\n",
               static_cast<int>(what.size()), what.data(),
               static_cast<int>(document.size() > 2000 ? 2000 : document.size()), document.data());
  std::abort();
}

// The operation named by a selector byte, in contract order.
inline const internal::OperationDef& OperationFor(unsigned char selector) {
  const auto ops = internal::Operations();
  return *ops[selector % ops.size()];
}

// `out` must be one well-formed JSON object (no repeated names), of `op`'s output schema when
// `code` is kOk and an sqp.error/1 document of that code otherwise, stamped with the rulebook
// unless it comes from a failed engine creation; returns it parsed.
inline boost::json::value CheckAnswer(const internal::OperationDef* op, ErrorCode code,
                                      std::string_view out, bool stamped = true) {
  json::JsonLimits generous;
  generous.max_input_bytes = ~size_t{0};
  generous.max_depth = 64;
  generous.max_string_bytes = ~size_t{0};
  generous.max_array_length = ~size_t{0};
  generous.max_object_members = ~size_t{0};
  auto parsed = codec::ParseDocument(out, generous);
  if (!parsed.ok()) Die("the answer is not well-formed JSON", out);
  const boost::json::object* o = parsed->if_object();
  if (o == nullptr) Die("the answer is not an object", out);
  const boost::json::value* schema = o->if_contains("schema");
  if (schema == nullptr || !schema->is_string()) Die("the answer has no schema", out);
  if (stamped != o->contains("rulebook")) Die("the rulebook stamp is missing or out of place", out);
  if (code == ErrorCode::kOk) {
    if (op != nullptr && schema->get_string() != op->output_schema) Die("wrong output schema", out);
    return *std::move(parsed);
  }
  if (schema->get_string() != "sqp.error/1") Die("an error answer is not sqp.error/1", out);
  const boost::json::value* status = o->if_contains("status");
  if (status == nullptr || !status->is_int64() || status->get_int64() != static_cast<int>(code)) {
    Die("the error document's status differs from the returned code", out);
  }
  if (code == ErrorCode::kInternal || code == ErrorCode::kOutOfMemory) {
    Die("an input reached an internal error", out);
  }
  const boost::json::value* path = o->if_contains("path");
  const boost::json::value* errors = o->if_contains("errors");
  if (path == nullptr || !path->is_string()) Die("the error document has no path", out);
  if (errors == nullptr || !errors->is_array() || errors->get_array().empty()) {
    Die("the error document lists no errors", out);
  }
  const std::string_view p = path->get_string();
  if (!p.empty() && p.front() != '/') Die("the error path is not a JSON pointer", out);
  return *std::move(parsed);
}

// Every human format of `op` must render a document `engine` answers without failing, as
// every door renders it (Engine::Render).
inline void RenderAll(const Engine& engine, const internal::OperationDef& op,
                      std::string_view input) {
  for (const internal::Renderer& r : op.renderers) {
    const absl::StatusOr<std::string> text = engine.Render(op.name, r.format, input);
    if (!text.ok()) Die("a document answered cannot be rendered", std::string(text.status().message()));
    if (text->empty()) Die("a renderer produced nothing", std::string(input));
  }
}

// What a result must be in answer mode `messages` (issue 20), given the same result in both
// languages: each finding without the members the mode leaves out, and nothing else changed.
// An independent statement of the modes, for the fuzz target and the unit tests.
inline boost::json::value WithMessages(boost::json::value both, Messages messages) {
  boost::json::object* o = both.if_object();
  boost::json::value* findings = o != nullptr ? o->if_contains("findings") : nullptr;
  if (findings == nullptr || !findings->is_array()) return both;
  for (boost::json::value& f : findings->get_array()) {
    boost::json::object* finding = f.if_object();
    if (finding == nullptr) continue;
    if (messages == Messages::kZh || messages == Messages::kNone) finding->erase("message");
    if (messages == Messages::kEn || messages == Messages::kNone) finding->erase("message_zh");
  }
  return both;
}

}  // namespace sqp::fuzz
