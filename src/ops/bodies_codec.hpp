// The codec of the bodies and people of Art. 21-23: the offered bodies and the experts and
// evaluators of sqp.bodies/1, shared by the `bodies` operation and by `case`, which records the
// same lists as bodies_offered and people.
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "codec/decode.hpp"
#include "json/members.hpp"
#include "sqp/bodies.hpp"

namespace sqp::internal {

// The members of one offered body ({"name", "telecom_service_qualification",
// "ict_quality_system_experience", "violations"}) and of one person ({"name", "role",
// "removals"}), from sqp.bodies/1's description (src/ops/bodies_op.cpp).
extern const json::ObjectDef kOfferedBodyMembers;
extern const json::ObjectDef kPersonMembers;

// The lists as readers of a description (src/codec/schema.hpp), for `case`: Read takes an array
// (anything else is an issue, and false) and appends each element to `out`, every problem
// recorded with its pointer; strict reading holds each element to kMembers.
struct OfferedBodyList {
  using Value = std::vector<OfferedBody>;
  static constexpr const json::ObjectDef& kMembers = kOfferedBodyMembers;
  static bool Read(const boost::json::value& v, const json::Loc& at, json::Issues& issues,
                   Value& out);
};
struct PersonList {
  using Value = std::vector<Person>;
  static constexpr const json::ObjectDef& kMembers = kPersonMembers;
  static bool Read(const boost::json::value& v, const json::Loc& at, json::Issues& issues,
                   Value& out);
};

}  // namespace sqp::internal
