// The operation registry (internal): operation name → decode, evaluate, encode. Every door (C++,
// C ABI, Python, CLI) reaches the operations through Engine, which looks them up here, so the
// doors cannot drift apart.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "json/writer.hpp"
#include "sqp/engine.hpp"

namespace sqp::internal {

// Renders a result document for people: "text" (Chinese + English report), and per operation
// further formats ("ics", "svg" for certificates). Used by the CLI's --format.
struct Renderer {
  std::string_view format;
  std::string (*render)(const boost::json::value& result);
};

struct OperationDef {
  std::string_view name;
  std::string_view input_schema;   // checked by the engine before `run`; "" = any object
  std::string_view output_schema;
  // Decodes `input`, evaluates it, and writes the result's own members into `out`, which is
  // positioned inside the result object after "schema" and "rulebook". On error it returns the
  // status (every bad field with its pointer) and whatever it wrote is discarded.
  absl::Status (*run)(const Engine& engine, const boost::json::value& input, json::Writer& out);
  // The human formats this operation offers (may be empty).
  std::span<const Renderer> renderers;
};

std::span<const OperationDef* const> Operations();
const OperationDef* FindOperation(std::string_view name);

// One accessor per operation, each defined in its own src/ops/*_op.cpp.
const OperationDef& EligibilityOperation();
const OperationDef& CycleOperation();
const OperationDef& MeetingOperation();
const OperationDef& CertificateOperation();
const OperationDef& ScoreOperation();
const OperationDef& AssessOperation();
const OperationDef& RulebookOperation();

}  // namespace sqp::internal
