// The eligibility fast path (DecodeApplicationText: schema::ScanDocument, src/codec/schema.hpp)
// against the general path it stands in for (ParseDocument + CheckSchema + DecodeApplication):
// on every document it accepts it must build the same Application, and it must decline every
// document the general path refuses. Also checked that it does accept the common shape, so that
// a fast path which always declines cannot pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "engine/operation.hpp"
#include "codec/decode.hpp"
#include "codec/parse.hpp"
#include "ops/eligibility_codec.hpp"
#include "sqp/engine.hpp"
#include "strings.hpp"
#include "test_support.hpp"
#include "hardening/fuzz/fuzz_common.hpp"

namespace sqp {
namespace {

namespace bj = boost::json;
using internal::DecodeApplicationText;
using test::CollectPointers;

// Every field of an Application, spelled out, so two decodings can be compared exactly.
std::string Dump(const Application& a) {
  std::ostringstream o;
  const auto date = [](Date d) { return d.ToString(); };
  const auto opt_view = [](const std::optional<std::string_view>& v) {
    if (!v) return std::string("none");
    std::string quoted(1, '"');  // appended, not '+'-chained: GCC 12 warns falsely (-Wrestrict)
    quoted.append(*v);
    quoted += '"';
    return quoted;
  };
  o << "id=" << opt_view(a.application_id) << " kind=" << static_cast<int>(a.kind)
    << " applied_on=" << date(a.applied_on) << " site_type=" << static_cast<int>(a.site_type)
    << " registered=" << (a.business_registered ? (*a.business_registered ? "true" : "false") : "none")
    << " credit_code=" << opt_view(a.credit_code) << " license=";
  if (!a.telecom_license) {
    o << "none";
  } else if (!a.telecom_license->valid_until) {
    o << "no-expiry";
  } else {
    o << date(*a.telecom_license->valid_until);
  }
  o << " has_qi=" << a.has_quality_indicators << " attested=" << a.indicators_attested << " values=[";
  for (const auto& v : a.indicator_values) o << v.name << ':' << v.value.units() << ',';
  o << "] accidents=[";
  for (const auto& x : a.accidents) o << date(x.date) << '/' << static_cast<int>(x.severity) << ',';
  o << "] criticisms=[";
  for (const auto& x : a.criticisms) o << date(x.date) << '/' << static_cast<int>(x.subject) << ',';
  o << "] adverse=[";
  for (const auto& x : a.adverse_records) o << date(x.date) << '/' << static_cast<int>(x.opinion) << ',';
  o << "] recorded=" << a.accidents_recorded << a.criticisms_recorded << a.adverse_records_recorded;
  o << " staff=[";
  for (const auto& x : a.trained_staff) o << '"' << x.certificate_no << "\",";
  o << "] certificate=" << (a.current_certificate ? date(a.current_certificate->certified_on) : "none");
  return o.str();
}

const Rulebook& DefaultRulebook() {
  static const Engine engine = *Engine::Create();
  return engine.rulebook();
}

// The general path: the Application, or nullopt when it refuses the text.
std::optional<std::string> GeneralDecode(std::string_view text, const json::JsonLimits& limits) {
  auto doc = codec::ParseDocument(text, limits);
  if (!doc.ok()) return std::nullopt;
  if (!codec::CheckSchema(*doc, "sqp.application/1").ok()) return std::nullopt;
  std::vector<std::string_view> indicator_names;
  for (const auto& d : DefaultRulebook().indicators.definitions) indicator_names.push_back(d.name);
  json::Issues issues;
  json::UnknownMemberList unknown;
  json::CheckMembers(*doc, internal::kApplicationMembers, json::Loc::Root(), indicator_names,
                     issues, unknown);
  if (!issues.empty()) return std::nullopt;
  Application app;
  if (!internal::DecodeApplication(*doc, json::Loc::Root(), app).ok()) return std::nullopt;
  return Dump(app);
}

struct Tally {
  size_t runs = 0, fast = 0, general = 0;
};

// The one property: fast accepts => general accepts, with the same Application.
void ExpectAgreement(const std::string& text, const json::JsonLimits& limits, Tally& tally) {
  ++tally.runs;
  Application fast;
  const bool fast_ok = DecodeApplicationText(text, limits, DefaultRulebook(), fast);
  const std::optional<std::string> general = GeneralDecode(text, limits);
  tally.fast += fast_ok ? 1 : 0;
  tally.general += general ? 1 : 0;
  if (!fast_ok) return;
  ASSERT_TRUE(general.has_value()) << "the fast path accepted what the general path refuses:\n" << text;
  EXPECT_EQ(Dump(fast), *general) << text;
}

std::vector<std::string> Lines(const std::string& file) {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/" + file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string ReadFile(const std::string& file) {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/" + file);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(EligibilityFastDecodeTest, AgreesOnEveryBundledDocumentAndTakesTheCommonShape) {
  const json::JsonLimits limits;
  Tally generated, edges;
  for (const std::string& line : Lines("tests/data/peers_generated.jsonl")) ExpectAgreement(line, limits, generated);
  for (const std::string& line : Lines("tests/data/peers_edge_cases.jsonl")) ExpectAgreement(line, limits, edges);
  for (const char* example : {"docs/examples/application-eligible.json", "docs/examples/application-ineligible.json",
                              "docs/examples/application-pending.json"}) {
    Tally one;
    ExpectAgreement(ReadFile(example), limits, one);
    EXPECT_EQ(one.fast, 1u) << example << " (pretty-printed, with Chinese text) should take the fast path";
  }
  // Every generated document is in the common shape (none has an escape or an exponent).
  EXPECT_EQ(generated.fast, generated.runs);
  EXPECT_EQ(generated.runs, 300u);
  EXPECT_EQ(edges.fast, edges.general);
}

// Every byte of real documents deleted, replaced or preceded by a byte that matters to JSON:
// the fast path never accepts what the general path refuses, and reads what it accepts alike.
TEST(EligibilityFastDecodeTest, AgreesOnEverySingleByteMutation) {
  const json::JsonLimits limits;
  std::vector<std::string> lines = Lines("tests/data/peers_edge_cases.jsonl");
  lines[0] = Lines("tests/data/peers_generated.jsonl")[0];  // every member of the schema
  const std::string bytes = std::string("\"\\{}[],:0-.eE+ n\x01\x7f", 19) + "\x80\xC0\xE4\xED\xF4\xFF";
  Tally tally;
  for (size_t doc_index : {0u, 1u, 8u, 30u, 34u}) {
    ASSERT_LT(doc_index, lines.size());
    const std::string& original = lines[doc_index];
    for (size_t at = 0; at < original.size(); ++at) {
      std::string deleted = original;
      deleted.erase(at, 1);
      ExpectAgreement(deleted, limits, tally);
      for (char b : bytes) {
        std::string replaced = original;
        replaced[at] = b;
        ExpectAgreement(replaced, limits, tally);
        std::string inserted = original;
        inserted.insert(at, 1, b);
        ExpectAgreement(inserted, limits, tally);
      }
    }
  }
  EXPECT_GT(tally.runs, 100'000u);
  // Both accept a fair share (a byte inside a name or a digit change), and the fast path no more.
  EXPECT_GT(tally.fast, tally.general * 3 / 4) << tally.fast << " of " << tally.general;
}

// JSON text as a CRM writes it: Boost's serialiser writes 933.1 as 9.331E2, an exponent the
// fast path declines by design, so doubles are written here in their shortest plain form.
// `rotate` rotates every object's members by `rotate` (a member count or more reverses them
// instead); `space` is written after every ',' and ':'.
struct Layout {
  size_t rotate = 0;
  std::string_view space;
};
void SerializePlain(const bj::value& v, std::string& out, const Layout& layout = {}) {
  if (const bj::object* o = v.if_object()) {
    out += '{';
    std::vector<const bj::key_value_pair*> members;
    for (const auto& kv : *o) members.push_back(&kv);
    if (layout.rotate >= members.size()) {
      std::reverse(members.begin(), members.end());
    } else {
      std::rotate(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(layout.rotate),
                  members.end());
    }
    bool first = true;
    for (const bj::key_value_pair* kv : members) {
      if (!first) CatTo(out, ",", layout.space);
      first = false;
      out += bj::serialize(bj::string(kv->key()));
      CatTo(out, ":", layout.space);
      SerializePlain(kv->value(), out, layout);
    }
    out += '}';
  } else if (const bj::array* a = v.if_array()) {
    out += '[';
    for (size_t i = 0; i < a->size(); ++i) {
      if (i > 0) CatTo(out, ",", layout.space);
      SerializePlain((*a)[i], out, layout);
    }
    out += ']';
  } else if (const double* d = v.if_double()) {
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, *d, std::chars_format::fixed);
    out.append(buffer, r.ptr);
  } else {
    out += bj::serialize(v);
  }
}
std::string SerializePlain(const bj::value& v, const Layout& layout = {}) {
  std::string out;
  SerializePlain(v, out, layout);
  return out;
}

// The fast decoder reads compact members in the listed order by their `,"key":` text and the
// rest member by member: every order (rotated, reversed) and spacing of every member of every
// object reads alike on both paths, and the fast path still takes each document.
TEST(EligibilityFastDecodeTest, AgreesInAnyMemberOrderAndSpacing) {
  const json::JsonLimits limits;
  const std::vector<std::string> lines = Lines("tests/data/peers_generated.jsonl");
  Tally tally;
  for (size_t n = 0; n < lines.size() && n < 100; ++n) {
    const bj::value doc = bj::parse(lines[n]);
    for (const size_t rotate : {size_t{0}, size_t{1}, size_t{2}, size_t{5}, SIZE_MAX}) {
      for (const std::string_view space : {"", " ", "\n  "}) {
        ExpectAgreement(SerializePlain(doc, Layout{rotate, space}), limits, tally);
      }
    }
  }
  EXPECT_EQ(tally.fast, tally.runs);
  EXPECT_EQ(tally.general, tally.runs);
}

// Whole UTF-8 sequences, well-formed and not (overlong, surrogates, beyond U+10FFFF, cut
// short), inserted at every offset of a document: the two paths agree on each.
TEST(EligibilityFastDecodeTest, AgreesOnEveryUtf8Sequence) {
  const json::JsonLimits limits;
  const std::string original = Lines("tests/data/peers_generated.jsonl")[0];
  const char* const sequences[] = {
      "\xC2\xA9", "\xDF\xBF", "\xE4\xB8\xAD", "\xEF\xBF\xBF", "\xF0\x9F\x98\x80",
      "\xF4\x8F\xBF\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF",
      "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE4\xB8", "\xF0\x9F\x98", "\xBF"};
  Tally tally;
  for (size_t at = 0; at < original.size(); ++at) {
    for (const char* sequence : sequences) {
      std::string text = original;
      text.insert(at, sequence);
      ExpectAgreement(text, limits, tally);
    }
  }
  EXPECT_GT(tally.fast, 0u);
  EXPECT_GT(tally.fast, tally.general * 3 / 4) << tally.fast << " of " << tally.general;
}

// Indicator values of every decimal form: the fast path must compute the very double Boost.JSON
// computes (double(mantissa) / 10^k), since Decimal::FromDouble reads that double's shortest
// form; 0.3 computed as 3 * 0.1 would be 0.30000000000000004 and refused.
TEST(EligibilityFastDecodeTest, AgreesOnEveryIndicatorValueForm) {
  const json::JsonLimits limits;
  std::vector<std::string> literals = {"0.3", "0.7", "1.1", "2.675", "99.99", "96.2", "0.000001",
                                       "0.0000001", "-0.5", "-0", "-0.0", "0", "100", "1.10",
                                       "123456789.123456", "999999999999.5", "0.1234567"};
  std::uint64_t state = 42;  // a fixed LCG: the same literals on every run
  for (int i = 0; i < 3000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::uint64_t mantissa = (state >> 20) % 100'000'000'000ULL;
    const int places = static_cast<int>((state >> 8) % 9);
    std::string digits = std::to_string(mantissa);
    if (places > 0) {
      const auto k = static_cast<size_t>(places);
      if (digits.size() <= k) digits = std::string(k + 1 - digits.size(), '0') + digits;
      digits = digits.substr(0, digits.size() - k) + '.' + digits.substr(digits.size() - k);
    }
    literals.push_back(digits);
  }
  const std::string original = Lines("tests/data/peers_generated.jsonl")[0];
  const std::string member = "\"quality_indicators\":{\"attested\":true}";
  ASSERT_NE(original.find(member), std::string::npos);
  Tally tally;
  for (const std::string& literal : literals) {
    std::string text = original;
    text.replace(text.find(member), member.size(),
                 "\"quality_indicators\":{\"attested\":true,\"values\":{\"user_satisfaction_pct\":" +
                     literal + ",\"complaint_first_response_hours\":" + literal + "}}");
    const size_t fast_before = tally.fast, general_before = tally.general;
    ExpectAgreement(text, limits, tally);
    // Every literal here is within the fast path's scope (no exponent, at most 15 digits), so
    // it must also accept whatever the general path accepts, and refuse nothing more.
    EXPECT_EQ(tally.fast - fast_before, tally.general - general_before) << literal;
  }
  EXPECT_GT(tally.fast, tally.runs / 2);
}


// Every member replaced by values of every kind, numbers of every form and strings that need
// escapes; and a repeated or an unknown member added to every object.
TEST(EligibilityFastDecodeTest, AgreesWhenAnyMemberHoldsAnyValue) {
  const json::JsonLimits limits;
  std::vector<std::string> lines = Lines("tests/data/peers_edge_cases.jsonl");
  const std::vector<std::string> generated = Lines("tests/data/peers_generated.jsonl");
  // Generated documents carry every member of the schema (site.area_m2, staff_count, contact, …).
  for (size_t i : {0u, 1u, 2u, 3u}) lines[i] = generated[i];
  const char* const replacements[] = {
      "null", "true", "false", "0", "-0", "-1", "7", "120", "10000000", "10000001", "2.5", "-0.0",
      "96.2", "0.0000005", "1e2", "1E+2", "123456789012345", "1234567890123456", "999999999999",
      "1000000000000", "18446744073709551615", "\"x\"", "\"\"", "\"a\\\"b\"", "\"\\u4e2d\"",
      "\"2026-02-30\"", "\"2026-02-28\"", "\"1899-12-31\"", "\"initial\"", "\"larger\"",
      "\"site\"", "\"pending\"", "\"business_hall\"", "\"sqp.application/1\"", "[]", "[1,2]", "{}",
      "{\"a\":1,\"a\":2}", "{\"date\":\"2024-01-01\",\"severity\":\"major\"}", "[{\"name\":\"x\"}]"};
  Tally tally;
  for (size_t doc_index : {0u, 1u, 2u, 3u, 8u, 30u, 34u}) {
    const bj::value original = bj::parse(lines[doc_index]);
    std::vector<std::string> pointers;
    CollectPointers(original, "", pointers);
    for (const std::string& pointer : pointers) {
      for (const char* replacement : replacements) {
        // The replacement is spliced in as text over a placeholder, so forms that Boost would
        // normalise when serialising (-0.0, 1E+2, escapes) reach the decoders as written.
        bj::value marked = original;
        bj::error_code ec;
        *marked.find_pointer(pointer, ec) = "\x01PLACEHOLDER\x01";
        std::string text = SerializePlain(marked);
        const std::string mark = "\"\\u0001PLACEHOLDER\\u0001\"";
        const size_t pos = text.find(mark);
        ASSERT_NE(pos, std::string::npos) << pointer;
        text.replace(pos, mark.size(), replacement);
        ExpectAgreement(text, limits, tally);
      }
    }
    // A repeated member and an unknown member in every object.
    std::vector<std::string> objects = {""};
    for (const std::string& p : pointers) {
      bj::error_code ec;
      if (original.find_pointer(p, ec)->is_object()) objects.push_back(p);
    }
    for (const std::string& p : objects) {
      bj::value doc = original;
      bj::error_code ec;
      bj::object& o = doc.find_pointer(p, ec)->as_object();
      if (o.empty()) continue;
      const std::string first_key(o.begin()->key());
      o["zz_unknown_member"] = bj::array{1, "two", nullptr};
      std::string text = SerializePlain(doc);
      ExpectAgreement(text, limits, tally);  // unknown members are tolerated
      // The same name twice: Boost's serialiser cannot write it, so splice it in.
      const std::string member = "\"zz_unknown_member\":";
      text.insert(text.find(member), "\"" + first_key + "\":null,");
      ExpectAgreement(text, limits, tally);
    }
  }
  EXPECT_GT(tally.runs, 10'000u);
  // The fast path declines only what it cannot be sure of (escapes, exponents, integral
  // doubles such as 120.0 for a count): most of what the general path accepts it takes.
  EXPECT_GT(tally.fast, tally.general * 3 / 4) << tally.fast << " of " << tally.general;
}

// Small limits: whatever the general path refuses for a limit, the fast path declines.
TEST(EligibilityFastDecodeTest, DeclinesAtEveryLimit) {
  const std::vector<std::string> lines = Lines("tests/data/peers_generated.jsonl");
  Tally tally;
  for (size_t n : {1u, 2u, 3u, 4u, 5u, 6u, 8u, 12u, 20u, 40u, 200u}) {
    json::JsonLimits limits;
    for (int which = 0; which < 5; ++which) {
      json::JsonLimits l = limits;
      if (which == 0) l.max_depth = n;
      if (which == 1) l.max_string_bytes = n;
      if (which == 2) l.max_array_length = n;
      if (which == 3) l.max_object_members = n;
      if (which == 4) l.max_input_bytes = n * 10;
      for (size_t i = 0; i < 40; ++i) ExpectAgreement(lines[i], l, tally);
    }
  }
  EXPECT_GT(tally.general, 0u);
  EXPECT_LT(tally.general, tally.runs);
}

// Through the engine: every bundled document gives the same bytes with the fast path as with
// the general path alone.
TEST(EligibilityFastDecodeTest, EngineAnswersAsTheGeneralPathAlone) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  std::vector<std::string> docs = Lines("tests/data/peers_generated.jsonl");
  for (const std::string& line : Lines("tests/data/peers_edge_cases.jsonl")) docs.push_back(line);
  for (const std::string& doc : docs) {
    std::string general;
    const absl::Status s = internal::EvaluateGeneralPath(*engine, "eligibility", doc, general);
    auto fast = engine->Run("eligibility", doc);
    ASSERT_EQ(fast.ok(), s.ok()) << doc;
    if (s.ok()) {
      EXPECT_EQ(*fast, general);
    }
  }
}

// Through the engine: the same output bytes whichever path a document takes.
TEST(EligibilityFastDecodeTest, EngineOutputIsTheSameOnEitherPath) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  const std::vector<std::string> lines = Lines("tests/data/peers_generated.jsonl");
  for (size_t i = 0; i < 50; ++i) {
    // An escaped character the value does not change ("\u0041" is "A") sends the document down
    // the general path; the result must not change.
    std::string general = lines[i];
    const size_t at = general.find("\"kind\":\"");
    ASSERT_NE(at, std::string::npos);
    general.replace(at, 8, "\"kin\\u0064\":\"");
    Application app;
    ASSERT_FALSE(DecodeApplicationText(general, json::JsonLimits(), DefaultRulebook(), app));
    ASSERT_TRUE(DecodeApplicationText(lines[i], json::JsonLimits(), DefaultRulebook(), app));
    auto fast_out = engine->Run("eligibility", lines[i]);
    auto general_out = engine->Run("eligibility", general);
    ASSERT_TRUE(fast_out.ok() && general_out.ok());
    EXPECT_EQ(*fast_out, *general_out);
  }
}

// READ.ABSENT: an absent, null or empty evidence list reads the same on both paths, and the
// engine's bytes do not depend on the path.
TEST(EligibilityFastDecodeTest, AbsentNullAndEmptyListsAgree) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  // Edited as text: serialising a parsed document would write numbers with exponents, which
  // the fast path leaves to the general one.
  const std::string original = Lines("tests/data/peers_generated.jsonl")[0];
  for (const std::string key : {"accidents", "regulator_criticisms", "adverse_records"}) {
    const size_t from = original.find("\"" + key + "\":[");
    ASSERT_NE(from, std::string::npos) << key;
    const size_t to = original.find("],", from) + 2;  // the items hold no arrays
    for (int form = 0; form < 3; ++form) {  // absent, null, []
      static constexpr const char* kForms[] = {"", "null", "[]"};
      std::string text = original;
      text.replace(from, to - from, form == 0 ? std::string() : "\"" + key + "\":" + kForms[form] + ",");
      Tally tally;
      ExpectAgreement(text, json::JsonLimits(), tally);
      EXPECT_EQ(tally.fast, 1u) << key << " form " << form;
      Application app;
      ASSERT_TRUE(DecodeApplicationText(text, json::JsonLimits(), DefaultRulebook(), app));
      const bool recorded = key == "accidents"              ? app.accidents_recorded
                            : key == "regulator_criticisms" ? app.criticisms_recorded
                                                            : app.adverse_records_recorded;
      EXPECT_EQ(recorded, form == 2) << key << " form " << form;
      std::string general;
      ASSERT_TRUE(internal::EvaluateGeneralPath(*engine, "eligibility", text, general).ok());
      auto fast = engine->Run("eligibility", text);
      ASSERT_TRUE(fast.ok());
      EXPECT_EQ(*fast, general);
    }
  }
}

