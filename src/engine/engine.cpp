#include "strings.hpp"
#include "sqp/engine.hpp"

#include <new>

#include "engine/operation.hpp"
#include "json/reader.hpp"
#include "json/writer.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

void WriteRulebookStamp(const RulebookIdentity& id, json::Writer& w) {
  w.Key("rulebook");
  w.BeginObject();
  w.Field("id", id.id);
  w.Field("version", id.version);
  w.Field("sha256", id.sha256);
  w.EndObject();
}

void WriteErrorDocument(const absl::Status& status, const RulebookIdentity* id, std::string& out,
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
  if (id != nullptr) WriteRulebookStamp(*id, w);
  w.EndObject();
}

// Parses one document within the engine's limits. Uses `storage` for the DOM so a document
// costs one arena, freed at once.
absl::StatusOr<bj::value> ParseInput(std::string_view input, const EngineOptions& options,
                                     bj::storage_ptr storage) {
  if (input.size() > options.max_input_bytes) {
    return MakeError(ErrorCode::kLimitExceeded, "",
                     Cat("input of ", input.size(), " bytes exceeds the limit of ",
                                  options.max_input_bytes, " bytes (max_input_bytes)"));
  }
  bj::parse_options popt;
  popt.max_depth = static_cast<std::size_t>(options.max_depth);
  bj::parser parser(storage, popt);
  boost::system::error_code ec;
  const size_t used = parser.write(input.data(), input.size(), ec);
  if (!ec) {
    return parser.release();
  }
  if (ec == bj::error::too_deep) {
    return MakeError(ErrorCode::kLimitExceeded, "",
                     Cat("JSON nested deeper than the limit of ", options.max_depth,
                                  " levels (max_depth), at byte ", used));
  }
  if (ec == bj::error::extra_data) {
    return MakeError(ErrorCode::kInvalidJson, "",
                     Cat("invalid JSON: unexpected data after the document at byte ",
                                  used));
  }
  return MakeError(ErrorCode::kInvalidJson, "",
                   Cat("invalid JSON at byte ", used, ": ", ec.message()));
}

}  // namespace

Engine::Engine(Rulebook rulebook, EngineOptions options)
    : rulebook_(std::make_shared<const Rulebook>(std::move(rulebook))), options_(options) {}

absl::StatusOr<Engine> Engine::Create(EngineOptions options) {
  return FromRulebookJson(DefaultRulebookJson(), options);
}

absl::StatusOr<Engine> Engine::FromRulebookJson(std::string_view rulebook_json,
                                                EngineOptions options) {
  if (options.max_depth < 1 || options.max_input_bytes < 2) {
    return MakeError(ErrorCode::kUsage, "", "engine options: max_depth and max_input_bytes must be positive");
  }
  auto rb = ParseRulebook(rulebook_json);
  if (!rb.ok()) return rb.status();
  return Engine(*std::move(rb), options);
}

std::vector<std::string_view> Engine::OperationNames() {
  std::vector<std::string_view> names;
  for (const auto* op : internal::Operations()) names.push_back(op->name);
  return names;
}

namespace {

// The one path every entry point takes: look up, parse within limits, check the schema, run.
// Appends the result document to `out` on success; on failure `out` may hold a partial result,
// which the caller discards. No exception leaves it.
absl::Status Evaluate(const Engine& engine, std::string_view operation, std::string_view input,
                      std::string& out) {
  try {
    const internal::OperationDef* op = internal::FindOperation(operation);
    if (op == nullptr) {
      return MakeError(ErrorCode::kUnknownOperation, "",
                       Cat("unknown operation \"", operation, "\"; expected one of: ",
                                    Join(Engine::OperationNames(), ", ")));
    }
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    auto doc = ParseInput(input, engine.options(), &resource);
    if (!doc.ok()) return doc.status();
    if (!op->input_schema.empty()) {
      if (absl::Status s = json::CheckSchema(*doc, op->input_schema); !s.ok()) return s;
    } else if (!doc->is_object()) {
      return MakeError(ErrorCode::kInvalidInput, "", "expected a JSON object");
    }
    json::Writer w(out);
    w.BeginObject();
    w.Field("schema", op->output_schema);
    WriteRulebookStamp(engine.identity(), w);
    if (absl::Status s = op->run(engine, *doc, w); !s.ok()) return s;
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
  WriteErrorDocument(status, &engine.identity(), out, line);
  return DescribeError(status).code;
}

}  // namespace

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
  BatchSummary summary;
  size_t line_no = 0;
  while (!json_lines.empty()) {
    const size_t nl = json_lines.find('\n');
    std::string_view line = json_lines.substr(0, nl);
    json_lines = nl == std::string_view::npos ? std::string_view() : json_lines.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++summary.documents;
    if (EvaluateToDocument(*this, operation, line, out, line_no) != ErrorCode::kOk) ++summary.errors;
    out += '\n';
  }
  return summary;
}

std::string Engine::ErrorDocument(const absl::Status& status) const {
  std::string out;
  WriteErrorDocument(status, &identity(), out);
  return out;
}

std::string Engine::StandaloneErrorDocument(const absl::Status& status) {
  std::string out;
  WriteErrorDocument(status, nullptr, out);
  return out;
}

}  // namespace sqp
