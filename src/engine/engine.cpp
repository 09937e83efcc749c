#include "strings.hpp"
#include "sqp/engine.hpp"

#include <new>

#include "absl/container/inlined_vector.h"

#include "codec/decode.hpp"
#include "codec/parse.hpp"
#include "codec/encode.hpp"
#include "engine/operation.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

std::string RenderRulebookStamp(const RulebookIdentity& id) {
  std::string out;
  json::Writer w(out);
  w.BeginObject();
  w.Field("id", id.id);
  w.Field("version", id.version);
  w.Field("sha256", id.sha256);
  w.EndObject();
  return out;
}

// `stamp`: the engine's rendered rulebook stamp, or empty (no engine, no stamp).
void WriteErrorDocument(const absl::Status& status, std::string_view stamp, std::string& out,
                        size_t line = 0) {
  const ErrorInfo info = DescribeError(status);
  json::Writer w(out);
  w.BeginObject();
  w.Field("schema", "sqp.error/1");
  w.Field("code", ErrorCodeName(info.code));
  w.Field("status", static_cast<int>(info.code));
  w.Field("message", info.message);
  w.Field("path", info.path);
  if (line > 0) w.Field("line", static_cast<std::int64_t>(line));
  w.Key("errors");
  w.BeginArray();
  for (const Issue& issue : info.issues) {
    w.BeginObject();
    w.Field("path", issue.path);
    w.Field("message", issue.message);
    w.EndObject();
  }
  w.EndArray();
  if (!stamp.empty()) {
    w.Key("rulebook");
    w.Raw(stamp);
  }
  w.EndObject();
}

json::JsonLimits LimitsOf(const EngineOptions& options) {
  json::JsonLimits limits;
  limits.max_input_bytes = options.max_input_bytes;
  limits.max_depth = static_cast<size_t>(options.max_depth);
  limits.max_string_bytes = options.max_string_bytes;
  limits.max_array_length = options.max_array_length;
  limits.max_object_members = options.max_object_members;
  return limits;
}

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

bool SameHex(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

absl::Status CheckOptions(const EngineOptions& options) {
  if (options.max_depth < 1 || options.max_input_bytes < 2 || options.max_string_bytes < 1 ||
      options.max_array_length < 1 || options.max_object_members < 1) {
    return MakeError(ErrorCode::kUsage, "",
                     "engine options: every limit must be positive (max_input_bytes at least 2)");
  }
  if (options.max_depth > kMaxDepthLimit) {
    return MakeError(ErrorCode::kUsage, "",
                     Cat("engine options: max_depth must be at most ", kMaxDepthLimit,
                         " (the stack the parsers may take on the caller's thread is bounded)"));
  }
  if (!options.expected_rulebook_sha256.empty() && !IsSha256Hex(options.expected_rulebook_sha256)) {
    return MakeError(ErrorCode::kUsage, "",
                     "engine options: expected_rulebook_sha256 must be 64 hexadecimal digits");
  }
  return absl::OkStatus();
}

}  // namespace

Engine::Engine(Rulebook rulebook, EngineOptions options)
    : rulebook_(std::make_shared<const Rulebook>(std::move(rulebook))),
      rulebook_stamp_(std::make_shared<const std::string>(RenderRulebookStamp(rulebook_->identity))),
      options_(options) {}

absl::StatusOr<Engine> Engine::Create(EngineOptions options) {
  return FromRulebookJson(DefaultRulebookJson(), options);
}

absl::StatusOr<Engine> Engine::FromRulebookJson(std::string_view rulebook_json,
                                                EngineOptions options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  auto rb = ParseRulebook(rulebook_json);
  if (!rb.ok()) return rb.status();
  // Rulebook pinning: the certification body's approved rulebook and no other.
  if (!options.expected_rulebook_sha256.empty() &&
      !SameHex(rb->identity.sha256, options.expected_rulebook_sha256)) {
    return MakeError(ErrorCode::kInvalidRulebook, "",
                     Cat("rulebook ", rb->identity.id, " ", rb->identity.version, " has sha256 ",
                         rb->identity.sha256, ", not the pinned ",
                         options.expected_rulebook_sha256, " (expected_rulebook_sha256)"));
  }
  return Engine(*std::move(rb), options);
}

