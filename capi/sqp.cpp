// The C ABI shim: converts buffers and status codes, nothing else. Every operation goes through
// sqp::Engine exactly as the C++, CLI and Python doors do. No exception crosses this boundary.
#define SQP_EXPERIMENTAL  // this file also defines the experimental calls (sqp_x_*)
#include "sqp.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#if defined(__linux__)
#include <sys/mman.h>  // madvise
#endif

#include "engine_handle.hpp"
#include "sqp/engine.hpp"

namespace {

// Copies `text` into a malloc'd NUL-terminated buffer owned by the caller (sqp_free).
int Hand(const std::string& text, char** out, size_t* out_len) {
  if (out == nullptr) return SQP_OK;
  *out = static_cast<char*>(std::malloc(text.size() + 1));
  if (*out == nullptr) {
    if (out_len) *out_len = 0;
    return SQP_ERR_NOMEM;
  }
  std::memcpy(*out, text.data(), text.size());
  (*out)[text.size()] = '\0';
  if (out_len) *out_len = text.size();
  return SQP_OK;
}

// A large result is written once, front to back, into fresh memory, where every first touch of
// a 4 KiB page is a fault. Ahead of the writing (`written` bytes so far, `needed` about to be),
// the next 4 MiB of `data` are mapped in one call instead (MADV_POPULATE_WRITE, Linux 5.14; on
// an older kernel the call fails and the faults just happen). Only whole pages inside the
// buffer. A huge-page hint was faster on average but made some first calls stall on memory
// compaction, which a server with fragmented memory would see more often (docs/performance.md).
// `populated` tracks how far it has gone.
void PopulateAhead(char* data, size_t written, size_t needed, size_t capacity, size_t& populated) {
  constexpr size_t kStep = size_t{4} << 20;
  populated = std::min(capacity, std::max(needed, populated + kStep));
#if defined(__linux__)
  if (populated < 2 * kStep) return;  // small results: not worth a system call
  constexpr uintptr_t kPage = 4096;
  constexpr int kPopulateWrite = 23;   // MADV_POPULATE_WRITE (<linux/mman.h>)
  const auto base = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (base + written + kPage - 1) & ~(kPage - 1);
  const uintptr_t end = (base + populated) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, kPopulateWrite);
#else
  (void)data;
  (void)written;
#endif
}

// Appends `line` and '\n' at data + written (the caller has checked they fit in `capacity`),
// mapping pages ahead first: the one way both batch calls write an answer.
void AppendLine(char* data, size_t capacity, size_t& written, size_t& populated,
                std::string_view line) {
  const size_t end = written + line.size() + 1;
  if (end > populated) PopulateAhead(data, written, end, capacity, populated);
  std::memcpy(data + written, line.data(), line.size());
  data[end - 1] = '\n';
  written = end;
}

// A malloc'd buffer that is handed to the caller whole (sqp_free), for results too large to
// build in a std::string and then copy: it grows with realloc, which for large blocks moves the
// pages (mremap) instead of copying them, so each byte of the result is written once.
class HandedBuffer {
 public:
  explicit HandedBuffer(size_t capacity_hint) { Reserve(capacity_hint); }
  HandedBuffer(const HandedBuffer&) = delete;
  HandedBuffer& operator=(const HandedBuffer&) = delete;
  ~HandedBuffer() { std::free(data_); }

  // `line` and '\n' (room for the final NUL is kept).
  void Append(std::string_view line) {
    if (size_ + line.size() + 2 > capacity_) Reserve(std::max(capacity_ * 2, size_ + line.size() + 2));
    AppendLine(data_, capacity_, size_, populated_, line);
  }
  // NUL-terminates the text, gives the buffer up to the caller.
  void HandTo(char** out, size_t* out_len) {
    Reserve(size_ + 1);
    data_[size_] = '\0';
    *out = data_;
    if (out_len) *out_len = size_;
    data_ = nullptr;
  }

 private:
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    void* grown = std::realloc(data_, capacity);
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<char*>(grown);
    capacity_ = capacity;
  }
  char* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
  size_t populated_ = 0;  // bytes from the start that are mapped, or were asked to be
};

