// The engine: a rulebook plus the registry of operations (CONTRACT.md §1). Immutable once made;
// every const method is safe to call from many threads at once on one shared engine.
//
// Each operation takes one JSON document and returns one (`Run`); `RunToDocument` always yields
// a document, the result or an `sqp.error/1`, which is what the C ABI, the CLI and Python
// return. The typed C++ API of each operation (eligibility.hpp, …) evaluates the same rules
// without JSON: the JSON door only decodes, calls it and encodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "sqp/rulebook.hpp"
#include "sqp/status.hpp"

namespace sqp {

// Input limits, each refused with ErrorCode::kLimitExceeded and an sqp.error/1 naming the limit
// and the JSON pointer of the offending value (docs/hardening.md). They bound the memory and time
// one document can take; the defaults are far above any real application, scoresheet or rulebook.
// What an input document's members that its schema does not define do (READ.MEMBERS).
enum class UnknownMembers : int {
  kReject = 0,  // the default: invalid input, each one listed with its pointer and a suggestion
  kNote = 1,    // accepted and not read; the result carries one note finding INPUT.UNKNOWN_MEMBER
                // listing their pointers (for callers who attach data of their own)
};

// The most max_depth may be, whatever a caller asks (issue 16): every parser (the general
// path's, the fast paths', the rulebook's) nests a few stack frames a level, so this bounds the
// stack one document can take on the caller's thread. docs/hardening.md gives the stack it
// needs; tests/hardening/limits_test.cpp runs it on a 256 KiB thread stack.
inline constexpr int kMaxDepthLimit = 1000;

// The languages of an eligibility result's findings (issue 20): both (the default, the document
// of 1.0), English or Chinese only, or none (compact: every finding keeps its rule, article,
// status and evidence pointer, and loses its "message"/"message_zh"). For a CRM's bulk runs,
// which want the decisions, not two full reports. Text reports and assessments are unaffected.
enum class Messages : int { kBoth = 0, kEn = 1, kZh = 2, kNone = 3 };

struct EngineOptions {
  size_t max_input_bytes = 4u << 20;    // one document (one line of a batch)
  int max_depth = 32;                   // nested arrays and objects; the root one is level 1;
                                        // 1 to kMaxDepthLimit
  size_t max_string_bytes = 64u << 10;  // one string or member name, after unescaping
  size_t max_array_length = 10'000;     // elements of one array
  size_t max_object_members = 10'000;   // members of one object
  UnknownMembers unknown_members = UnknownMembers::kReject;
  Messages messages = Messages::kBoth;
  // Rulebook pinning: when not empty, the SHA-256 (64 hex digits, as in every output's
  // "rulebook" stamp) the engine's rulebook must have; Create and FromRulebookJson refuse any
  // other rulebook with kInvalidRulebook. A certification body pins the rulebook it approved.
  std::string expected_rulebook_sha256 = {};
};

class Engine {
 public:
  // An engine on the compiled-in default rulebook.
  static absl::StatusOr<Engine> Create(EngineOptions options = {});
  // An engine on a rulebook given as `sqp.rulebook/1` JSON, validated in full. The rulebook
  // text is read within the default limits (it is not an input document); options.expected_
  // rulebook_sha256, when set, must match.
  static absl::StatusOr<Engine> FromRulebookJson(std::string_view rulebook_json,
                                                 EngineOptions options = {});
  // An engine on an already validated rulebook. It cannot fail, so it does not check
  // options.expected_rulebook_sha256: use Create or FromRulebookJson to pin a rulebook.
  explicit Engine(Rulebook rulebook, EngineOptions options = {});

  const Rulebook& rulebook() const { return *rulebook_; }
  const RulebookIdentity& identity() const { return rulebook_->identity; }
  const EngineOptions& options() const { return options_; }
  // This engine with another answer mode (issue 20): the rulebook and its stamp are shared, not
  // copied, so a caller can keep one engine per mode, or choose the mode for one call
  // (`engine.WithMessages(Messages::kNone).Run(...)`; the C ABI's sqp_run_options).
  Engine WithMessages(Messages messages) const {
    Engine copy = *this;
    copy.options_.messages = messages;
    return copy;
  }
  // The "rulebook" stamp every result carries, {"id","version","sha256"}, as JSON text: made
  // once with the engine, since it is the same for every document.
  std::string_view rulebook_stamp_json() const { return *rulebook_stamp_; }

  // Names of the operations, in contract order.
  static std::vector<std::string_view> OperationNames();
  // True when `name` is one of them (byte for byte: "eligibility\0x" is not).
  static bool IsOperation(std::string_view name);

  // Runs `operation` on one JSON document: the result document, or the error.
  absl::StatusOr<std::string> Run(std::string_view operation, std::string_view input) const;

