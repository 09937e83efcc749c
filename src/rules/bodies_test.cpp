// Bodies and people (BODY.CHOICE, BODY.DISQUALIFY, PEOPLE.REMOVAL, FEE.PERSON_DAYS; Art. 9,
// 15-16, 21-23): the typed rules on both sides of each boundary, the `bodies` operation's JSON
// door, and the rulebook's `bodies` and `fees` sections.
#include "test_support.hpp"
#include "sqp/bodies.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "sqp.h"
#include "sqp/engine.hpp"

namespace sqp {
namespace {

using test::D;
using test::DefaultEngine;
namespace bj = boost::json;

bj::object Body(std::string_view name, bool qualification = true, bool experience = true,
                bj::array violations = {}) {
  return {{"name", name},
          {"telecom_service_qualification", qualification},
          {"ict_quality_system_experience", experience},
          {"violations", std::move(violations)}};
}

bj::object Doc(std::string_view on, bj::array bodies, bj::array people = {}) {
  return {{"schema", "sqp.bodies/1"}, {"on", on}, {"bodies", std::move(bodies)},
          {"people", std::move(people)}};
}

bj::object Result(const Engine& engine, const bj::object& doc) {
  auto out = engine.Run("bodies", bj::serialize(doc));
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? bj::parse(*out).as_object() : bj::object{};
}

// The statuses of one rule's findings, in order.
std::vector<std::string> StatusesOf(const bj::object& result, std::string_view rule) {
  std::vector<std::string> out;
  for (const bj::value& f : result.at("findings").as_array()) {
    if (f.at("rule").as_string() == rule) out.emplace_back(f.at("status").as_string());
  }
  return out;
}

TEST(BodiesTest, ADisqualifyingGroundCountsFromItsDayOn) {
  const Engine engine = DefaultEngine();
  for (int ground = 1; ground <= kBodyViolationGrounds; ++ground) {
    // BODY.DISQUALIFY: a ground dated on the day bars the body; dated the day after, not yet.
    const bj::array on_the_day = {bj::object{{"ground", ground}, {"on", "2026-04-10"}}};
    const bj::array day_after = {bj::object{{"ground", ground}, {"on", "2026-04-11"}}};
    bj::object r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B", true, true, on_the_day)}));
    EXPECT_EQ(r.at("bodies").at(1).at("disqualified"), true);
    EXPECT_EQ(r.at("bodies").at(1).at("may_evaluate"), false);
    EXPECT_EQ(StatusesOf(r, "BODY.DISQUALIFY"), std::vector<std::string>{"fail"});
    // Only one body may evaluate: BODY.CHOICE fails at its threshold of 2.
    EXPECT_EQ(r.at("choice").at("met"), false);
    EXPECT_EQ(StatusesOf(r, "BODY.CHOICE"), std::vector<std::string>{"fail"});
    r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B", true, true, day_after)}));
    EXPECT_EQ(r.at("bodies").at(1).at("may_evaluate"), true);
    EXPECT_EQ(StatusesOf(r, "BODY.DISQUALIFY"), std::vector<std::string>{"note"});
    EXPECT_EQ(r.at("choice").at("met"), true);
    // The finding names the ground by its Art. 23 item and points at it.
    r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B", true, true, on_the_day)}));
    const bj::object* finding = nullptr;
    for (const bj::value& f : r.at("findings").as_array()) {
      if (f.at("rule") == "BODY.DISQUALIFY") finding = &f.as_object();
    }
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->at("evidence"), "/bodies/1/violations/0");
    EXPECT_NE(std::string(finding->at("message").as_string()).find("Art. 23(" + std::to_string(ground) + ")"),
              std::string::npos);
    EXPECT_NE(std::string(finding->at("message_zh").as_string())
                  .find(kBodyViolationGroundsZh[static_cast<size_t>(ground - 1)]),
              std::string::npos);
  }
}

TEST(BodiesTest, ChoiceNeedsTwoBodiesMeetingBothConditions) {
  const Engine engine = DefaultEngine();
  // Each missing condition is a finding at its member; only bodies meeting both count.
  bj::object r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B", false, true),
                                                   Body("C", true, false)}));
  EXPECT_EQ(r.at("choice").at("may_evaluate"), 1);
  EXPECT_EQ(r.at("choice").at("met"), false);
  EXPECT_EQ(StatusesOf(r, "BODY.CHOICE"), (std::vector<std::string>{"fail", "fail", "fail"}));
  EXPECT_EQ(r.at("findings").at(0).at("evidence"), "/bodies/1/telecom_service_qualification");
  EXPECT_EQ(r.at("findings").at(1).at("evidence"), "/bodies/2/ict_quality_system_experience");
  r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B")}));
  EXPECT_EQ(StatusesOf(r, "BODY.CHOICE"), std::vector<std::string>{"pass"});
  r = Result(engine, Doc("2026-04-10", {}));
  EXPECT_EQ(r.at("choice").at("met"), false);
  // The threshold is the rulebook's.
  const Engine three = test::EngineWithEditedRulebook(
      [](bj::object& rb) { rb["bodies"] = bj::object{{"min_qualified_offered", 3}}; });
  r = Result(three, Doc("2026-04-10", {Body("A"), Body("B")}));
  EXPECT_EQ(r.at("choice").at("met"), false);
  EXPECT_EQ(r.at("choice").at("required"), 3);
  r = Result(three, Doc("2026-04-10", {Body("A"), Body("B"), Body("C")}));
  EXPECT_EQ(r.at("choice").at("met"), true);
}

