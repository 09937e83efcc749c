// Error documents of sqp.cycle/1, sqp.certificate/1, sqp.scoresheet/1 and sqp.application/1, and
// of the assessment that embeds two of them, with every issue in the order it is reported. Each document is read by
// its one description (src/codec/schema.hpp) and its checks across members run as the member they
// concern is read, so a member's problems are listed together, where the member is: the first
// issue is the error's `path`, and the order is what a caller fixing a document goes by.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace sqp {
namespace {

using test::DefaultEngine;

namespace bj = boost::json;

// Every issue of the refusal of `document`, as "path | message".
std::vector<std::string> IssuesOf(const Engine& engine, std::string_view operation,
                                  std::string_view document) {
  auto out = engine.Run(operation, document);
  EXPECT_FALSE(out.ok()) << document;
  if (out.ok()) return {};
  std::vector<std::string> issues;
  for (const Issue& issue : DescribeError(out.status()).issues) {
    issues.push_back(issue.path + " | " + issue.message);
  }
  return issues;
}

struct ErrorDocument {
  std::string_view operation;
  std::string_view document;
  std::vector<std::string> issues;
};

TEST(DocumentIssueOrderTest, EveryIssueInItsPlace) {
  const Engine engine = DefaultEngine();
  const ErrorDocument documents[] = {
      // CYCLE.OBJECTION's issue comes after publicity_starts_on's place and before the objections.
      {"cycle",
       R"({"schema":"sqp.cycle/1","applied_on":"x","materials_received_on":5,)"
       R"("publicity_starts_on":null,"objections":[{"received_on":1,"in_writing":"y"},3,)"
       R"({"has_contact":null},{"received_on":"2026-02-30","in_writing":true,"has_evidence":true,)"
       R"("has_contact":0}]})",
       {
          "/applied_on | \"x\" is not a date of the form YYYY-MM-DD",
          "/materials_received_on | expected a date string YYYY-MM-DD, got a number",
          "/publicity_starts_on | is required when objections are given: an objection is judged against the publicity period",
          "/objections/0/received_on | expected a date string YYYY-MM-DD, got a number",
          "/objections/0/in_writing | expected true or false, got a string",
          "/objections/0/has_evidence | is required",
          "/objections/0/has_contact | is required",
          "/objections/1 | expected an object, got a number",
          "/objections/2/received_on | is required",
          "/objections/2/in_writing | is required",
          "/objections/2/has_evidence | is required",
          "/objections/2/has_contact | is required and must not be null",
          "/objections/3/received_on | \"2026-02-30\" is not a calendar date",
          "/objections/3/has_contact | expected true or false, got a number"}},
      // A malformed publicity_starts_on is its own issue: objections add none.
      {"cycle",
       R"({"schema":"sqp.cycle/1","publicity_starts_on":"bad",)"
       R"("objections":[{"received_on":"2026-01-01"}]})",
       {
          "/publicity_starts_on | \"bad\" is not a date of the form YYYY-MM-DD",
          "/objections/0/in_writing | is required",
          "/objections/0/has_evidence | is required",
          "/objections/0/has_contact | is required"}},
      // Misspelt members, each with the member meant.
      {"cycle",
       R"({"schema":"sqp.cycle/1","applied_on":"2026-01-01","objection":[],)"
       R"("publicity_starts":"2026-01-01"})",
       {
          "/objection | unknown member; did you mean \"objections\"?",
          "/publicity_starts | unknown member; did you mean \"publicity_starts_on\"?"}},
      // Members far from any name are listed in the table's order.
      {"cycle",
       R"({"schema":"sqp.cycle/1","qqqqqqqqqq":1,"objections":[{"qqqqqqqqqq":1}]})",
       {
          "/qqqqqqqqqq | unknown member; expected one of: schema, applied_on, materials_received_on, publicity_starts_on, objections",
          "/objections/0/qqqqqqqqqq | unknown member; expected one of: received_on, in_writing, has_evidence, has_contact"}},
      // Each report's checks (a repeated anniversary) follow its own members' issues.
      {"certificate",
       R"({"schema":"sqp.certificate/1","certificate_no":5,"certified_on":"2024-13-01",)"
       R"("reports":[{"anniversary":0,"submitted_on":"x","significant_change":"y","result":3},7,)"
       R"({"anniversary":2,"submitted_on":"2020-01-01","result":{}},{"anniversary":2,)"
       R"("submitted_on":"2025-01-01","result":{"significant_change":1}}],)"
       R"("revocation":{"on":"bad","trigger":"nope"},"reapplication":{"kind":3,"filed_on":null}})",
       {
          "/certificate_no | expected a string, got a number",
          "/certified_on | \"2024-13-01\" is not a calendar date",
          "/as_of | is required",
          "/reports/0/anniversary | must be a whole number from 1 to 1000, got 0",
          "/reports/0/submitted_on | \"x\" is not a date of the form YYYY-MM-DD",
          "/reports/0/significant_change | expected true or false, got a string",
          "/reports/0/result | expected an object, got a number",
          "/reports/1 | expected an object, got a number",
          "/reports/2/result/significant_change | is required",
          "/reports/3/result/significant_change | expected true or false, got a number",
          "/reports/3/anniversary | a report for anniversary 2 is already given at /reports/2; give one report per anniversary",
          "/revocation/on | \"bad\" is not a date of the form YYYY-MM-DD",
          "/revocation/trigger | unknown value \"nope\"; expected one of: serious_fault, serious_complaints, serious_violation, supervision_nonconformity",
          "/reapplication/kind | expected one of: renewal, upgrade; got a number",
          "/reapplication/filed_on | is required and must not be null"}},
      // The rulebook's anniversaries and certified_on are checked report by report, then revocation
      // and reapplication each after its own members.
      {"certificate",
       R"({"schema":"sqp.certificate/1","certified_on":"2024-03-01","as_of":5,)"
       R"("reports":[{"anniversary":7,"submitted_on":"2023-01-01"},{"anniversary":1,)"
       R"("submitted_on":3},{"anniversary":1,"submitted_on":"2025-04-01",)"
       R"("result":{"significant_change":"x"}},{"anniversary":1,"submitted_on":"2020-04-01",)"
       R"("result":null},{"anniversary":1.5,"submitted_on":"2025-04-01"}],)"
       R"("revocation":{"on":"2020-01-01","trigger":5},"reapplication":{"kind":"renew",)"
       R"("filed_on":"2020-01-01"}})",
       {
          "/as_of | expected a date string YYYY-MM-DD, got a number",
          "/reports/0/anniversary | anniversary 7 is not one of the rulebook's supervision anniversaries (1, 2)",
          "/reports/0/submitted_on | 2023-01-01 is before certified_on 2024-03-01",
          "/reports/1/submitted_on | expected a date string YYYY-MM-DD, got a number",
          "/reports/2/result/significant_change | expected true or false, got a string",
          "/reports/2/anniversary | a report for anniversary 1 is already given at /reports/1; give one report per anniversary",
          "/reports/3/anniversary | a report for anniversary 1 is already given at /reports/1; give one report per anniversary",
          "/reports/3/anniversary | a report for anniversary 1 is already given at /reports/2; give one report per anniversary",
          "/reports/3/submitted_on | 2020-04-01 is before certified_on 2024-03-01",
          "/reports/4/anniversary | expected a whole number written without a fraction or exponent, got 1.5",
          "/revocation/trigger | expected one of: serious_fault, serious_complaints, serious_violation, supervision_nonconformity; got a number",
          "/revocation/on | 2020-01-01 is before certified_on 2024-03-01; nothing to revoke yet",
          "/reapplication/kind | unknown value \"renew\"; expected one of: renewal, upgrade",
          "/reapplication/filed_on | 2020-01-01 is before certified_on 2024-03-01; a renewal or upgrade refers to this certificate"}},
      // Members of the wrong kind.
      {"certificate",
       R"({"schema":"sqp.certificate/1","certified_on":"2024-03-01","as_of":"2025-01-01",)"
       R"("reports":{},"revocation":[],"reapplication":"x"})",
       {
          "/reports | expected an array, got an object",
          "/revocation | expected an object, got an array",
          "/reapplication | expected an object, got a string"}},
      // Strict reading inside reports and their results.
      {"certificate",
       R"({"schema":"sqp.certificate/1","certified_on":null,"reports":[{"anniversary":2000,)"
       R"("submitted_on":"2024-01-01","result":{"significant_change":true,"sig":1}, "reslt":1}],)"
       R"("revocatoin":{}})",
       {
          "/reports/0/result/sig | unknown member; expected one of: significant_change",
          "/reports/0/reslt | unknown member; did you mean \"result\"?",
          "/revocatoin | unknown member; did you mean \"revocation\"?"}},
      // Members far from any name, at every level, are listed in each table's order.
      {"certificate",
       R"({"schema":"sqp.certificate/1","qqqqqqqqqq":1,"reports":[{"qqqqqqqqqq":1,)"
       R"("result":{"qqqqqqqqqq":1}}],"revocation":{"qqqqqqqqqq":1},)"
       R"("reapplication":{"qqqqqqqqqq":1}})",
       {
          "/qqqqqqqqqq | unknown member; expected one of: schema, certificate_no, certified_on, as_of, reports, revocation, reapplication",
          "/reports/0/qqqqqqqqqq | unknown member; expected one of: anniversary, submitted_on, significant_change, result",
          "/reports/0/result/qqqqqqqqqq | unknown member; expected one of: significant_change",
          "/revocation/qqqqqqqqqq | unknown member; expected one of: on, trigger",
          "/reapplication/qqqqqqqqqq | unknown member; expected one of: kind, filed_on"}},
      // Without a site type no item id is checked; indicator names still are, each after its value.
      {"score",
       R"({"schema":"sqp.scoresheet/1","site_type":"hall","judged":{"zz":1,"environment":"x"},)"
       R"("indicators":{"nope":"x","service_response_min":-1}})",
       {
          "/site_type | unknown value \"hall\"; expected one of: business_hall, customer_service_center, installation_maintenance_center, other_ict",
          "/judged/environment | expected a number, got a string",
          "/indicators/nope | expected a number, got a string",
          "/indicators/nope | unknown indicator \"nope\"; the rulebook defines: service_response_min, fault_repair_hours, user_satisfaction_pct, network_availability_pct, complaint_first_response_hours, request_ack_min, initial_handling_hours, detailed_handling_hours"}},
      // An unknown item id is named after the value before it and before the value after it; the
      // scoring checks come last, item by item.
      {"score",
       R"({"schema":"sqp.scoresheet/1","site_type":"business_hall","judged":{"zz":1,)"
       R"("environment":"x","yy":-1,"facilities":999,"staffing":-1,"accessibility":0.55,)"
       R"("service_response":3,"safety":4,"management_system":3,"reception":5.5,)"
       R"("business_handling":6,"privacy":5,"queue_management":4,"complaint_rate":5,)"
       R"("commitment_kept":4.5,"improvement":4,"mystery_shopping":3.5},"indicators":{"nope":"x",)"
       R"("service_response_min":-1,"request_ack_min":null,"complaint_first_response_hours":12}})",
       {
          "/judged/zz | no item \"zz\" in the business_hall table; judged items: environment, facilities, staffing, accessibility, disclosure, safety, management_system, reception, business_handling, privacy, queue_management, complaint_rate, commitment_kept, improvement, mystery_shopping",
          "/judged/environment | expected a number, got a string",
          "/judged/yy | no item \"yy\" in the business_hall table",
          "/indicators/nope | expected a number, got a string",
          "/indicators/nope | unknown indicator \"nope\"; the rulebook defines: service_response_min, fault_repair_hours, user_satisfaction_pct, network_availability_pct, complaint_first_response_hours, request_ack_min, initial_handling_hours, detailed_handling_hours",
          "/indicators/request_ack_min | expected a number, got null",
          "/judged/facilities | points 999 exceed the item's max 5",
          "/judged/staffing | points must be 0 or more, got -1",
          "/judged/accessibility | points 0.55 are finer than the scoring precision (1 decimal, step 0.1)",
          "/judged/disclosure | is required: item \"disclosure\" (Tariff and service-commitment disclosure) is scored by judgement, 0 to 4 points; give 0 if it earned none",
          "/judged/service_response | item \"service_response\" is scored by its linear rule on indicator \"service_response_min\"; give the measured value under /indicators, not points",
          "/indicators/user_satisfaction_pct | is required: item \"user_satisfaction\" (User satisfaction) is scored on the measured user satisfaction (%)",
          "/indicators/service_response_min | a measured value must be 0 or more, got -1"}},
      // Shapes of the wrong kind.
      {"score",
       R"({"schema":"sqp.scoresheet/1","site_type":5,"judged":[],"indicators":3})",
       {
          "/site_type | expected one of: business_hall, customer_service_center, installation_maintenance_center, other_ict; got a number",
          "/judged | expected an object, got an array",
          "/indicators | expected an object, got a number"}},
      // The item ids' map lets any name through to the codec; the root lists its members in order.
      {"score",
       R"({"schema":"sqp.scoresheet/1","qqqqqqqqqq":1,"judged":{"qqqqqqqqqq":{"x":1}}})",
       {
          "/qqqqqqqqqq | unknown member; expected one of: schema, site_type, judged, indicators"}},
      // sqp.application/1 lists site's "name" before "type" and enterprise's strings last, but
      // reads them in the order its issues have always come (ReadInOrder).
      {"eligibility",
       R"({"schema":"sqp.application/1","kind":"initial","applied_on":"2026-03-20",)"
       R"("site":{"name":5,"type":"shop"},"enterprise":{"name":"E","credit_code":2,)"
       R"("legal_representative":1,"parent":3}})",
       {
          "/site/type | unknown value \"shop\"; expected one of: business_hall, customer_service_center, installation_maintenance_center, other_ict",
          "/site/name | expected a string, got a number",
          "/enterprise/legal_representative | expected a string, got a number",
          "/enterprise/parent | expected a string, got a number",
          "/enterprise/credit_code | expected a string, got a number"}},
  };
  for (const ErrorDocument& d : documents) {
    SCOPED_TRACE(d.document);
    EXPECT_EQ(IssuesOf(engine, d.operation, d.document), d.issues);
  }
}

// The embedded cycle ("procedure") and scoresheet report at their pointers in the assessment, in
// the same order as on their own, with the assessment's own check after the procedure's.
TEST(DocumentIssueOrderTest, EmbeddedCycleAndScoresheet) {
  const Engine engine = DefaultEngine();
  bj::object doc = bj::parse(test::ReadExample("assessment.json")).as_object();
  doc["procedure"] = bj::parse(
      R"({"materials_received_on":"2026-01-31","applied_on":"2026-01-01",)"
      R"("objections":[{"received_on":"2026-03-12","in_writing":"yes"}]})");
  doc["scoresheet"] = bj::parse(
      R"({"site_type":"business_hall","judged":{"zz":1,"environment":"x","facilities":9,)"
      R"("staffing":5,"accessibility":3.5,"disclosure":4,"safety":4,"management_system":3,)"
      R"("reception":5.5,"business_handling":6,"privacy":5,"queue_management":4,)"
      R"("complaint_rate":5,"commitment_kept":4.5,"improvement":4,"mystery_shopping":3.5},)"
      R"("indicators":{"nope":1,"service_response_min":35,"request_ack_min":8,)"
      R"("complaint_first_response_hours":12,"user_satisfaction_pct":96.2}})");
  const std::vector<std::string> want = {
      "/procedure/publicity_starts_on | is required when objections are given: an objection is "
      "judged against the publicity period",
      "/procedure/objections/0/in_writing | expected true or false, got a string",
      "/procedure/objections/0/has_evidence | is required",
      "/procedure/objections/0/has_contact | is required",
      "/procedure/applied_on | the filing date is the application's applied_on; do not repeat it "
      "here",
      "/scoresheet/judged/zz | no item \"zz\" in the business_hall table; judged items: "
      "environment, facilities, staffing, accessibility, disclosure, safety, management_system, "
      "reception, business_handling, privacy, queue_management, complaint_rate, commitment_kept, "
      "improvement, mystery_shopping",
      "/scoresheet/judged/environment | expected a number, got a string",
      "/scoresheet/indicators/nope | unknown indicator \"nope\"; the rulebook defines: "
      "service_response_min, fault_repair_hours, user_satisfaction_pct, network_availability_pct, "
      "complaint_first_response_hours, request_ack_min, initial_handling_hours, "
      "detailed_handling_hours",
      "/scoresheet/judged/facilities | points 9 exceed the item's max 5",
  };
  EXPECT_EQ(IssuesOf(engine, "assess", bj::serialize(doc)), want);
}

}  // namespace
}  // namespace sqp