bool Engine::IsOperation(std::string_view name) { return internal::FindOperation(name) != nullptr; }

std::vector<std::string_view> Engine::RenderFormats(std::string_view operation) {
  std::vector<std::string_view> formats;
  const internal::OperationDef* op = internal::FindOperation(operation);
  if (op == nullptr) return formats;
  formats.push_back("json");
  for (const internal::Renderer& r : op->renderers) formats.push_back(r.format);
  return formats;
}

namespace {

// The last line of every text report: the rulebook that decided it, as the JSON's stamp.
std::string RulebookLine(const RulebookIdentity& id) {
  return Cat("规则库 Rulebook: ", id.id, " ", id.version, "  SHA-256 ", id.sha256, "\n");
}

absl::StatusOr<bj::value> ReadDocument(const Engine& engine, const internal::OperationDef& op,
                                       std::string_view input, bj::storage_ptr storage,
                                       json::UnknownMemberList& unknown);  // below, by Evaluate

// A rendering, made from the typed result: the document read as Evaluate reads it, then handed
// to the renderer, which decodes and evaluates it through the operation's own functions. A text
// report ends with the rulebook that decided it and is made safe for a terminal (the renderer
// has already escaped the control characters of every string from the input: ReportString).
absl::StatusOr<std::string> RenderDocument(const Engine& engine, const internal::OperationDef& op,
                                        const internal::Renderer& renderer,
                                        std::string_view input) {
  try {
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    json::UnknownMemberList unknown;
    auto doc = ReadDocument(engine, op, input, &resource, unknown);
    if (!doc.ok()) return doc.status();
    const internal::RunContext context{.unknown_members = unknown.noted};
    absl::StatusOr<std::string> rendered = renderer.render(engine, *doc, context);
    if (!rendered.ok() || renderer.format != "text") return rendered;
    return TerminalSafe(*rendered + RulebookLine(engine.identity()));
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kOutOfMemory, "", "out of memory");
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "", Cat("internal error: ", e.what()));
  }
}

}  // namespace

absl::StatusOr<std::string> Engine::Render(std::string_view operation, std::string_view format,
                                           std::string_view input) const {
  const internal::OperationDef* op = internal::FindOperation(operation);
  const internal::Renderer* renderer = nullptr;
  if (op != nullptr) {
    for (const internal::Renderer& r : op->renderers) {
      if (r.format == format) renderer = &r;
    }
    if (format != "json" && renderer == nullptr) {
      return MakeError(ErrorCode::kUsage, "",
                       Cat("format ", json::Quote(format), " is not one ", operation,
                           " renders; expected one of: ", Join(RenderFormats(operation), ", ")));
    }
  }
  if (renderer != nullptr && renderer->check != nullptr) {
    if (absl::Status ready = renderer->check(); !ready.ok()) {
      return MakeError(ErrorCode::kUsage, "", std::string(ready.message()));
    }
  }
  // "json" is the answer sqp_run gives, in the engine's messages mode. A report is read by a
  // person: both languages, whatever that mode (the reports write both).
  if (renderer == nullptr) return Run(operation, input);  // an unknown operation fails here
  return RenderDocument(*this, *op, *renderer, input);
}

std::vector<std::string_view> Engine::OperationNames() {
  std::vector<std::string_view> names;
  for (const auto* op : internal::Operations()) names.push_back(op->name);
  return names;
}