// The C values of the engine's enums, fixed by sqp.h.
static_assert(SQP_MESSAGES_BOTH == static_cast<int>(sqp::Messages::kBoth));
static_assert(SQP_MESSAGES_EN == static_cast<int>(sqp::Messages::kEn));
static_assert(SQP_MESSAGES_ZH == static_cast<int>(sqp::Messages::kZh));
static_assert(SQP_MESSAGES_NONE == static_cast<int>(sqp::Messages::kNone));

// Runs `body`, the work of one C call, so that no exception crosses the C ABI: running out of
// memory is SQP_ERR_NOMEM, anything else SQP_ERR_INTERNAL.
template <class Body>
int Guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return SQP_ERR_NOMEM;
  } catch (...) {
    return SQP_ERR_INTERNAL;
  }
}

// A usage error: SQP_ERR_USAGE with its sqp.error/1 document in *out, `what` prefixed by
// `function`. Never throws (it runs outside the callers' try blocks too): when the document
// cannot be made, *out stays NULL and the status is SQP_ERR_NOMEM, as sqp.h promises.
int Usage(std::string_view function, std::string_view what, char** out, size_t* out_len) noexcept {
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  try {
    const std::string doc = sqp::Engine::StandaloneErrorDocument(sqp::MakeError(
        sqp::ErrorCode::kUsage, "",
        function.empty() ? std::string(what)
                         : std::string(function).append(": ").append(what)));
    if (Hand(doc, out, out_len) != SQP_OK) return SQP_ERR_NOMEM;
  } catch (...) {
    if (out != nullptr) *out = nullptr;
    return SQP_ERR_NOMEM;
  }
  return SQP_ERR_USAGE;
}
int Usage(std::string_view what, char** out, size_t* out_len) noexcept {
  return Usage({}, what, out, out_len);
}

// The engine a call runs on (issue 20): the handle's own, or its twin in the answer mode the
// call's options ask for. nullptr for bad options, with `problem` saying what is wrong (a
// literal: nothing is allocated on the way to an answer).
const sqp::Engine* EngineFor(const sqp_engine& handle, const sqp_run_options* options,
                             const char*& problem) {
  if (options == nullptr) return &handle.engine;
  // A later 1.x may append members; the smallest struct accepted is 1.1's, up to the end of
  // `messages`.
  if (options->struct_size < offsetof(sqp_run_options, messages) + sizeof(int)) {
    problem = "options->struct_size ends before options->messages (the end of sqp 1.1's "
              "sqp_run_options)";
    return nullptr;
  }
  if (options->messages == SQP_MESSAGES_ENGINE) return &handle.engine;
  if (options->messages < SQP_MESSAGES_BOTH || options->messages > SQP_MESSAGES_NONE) {
    problem = "options->messages must be SQP_MESSAGES_ENGINE (-1), SQP_MESSAGES_BOTH (0), _EN (1), "
              "_ZH (2) or _NONE (3)";
    return nullptr;
  }
  return &handle.by_messages[static_cast<size_t>(options->messages)];
}

// What sqp_run and sqp_run_batch (and their _with_options forms) check first: clears *out,
// refuses a NULL argument or bad options with a usage document naming `function`, and picks the
// engine the call runs on. SQP_OK with `engine` set, or the status to return.
int Prepare(std::string_view function, const sqp_engine* handle, const sqp_run_options* options,
            const char* operation, const char* input, size_t input_len, char** out,
            size_t* out_len, const sqp::Engine*& engine) {
  if (out == nullptr) return SQP_ERR_USAGE;
  *out = nullptr;
  if (out_len) *out_len = 0;
  if (handle == nullptr) return Usage(function, "engine is NULL", out, out_len);
  if (operation == nullptr) return Usage(function, "operation is NULL", out, out_len);
  if (input == nullptr && input_len != 0) return Usage(function, "input is NULL", out, out_len);
  const char* problem = "";
  engine = EngineFor(*handle, options, problem);
  return engine != nullptr ? SQP_OK : Usage(function, problem, out, out_len);
}

