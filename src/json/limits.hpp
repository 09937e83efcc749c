// Caps on one JSON document, checked by the parser (parser.hpp) while it reads and respected by
// the fast paths' scanner (scanner.hpp), which declines at them. sqp's defaults are
// EngineOptions' (docs/hardening.md).
#pragma once

#include <cstddef>

namespace sqp::json {

struct JsonLimits {
  size_t max_input_bytes = 4u << 20;  // the whole document
  size_t max_depth = 32;              // nested arrays and objects; the root one is level 1
  size_t max_string_bytes = 64u << 10;  // one string or member name, in bytes after unescaping
  size_t max_array_length = 10'000;     // elements of one array
  size_t max_object_members = 10'000;   // members of one object
};

}  // namespace sqp::json