namespace {

// The names a document may use under quality_indicators.values: the rulebook's indicators.
absl::InlinedVector<std::string_view, 16> IndicatorNames(const Engine& engine) {
  absl::InlinedVector<std::string_view, 16> names;
  for (const IndicatorDefinition& d : engine.rulebook().indicators.definitions) {
    names.push_back(d.name);
  }
  return names;
}

// The document `input` as every operation reads it: parsed within the engine's limits, its
// schema checked, then READ.MEMBERS (every member one the schema defines, before any rule reads
// the document; in note mode the others are listed in `unknown`).
absl::StatusOr<bj::value> ReadDocument(const Engine& engine, const internal::OperationDef& op,
                                       std::string_view input, bj::storage_ptr storage,
                                       json::UnknownMemberList& unknown) {
  auto doc = codec::ParseDocument(input, LimitsOf(engine.options()), std::move(storage));
  if (!doc.ok()) return doc.status();
  if (!op.input_schema.empty()) {
    if (absl::Status s = codec::CheckSchema(*doc, op.input_schema); !s.ok()) return s;
  } else if (!doc->is_object()) {
    return MakeError(ErrorCode::kInvalidInput, "", "expected a JSON object");
  }
  unknown.note = engine.options().unknown_members == UnknownMembers::kNote;
  if (op.members != nullptr) {
    json::Issues issues;
    const auto indicator_names = IndicatorNames(engine);
    json::CheckMembers(*doc, *op.members, json::Loc::Root(), indicator_names, issues, unknown);
    if (!issues.empty()) return codec::ToStatus(issues, ErrorCode::kInvalidInput);
  }
  return doc;
}

// The one path every entry point takes: look up, parse within limits, check the schema, run.
// Appends the result document to `out` on success; on failure `out` may hold a partial result,
// which the caller discards. No exception leaves it.
absl::Status Evaluate(const Engine& engine, std::string_view operation, std::string_view input,
                      std::string& out, bool fast_paths = true) {
  try {
    const internal::OperationDef* op = internal::FindOperation(operation);
    if (op == nullptr) {
      return MakeError(ErrorCode::kUnknownOperation, "",
                       // Quoted: the name is the caller's bytes, of any length and encoding.
                       Cat("unknown operation ", json::Quote(operation), "; expected one of: ",
                           Join(Engine::OperationNames(), ", ")));
    }
    // The result's opening is written first: on any error the caller discards `out`.
    json::Writer w(out);
    w.BeginObject();
    w.Field("schema", op->output_schema);
    w.Key("rulebook");
    w.Raw(engine.rulebook_stamp_json());
    const json::JsonLimits limits = LimitsOf(engine.options());
    if (fast_paths && op->run_text != nullptr && op->run_text(engine, input, limits, w)) {
      w.EndObject();
      return absl::OkStatus();
    }
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    json::UnknownMemberList unknown;
    auto doc = ReadDocument(engine, *op, input, &resource, unknown);
    if (!doc.ok()) return doc.status();
    internal::RunContext context{.unknown_members = unknown.noted};
    if (absl::Status s = op->run(engine, *doc, context, w); !s.ok()) return s;
    if (!unknown.noted.empty() && !context.unknown_members_reported) {
      w.Key("findings");
      w.BeginArray();
      internal::WriteUnknownMembersFinding(unknown.noted, w, engine.options().messages);
      w.EndArray();
    }
    w.EndObject();
    return absl::OkStatus();
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kOutOfMemory, "", "out of memory");
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "", Cat("internal error: ", e.what()));
  }
}

// Appends the result, or the error document (with its input line when line > 0).
ErrorCode EvaluateToDocument(const Engine& engine, std::string_view operation,
                             std::string_view input, std::string& out, size_t line) {
  const size_t start = out.size();
  const absl::Status status = Evaluate(engine, operation, input, out);
  if (status.ok()) return ErrorCode::kOk;
  out.resize(start);
  WriteErrorDocument(status, engine.rulebook_stamp_json(), out, line);
  return DescribeError(status).code;
}

}  // namespace

