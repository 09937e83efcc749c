// sqp's parse of one JSON document: the generic parser (src/json/parser.hpp) with sqp's check of
// exact numbers, its refusals as sqp error statuses (docs/errors.md).
#pragma once

#include <cstddef>
#include <string_view>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "json/limits.hpp"
#include "json/parser.hpp"

namespace sqp::codec {

// Parses `text` as json::ParseDocument does. A number whose double does not give back the
// decimal written (more than Decimal::kPlaces decimals, or more digits than a double holds) is
// stored as json::kInexactNumber, which every number reader refuses. Refused: kInvalidJson for
// text that is not JSON (or repeats a member name), kLimitExceeded beyond a limit.
absl::StatusOr<boost::json::value> ParseDocument(std::string_view text,
                                                 const json::JsonLimits& limits,
                                                 boost::json::storage_ptr storage = {});

// A refusal of the parser as sqp's status: kInvalidJson or kLimitExceeded, with its pointer and
// message.
absl::Status ToStatus(const json::ParseError& error);

}  // namespace sqp::codec
