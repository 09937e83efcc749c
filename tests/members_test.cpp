// READ.MEMBERS (RULES.md §0): every input document is read strictly. Every member of every
// bundled example, at every nesting level, is misspelt in turn: the engine refuses it with its
// JSON pointer and the member meant, or (unknown_members = kNote) answers with one note finding
// INPUT.UNKNOWN_MEMBER listing it. Also the exact numbers the same revision asks for.
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "codec/decode.hpp"
#include "codec/parse.hpp"
#include "json/members.hpp"
#include "sqp/engine.hpp"
#include "test_support.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/" + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const Engine& Strict() {
  static const Engine engine = *Engine::Create();
  return engine;
}
const Engine& Noting() { return test::NotingEngine(); }

// An application with every member sqp.application/1 defines, Annex 2's included.
constexpr const char* kFullApplication = R"({
  "schema": "sqp.application/1", "application_id": "APP-2026-0001", "kind": "renewal",
  "applied_on": "2026-01-15",
  "site": {"name": "中国移动深圳南山科技园营业厅", "type": "business_hall", "address": "深圳市南山区",
           "staff_count": 25, "area_m2": 320.5, "established_on": "2015-06-01",
           "contact": {"name": "王芳", "department": "客户服务部", "mobile": "13800000000",
                       "phone": "0755-1234567", "address": "深圳市南山区", "postcode": "518057",
                       "email": "wf@example.com"},
           "manager": {"name": "李强", "title": "厅经理"},
           "shifts": {"count": 2, "staff_per_shift": 12}, "services": "业务办理、缴费"},
  "enterprise": {"name": "中国移动通信集团广东有限公司深圳分公司", "credit_code": "914403001922038216",
                 "business_registered": true, "legal_representative": "张三", "parent": "中国移动",
                 "telecom_license": {"number": "A2.B1.B2-20090001", "valid_until": "2029-12-31"}},
  "quality_indicators": {"attested": true, "values": {"user_satisfaction_pct": 96.2}},
  "accidents": [{"date": "2019-05-01", "severity": "general", "summary": "小事故"}],
  "regulator_criticisms": [{"date": "2019-11-02", "subject": "enterprise", "document_no": "粤通管〔2019〕1号",
                            "summary": "通报"}],
  "adverse_records": [{"date": "2025-03-01", "regulator_opinion": "no_objection", "source": "12300",
                       "summary": "申诉"}],
  "trained_staff": [{"name": "王伟", "certificate_no": "C1"}, {"name": "李娜", "certificate_no": "C2"}],
  "current_certificate": {"certified_on": "2023-03-20", "grade": "四星级"}
})";

struct Example {
  std::string operation;
  std::string text;
};

std::vector<Example> Examples() {
  std::vector<Example> out = {
      {"eligibility", kFullApplication},
      {"cycle", ReadFile("docs/examples/cycle.json")},
      {"meeting", ReadFile("docs/examples/meeting-ballots.json")},
      {"meeting", ReadFile("docs/examples/meeting.json")},
      {"certificate", ReadFile("docs/examples/certificate-revoked.json")},
      {"certificate", ReadFile("docs/examples/certificate-missing-report.json")},
      {"score", ReadFile("docs/examples/scoresheet-business-hall.json")},
      {"assess", ReadFile("docs/examples/assessment.json")},
      {"rulebook", R"({"schema": "sqp.rulebook-query/1"})"},
      {"bodies", ReadFile("docs/examples/bodies.json")},
  };
  // A certificate with a reapplication, so that every object of sqp.certificate/1 is there.
  bj::object cert = bj::parse(ReadFile("docs/examples/certificate-valid.json")).as_object();
  cert["reapplication"] = bj::object{{"kind", "renewal"}, {"filed_on", "2028-12-01"}};
  out.push_back({"certificate", bj::serialize(cert)});
  // A case with every object of sqp.case/1: the awarded example with a scoresheet, a recorded
  // publicity end, named ballots and a final opinion "other" with its reason.
  bj::object kase = bj::parse(ReadFile("docs/examples/case-awarded.json")).as_object();
  kase["scoresheet"] = bj::parse(ReadFile("docs/examples/scoresheet-business-hall.json"));
  bj::object& steps = kase["steps"].as_object();
  steps["publicity"].as_object()["ends_on"] = "2026-03-15";
  steps["expert_review"].as_object()["motions"] = bj::array{bj::object{
      {"subject", "APP-X"}, {"decision", "stop"},
      {"ballots", bj::array{bj::object{{"voter", "赵专家 Zhao"}, {"vote", "against"}}}}}};
  bj::object& motion = steps["final_review"].as_object()["motions"].as_array()[0].as_object();
  motion["decision"] = "other";
  motion["reason"] = "特殊情况";
  steps.erase("announced_on");
  out.push_back({"case", bj::serialize(kase)});
  return out;
}

