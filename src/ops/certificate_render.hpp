// Human formats of the `certificate` operation (--format text|ics|svg, sqp_render, Engine.render):
// a bilingual schedule, an RFC 5545 iCalendar file with one all-day event per deadline, and an SVG
// timeline. Each is laid out from the typed evaluation the JSON answer is written from
// (certificate_evaluation.hpp), so every door's rendering says what its answer says.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/operation.hpp"
#include "ops/certificate_evaluation.hpp"
#include "sqp/certificate.hpp"
#include "sqp/date.hpp"

namespace sqp::internal {

// One dated point the holder must act on or know about. The ICS file has one VEVENT per
// milestone, the SVG one `class="deadline"` marker per milestone. Milestones on or after a
// revocation date are dropped: a revoked certificate has nothing left to meet.
struct CertificateMilestone {
  std::string_view kind;  // report_due, supervision, upgrade_earliest, renewal_due_by, valid_until
  int anniversary = 0;    // report_due and supervision only
  Date date;
  std::string summary_zh;
  std::string summary_en;
  bool cancelled = false;  // on or after the revocation: nothing left to meet
};
// The certificate's milestones by date. From a revocation date on nothing is left to meet:
// those milestones are left out, or with `keep_cancelled` kept and marked (the calendar
// cancels what an earlier file announced).
std::vector<CertificateMilestone> CertificateMilestones(const CertificateResult& result,
                                                        bool keep_cancelled = false);

// The renderings, as Renderer::render takes them (RenderFrom in certificate_op.cpp). The text
// report passes the document's strings through ReportString; Engine::Render ends it with the
// rulebook line and makes it TerminalSafe.
std::string CertificateTextReport(const Engine& engine, const CertificateEvaluation& e,
                                  const RunContext& context);
// The iCalendar file. Its DTSTAMP is the time the file was made (RFC 5545 3.8.7.2: with a
// METHOD, the time the iCalendar object was created), in seconds since 1970-01-01T00:00:00Z
// (UTC): IcsCreationTime(). The document's as_of is in every event's DESCRIPTION.
std::string CertificateIcsReport(const Engine& engine, const CertificateEvaluation& e,
                                 const RunContext& context);
std::string CertificateIcsAt(const CertificateEvaluation& e, std::int64_t created);
// SOURCE_DATE_EPOCH (the reproducible-builds convention: decimal seconds since 1970, here up to
// the end of 9999) when it is set, otherwise the clock's current time. A SOURCE_DATE_EPOCH that
// is set but not such a number is refused by name (CheckIcsCreationTime, kUsage from Render).
absl::StatusOr<std::int64_t> IcsCreationTime();
absl::Status CheckIcsCreationTime();
std::string CertificateSvgReport(const Engine& engine, const CertificateEvaluation& e,
                                 const RunContext& context);

namespace certificate_format {
// A DATE value (RFC 5545 3.3.4): "20261225".
std::string IcsDate(Date d);
// A DTSTAMP value: `seconds` since 1970-01-01T00:00:00Z as UTC date-time (RFC 5545 3.3.5, form
// 2), "20261207T083000Z". The one form every calendar sqp writes uses for when it was made.
std::string IcsUtcTime(std::int64_t seconds);
// RFC 5545 §3.3.11: TEXT values escape backslash, semicolon, comma and newline.
std::string EscapeIcsText(std::string_view text);
// RFC 5545 §3.1: one content line, folded so no physical line exceeds 75 octets (never inside
// a UTF-8 sequence), each physical line ended by CRLF.
std::string FoldIcsLine(std::string_view line);
// XML character data / attribute value escaping.
std::string EscapeXml(std::string_view text);
}  // namespace certificate_format

}  // namespace sqp::internal
