// The bodies' and people's rules and the person-day table (RULES.md §6; Art. 9, 15-16, 21-23),
// declared in sqp/bodies.hpp.
#include "sqp/bodies.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace sqp {

// FEE.PERSON_DAYS (Art. 15-16): the first band that reaches the headcount, plus the extra shifts.
std::optional<PersonDays> EvaluatePersonDays(const FeeRules& fees, const FeeSite& site) {
  for (const PersonDaysBand& band : fees.person_days[static_cast<size_t>(site.type)]) {
    if (band.staff_up_to && site.staff_count > *band.staff_up_to) continue;
    Decimal days = band.days;
    for (std::int64_t s = 1; s < site.shifts; ++s) days = days + fees.per_additional_shift;
    return PersonDays{days, fees.association_fee, fees.template_table};
  }
  return std::nullopt;
}

BodiesResult EvaluateBodies(const BodiesRules& rules, const FeeRules* fees, const BodiesInput& in) {
  BodiesResult r;
  // BODY.CHOICE (Art. 22) and BODY.DISQUALIFY (Art. 23): qualified, with no ground in force.
  r.bodies.reserve(in.bodies.size());
  for (const OfferedBody& b : in.bodies) {
    BodyVerdict v;
    v.qualified = b.telecom_service_qualification && b.ict_quality_system_experience;
    for (const DatedGround& g : b.violations) v.disqualified = v.disqualified || GroundInForce(g, in.on);
    if (v.may_evaluate()) ++r.offerable;
    r.bodies.push_back(v);
  }
  r.choice_met = r.offerable >= rules.min_qualified_offered;
  // PEOPLE.REMOVAL (Art. 21): a ground in force removes the person.
  r.people.reserve(in.people.size());
  for (const Person& p : in.people) {
    PersonVerdict v;
    for (const DatedGround& g : p.removals) v.removed = v.removed || GroundInForce(g, in.on);
    r.people.push_back(v);
  }
  // FEE.PERSON_DAYS.
  if (fees != nullptr && in.site) r.person_days = EvaluatePersonDays(*fees, *in.site);
  return r;
}

}  // namespace sqp