// What sqp_run and sqp_run_batch (and their _with_options forms) do around their work: the
// checks of Prepare, then `work(engine)` on the engine the call runs on, guarded.
template <class Work>
int OnEngine(std::string_view function, const sqp_engine* handle, const sqp_run_options* options,
             const char* operation, const char* input, size_t input_len, char** out,
             size_t* out_len, Work&& work) {
  return Guarded([&]() -> int {
    const sqp::Engine* engine = nullptr;
    const int ready =
        Prepare(function, handle, options, operation, input, input_len, out, out_len, engine);
    return ready != SQP_OK ? ready : work(*engine);
  });
}

// The answer of `engine` to one document, handed to the caller: SQP_OK or its error's status.
int AnswerOne(const sqp::Engine& engine, const char* operation, std::string_view input,
              char** out, size_t* out_len) {
  std::string doc;
  const sqp::ErrorCode code = engine.RunToDocument(operation, input, doc);
  const int handed = Hand(doc, out, out_len);
  return handed != SQP_OK ? handed : static_cast<int>(code);
}

// sqp_run and sqp_run_with_options (`function` names the one called, in usage errors).
int RunOne(const char* function, const sqp_engine* handle, const sqp_run_options* options,
           const char* operation, const char* input, size_t input_len, char** out,
           size_t* out_len) {
  return OnEngine(function, handle, options, operation, input, input_len, out, out_len,
                  [&](const sqp::Engine& engine) {
    return AnswerOne(engine, operation, std::string_view(input ? input : "", input_len), out,
                     out_len);
  });
}

// sqp_run_batch and sqp_run_batch_with_options.
int RunBatch(const char* function, const sqp_engine* handle, const sqp_run_options* options,
             const char* operation, const char* input, size_t input_len, char** out,
             size_t* out_len, size_t* out_error_lines) {
  if (out_error_lines) *out_error_lines = 0;
  return OnEngine(function, handle, options, operation, input, input_len, out, out_len,
                  [&](const sqp::Engine& engine) -> int {
    // An unknown operation fails the call, as sqp_run does, on empty input too: *out is its
    // sqp.error/1 document, not a line of it per input line.
    if (!sqp::Engine::IsOperation(operation)) return AnswerOne(engine, operation, "", out, out_len);
    // Results run about three times the size of applications; an untouched reserve costs no
    // memory, only address space.
    HandedBuffer results(input_len * 4 + 4096);
    const auto summary = engine.RunBatch(
        operation, std::string_view(input ? input : "", input_len),
        [&results](std::string_view answer) { results.Append(answer); });
    if (out_error_lines) *out_error_lines = summary.errors;
    results.HandTo(out, out_len);
    return SQP_OK;
  });
}