TEST(BodiesTest, ARemovedPersonIsRemovedFromTheDayOfTheGround) {
  const Engine engine = DefaultEngine();
  for (int ground = 1; ground <= kRemovalGrounds; ++ground) {
    for (const auto& [date, removed] : {std::pair{"2026-04-10", true}, std::pair{"2026-04-11", false}}) {
      const bj::array people = {bj::object{
          {"name", "Qian"}, {"role", "evaluator"},
          {"removals", bj::array{bj::object{{"ground", ground}, {"on", date}}}}}};
      const bj::object r = Result(engine, Doc("2026-04-10", {Body("A"), Body("B")}, people));
      EXPECT_EQ(r.at("people").at(0).at("removed"), removed) << date;
      EXPECT_EQ(StatusesOf(r, "PEOPLE.REMOVAL"),
                std::vector<std::string>{removed ? "fail" : "note"});
    }
  }
}

TEST(BodiesTest, PersonDaysFromTheRulebooksBandsAndShifts) {
  const Engine engine = DefaultEngine();
  const Rulebook& rb = engine.rulebook();
  ASSERT_TRUE(rb.fees.has_value());
  EXPECT_TRUE(rb.fees->template_table);
  EXPECT_EQ(rb.fees->association_fee, Decimal());
  // Each band's edge, from the rulebook's own table (not restated here), and one past it.
  for (size_t type = 0; type < kSiteTypeCount; ++type) {
    const auto& bands = rb.fees->person_days[type];
    ASSERT_FALSE(bands.empty());
    EXPECT_FALSE(bands.back().staff_up_to.has_value());
    for (size_t i = 0; i + 1 < bands.size(); ++i) {
      const std::int64_t edge = *bands[i].staff_up_to;
      const FeeSite at{static_cast<SiteType>(type), edge, 1};
      const FeeSite past{static_cast<SiteType>(type), edge + 1, 1};
      EXPECT_EQ(EvaluatePersonDays(*rb.fees, at)->days, bands[i].days);
      EXPECT_EQ(EvaluatePersonDays(*rb.fees, past)->days, bands[i + 1].days);
    }
  }
  // Shifts beyond the first add per_additional_shift each.
  const FeeSite three_shifts{SiteType::kBusinessHall, 25, 3};
  EXPECT_EQ(EvaluatePersonDays(*rb.fees, three_shifts)->days,
            rb.fees->person_days[0][1].days + rb.fees->per_additional_shift +
                rb.fees->per_additional_shift);
  // Through the JSON door: the example's 25 staff in 2 shifts.
  const bj::object r = Result(DefaultEngine(), bj::parse(test::ReadExample("bodies.json")).as_object());
  EXPECT_EQ(r.at("person_days").at("days"), 2);
  EXPECT_EQ(r.at("person_days").at("association_fee"), 0);
  EXPECT_EQ(r.at("person_days").at("template"), true);
  EXPECT_EQ(StatusesOf(r, "FEE.PERSON_DAYS"), std::vector<std::string>{"note"});
}

