// The typed rulebook (`sqp.rulebook/1`): every number RULES.md uses, as data.
//
// A later revision of the Measures changes a rulebook file, not code. The default rulebook is
// compiled in (src/rulebook/default_rulebook.json); any other is parsed and validated in full by
// ParseRulebook, which lists every problem with its JSON pointer. A Rulebook is immutable once
// made and identified by id, version and the SHA-256 of its canonical serialisation.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sqp/bodies.hpp"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "sqp/fraction.hpp"
#include "sqp/scoring_rules.hpp"
#include "sqp/vocabulary.hpp"

namespace sqp {

struct RulebookIdentity {
  std::string id;
  std::string version;
  std::string sha256;  // 64 lowercase hex digits
};

// ELIG.* (Art. 11, 14(4)).
struct EligibilityRules {
  // Window (RULES.md §1): applied_on - lookback_years .. applied_on joined with the calendar
  // years B - lookback_years .. B - 1 of the batch year B (EligibilityWindow).
  int lookback_years = 3;
  // ELIG.ACCIDENT: grades that disqualify (较大 and above).
  std::array<bool, kAccidentSeverityCount> disqualifying_severity = {false, true, true, true};
  // ELIG.TRAINED_STAFF: distinct certificate numbers needed (至少两名).
  int min_trained_staff = 2;
};

// CYCLE.* (Art. 14(3), (6), (8)).
struct CalendarRules {
  // Batch i is accepted in acceptance_months[i] and announced in announcement_months[i] of the
  // same year; both strictly increasing, 1..12, announcement >= acceptance.
  std::vector<int> acceptance_months = {1, 4, 7, 10};
  std::vector<int> announcement_months = {3, 6, 9, 12};
  int report_due_months = 1;  // CYCLE.REPORT_DUE
  int publicity_days = 7;     // CYCLE.PUBLICITY (natural days)
};

// VOTE.* (Art. 14(7), 14(9)): one per meeting body.
struct MeetingRules {
  Fraction quorum = {2, 3};    // share of members who must attend
  Fraction decision = {2, 3};  // share of those present who must vote for
};

// CERT.*, SUP.*, REAPPLY.* (Art. 14(12)-(14)).
struct CertificateRules {
  int validity_years = 3;
  // false (default, Civil Code): valid through D + 3 years. true: the issue day counts as day
  // one, valid through D + 3 years - 1 day, and every date derived from it follows.
  bool issue_day_is_day_one = false;
  std::vector<int> supervision_anniversaries = {1, 2};  // years after D
  int supervision_report_lead_months = 3;
  int renewal_lead_months = 3;
  int upgrade_min_months = 6;
  int upgrade_lead_months = 3;
};

// ELIG.INDICATORS / SCORE.INDICATORS (Art. 11(3)).
enum class BoundDirection { kAtMost, kAtLeast };
struct IndicatorDefinition {
  std::string name;  // "user_satisfaction_pct"
  BoundDirection direction = BoundDirection::kAtLeast;
  Decimal bound;
  std::string unit;
  std::string label_en;
  std::string label_zh;
  bool Meets(Decimal value) const {
    return direction == BoundDirection::kAtMost ? value <= bound : value >= bound;
  }
};
struct IndicatorRules {
  std::vector<IndicatorDefinition> definitions;
  // Indexes into `definitions`, per site type.
  std::array<std::vector<int>, kSiteTypeCount> required_by_site_type;
  const IndicatorDefinition* Find(std::string_view name) const {
    for (const auto& d : definitions) {
      if (d.name == name) return &d;
    }
    return nullptr;
  }
};

struct Rulebook {
  RulebookIdentity identity;
  std::string title;
  // ELIG.IN_FORCE (Art. 25): the day the Measures took effect; a filing before it gets a note.
  Date in_force_from = Date::FromYmdUnchecked(2020, 5, 17);
  EligibilityRules eligibility;
  CalendarRules calendar;
  MeetingRules expert_review;
  MeetingRules final_review;
  CertificateRules certificate;
  IndicatorRules indicators;
  ScoringRules scoring;
  RestCalendar rest_days;  // READ.REST; empty in the default rulebook
  BodiesRules bodies;      // BODY.CHOICE (optional in a rulebook: the Measures' 2)
  std::optional<FeeRules> fees;  // FEE.PERSON_DAYS (optional: absent, no person-days)
};

// The compiled-in default rulebook's JSON text.
std::string_view DefaultRulebookJson();

// Parses and validates a `sqp.rulebook/1` document. Every problem is listed (kInvalidRulebook,
// or kInvalidJson when the text is not JSON) with its JSON pointer.
absl::StatusOr<Rulebook> ParseRulebook(std::string_view json);

// The canonical serialisation the identity hashes: object keys sorted, no insignificant
// whitespace. Reformatting a file or reordering its keys does not change it.
absl::StatusOr<std::string> CanonicalRulebookJson(std::string_view json);

// Lowercase hex SHA-256 (OpenSSL libcrypto).
std::string Sha256Hex(std::string_view data);

}  // namespace sqp