std::string Token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Every member of every object in `v`: its parent object's pointer and its name.
void Members(const bj::value& v, const std::string& at,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (const bj::object* o = v.if_object()) {
    for (const auto& kv : *o) {
      out.emplace_back(at, std::string(kv.key()));
      Members(kv.value(), at + "/" + Token(kv.key()), out);
    }
  } else if (const bj::array* a = v.if_array()) {
    for (size_t i = 0; i < a->size(); ++i) Members((*a)[i], at + "/" + std::to_string(i), out);
  }
}

bj::value* At(bj::value& doc, const std::string& pointer) {
  bj::error_code ec;
  bj::value* v = doc.find_pointer(pointer, ec);
  return ec ? nullptr : v;
}

// The name with its middle letter doubled: one edit away, so always near.
std::string Misspelt(const std::string& key) {
  std::string out = key;
  out.insert(out.size() / 2, 1, key[key.size() / 2]);
  return out;
}

// Names the rulebook or the scoresheet's table give (not the schema): these maps check their
// own names, so a misspelling is refused but has no schema member to suggest.
bool InScoreMap(const std::string& parent) {
  return parent.ends_with("/judged") || parent.ends_with("/scoresheet/indicators") ||
         parent == "/indicators";
}

TEST(MembersTest, EveryMemberOfEveryDocumentMisspeltIsRefusedWithTheMemberMeant) {
  size_t checked = 0;
  for (const Example& ex : Examples()) {
    const bj::value original = bj::parse(ex.text);
    ASSERT_TRUE(Strict().Run(ex.operation, ex.text).ok())
        << ex.operation << ": the example itself must pass: " << Strict().Run(ex.operation, ex.text).status();
    std::vector<std::pair<std::string, std::string>> members;
    Members(original, "", members);
    for (const auto& [parent, key] : members) {
      if (key == "schema") continue;  // the schema's own check (kInvalidSchema)
      bj::value doc = original;
      bj::object& o = At(doc, parent)->as_object();
      const std::string typo = Misspelt(key);
      if (o.contains(typo)) continue;
      bj::value moved = o.at(key);  // a copy: inserting may move the members
      o.erase(key);
      o[typo] = std::move(moved);
      const std::string pointer = parent + "/" + Token(typo);
      std::string out;
      ASSERT_EQ(Strict().RunToDocument(ex.operation, bj::serialize(doc), out),
                ErrorCode::kInvalidInput)
          << ex.operation << " " << pointer;
      const bj::value err = bj::parse(out);
      bool found = false;
      for (const bj::value& e : err.at("errors").as_array()) {
        if (e.at("path") != bj::value(pointer)) continue;
        found = true;
        if (!InScoreMap(parent)) {
          EXPECT_EQ(e.at("message"), bj::value("unknown member; did you mean \"" + key + "\"?"))
              << ex.operation << " " << pointer;
        }
      }
      EXPECT_TRUE(found) << ex.operation << ": no error at " << pointer << ": " << out;
      ++checked;

      // Note mode: answered (unless the member was required), the member listed, never read.
      if (InScoreMap(parent)) continue;
      auto noted = Noting().Run(ex.operation, bj::serialize(doc));
      if (!noted.ok()) continue;  // a required member misspelt is still missing
      // One well-formed object: the note is one of the result's findings, never a second
      // "findings" member (codec::ParseDocument refuses a repeated name; bj::parse keeps the
      // last, which hid that bodies and case wrote two).
      const auto strict = codec::ParseDocument(*noted, json::JsonLimits{});
      ASSERT_TRUE(strict.ok()) << ex.operation << " " << pointer << ": " << strict.status() << ": " << *noted;
      const bj::value& r = *strict;
      const bj::array& findings = r.at("findings").as_array();
      const bj::object* note = nullptr;
      for (const bj::value& f : findings) {
        if (f.at("rule") == "INPUT.UNKNOWN_MEMBER") note = &f.as_object();
      }
      ASSERT_NE(note, nullptr) << ex.operation << " " << pointer << ": " << *noted;
      EXPECT_EQ(note->at("status"), "note");
      EXPECT_EQ(note->at("pointers"), bj::array{bj::value(pointer)});
      EXPECT_EQ(note->at("evidence"), bj::value(pointer));
    }
  }
  EXPECT_GT(checked, 150u);  // every member of nine documents
}

