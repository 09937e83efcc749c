// The bodies and people who carry out the procedure (Art. 9, 15-16, 21-23): the certification
// bodies offered to an applicant (BODY.CHOICE, BODY.DISQUALIFY), the experts and evaluators
// (PEOPLE.REMOVAL), and the evaluation's effort in person-days (FEE.PERSON_DAYS). Pure functions
// over typed inputs, written in src/rules/bodies.cpp (GroundInForce, a one-line test the codecs
// use in their loops, stays here); the `bodies` operation (sqp.bodies/1 → sqp.bodies-result/1) is
// their JSON door, and a case (Art. 14) runs the same functions for its commissioned body.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "sqp/vocabulary.hpp"

namespace sqp {

// The rules' IDs and articles, in the order findings are written, from the catalogue.
enum class BodiesRule : std::uint8_t {
#define SQP_BODIES_RULE(enumerator, id, article) enumerator,
#include "sqp/rule_catalogue.def"
};
inline constexpr std::array kBodiesRuleIds = {
#define SQP_BODIES_RULE(enumerator, id, article) std::string_view(id),
#include "sqp/rule_catalogue.def"
};
inline constexpr size_t kBodiesRuleCount = kBodiesRuleIds.size();
inline constexpr std::array kBodiesRuleArticles = {
#define SQP_BODIES_RULE(enumerator, id, article) std::string_view(article),
#include "sqp/rule_catalogue.def"
};
static_assert(static_cast<size_t>(BodiesRule::kPersonDays) + 1 == kBodiesRuleCount);

// Art. 23's six grounds for taking a body's role away, Art. 21's three for removing an expert
// or evaluator, as the Measures word them (1-based, as the articles number them).
inline constexpr int kBodyViolationGrounds = 6;
inline constexpr std::array<std::string_view, kBodyViolationGrounds> kBodyViolationGroundsZh = {
    "不按照规定的标准和程序或简化评价程序",
    "在服务现场评价前对申请单位做出评价承诺",
    "向申请单位乱收费（包括赞助费）或索取财物",
    "派遣不具有电信服务认证审查员资质的人员参加评价小组",
    "不履行保密义务，泄露申请单位商业秘密和个人隐私",
    "被中国认证认可监督管理委员会暂停业务或被注销登记"};
inline constexpr std::array<std::string_view, kBodyViolationGrounds> kBodyViolationGroundsEn = {
    "did not follow the prescribed standards and procedure, or simplified the evaluation",
    "promised a result to the applicant before the site evaluation",
    "charged the applicant improper fees (sponsorship included) or demanded property",
    "sent people without telecom-service certification auditor qualification to the team",
    "breached confidentiality: disclosed the applicant's trade secrets or personal data",
    "was suspended or deregistered by the CNCA"};
inline constexpr int kRemovalGrounds = 3;
inline constexpr std::array<std::string_view, kRemovalGrounds> kRemovalGroundsZh = {
    "不遵守职业道德，不公正对待评定数据，或不按规定进行评审、评价",
    "泄露申请单位的商业秘密，或泄露评价过程和结果",
    "评定前对申请单位进行许诺，或获取不正当利益"};
inline constexpr std::array<std::string_view, kRemovalGrounds> kRemovalGroundsEn = {
    "broke professional ethics, treated the evaluation data unfairly, or did not review or "
    "evaluate as prescribed",
    "disclosed the applicant's trade secrets, or the evaluation's course or result",
    "made promises to the applicant before the evaluation, or took improper benefits"};

enum class PersonRole : std::uint8_t { kExpert, kEvaluator };
inline constexpr std::array<std::string_view, 2> kPersonRoleNames = {"expert", "evaluator"};
inline constexpr std::array<std::string_view, 2> kPersonRoleNamesZh = {"评审专家", "评价小组成员"};

struct DatedGround {
  int ground = 1;  // the article's item, 1-based
  Date on;
};
struct OfferedBody {
  std::string name;
  bool telecom_service_qualification = false;  // 具有电信服务认证资质
  bool ict_quality_system_experience = false;  // 在信息通信行业有质量体系认证经历
  std::vector<DatedGround> violations;         // Art. 23 (1)-(6)
};
struct Person {
  std::string name;
  PersonRole role = PersonRole::kEvaluator;
  std::vector<DatedGround> removals;  // Art. 21 (1)-(3)
};
// The site whose evaluation is sized (FEE.PERSON_DAYS): its type, headcount and shifts.
struct FeeSite {
  SiteType type = SiteType::kBusinessHall;
  std::int64_t staff_count = 0;
  std::int64_t shifts = 1;  // shifts a day; 1 when the site works no shifts
};
struct BodiesInput {
  Date on;  // the day the list is offered, or the evaluation's day
  std::vector<OfferedBody> bodies;
  std::vector<Person> people;
  std::optional<FeeSite> site;
};

// The rulebook's numbers for these rules.
struct BodiesRules {
  int min_qualified_offered = 2;  // BODY.CHOICE: 至少两家
};
// FEE.PERSON_DAYS: the body's effort by site type and staff band, plus each shift beyond the
// first. The Measures leave it to the body's own rules (Art. 16), so the default rulebook ships
// a marked template (template = true), like its scoring tables.
struct PersonDaysBand {
  std::optional<std::int64_t> staff_up_to;  // inclusive; nullopt: no upper bound (the last band)
  Decimal days;
};
struct FeeRules {
  bool template_table = true;
  Decimal association_fee;  // Art. 15: the association charges nothing
  std::array<std::vector<PersonDaysBand>, kSiteTypeCount> person_days;
  Decimal per_additional_shift;
};

struct BodyVerdict {
  bool qualified = false;     // both Art. 22 conditions
  bool disqualified = false;  // an Art. 23 ground dated on or before `on`
  bool may_evaluate() const { return qualified && !disqualified; }
};
struct PersonVerdict {
  bool removed = false;  // an Art. 21 ground dated on or before `on`
};
struct PersonDays {
  Decimal days;
  Decimal association_fee;
  bool template_table = true;
};
struct BodiesResult {
  std::vector<BodyVerdict> bodies;
  std::vector<PersonVerdict> people;
  int offerable = 0;         // bodies that may evaluate
  bool choice_met = false;   // BODY.CHOICE
  std::optional<PersonDays> person_days;  // when the site is given and the rulebook has a table
};

// BODY.DISQUALIFY / PEOPLE.REMOVAL: a ground counts from its day on (inclusive).
inline bool GroundInForce(const DatedGround& g, Date on) { return g.on <= on; }

// FEE.PERSON_DAYS: the first band whose staff_up_to reaches the headcount, plus the shifts
// beyond the first. nullopt when the table has no band for the site (a rulebook validated by
// ParseRulebook always has one: its last band is unbounded).
std::optional<PersonDays> EvaluatePersonDays(const FeeRules& fees, const FeeSite& site);

// BODY.CHOICE, BODY.DISQUALIFY, PEOPLE.REMOVAL on `in.on`, and FEE.PERSON_DAYS when the site is
// given and `fees` is not null.
BodiesResult EvaluateBodies(const BodiesRules& rules, const FeeRules* fees, const BodiesInput& in);

}  // namespace sqp
