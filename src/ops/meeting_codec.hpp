// The codec of review meetings (VOTE.*): sqp.meeting/1 → MeetingInput, MeetingResult → the
// members of sqp.meeting-result/1. Shared by the `meeting` operation and by `case`, which
// embeds both meetings of Art. 14(7) and 14(9) under steps.expert_review / steps.final_review.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "codec/decode.hpp"
#include "codec/encode.hpp"
#include "json/members.hpp"
#include "sqp/meeting.hpp"

namespace sqp::internal {

// The members of sqp.meeting/1 ("schema" included: an embedded meeting may carry it), from its
// description (src/ops/meeting_op.cpp).
extern const json::ObjectDef kMeetingMembers;

// Decodes the meeting object at `at`, recording every problem with its pointer in `issues`,
// VOTE.CONSISTENCY included (present <= members, votes <= present, each named voter an
// attendee voting once). True when the meeting is read whole. `attendees`, when not null,
// receives the "attendees" names in their order (empty when the minutes give counts only).
bool DecodeMeeting(const boost::json::value& input, const json::Loc& at, json::Issues& issues,
                   MeetingInput& out, std::vector<std::string>* attendees);

// Writes the members of sqp.meeting-result/1 after "schema" and "rulebook" (or inside an object
// the caller opened): body, mode, valid, quorum, thresholds, motions.
void WriteMeeting(const MeetingInput& in, const MeetingResult& r, json::Writer& w);

}  // namespace sqp::internal