TEST(MembersTest, EveryUnknownMemberIsListedNotJustTheFirst) {
  bj::value doc = bj::parse(kFullApplication);
  // A major accident inside the window under a misspelt name: were it ignored, the site would
  // pass ELIG.ACCIDENT.
  doc.as_object().erase("accidents");
  doc.as_object()["acidents"] = bj::array{bj::object{{"date", "2025-05-01"}, {"severity", "major"}}};
  doc.at("site").as_object()["crm"] = 1;
  doc.at("enterprise").at("telecom_license").as_object()["valid_untill"] = "2020-01-01";
  doc.at("adverse_records").at(0).as_object()["grade"] = "major";
  std::string out;
  ASSERT_EQ(Strict().RunToDocument("eligibility", bj::serialize(doc), out), ErrorCode::kInvalidInput);
  std::set<std::string> paths;
  const bj::value err = bj::parse(out);
  for (const bj::value& e : err.at("errors").as_array()) {
    paths.insert(std::string(e.at("path").as_string()));
  }
  EXPECT_EQ(paths, (std::set<std::string>{"/acidents", "/site/crm",
                                          "/enterprise/telecom_license/valid_untill",
                                          "/adverse_records/0/grade"}));
  auto noted = Noting().Run("eligibility", bj::serialize(doc));
  ASSERT_TRUE(noted.ok()) << noted.status();
  const bj::value result = bj::parse(*noted);
  const bj::array& findings = result.at("findings").as_array();
  EXPECT_EQ(findings.back().at("rule"), "INPUT.UNKNOWN_MEMBER");
  // The misspelt accidents are not read: the reverse investigation is not recorded (READ.ABSENT),
  // so the verdict cannot be the favourable one.
  EXPECT_NE(result.at("decision"), "eligible");
  EXPECT_EQ(findings.back().at("pointers").as_array().size(), 4u);
}