namespace internal {

std::string UnknownMembersMessage(std::span<const std::string> pointers) {
  return Cat(pointers.size(), pointers.size() == 1 ? " member" : " members",
             " that the document's schema does not define accepted and not read "
             "(unknown_members: note): ",
             Join(pointers, ", "));
}

std::string UnknownMembersMessageZh(std::span<const std::string> pointers) {
  return Cat("文档中有 ", pointers.size(),
             " 个其模式未定义的成员，已按 unknown_members: note 接受但未读取：",
             Join(pointers, "、"));
}

void WriteUnknownMembersFinding(std::span<const std::string> pointers, json::Writer& w,
                                Messages messages) {
  w.BeginObject();
  w.Field("rule", kUnknownMemberRule);
  w.Field("article", "-");
  w.Field("status", "note");
  if (messages == Messages::kBoth || messages == Messages::kEn) {
    w.Field("message", UnknownMembersMessage(pointers));
  }
  if (messages == Messages::kBoth || messages == Messages::kZh) {
    w.Field("message_zh", UnknownMembersMessageZh(pointers));
  }
  w.Field("evidence", pointers.front());
  w.Key("pointers");
  w.BeginArray();
  for (const std::string& p : pointers) w.String(p);
  w.EndArray();
  w.EndObject();
}

absl::Status EvaluateGeneralPath(const Engine& engine, std::string_view operation,
                                 std::string_view input, std::string& out) {
  return Evaluate(engine, operation, input, out, /*fast_paths=*/false);
}
}  // namespace internal

ErrorCode Engine::RunSkippedToDocument(std::string_view operation, size_t document_bytes,
                                       std::string& out, size_t input_line) const {
  // What Evaluate finds first for such a line: the operation (its error writes nothing to
  // `out`), then the size.
  absl::Status status;
  if (internal::FindOperation(operation) == nullptr) {
    status = Evaluate(*this, operation, "", out);
  } else if (document_bytes > options_.max_input_bytes) {
    status = codec::ToStatus(json::InputTooLong(document_bytes, LimitsOf(options_)));
  } else {
    status = MakeError(ErrorCode::kInternal, "", "a skipped line within max_input_bytes");
  }
  WriteErrorDocument(status, rulebook_stamp_json(), out, input_line);
  return DescribeError(status).code;
}

ErrorCode Engine::RunToDocument(std::string_view operation, std::string_view input,
                                std::string& out, size_t input_line) const {
  return EvaluateToDocument(*this, operation, input, out, input_line);
}

absl::StatusOr<std::string> Engine::Run(std::string_view operation, std::string_view input) const {
  std::string out;
  if (absl::Status s = Evaluate(*this, operation, input, out); !s.ok()) return s;
  return out;
}

Engine::BatchSummary Engine::RunBatch(std::string_view operation, std::string_view json_lines,
                                      std::string& out) const {
  return RunBatch(operation, json_lines, [&out](std::string_view answer) {
    out.append(answer);
    out += '\n';
  });
}

Engine::BatchSummary Engine::RunBatch(std::string_view operation, std::string_view json_lines,
                                      absl::FunctionRef<void(std::string_view answer)> sink) const {
  BatchSummary summary;
  std::string answer;  // one line's answer, reused: its buffer stays warm in the cache
  size_t line_no = 0;
  while (!json_lines.empty()) {
    const size_t nl = json_lines.find('\n');
    const std::string_view line = json_lines.substr(0, nl);
    json_lines = nl == std::string_view::npos ? std::string_view() : json_lines.substr(nl + 1);
    ++line_no;
    if (IsBlankLine(line)) continue;
    ++summary.documents;
    answer.clear();
    const ErrorCode code = EvaluateToDocument(*this, operation, LineDocument(line), answer, line_no);
    if (code != ErrorCode::kOk) ++summary.errors;
    sink(answer);
  }
  return summary;
}

std::string Engine::ErrorDocument(const absl::Status& status) const {
  std::string out;
  WriteErrorDocument(status, rulebook_stamp_json(), out);
  return out;
}

std::string Engine::StandaloneErrorDocument(const absl::Status& status) {
  std::string out;
  WriteErrorDocument(status, {}, out);
  return out;
}

}  // namespace sqp
