// Input limits (each side of every cap), repeated member names, the parser's agreement with
// Boost.JSON on good documents, rulebook pinning, and sqp_engine_new_with_options.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>
#include <string>

#include <pthread.h>

#include <boost/json.hpp>

#include "catalogue.hpp"
#include "codec/parse.hpp"
#include "json/utf8.hpp"
#include "sqp.h"
#include "sqp/engine.hpp"

namespace sqp::hardening {
namespace {

struct Outcome {
  ErrorCode code;
  std::string path;
  std::string message;
};

Outcome Parse(std::string_view text, const json::JsonLimits& limits = {}) {
  auto v = codec::ParseDocument(text, limits);
  if (v.ok()) return {ErrorCode::kOk, "", ""};
  const ErrorInfo info = DescribeError(v.status());
  return {info.code, info.path, info.message};
}

std::string Repeat(std::string_view unit, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += unit;
  return s;
}

TEST(JsonLimits, DefaultsAreTheEngineOptionsDefaults) {
  const EngineOptions o;
  const json::JsonLimits l;
  EXPECT_EQ(o.max_input_bytes, l.max_input_bytes);
  EXPECT_EQ(static_cast<size_t>(o.max_depth), l.max_depth);
  EXPECT_EQ(o.max_string_bytes, l.max_string_bytes);
  EXPECT_EQ(o.max_array_length, l.max_array_length);
  EXPECT_EQ(o.max_object_members, l.max_object_members);
  EXPECT_TRUE(o.expected_rulebook_sha256.empty());
}

TEST(JsonLimits, InputBytes) {
  json::JsonLimits l;
  l.max_input_bytes = 10;
  EXPECT_EQ(Parse("[1,2,3,4] ", l).code, ErrorCode::kOk);  // 10 bytes
  const Outcome o = Parse("[1,2,3,4]  ", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "");
  EXPECT_NE(o.message.find("max_input_bytes"), std::string::npos);
}

TEST(JsonLimits, DepthCountsTheRootAsLevelOne) {
  json::JsonLimits l;
  l.max_depth = 3;
  EXPECT_EQ(Parse(R"({"a":[{"b":1}]})", l).code, ErrorCode::kOk);
  const Outcome o = Parse(R"({"a":[{"b":[1]}]})", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/a/0/b");
  EXPECT_NE(o.message.find("max_depth"), std::string::npos);
  EXPECT_EQ(Parse(R"([[],[],{"x":[]}])", l).code, ErrorCode::kOk);  // siblings do not add up
}

TEST(JsonLimits, StringBytesAfterUnescaping) {
  json::JsonLimits l;
  l.max_string_bytes = 4;
  EXPECT_EQ(Parse(R"({"k":"abcd"})", l).code, ErrorCode::kOk);
  EXPECT_EQ(Parse(R"({"k":"\u00e9\u00e9"})", l).code, ErrorCode::kOk);  // 2 x 2 bytes
  Outcome o = Parse(R"({"k":["x","abcde"]})", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/k/1");
  EXPECT_NE(o.message.find("max_string_bytes"), std::string::npos);
  o = Parse(R"({"k":"\u00e9\u00e9\u00e9"})", l);  // 6 bytes from 18 characters of input
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/k");
  // Member names too: the pointer is the object's.
  EXPECT_EQ(Parse(R"({"abcd":1})", l).code, ErrorCode::kOk);
  o = Parse(R"({"a":{"abcde":1}})", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/a");
  // A long escaped string crosses Boost's internal buffer: counted all the same.
  l.max_string_bytes = 10'000;
  EXPECT_EQ(Parse("[\"" + Repeat("\\n", 10'000) + "\"]", l).code, ErrorCode::kOk);
  o = Parse("[\"" + Repeat("\\n", 10'001) + "\"]", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/0");
  o = Parse("{\"" + Repeat("\\n", 10'001) + "\":1}", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "");
}

TEST(JsonLimits, ArrayLength) {
  json::JsonLimits l;
  l.max_array_length = 3;
  EXPECT_EQ(Parse(R"({"a":[1,[2,3,4],{"b":[]}]})", l).code, ErrorCode::kOk);
  const Outcome o = Parse(R"({"a":[1,[2,3,4,5]]})", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/a/1");
  EXPECT_NE(o.message.find("max_array_length"), std::string::npos);
}

TEST(JsonLimits, ObjectMembers) {
  json::JsonLimits l;
  l.max_object_members = 2;
  EXPECT_EQ(Parse(R"({"a":1,"b":{"c":1,"d":2}})", l).code, ErrorCode::kOk);
  const Outcome o = Parse(R"({"a":1,"b":{"c":1,"d":2,"e":3}})", l);
  EXPECT_EQ(o.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(o.path, "/b");
  EXPECT_NE(o.message.find("max_object_members"), std::string::npos);
}

TEST(RepeatedNames, RefusedWithThePointerOfTheRepeatedMember) {
  Outcome o = Parse(R"({"a":{"x":1,"y":2,"x":3}})");
  EXPECT_EQ(o.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(o.path, "/a/x");
  // Names are compared after unescaping; pointer tokens are escaped (RFC 6901).
  o = Parse(R"({"a/b":1,"a\/b":2})");
  EXPECT_EQ(o.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(o.path, "/a~1b");
  o = Parse(R"([0,{"k":[{"~":1,"\u007e":2}]}])");
  EXPECT_EQ(o.path, "/1/k/0/~0");
  // Large objects take the sorting path.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_EQ(Parse(big + "\"z\":0}").code, ErrorCode::kOk);
  o = Parse(big + "\"k57\":0}");
  EXPECT_EQ(o.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(o.path, "/k57");
}

TEST(RepeatedNames, TheSameNameInDifferentObjectsIsFine) {
  EXPECT_EQ(Parse(R"({"a":{"x":1},"b":{"x":1},"x":{"x":{"x":1}}})").code, ErrorCode::kOk);
  EXPECT_EQ(Parse(R"([{"x":1},{"x":2},{"x":3,"y":{"x":4}}])").code, ErrorCode::kOk);
  EXPECT_EQ(Parse(R"({"a":1,"A":2,"a ":3})").code, ErrorCode::kOk);
}

// On every good document sqp reads, the parser builds exactly Boost.JSON's value.
TEST(ParseDocument, AgreesWithBoostOnTheExamples) {
  for (const char* name : {"application-eligible.json", "assessment.json", "cycle.json",
                           "meeting-ballots.json", "certificate-valid.json",
                           "scoresheet-official-format.json", "rulebook-official-format.json"}) {
    const std::string text = ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/" + name);
    auto ours = codec::ParseDocument(text, {});
    ASSERT_TRUE(ours.ok()) << name << ": " << ours.status();
    EXPECT_EQ(*ours, bj::parse(text)) << name;
  }
}

// Boost.JSON 1.81 reads 0e400 as NaN (0 x infinity); sqp reads the zero it is (found by fuzz_json).
// Fuzz_json found it: 10^12, the edge of the decimal range, is exact however it is written;
// a number a double rounds to it is not.
TEST(ParseDocument, TenToTheTwelveIsExactAtTheEdge) {
  for (const char* text : {"1e12", "1000000000000", "1000000000000.000", "10e11", "0.1e13", "-1E+12"}) {
    auto v = codec::ParseDocument(text, {});
    ASSERT_TRUE(v.ok()) << text;
    EXPECT_FALSE(json::IsInexactNumber(*v)) << text;
  }
  for (const char* text : {"999999999999.9999999", "1000000000000.0000001"}) {
    auto v = codec::ParseDocument(text, {});
    ASSERT_TRUE(v.ok()) << text;
    EXPECT_TRUE(json::IsInexactNumber(*v)) << text;
  }
}

TEST(ParseDocument, ZeroWithAHugeExponentIsZero) {
  for (const char* text : {"0e400", "-0e999", "0.000e+2229", "[0E400]", "0e004458", "-0.0E-0099999"}) {
    auto v = codec::ParseDocument(text, {});
    ASSERT_TRUE(v.ok()) << text;
    const bj::value& n = v->is_array() ? v->as_array().at(0) : *v;
    ASSERT_TRUE(n.is_double()) << text;
    EXPECT_EQ(n.as_double(), 0.0) << text;
  }
}

// A number whose double does not give back the decimal written is marked, so that every number
// reader refuses it instead of reading the rounded double (READ.MEMBERS, exact numbers).
TEST(ParseDocument, NumbersADoubleDoesNotHoldExactlyAreMarked) {
  for (const char* text : {"94.99999999999999999999", "4.99999999999999999999", "0.0000001",
                           "1.5e-7", "999999999999.999999", "-12.3456789"}) {
    auto v = codec::ParseDocument(text, {});
    ASSERT_TRUE(v.ok()) << text;
    EXPECT_TRUE(json::IsInexactNumber(*v)) << text;
  }
  for (const char* text : {"95", "95.0000000000", "9.5e1", "96.2", "0.000001", "-12.345678",
                           "1e400", "123456789012345.5", "0e400"}) {
    auto v = codec::ParseDocument(text, {});
    ASSERT_TRUE(v.ok()) << text;
    EXPECT_FALSE(json::IsInexactNumber(*v)) << text;
  }
}

TEST(EngineLimits, OptionsReachTheOperations) {
  EngineOptions o;
  o.max_array_length = 2;
  const Engine engine = *Engine::Create(o);
  std::string out;
  EXPECT_EQ(engine.RunToDocument("meeting", R"({"schema":"sqp.meeting/1","motions":[{},{},{}]})", out),
            ErrorCode::kLimitExceeded);
  EXPECT_EQ(bj::parse(out).at("path"), "/motions");
  o = {};
  o.max_depth = 0;
  EXPECT_EQ(DescribeError(Engine::Create(o).status()).code, ErrorCode::kUsage);
  o = {};
  o.max_string_bytes = 0;
  EXPECT_EQ(DescribeError(Engine::Create(o).status()).code, ErrorCode::kUsage);
}

TEST(RulebookPinning, OnlyThePinnedRulebookLoads) {
  const Engine plain = *Engine::Create();
  const std::string sha = plain.identity().sha256;
  EngineOptions o;
  o.expected_rulebook_sha256 = sha;
  EXPECT_TRUE(Engine::Create(o).ok());
  for (char& c : o.expected_rulebook_sha256) c = static_cast<char>(std::toupper(c));
  EXPECT_TRUE(Engine::Create(o).ok()) << "hex digits in either case";

  // The official-format rulebook is a valid, different rulebook: refused under the pin.
  const std::string other =
      ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/rulebook-official-format.json");
  ASSERT_TRUE(Engine::FromRulebookJson(other).ok());
  o.expected_rulebook_sha256 = sha;
  auto refused = Engine::FromRulebookJson(other, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(DescribeError(refused.status()).code, ErrorCode::kInvalidRulebook);
  EXPECT_NE(std::string(refused.status().message()).find(sha), std::string::npos);
  // Reformatting the pinned rulebook keeps its canonical hash: still accepted.
  const bj::value pinned = bj::parse(std::string(DefaultRulebookJson()));
  EXPECT_TRUE(Engine::FromRulebookJson(bj::serialize(pinned), o).ok());

  for (const std::string& bad : {std::string("abc"), sha + "0", sha.substr(0, 63) + "g"}) {
    o.expected_rulebook_sha256 = bad;
    EXPECT_EQ(DescribeError(Engine::Create(o).status()).code, ErrorCode::kUsage) << bad;
  }
}

TEST(CAbiOptions, LimitsAndPin) {
  sqp_engine_options opt{};
  opt.struct_size = sizeof opt;
  opt.max_string_bytes = 16;  // "sqp.meeting/1" fits, the body does not
  sqp_engine* engine = nullptr;
  ASSERT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, nullptr, nullptr), SQP_OK);
  const std::string doc = R"({"schema":"sqp.meeting/1","body":"expert_review_but_long"})";
  char* out = nullptr;
  size_t len = 0;
  EXPECT_EQ(sqp_run(engine, "meeting", doc.data(), doc.size(), &out, &len), SQP_ERR_LIMIT);
  EXPECT_EQ(bj::parse(std::string_view(out, len)).at("path"), "/body");
  sqp_free(out);
  sqp_engine_free(engine);

  // NULL options: the defaults, like sqp_engine_new.
  ASSERT_EQ(sqp_engine_new_with_options(nullptr, 0, nullptr, &engine, nullptr, nullptr), SQP_OK);
  EXPECT_EQ(sqp_run(engine, "meeting", doc.data(), doc.size(), &out, &len), SQP_ERR_INPUT);
  sqp_free(out);
  sqp_engine_free(engine);

  // A struct from a caller that does not know the whole struct: refused, with a document.
  opt.struct_size = sizeof(size_t);
  char* err = nullptr;
  size_t err_len = 0;
  EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, &err, &err_len), SQP_ERR_USAGE);
  EXPECT_EQ(engine, nullptr);
  EXPECT_EQ(bj::parse(std::string_view(err, err_len)).at("code"), "usage");
  sqp_free(err);

  // Pinning through C.
  const std::string sha = Engine::Create()->identity().sha256;
  opt = sqp_engine_options{};
  opt.struct_size = sizeof opt;
  opt.expected_rulebook_sha256 = sha.c_str();
  ASSERT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, nullptr, nullptr), SQP_OK);
  sqp_engine_free(engine);
  const std::string wrong(64, '0');
  opt.expected_rulebook_sha256 = wrong.c_str();
  EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, &err, &err_len), SQP_ERR_RULEBOOK);
  EXPECT_EQ(engine, nullptr);
  EXPECT_EQ(bj::parse(std::string_view(err, err_len)).at("code"), "invalid_rulebook");
  EXPECT_FALSE(bj::parse(std::string_view(err, err_len)).as_object().contains("rulebook"));
  sqp_free(err);
  opt.expected_rulebook_sha256 = "";
  EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, nullptr, nullptr), SQP_ERR_USAGE);
  opt.expected_rulebook_sha256 = nullptr;
  opt.max_input_bytes = 1;
  EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, &engine, nullptr, nullptr), SQP_ERR_USAGE);
  EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &opt, nullptr, nullptr, nullptr), SQP_ERR_USAGE);
}


// Issue 16, item 1: no option setting lets input overflow a caller's small thread stack. On a
// 256 KiB stack, with max_depth at its maximum (kMaxDepthLimit), input nested to that depth and
// far beyond it, in every place a parser meets it (the general path, an unknown member, the
// fast path's application, a batch line, the rulebook), is answered, never a crash. Above the
// maximum the option itself is refused, in C++ and through the C ABI.
void RunOnStack(size_t stack_bytes, const std::function<void()>& body) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, stack_bytes), 0);
  pthread_t thread;
  auto call = [](void* f) -> void* {
    (*static_cast<const std::function<void()>*>(f))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, call, const_cast<std::function<void()>*>(&body)), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attr);
}