// Issue 15's corrected readings through both paths: a trimmed duplicate certificate number, a
// holder filing as initial, a disqualify opinion, a filing before in_force_from. Same
// Application, same bytes.
TEST(EligibilityFastDecodeTest, CorrectedReadingsGiveTheSameBytesOnEitherPath) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  const std::string original = Lines("tests/data/peers_generated.jsonl")[0];
  const auto replaced = [&](std::string_view from, std::string_view to) {
    std::string text = original;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  };
  const std::string docs[] = {
      replaced(R"("certificate_no":"CCEA-FW-2021-488219")", R"("certificate_no":"CCEA-FW-2020-832968 ")"),
      replaced(R"("certificate_no":"CCEA-FW-2021-488219")", R"("certificate_no":"\t\u3000")"),
      replaced(R"("trained_staff":)", R"("current_certificate":{"certified_on":"2023-03-20"},"trained_staff":)"),
      replaced(R"("regulator_opinion":"no_objection")", R"("regulator_opinion":"disqualify")"),
      replaced(R"("applied_on":"2024-03-19")", R"("applied_on":"2020-05-16")"),
      replaced(R"("applied_on":"2024-03-19")", R"("applied_on":"2024-11-22")"),
  };
  for (const std::string& text : docs) {
    Tally tally;
    ExpectAgreement(text, json::JsonLimits(), tally);
    std::string general;
    ASSERT_TRUE(internal::EvaluateGeneralPath(*engine, "eligibility", text, general).ok()) << text;
    auto fast = engine->Run("eligibility", text);
    ASSERT_TRUE(fast.ok());
    EXPECT_EQ(*fast, general);
  }
}

}  // namespace
}  // namespace sqp