// sqp_run_stream and sqp_run_stream_with_options.
int RunStream(const sqp_engine* handle, const char* operation, sqp_read_fn read,
              void* read_context, sqp_write_fn write, void* write_context,
              const sqp_run_options* options, size_t* out_lines, size_t* out_error_lines) {
  if (out_lines) *out_lines = 0;
  if (out_error_lines) *out_error_lines = 0;
  if (handle == nullptr || operation == nullptr || read == nullptr || write == nullptr) {
    return SQP_ERR_USAGE;
  }
  return Guarded([&]() -> int {
    const char* problem = "";  // no document to put it in: the status says it
    const sqp::Engine* engine = EngineFor(*handle, options, problem);
    if (engine == nullptr) return SQP_ERR_USAGE;
    if (!sqp::Engine::IsOperation(operation)) return SQP_ERR_UNKNOWN_OPERATION;  // nothing read
    constexpr size_t kBlock = 64 * 1024;
    std::unique_ptr<char[]> block(new char[kBlock]);
    std::string pending;  // a line that began in an earlier block
    std::string answer;   // one answer and its '\n', reused
    size_t line_no = 0, lines = 0, errors = 0;
    const sqp::Engine& e = *engine;
    // Answers one complete line (without its '\n'); a write callback's value stops the run.
    // A line too long to answer is counted, not held (Engine::SkippedLine): memory stays
    // bounded by max_input_bytes whatever the input's lines.
    const size_t skip_beyond = sqp::Engine::SkipBeyond(e.options().max_input_bytes);
    bool skipping = false;
    sqp::Engine::SkippedLine skipped;
    auto answer_line = [&](std::string_view line) -> int {
      ++line_no;
      const bool was_skipped = skipping;
      if (was_skipped) {
        skipped.Add(line);
        skipping = false;
        if (skipped.blank()) return 0;
      } else if (sqp::Engine::IsBlankLine(line)) {
        return 0;
      }
      answer.clear();
      const sqp::ErrorCode code =
          was_skipped
              ? e.RunSkippedToDocument(operation, skipped.DocumentBytes(), answer, line_no)
              : e.RunToDocument(operation, sqp::Engine::LineDocument(line), answer, line_no);
      ++lines;
      if (code != sqp::ErrorCode::kOk) ++errors;
      answer += '\n';
      return write(write_context, answer.data(), answer.size());
    };
    // Bytes of a line whose end is not read yet.
    auto hold = [&](std::string_view part) {
      if (skipping) {
        skipped.Add(part);
      } else if (pending.size() + part.size() > skip_beyond) {
        skipping = true;
        skipped = {};
        skipped.Add(pending);
        skipped.Add(part);
        std::string().swap(pending);
      } else {
        pending.append(part);
      }
    };
    int stop = 0;
    for (;;) {
      size_t got = 0;
      stop = read(read_context, block.get(), kBlock, &got);
      if (stop != 0) break;
      if (got == 0) {
        // The last line, without '\n'.
        if (!pending.empty() || skipping) stop = answer_line(pending);
        break;
      }
      std::string_view data(block.get(), got > kBlock ? kBlock : got);
      while (stop == 0 && !data.empty()) {
        const size_t nl = data.find('\n');
        if (nl == std::string_view::npos) {
          hold(data);
          break;
        }
        if (pending.empty() && !skipping) {
          stop = answer_line(data.substr(0, nl));
        } else {
          hold(data.substr(0, nl));
          stop = answer_line(skipping ? std::string_view() : std::string_view(pending));
          pending.clear();
        }
        data.remove_prefix(nl + 1);
      }
      if (stop != 0) break;
      // A long line's buffer is given back once it is answered, so the bound is the longest
      // line while it is read, and a block afterwards.
      if (pending.empty() && pending.capacity() > kBlock) std::string().swap(pending);
      if (answer.capacity() > 4 * kBlock) std::string().swap(answer);
    }
    if (out_lines) *out_lines = lines;
    if (out_error_lines) *out_error_lines = errors;
    return stop;
  });
}

// sqp_engine_new and sqp_engine_new_with_options, once their arguments are checked: the
// engine in *out_engine, or its error's status with the sqp.error/1 document in *out_error.
int NewEngine(const char* rulebook_json, size_t rulebook_len, const sqp::EngineOptions& options,
              sqp_engine** out_engine, char** out_error, size_t* out_error_len) {
  auto engine = rulebook_json == nullptr
                    ? sqp::Engine::Create(options)
                    : sqp::Engine::FromRulebookJson(std::string_view(rulebook_json, rulebook_len),
                                                    options);
  if (!engine.ok()) {
    Hand(sqp::Engine::StandaloneErrorDocument(engine.status()), out_error, out_error_len);
    return static_cast<int>(sqp::DescribeError(engine.status()).code);
  }
  *out_engine = new sqp_engine(*std::move(engine));
  return SQP_OK;
}

}  // namespace