// 256 KiB in an optimised build. ASan's -O0 frames (red zones, no inlining: two frames of
// Boost.JSON's parser a level) take several times as much, so the sanitizer build gets 4 MiB,
// still half of a default thread's stack.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kSmallStack = size_t{4} << 20;
#else
constexpr size_t kSmallStack = size_t{256} << 10;
#endif

std::string Nested(size_t depth, char open, char close, std::string_view inner = "") {
  return std::string(depth, open) + std::string(inner) + std::string(depth, close);
}

TEST(DeepInput, AnsweredOnASmallStackWithMaxDepthAtItsMaximum) {
  EngineOptions o;
  o.max_depth = kMaxDepthLimit;
  const Engine engine = *Engine::Create(o);
  o.unknown_members = UnknownMembers::kNote;
  const Engine noting = *Engine::Create(o);
  // The example without its closing brace, to append a member to.
  std::string application =
      ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/application-eligible.json");
  while (!application.empty() && application.back() != '}') application.pop_back();
  ASSERT_FALSE(application.empty());
  application.pop_back();
  std::replace(application.begin(), application.end(), '\n', ' ');  // one line of a batch
  const size_t at_limit = static_cast<size_t>(kMaxDepthLimit) - 1;  // the root object is level 1
  const std::vector<std::string> inputs = {
      Nested(kMaxDepthLimit, '[', ']'),
      Nested(200'000, '[', ']'),
      Nested(kMaxDepthLimit, '{', '}', ""),
      application + ",\"crm\":" + Nested(at_limit, '[', ']') + "}",
      application + ",\"crm\":" + Nested(150'000, '[', ']') + "}",
      application + ",\"site\":" + Nested(at_limit, '[', ']') + "}",
  };
  const std::function<void()> body = [&] {
    for (const Engine* e : {&engine, &noting}) {
      for (const std::string& input : inputs) {
        for (const char* op : {"eligibility", "meeting", "rulebook"}) {
          std::string out;
          const ErrorCode code = e->RunToDocument(op, input, out);
          EXPECT_NE(code, ErrorCode::kInternal) << op;
          EXPECT_FALSE(out.empty());
        }
        std::string lines = input + "\n" + input + "\n";
        std::string batch;
        e->RunBatch("eligibility", lines, batch);
        EXPECT_EQ(std::count(batch.begin(), batch.end(), '\n'), 2);
      }
      EXPECT_FALSE(Engine::FromRulebookJson(Nested(200'000, '[', ']'), o).ok());
    }
  };
  RunOnStack(kSmallStack, body);

  o.max_depth = kMaxDepthLimit + 1;
  EXPECT_EQ(DescribeError(Engine::Create(o).status()).code, ErrorCode::kUsage);
  sqp_engine_options c{};
  c.struct_size = sizeof c;
  sqp_engine* handle = nullptr;
  for (const size_t depth : {size_t{1001}, size_t{1'000'000}, ~size_t{0}}) {
    c.max_depth = depth;
    EXPECT_EQ(sqp_engine_new_with_options(nullptr, 0, &c, &handle, nullptr, nullptr), SQP_ERR_USAGE);
    EXPECT_EQ(handle, nullptr);
  }
  c.max_depth = 1000;
  ASSERT_EQ(sqp_engine_new_with_options(nullptr, 0, &c, &handle, nullptr, nullptr), SQP_OK);
  const std::function<void()> c_body = [&] {
    const std::string deep = Nested(200'000, '[', ']');
    char* out = nullptr;
    size_t len = 0;
    EXPECT_EQ(sqp_run(handle, "eligibility", deep.data(), deep.size(), &out, &len), SQP_ERR_LIMIT);
    sqp_free(out);
  };
  RunOnStack(kSmallStack, c_body);
  sqp_engine_free(handle);
}


// Issue 16, item 2: a skipped line is answered with the bytes RunToDocument gives for it whole.
TEST(SkippedLine, AnsweredAsTheWholeLineWouldBe) {
  EngineOptions o;
  o.max_input_bytes = 100;
  const Engine engine = *Engine::Create(o);
  for (const std::string& line : {std::string(101, 'x'), std::string(500, '{') + "\r",
                                  "\xEF\xBB\xBF" + std::string(300, 'y')}) {
    Engine::SkippedLine skipped;
    skipped.Add(std::string_view(line).substr(0, 7));
    skipped.Add(std::string_view(line).substr(7));
    EXPECT_FALSE(skipped.blank());
    for (const char* op : {"eligibility", "meeting", "no-such-op"}) {
      std::string whole, counted;
      const ErrorCode a = engine.RunToDocument(op, Engine::LineDocument(line), whole, 9);
      const ErrorCode b = engine.RunSkippedToDocument(op, skipped.DocumentBytes(), counted, 9);
      EXPECT_EQ(a, b);
      EXPECT_EQ(whole, counted);
    }
  }
  Engine::SkippedLine blank;
  blank.Add(" \t ");
  blank.Add("\r");
  EXPECT_TRUE(blank.blank());
  EXPECT_EQ(blank.DocumentBytes(), 3u);
}

// Issue 16, items 6 and 7: an unknown operation fails every door's call, on empty input too,
// and its name is echoed cut and escaped (valid UTF-8, bounded), never raw.
TEST(UnknownOperation, RefusedByEveryCallAndEchoedSafely) {
  sqp_engine* engine = nullptr;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr), SQP_OK);
  const std::string huge(10u << 20, 'a');
  for (const std::string& name : {std::string("eligibilty"), std::string("\xff\xfe"),
                                  std::string("eligibility\x1b[2J"), huge}) {
    for (const std::string& input : {std::string(), std::string("{}\n{}\n")}) {
      char* out = nullptr;
      size_t len = 0, errors = 7;
      EXPECT_EQ(sqp_run_batch(engine, name.c_str(), input.data(), input.size(), &out, &len, &errors),
                SQP_ERR_UNKNOWN_OPERATION);
      ASSERT_NE(out, nullptr);
      EXPECT_EQ(errors, 0u);
      const std::string doc(out, len);
      sqp_free(out);
      EXPECT_TRUE(json::IsValidUtf8(doc)) << doc;
      EXPECT_LT(doc.size(), 2000u);
      EXPECT_EQ(doc.find('\x1b'), std::string::npos);
      const bj::value v = bj::parse(doc);
      EXPECT_EQ(v.at("code"), "unknown_operation");
      EXPECT_EQ(sqp_run(engine, name.c_str(), input.data(), input.size(), &out, &len),
                SQP_ERR_UNKNOWN_OPERATION);
      EXPECT_EQ(std::string(out, len), doc);
      sqp_free(out);
    }
  }
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(sqp_run(engine, "\xff\xfe", "{}", 2, &out, &len), SQP_ERR_UNKNOWN_OPERATION);
  EXPECT_NE(std::string(out, len).find(R"(unknown operation \"\\xFF\\xFE\")"), std::string::npos)
      << out;
  sqp_free(out);
  sqp_engine_free(engine);
}

}  // namespace
}  // namespace sqp::hardening
