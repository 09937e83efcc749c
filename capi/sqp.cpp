// The C ABI shim: converts buffers and status codes, nothing else. Every operation goes through
// sqp::Engine exactly as the C++, CLI and Python doors do. No exception crosses this boundary.
#include "sqp.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

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

int Usage(const char* what, char** out, size_t* out_len) {
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  const std::string doc = sqp::Engine::StandaloneErrorDocument(
      sqp::MakeError(sqp::ErrorCode::kUsage, "", what));
  Hand(doc, out, out_len);
  return SQP_ERR_USAGE;
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
  try {
    auto engine = rulebook_json == nullptr
                      ? sqp::Engine::Create()
                      : sqp::Engine::FromRulebookJson(std::string_view(rulebook_json, rulebook_len));
    if (!engine.ok()) {
      Hand(sqp::Engine::StandaloneErrorDocument(engine.status()), out_error, out_error_len);
      return static_cast<int>(sqp::DescribeError(engine.status()).code);
    }
    *out_engine = new sqp_engine{*std::move(engine)};
    return SQP_OK;
  } catch (const std::bad_alloc&) {
    return SQP_ERR_NOMEM;
  } catch (...) {
    return SQP_ERR_INTERNAL;
  }
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
  if (options->struct_size < sizeof(sqp_engine_options)) {
    return Usage("sqp_engine_new_with_options: options->struct_size is smaller than "
                 "sizeof(sqp_engine_options)", out_error, out_error_len);
  }
  try {
    sqp::EngineOptions o;  // a 0 keeps the default
    if (options->max_input_bytes != 0) o.max_input_bytes = options->max_input_bytes;
    if (options->max_depth != 0) {
      o.max_depth = options->max_depth > 1'000'000 ? 1'000'000 : static_cast<int>(options->max_depth);
    }
    if (options->max_string_bytes != 0) o.max_string_bytes = options->max_string_bytes;
    if (options->max_array_length != 0) o.max_array_length = options->max_array_length;
    if (options->max_object_members != 0) o.max_object_members = options->max_object_members;
    if (options->expected_rulebook_sha256 != nullptr) {
      // At most 65 characters are read: a pin is 64 digits, anything longer is refused.
      const char* pin = options->expected_rulebook_sha256;
      o.expected_rulebook_sha256.assign(pin, strnlen(pin, 65));
      if (o.expected_rulebook_sha256.empty()) o.expected_rulebook_sha256 = "(empty)";
    }
    auto engine = rulebook_json == nullptr
                      ? sqp::Engine::Create(o)
                      : sqp::Engine::FromRulebookJson(std::string_view(rulebook_json, rulebook_len), o);
    if (!engine.ok()) {
      Hand(sqp::Engine::StandaloneErrorDocument(engine.status()), out_error, out_error_len);
      return static_cast<int>(sqp::DescribeError(engine.status()).code);
    }
    *out_engine = new sqp_engine{*std::move(engine)};
    return SQP_OK;
  } catch (const std::bad_alloc&) {
    return SQP_ERR_NOMEM;
  } catch (...) {
    return SQP_ERR_INTERNAL;
  }
}

void sqp_engine_free(sqp_engine* engine) { delete engine; }

int sqp_run(const sqp_engine* engine, const char* operation, const char* input, size_t input_len,
            char** out, size_t* out_len) {
  if (out == nullptr) return SQP_ERR_USAGE;
  *out = nullptr;
  if (out_len) *out_len = 0;
  if (engine == nullptr) return Usage("sqp_run: engine is NULL", out, out_len);
  if (operation == nullptr) return Usage("sqp_run: operation is NULL", out, out_len);
  if (input == nullptr && input_len != 0) return Usage("sqp_run: input is NULL", out, out_len);
  try {
    std::string doc;
    const sqp::ErrorCode code = engine->engine.RunToDocument(
        operation, std::string_view(input ? input : "", input_len), doc);
    const int handed = Hand(doc, out, out_len);
    return handed != SQP_OK ? handed : static_cast<int>(code);
  } catch (const std::bad_alloc&) {
    return SQP_ERR_NOMEM;
  } catch (...) {
    return SQP_ERR_INTERNAL;
  }
}

int sqp_run_batch(const sqp_engine* engine, const char* operation, const char* input,
                  size_t input_len, char** out, size_t* out_len, size_t* out_error_lines) {
  if (out_error_lines) *out_error_lines = 0;
  if (out == nullptr) return SQP_ERR_USAGE;
  *out = nullptr;
  if (out_len) *out_len = 0;
  if (engine == nullptr) return Usage("sqp_run_batch: engine is NULL", out, out_len);
  if (operation == nullptr) return Usage("sqp_run_batch: operation is NULL", out, out_len);
  if (input == nullptr && input_len != 0) return Usage("sqp_run_batch: input is NULL", out, out_len);
  try {
    std::string doc;
    const auto summary = engine->engine.RunBatch(
        operation, std::string_view(input ? input : "", input_len), doc);
    if (out_error_lines) *out_error_lines = summary.errors;
    return Hand(doc, out, out_len);
  } catch (const std::bad_alloc&) {
    return SQP_ERR_NOMEM;
  } catch (...) {
    return SQP_ERR_INTERNAL;
  }
}

void sqp_free(void* buffer) { std::free(buffer); }

}  // extern "C"