namespace sqp {
namespace {

// Answer modes (issue 20): in every mode, for every bundled and generated application, the fast
// path and the general path give the same bytes; the document is the both-languages one without
// the messages the mode leaves out (fuzz::WithMessages, the modes stated independently); the
// bytes of the examples in each mode are pinned by their sizes; a text report keeps both.
TEST(AnswerModes, EveryModeOnEitherPathIsTheBothDocumentWithoutItsMessages) {
  std::vector<std::string> docs = Lines("tests/data/peers_generated.jsonl");
  for (const char* example : {"docs/examples/application-eligible.json",
                              "docs/examples/application-ineligible.json",
                              "docs/examples/application-pending.json"}) {
    docs.push_back(ReadFile(example));
  }
  const Engine both = *Engine::Create();
  for (const Messages mode : {Messages::kBoth, Messages::kEn, Messages::kZh, Messages::kNone}) {
    EngineOptions o;
    o.messages = mode;
    const Engine engine = *Engine::Create(o);
    for (const std::string& doc : docs) {
      std::string fast, general, reference;
      ASSERT_EQ(engine.RunToDocument("eligibility", doc, fast), ErrorCode::kOk);
      ASSERT_TRUE(internal::EvaluateGeneralPath(engine, "eligibility", doc, general).ok());
      EXPECT_EQ(fast, general);
      ASSERT_EQ(both.RunToDocument("eligibility", doc, reference), ErrorCode::kOk);
      EXPECT_EQ(bj::parse(fast), fuzz::WithMessages(bj::parse(reference), mode));
      // A report is for a person: both languages whatever the mode.
      EXPECT_EQ(*engine.Render("eligibility", "text", doc), *both.Render("eligibility", "text", doc));
    }
  }
  // The examples' bytes per mode (both, en, zh, none), pinned.
  const std::string ineligible = ReadFile("docs/examples/application-ineligible.json");
  std::vector<size_t> sizes;
  for (const Messages mode : {Messages::kBoth, Messages::kEn, Messages::kZh, Messages::kNone}) {
    EngineOptions o;
    o.messages = mode;
    std::string out;
    Engine::Create(o)->RunToDocument("eligibility", ineligible, out);
    sizes.push_back(out.size());
    if (mode != Messages::kBoth) {
      const char* dropped = mode == Messages::kZh ? R"("message":)" : R"("message_zh":)";
      EXPECT_EQ(out.find(dropped), std::string::npos);
    }
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{3703, 2481, 2456, 1234}));
}

}  // namespace
}  // namespace sqp
