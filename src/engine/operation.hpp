// The operation registry (internal): operation name → decode, evaluate, encode. Every door (C++,
// C ABI, Python, CLI) reaches the operations through Engine, which looks them up here, so the
// doors cannot drift apart.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "codec/decode.hpp"
#include "codec/encode.hpp"
#include "fixed_string.hpp"
#include "json/limits.hpp"
#include "json/members.hpp"
#include "sqp/engine.hpp"

namespace sqp::internal {

struct RunContext;

// Renders a document for people: "text" (Chinese + English report), and per operation further
// formats ("ics", "svg" for certificates and cases). Every door's rendering (sqp_render,
// Engine.render, the CLI's --format) comes here.
struct Renderer {
  std::string_view format;
  // From the typed result: the renderer decodes and evaluates the document (already parsed and
  // checked by the engine: schema, READ.MEMBERS) through the operation's own typed functions
  // (RenderFrom below), so no member of the JSON answer is read back. Strings from the input
  // reach a text report through ReportString (report_text.hpp).
  absl::StatusOr<std::string> (*render)(const Engine& engine, const boost::json::value& input,
                                        const RunContext& context);
  // What the rendering takes from outside the document, checked before the document is run
  // (the ICS file's creation time from SOURCE_DATE_EPOCH); an error is the render's kUsage
  // error. nullptr: nothing to check.
  absl::Status (*check)() = nullptr;
};

// What the engine found while reading a document, for the operation to report.
struct RunContext {
  // The pointers of members the document's schema does not define, accepted because the
  // engine's unknown_members option is kNote (READ.MEMBERS); empty otherwise.
  std::span<const std::string> unknown_members;
  // Set by an operation that reported them in findings of its own (WriteUnknownMembersFinding);
  // otherwise the engine adds them as the result's "findings" member.
  bool unknown_members_reported = false;
};

// Every operation has one shape: `Compute` decodes the document and evaluates it into an
// `Evaluated` (its typed input and result), `Write` writes the answer's members from that, and
// each renderer lays the same `Evaluated` out for people (RenderFrom). RunFrom is its run.
template <class Evaluated,
          absl::Status (*kCompute)(const Engine&, const boost::json::value&, Evaluated&),
          void (*kWrite)(const Engine&, const Evaluated&, RunContext&, json::Writer&)>
absl::Status RunFrom(const Engine& engine, const boost::json::value& input, RunContext& context,
                     json::Writer& out) {
  Evaluated evaluated;
  if (absl::Status s = kCompute(engine, input, evaluated); !s.ok()) return s;
  kWrite(engine, evaluated, context, out);
  return absl::OkStatus();
}

// An operation's renderer made from its typed path: `kCompute` decodes and evaluates the
// document into an `Evaluated` (the same function the operation's run uses), `kReport` lays it
// out. Used as Renderer::render.
template <class Evaluated,
          absl::Status (*kCompute)(const Engine&, const boost::json::value&, Evaluated&),
          std::string (*kReport)(const Engine&, const Evaluated&, const RunContext&)>
absl::StatusOr<std::string> RenderFrom(const Engine& engine, const boost::json::value& input,
                                       const RunContext& context) {
  Evaluated evaluated;
  if (absl::Status s = kCompute(engine, input, evaluated); !s.ok()) return s;
  return kReport(engine, evaluated, context);
}

// The note finding INPUT.UNKNOWN_MEMBER listing `pointers`: its rule, its messages (which a
// report shows as the answer does), and the finding as one JSON object.
inline constexpr std::string_view kUnknownMemberRule = "INPUT.UNKNOWN_MEMBER";
std::string UnknownMembersMessage(std::span<const std::string> pointers);
std::string UnknownMembersMessageZh(std::span<const std::string> pointers);
void WriteUnknownMembersFinding(std::span<const std::string> pointers, json::Writer& w,
                                Messages messages = Messages::kBoth);

// For an operation whose result has a "findings" member of its own: writes the note
// INPUT.UNKNOWN_MEMBER, when members were noted, as one more item of the array being written,
// and marks them reported, so that the engine does not add a second "findings" member (which
// would make the result's object hold a name twice).
inline void ReportUnknownMembers(RunContext& context, json::Writer& w,
                                 Messages messages = Messages::kBoth) {
  if (!context.unknown_members.empty()) {
    WriteUnknownMembersFinding(context.unknown_members, w, messages);
  }
  context.unknown_members_reported = true;
}

struct OperationDef {
  std::string_view name;
  std::string_view input_schema;   // checked by the engine before `run`; "" = any object
  std::string_view output_schema;
  // Every member the input document may hold (READ.MEMBERS), checked by the engine before
  // `run`: an unknown member is refused, or noted (EngineOptions::unknown_members).
  const json::ObjectDef* members = nullptr;
  // Decodes `input`, evaluates it, and writes the result's own members into `out`, which is
  // positioned inside the result object after "schema" and "rulebook". On error it returns the
  // status (every bad field with its pointer) and whatever it wrote is discarded.
  absl::Status (*run)(const Engine& engine, const boost::json::value& input, RunContext& context,
                      json::Writer& out);
  // The human formats this operation offers (may be empty).
  std::span<const Renderer> renderers;
  // Optional fast path (may be null): decodes `input` straight from the text, with no DOM, when
  // the document is in the operation's common shape, and then writes exactly what `run` would.
  // Returns false, having written nothing, for any document it does not fully understand
  // (escapes, unusual numbers, anything `run` would report, anything near a limit): that
  // document takes the general path, so every error still comes from `run`.
  bool (*run_text)(const Engine& engine, std::string_view input, const json::JsonLimits& limits,
                   json::Writer& out) = nullptr;
};

// An operation's names: its own, its documents' schemas, and its input's member table.
struct OperationNames {
  std::string_view name;
  std::string_view input_schema;
  std::string_view output_schema;
  const json::ObjectDef* members;
};

// A format an operation renders (Renderer): its name, its report from the typed result, and what
// the rendering checks first (nullptr: nothing).
template <FixedString kName, auto kReport, auto kCheck = nullptr>
struct Format {
  template <class Evaluated, auto kCompute>
  static constexpr Renderer kRenderer{.format = kName.view(),
                                      .render = &RenderFrom<Evaluated, kCompute, kReport>,
                                      .check = kCheck};
};

// An operation defined from its one shape (Evaluated, Compute, Write, a Format per rendering):
// what each src/ops/<op>_op.cpp returns from its accessor, so that an operation's registration
// is its names and its parts, said once.
template <class Evaluated, auto kCompute, auto kWrite, class... Formats>
const OperationDef& DefineOperation(const OperationNames& names,
                                    decltype(OperationDef::run_text) run_text = nullptr) {
  static constexpr Renderer kRenderers[] = {
      Formats::template kRenderer<Evaluated, kCompute>...};
  static const OperationDef kDef{.name = names.name,
                                 .input_schema = names.input_schema,
                                 .output_schema = names.output_schema,
                                 .members = names.members,
                                 .run = &RunFrom<Evaluated, kCompute, kWrite>,
                                 .renderers = kRenderers,
                                 .run_text = run_text};
  return kDef;
}

std::span<const OperationDef* const> Operations();

// What Engine::Run does with every fast path (OperationDef::run_text) switched off: the general
// path alone, for the tests and the fuzz target that hold the two to the same answers.
absl::Status EvaluateGeneralPath(const Engine& engine, std::string_view operation,
                                 std::string_view input, std::string& out);
const OperationDef* FindOperation(std::string_view name);

// One accessor per operation, each defined in its own src/ops/*_op.cpp.
const OperationDef& EligibilityOperation();
const OperationDef& CycleOperation();
const OperationDef& MeetingOperation();
const OperationDef& CertificateOperation();
const OperationDef& ScoreOperation();
const OperationDef& AssessOperation();
const OperationDef& RulebookOperation();
const OperationDef& BodiesOperation();
const OperationDef& CaseOperation();

}  // namespace sqp::internal