extern "C" {

const char* sqp_version(void) { return SQP_VERSION_STRING; }
int sqp_version_number(void) { return SQP_VERSION_NUMBER; }

const char* sqp_status_name(int status) {
  if (status > 0 || status < SQP_ERR_INTERNAL) return "unknown";
  return sqp::ErrorCodeName(static_cast<sqp::ErrorCode>(status)).data();
}

int sqp_engine_new(const char* rulebook_json, size_t rulebook_len, sqp_engine** out_engine,
                   char** out_error, size_t* out_error_len) {
  if (out_error) *out_error = nullptr;
  if (out_error_len) *out_error_len = 0;
  if (out_engine == nullptr) return Usage("sqp_engine_new: out_engine is NULL", out_error, out_error_len);
  *out_engine = nullptr;
  return Guarded([&] {
    return NewEngine(rulebook_json, rulebook_len, {}, out_engine, out_error, out_error_len);
  });
}

int sqp_engine_new_with_options(const char* rulebook_json, size_t rulebook_len,
                                const sqp_engine_options* options, sqp_engine** out_engine,
                                char** out_error, size_t* out_error_len) {
  if (options == nullptr) {
    return sqp_engine_new(rulebook_json, rulebook_len, out_engine, out_error, out_error_len);
  }
  if (out_error) *out_error = nullptr;
  if (out_error_len) *out_error_len = 0;
  if (out_engine == nullptr) {
    return Usage("sqp_engine_new_with_options: out_engine is NULL", out_error, out_error_len);
  }
  *out_engine = nullptr;
  // Each release reads the struct as far as the caller's struct_size goes: 1.0's ends at
  // expected_rulebook_sha256; unknown_members came in 1.1.
  constexpr size_t kOptionsSizeV1 =
      offsetof(sqp_engine_options, expected_rulebook_sha256) + sizeof(const char*);
  if (options->struct_size < kOptionsSizeV1) {
    return Usage("sqp_engine_new_with_options: options->struct_size is smaller than "
                 "sizeof(sqp_engine_options) of sqp 1.0", out_error, out_error_len);
  }
  const bool has_unknown_members =
      options->struct_size >= offsetof(sqp_engine_options, unknown_members) + sizeof(int);
  if (has_unknown_members && options->unknown_members != SQP_UNKNOWN_REJECT &&
      options->unknown_members != SQP_UNKNOWN_NOTE) {
    return Usage("sqp_engine_new_with_options: options->unknown_members must be "
                 "SQP_UNKNOWN_REJECT (0) or SQP_UNKNOWN_NOTE (1)", out_error, out_error_len);
  }
  const bool has_messages =
      options->struct_size >= offsetof(sqp_engine_options, messages) + sizeof(int);
  if (has_messages && (options->messages < SQP_MESSAGES_BOTH || options->messages > SQP_MESSAGES_NONE)) {
    return Usage("sqp_engine_new_with_options: options->messages must be SQP_MESSAGES_BOTH (0), "
                 "_EN (1), _ZH (2) or _NONE (3)", out_error, out_error_len);
  }
  return Guarded([&]() -> int {
    sqp::EngineOptions o;  // a 0 keeps the default
    if (options->max_input_bytes != 0) o.max_input_bytes = options->max_input_bytes;
    if (options->max_depth != 0) {
      // Above the cap is refused by the engine (usage): not clamped, not wrapped into an int.
      o.max_depth = options->max_depth > static_cast<size_t>(sqp::kMaxDepthLimit)
                        ? sqp::kMaxDepthLimit + 1
                        : static_cast<int>(options->max_depth);
    }
    if (options->max_string_bytes != 0) o.max_string_bytes = options->max_string_bytes;
    if (options->max_array_length != 0) o.max_array_length = options->max_array_length;
    if (options->max_object_members != 0) o.max_object_members = options->max_object_members;
    if (has_unknown_members && options->unknown_members == SQP_UNKNOWN_NOTE) {
      o.unknown_members = sqp::UnknownMembers::kNote;
    }
    if (has_messages) o.messages = static_cast<sqp::Messages>(options->messages);
    if (options->expected_rulebook_sha256 != nullptr) {
      // At most 65 characters are read: a pin is 64 digits, anything longer is refused.
      const char* pin = options->expected_rulebook_sha256;
      o.expected_rulebook_sha256.assign(pin, strnlen(pin, 65));
      if (o.expected_rulebook_sha256.empty()) o.expected_rulebook_sha256 = "(empty)";
    }
    return NewEngine(rulebook_json, rulebook_len, o, out_engine, out_error, out_error_len);
  });
}

void sqp_engine_free(sqp_engine* engine) { delete engine; }

int sqp_run(const sqp_engine* engine, const char* operation, const char* input, size_t input_len,
            char** out, size_t* out_len) {
  return RunOne("sqp_run", engine, nullptr, operation, input, input_len, out, out_len);
}

int sqp_run_with_options(const sqp_engine* engine, const char* operation, const char* input,
                         size_t input_len, const sqp_run_options* options, char** out,
                         size_t* out_len) {
  return RunOne("sqp_run_with_options", engine, options, operation, input, input_len, out, out_len);
}

int sqp_render(const sqp_engine* engine, const char* operation, const char* format,
               const char* input, size_t input_len, char** out, size_t* out_len) {
  if (out == nullptr) return SQP_ERR_USAGE;
  *out = nullptr;
  if (out_len) *out_len = 0;
  if (engine == nullptr) return Usage("sqp_render: engine is NULL", out, out_len);
  if (operation == nullptr) return Usage("sqp_render: operation is NULL", out, out_len);
  if (format == nullptr) return Usage("sqp_render: format is NULL", out, out_len);
  if (input == nullptr && input_len != 0) return Usage("sqp_render: input is NULL", out, out_len);
  return Guarded([&]() -> int {
    const absl::StatusOr<std::string> rendered = engine->engine.Render(
        operation, format, std::string_view(input ? input : "", input_len));
    if (rendered.ok()) return Hand(*rendered, out, out_len);
    const int handed = Hand(engine->engine.ErrorDocument(rendered.status()), out, out_len);
    return handed != SQP_OK ? handed
                            : static_cast<int>(sqp::DescribeError(rendered.status()).code);
  });
}

int sqp_run_batch(const sqp_engine* engine, const char* operation, const char* input,
                  size_t input_len, char** out, size_t* out_len, size_t* out_error_lines) {
  return RunBatch("sqp_run_batch", engine, nullptr, operation, input, input_len, out, out_len,
                  out_error_lines);
}

int sqp_run_batch_with_options(const sqp_engine* engine, const char* operation, const char* input,
                               size_t input_len, const sqp_run_options* options, char** out,
                               size_t* out_len, size_t* out_error_lines) {
  return RunBatch("sqp_run_batch_with_options", engine, options, operation, input, input_len, out,
                  out_len, out_error_lines);
}

int sqp_x_run_batch_into(const sqp_engine* engine, const char* operation, const char* input,
                         size_t input_len, char* out, size_t out_capacity, size_t* out_len,
                         size_t* out_error_lines) {
  if (out_len) *out_len = 0;
  if (out_error_lines) *out_error_lines = 0;
  if (engine == nullptr || operation == nullptr || out == nullptr || out_len == nullptr ||
      (input == nullptr && input_len != 0)) {
    return SQP_ERR_USAGE;
  }
  if (!sqp::Engine::IsOperation(operation)) return SQP_ERR_UNKNOWN_OPERATION;
  struct DoesNotFit {};  // stops the batch at the first answer that does not fit
  return Guarded([&]() -> int {
    size_t written = 0, populated = 0;
    try {
      const auto summary = engine->engine.RunBatch(
          operation, std::string_view(input ? input : "", input_len),
          [&](std::string_view answer) {
            if (answer.size() + 1 > out_capacity - written) throw DoesNotFit{};
            AppendLine(out, out_capacity, written, populated, answer);
          });
      *out_len = written;
      if (out_error_lines) *out_error_lines = summary.errors;
      return SQP_OK;
    } catch (const DoesNotFit&) {
      return SQP_ERR_LIMIT;
    }
  });
}

int sqp_run_stream(const sqp_engine* engine, const char* operation, sqp_read_fn read,
                   void* read_context, sqp_write_fn write, void* write_context, size_t* out_lines,
                   size_t* out_error_lines) {
  return RunStream(engine, operation, read, read_context, write, write_context, nullptr, out_lines,
                   out_error_lines);
}

int sqp_run_stream_with_options(const sqp_engine* engine, const char* operation, sqp_read_fn read,
                                void* read_context, sqp_write_fn write, void* write_context,
                                const sqp_run_options* options, size_t* out_lines,
                                size_t* out_error_lines) {
  return RunStream(engine, operation, read, read_context, write, write_context, options,
                   out_lines, out_error_lines);
}

void sqp_free(void* buffer) { std::free(buffer); }

}  // extern "C"
