#include "utf8.hpp"

// simdjson.h is large: it is included here only.
#include <simdjson.h>

namespace sqp::json {

bool IsValidUtf8(std::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

}  // namespace sqp::json
