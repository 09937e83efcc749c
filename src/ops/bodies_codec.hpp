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
// "removals"}).
extern const json::ObjectDef kOfferedBodyMembers;
extern const json::ObjectDef kPersonMembers;

// Each element of `list` (at `at`) into `out`, every problem recorded with its pointer.
void DecodeOfferedBodies(const boost::json::array& list, const json::Loc& at, json::Issues& issues,
                         std::vector<OfferedBody>& out);
void DecodePeople(const boost::json::array& list, const json::Loc& at, json::Issues& issues,
                  std::vector<Person>& out);

}  // namespace sqp::internal