TEST(BodiesTest, RulebookFeesAndBodiesAreOptionalAndValidated) {
  // A rulebook written before them still loads: no person-days, the Measures' 2.
  const Engine old = test::EngineWithEditedRulebook([](bj::object& rb) {
    rb.erase("fees");
    rb.erase("bodies");
  });
  EXPECT_FALSE(old.rulebook().fees.has_value());
  EXPECT_EQ(old.rulebook().bodies.min_qualified_offered, 2);
  bj::object doc = bj::parse(test::ReadExample("bodies.json")).as_object();
  const bj::object r = Result(old, doc);
  EXPECT_TRUE(r.at("person_days").is_null());
  EXPECT_EQ(StatusesOf(r, "FEE.PERSON_DAYS"), std::vector<std::string>{"note"});

  auto refused_at = [](auto edit, std::string_view path) {
    auto e = Engine::FromRulebookJson(test::EditedRulebookJson(edit));
    ASSERT_FALSE(e.ok()) << path;
    EXPECT_TRUE(test::HasIssueAt(DescribeError(e.status()), path)) << e.status();
  };
  refused_at([](bj::object& rb) { rb["fees"].as_object()["association_fee"] = 100; },
             "/fees/association_fee");
  refused_at([](bj::object& rb) {
    rb["fees"].as_object()["person_days"].as_object()["other_ict"] =
        bj::array{bj::object{{"staff_up_to", 20}, {"days", 1}}};  // no unbounded last band
  }, "/fees/person_days/other_ict/0/staff_up_to");
  refused_at([](bj::object& rb) {
    rb["fees"].as_object()["person_days"].as_object()["other_ict"] = bj::array{
        bj::object{{"staff_up_to", 20}, {"days", 1}}, bj::object{{"staff_up_to", 10}, {"days", 2}},
        bj::object{{"staff_up_to", nullptr}, {"days", 3}}};
  }, "/fees/person_days/other_ict/1/staff_up_to");
  refused_at([](bj::object& rb) {
    rb["fees"].as_object()["person_days"].as_object()["other_ict"].as_array()[0].as_object()["days"] = 0;
  }, "/fees/person_days/other_ict/0/days");
  refused_at([](bj::object& rb) { rb["fees"].as_object()["person_day"] = 1; }, "/fees/person_day");
  refused_at([](bj::object& rb) { rb["bodies"].as_object()["min_qualified_offered"] = 0; },
             "/bodies/min_qualified_offered");
}

TEST(BodiesTest, ThroughTheCAbi) {
  sqp_engine* engine = nullptr;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr), SQP_OK);
  const std::string doc = test::ReadExample("bodies.json");
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(sqp_run(engine, "bodies", doc.data(), doc.size(), &out, &len), SQP_OK);
  const std::string c(out, len);
  sqp_free(out);
  EXPECT_EQ(c, *DefaultEngine().Run("bodies", doc));
  ASSERT_EQ(sqp_render(engine, "bodies", "text", doc.data(), doc.size(), &out, &len), SQP_OK);
  EXPECT_NE(std::string(out, len).find("FEE.PERSON_DAYS"), std::string::npos);
  sqp_free(out);
  sqp_engine_free(engine);
}

}  // namespace
}  // namespace sqp