  // The formats `operation`'s result renders to, "json" first ("text" for every operation;
  // "ics" and "svg" for certificates); empty for an unknown operation.
  static std::vector<std::string_view> RenderFormats(std::string_view operation);
  // Runs `operation` on one JSON document and renders its result as `format`: "json" is Run's
  // document; "text" the report a person reads (Chinese and English, ending with the rulebook's
  // id, version and SHA-256; a control character from the input shown as \xHH, so it cannot
  // act on a terminal); "ics" a calendar, "svg" a timeline. The one rendering every door gives
  // (sqp_render, Python's Engine.render, the CLI's --format). A format the operation does not
  // render is a kUsage error naming the ones it does.
  absl::StatusOr<std::string> Render(std::string_view operation, std::string_view format,
                                     std::string_view input) const;

  // Appends the result document, or on failure an `sqp.error/1` document, to `out`; returns
  // kOk or the error's code. `input_line` > 0 (a JSON Lines line number) is carried by an error
  // document as "line".
  ErrorCode RunToDocument(std::string_view operation, std::string_view input, std::string& out,
                          size_t input_line = 0) const;

  // JSON Lines: one output line per non-blank input line, in order; a bad line yields an
  // `sqp.error/1` line (its "line" member gives the 1-based input line) and the run goes on.
  // Lines end at '\n'; see IsBlankLine for the lines that get no answer.
  struct BatchSummary {
    size_t documents = 0;
    size_t errors = 0;
  };
  BatchSummary RunBatch(std::string_view operation, std::string_view json_lines,
                        std::string& out) const;
  // The same, handing each answer line (without its '\n') to `sink` as soon as it is made, so a
  // caller can put the results wherever it keeps them (the C ABI: one buffer it hands over)
  // instead of holding them all in a string first. The view is valid during the call only.
  BatchSummary RunBatch(std::string_view operation, std::string_view json_lines,
                        absl::FunctionRef<void(std::string_view answer)> sink) const;

  // A JSON Lines line that gets no answer (but still counts for line numbers): empty, or only
  // spaces, tabs and carriage returns, so "\r" of a CRLF file and " \r " alike. The one rule
  // for every batch door (RunBatch, so the C ABI and Python, and `sqp --batch`).
  static constexpr bool IsBlankLine(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
  }
  // The document a non-blank line holds: the line without the '\r' of a CRLF ending (so error
  // positions and messages are the same for LF and CRLF files).
  static constexpr std::string_view LineDocument(std::string_view line) {
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
  }

  // A batch line longer than max_input_bytes is refused without being held (issue 16): a batch
  // door that meets a line over max_input_bytes + kLineSlack bytes skips the rest of it in
  // constant memory, counting its bytes with a SkippedLine, and answers it with
  // RunSkippedToDocument: the same bytes RunToDocument gives for the whole line. (The slack
  // covers a byte order mark and a '\r' that are no part of the document.)
  static constexpr size_t kLineSlack = 4;
  // The length beyond which a line is skipped: max_input_bytes + kLineSlack, saturating (a
  // caller's SIZE_MAX means no limit, not a wrap to 3).
  static constexpr size_t SkipBeyond(size_t max_input_bytes) {
    return max_input_bytes > SIZE_MAX - kLineSlack ? SIZE_MAX : max_input_bytes + kLineSlack;
  }
  class SkippedLine {
   public:
    void Add(std::string_view bytes) {
      if (bytes.empty()) return;
      if (blank_) blank_ = IsBlankLine(bytes);
      size_ += bytes.size();
      last_ = bytes.back();
    }
    size_t size() const { return size_; }
    bool blank() const { return blank_; }  // no answer, as IsBlankLine
    // The document's bytes: as LineDocument, without a final '\r', less a skipped prefix.
    size_t DocumentBytes(size_t prefix = 0) const { return size_ - (last_ == '\r') - prefix; }

   private:
    size_t size_ = 0;
    bool blank_ = true;
    char last_ = 0;
  };
  ErrorCode RunSkippedToDocument(std::string_view operation, size_t document_bytes,
                                 std::string& out, size_t input_line) const;

  // The `sqp.error/1` document for an error status, stamped with this engine's rulebook.
  std::string ErrorDocument(const absl::Status& status) const;
  // The same without an engine (engine creation failed): no rulebook stamp.
  static std::string StandaloneErrorDocument(const absl::Status& status);

 private:
  std::shared_ptr<const Rulebook> rulebook_;
  std::shared_ptr<const std::string> rulebook_stamp_;  // shared like the rulebook: copies are cheap
  EngineOptions options_;
};

}  // namespace sqp