// The examples of issue 15: each misspelling used to be ignored and the favourable answer given.
TEST(MembersTest, TheReportedMisspellingsAreRefusedByName) {
  struct Case {
    std::string operation, pointer, suggestion;
    std::string text;
  };
  bj::value app = bj::parse(kFullApplication);
  const auto app_with = [&](const std::string& parent, const std::string& key, bj::value v) {
    bj::value d = app;
    At(d, parent)->as_object()[key] = std::move(v);
    return bj::serialize(d);
  };
  const std::string cert = ReadFile("docs/examples/certificate-valid.json");
  const auto cert_with = [&](const std::string& key, bj::value v) {
    bj::value d = bj::parse(cert);
    d.as_object()[key] = std::move(v);
    return bj::serialize(d);
  };
  bj::value meeting = bj::parse(ReadFile("docs/examples/meeting.json"));
  meeting.at("motions").at(0).as_object()["againts"] = 1;
  const Case cases[] = {
      {"eligibility", "/acidents", "accidents",
       app_with("", "acidents", bj::array{bj::object{{"date", "2025-01-01"}, {"severity", "major"}}})},
      {"eligibility", "/enterprise/telecom_license/valid_untill", "valid_until",
       app_with("/enterprise/telecom_license", "valid_untill", "2020-01-01")},
      {"eligibility", "/quality_indicators/value", "values",
       app_with("/quality_indicators", "value", bj::object{{"user_satisfaction_pct", 50}})},
      {"eligibility", "/quality_indicators/values/user_satisfaction_pct ", "user_satisfaction_pct",
       app_with("/quality_indicators/values", "user_satisfaction_pct ", 50)},
      {"certificate", "/revokation", "revocation",
       cert_with("revokation", bj::object{{"on", "2027-01-01"}, {"trigger", "serious_fault"}})},
      {"certificate", "/report", "reports",
       cert_with("report", bj::array{bj::object{{"anniversary", 1}, {"submitted_on", "2026-12-01"}}})},
      {"meeting", "/motions/0/againts", "against", bj::serialize(meeting)},
  };
  for (const Case& c : cases) {
    std::string out;
    ASSERT_EQ(Strict().RunToDocument(c.operation, c.text, out), ErrorCode::kInvalidInput) << c.pointer;
    const bj::value err = bj::parse(out);
    EXPECT_EQ(err.at("path"), bj::value(c.pointer)) << out;
    EXPECT_EQ(err.at("errors").at(0).at("message"),
              bj::value("unknown member; did you mean \"" + c.suggestion + "\"?")) << out;
  }
  // "revoked_on" is not near any member: the message lists them instead.
  std::string out;
  ASSERT_EQ(Strict().RunToDocument("certificate", cert_with("revoked_on", "2027-01-01"), out),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(bj::parse(out).at("errors").at(0).at("message"),
            "unknown member; expected one of: schema, certificate_no, certified_on, as_of, "
            "reports, revocation, reapplication");
}

TEST(MembersTest, NearestNameFoldsCaseSpaceAndDashesAndAllowsSmallEdits) {
  const std::vector<std::string_view> names = {"accidents", "applied_on", "kind", "site", "values"};
  EXPECT_EQ(json::NearestName("acidents", names), "accidents");
  EXPECT_EQ(json::NearestName("Accidents", names), "accidents");
  EXPECT_EQ(json::NearestName(" accidents\t", names), "accidents");
  EXPECT_EQ(json::NearestName("applied-on", names), "applied_on");
  EXPECT_EQ(json::NearestName("aplpied_on", names), "applied_on");  // a transposition
  EXPECT_EQ(json::NearestName("applied", names), "applied_on");     // cut short
  EXPECT_EQ(json::NearestName("value", names), "values");
  EXPECT_EQ(json::NearestName("kinf", names), "kind");
  EXPECT_EQ(json::NearestName("kn", names), "");  // two edits from a four-letter name
  EXPECT_EQ(json::NearestName("revoked_on", names), "");
  EXPECT_EQ(json::NearestName(std::string(300, 'a'), names), "");
}

// Exact numbers: more decimals than a Decimal holds, or more digits than the double that Boost
// makes of them keeps, are refused at their pointer, never rounded; counts are whole numbers.
TEST(MembersTest, NumbersAreReadExactlyOrRefused) {
  const auto refused_at = [](const std::string& operation, const std::string& text,
                             const std::string& pointer) {
    std::string out;
    EXPECT_EQ(Strict().RunToDocument(operation, text, out), ErrorCode::kInvalidInput) << text;
    EXPECT_EQ(bj::parse(out).at("path"), bj::value(pointer)) << out;
  };
  const auto app_with = [](const std::string& parent, const std::string& key,
                           const std::string& number) {
    std::string text = kFullApplication;
    bj::value doc = bj::parse(text);
    bj::value* p = At(doc, parent);
    p->as_object()[key] = "@@";
    std::string s = bj::serialize(doc);
    s.replace(s.find("\"@@\""), 4, number);
    return s;
  };
  // 94.99999999999999999999 is the double 95: read as 95 it would meet the >= 95 % bound.
  refused_at("eligibility",
             app_with("/quality_indicators/values", "user_satisfaction_pct", "94.99999999999999999999"),
             "/quality_indicators/values/user_satisfaction_pct");
  refused_at("eligibility", app_with("/quality_indicators/values", "user_satisfaction_pct", "95.0000001"),
             "/quality_indicators/values/user_satisfaction_pct");
  refused_at("eligibility", app_with("/quality_indicators/values", "user_satisfaction_pct", "999999999999.999999"),
             "/quality_indicators/values/user_satisfaction_pct");
  refused_at("eligibility", app_with("/site", "area_m2", "1e400"), "/site/area_m2");
  refused_at("eligibility", app_with("/site", "area_m2", "-1e400"), "/site/area_m2");
  refused_at("eligibility", app_with("/site", "staff_count", "25.0"), "/site/staff_count");
  refused_at("eligibility", app_with("/site", "staff_count", "6.5"), "/site/staff_count");
  refused_at("eligibility", app_with("/site", "staff_count", "2.5e1"), "/site/staff_count");
  // Exact ones still pass, trailing zeros and exponents included.
  for (const char* ok : {"95", "95.000000000", "9.5e1", "95.5", "0.000001"}) {
    auto r = Strict().Run("eligibility",
                          app_with("/quality_indicators/values", "user_satisfaction_pct", ok));
    EXPECT_TRUE(r.ok()) << ok << ": " << r.status();
  }
  // A key item at 4.99999999999999999999 against a pass mark of 5 does not pass as 5.
  bj::value sheet = bj::parse(ReadFile("docs/examples/scoresheet-business-hall.json"));
  bj::object& judged = sheet.at("judged").as_object();
  const std::string item(judged.begin()->key());
  judged[item] = "@@";
  std::string text = bj::serialize(sheet);
  text.replace(text.find("\"@@\""), 4, "4.99999999999999999999");
  refused_at("score", text, "/judged/" + item);
}

// Rulebook bounds are decimals like any other: an inexact one is refused at its pointer.
TEST(MembersTest, AnInexactRulebookBoundIsRefused) {
  std::string text = test::EditedRulebookJson([](bj::object& rb) {
    rb["indicators"].as_object()["definitions"].as_object()["user_satisfaction_pct"].as_object()["bound"] = "@@";
  });
  text.replace(text.find("\"@@\""), 4, "94.99999999999999999999");
  auto engine = Engine::FromRulebookJson(text);
  ASSERT_FALSE(engine.ok());
  const ErrorInfo info = DescribeError(engine.status());
  EXPECT_EQ(info.code, ErrorCode::kInvalidRulebook);
  EXPECT_TRUE(test::HasIssueAt(info, "/indicators/definitions/user_satisfaction_pct/bound")) << engine.status();
}

}  // namespace
}  // namespace sqp
