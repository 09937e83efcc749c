// The engine and its error model (issue 2): identity, limits, error documents.
#include "test_support.hpp"
#include "sqp/engine.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sqp {
namespace {

using test::DefaultEngine;

namespace bj = boost::json;

TEST(EngineTest, RulebookOperationCarriesIdentity) {
  const Engine engine = DefaultEngine();
  auto out = engine.Run("rulebook", "{}");
  ASSERT_TRUE(out.ok()) << out.status();
  const bj::value doc = bj::parse(*out);
  EXPECT_EQ(doc.at("schema"), "sqp.rulebook-info/1");
  EXPECT_EQ(doc.at("id"), "sqp.default");
  EXPECT_EQ(doc.at("sha256").as_string().size(), 64u);
  EXPECT_EQ(doc.at("rulebook").at("sha256"), doc.at("sha256"));
}

TEST(EngineTest, UnknownOperationIsAnError) {
  const Engine engine = DefaultEngine();
  std::string out;
  EXPECT_EQ(engine.RunToDocument("nope", "{}", out), ErrorCode::kUnknownOperation);
  const bj::value doc = bj::parse(out);
  EXPECT_EQ(doc.at("schema"), "sqp.error/1");
  EXPECT_EQ(doc.at("code"), "unknown_operation");
  EXPECT_EQ(doc.at("status"), -6);
}

TEST(EngineTest, MalformedJsonTruncatedAndTrailing) {
  const Engine engine = DefaultEngine();
  for (const char* bad : {"", "{", "{\"a\":1", "{} x", "[1,]", "\xff"}) {
    std::string out;
    EXPECT_EQ(engine.RunToDocument("rulebook", bad, out), ErrorCode::kInvalidJson) << bad;
    EXPECT_EQ(bj::parse(out).at("code"), "invalid_json") << bad;
  }
}

TEST(EngineTest, LimitsAreEnforced) {
  auto small = Engine::FromRulebookJson(DefaultRulebookJson(), {.max_input_bytes = 16, .max_depth = 4});
  ASSERT_TRUE(small.ok());
  std::string out;
  EXPECT_EQ(small->RunToDocument("rulebook", std::string(17, ' ') + "{}", out),
            ErrorCode::kLimitExceeded);
  out.clear();
  EXPECT_EQ(small->RunToDocument("rulebook", "[[[[[[1]]]]]]", out), ErrorCode::kLimitExceeded);
  EXPECT_NE(out.find("max_depth"), std::string::npos);
}

TEST(EngineTest, SchemaMissingOrWrong) {
  const Engine engine = DefaultEngine();
  std::string out;
  EXPECT_EQ(engine.RunToDocument("eligibility", "{}", out), ErrorCode::kInvalidSchema);
  EXPECT_EQ(bj::parse(out).at("path"), "/schema");
  out.clear();
  EXPECT_EQ(engine.RunToDocument("eligibility", "[]", out), ErrorCode::kInvalidSchema);
}

TEST(EngineTest, BatchAnswersEveryLine) {
  const Engine engine = DefaultEngine();
  std::string out;
  const auto summary = engine.RunBatch("rulebook", "{}\n\n  \n{oops\r\n{}", out);
  EXPECT_EQ(summary.documents, 3u);
  EXPECT_EQ(summary.errors, 1u);
  std::vector<std::string> lines;
  for (size_t start = 0, nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(out.substr(start, nl - start));
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(bj::parse(lines[1]).at("line"), 4);
  EXPECT_EQ(bj::parse(lines[2]).at("schema"), "sqp.rulebook-info/1");
}

// The streaming form hands over each answer as it is made, without its newline, in order: the
// same text as the string form, line for line.
TEST(EngineTest, BatchSinkReceivesEachAnswerInOrder) {
  const Engine engine = DefaultEngine();
  const std::string_view input = "{}\n\n  \n{oops\r\n{}";
  std::string joined;
  const auto whole = engine.RunBatch("rulebook", input, joined);
  std::vector<std::string> answers;
  const auto streamed = engine.RunBatch("rulebook", input, [&answers](std::string_view answer) {
    answers.emplace_back(answer);
  });
  EXPECT_EQ(streamed.documents, whole.documents);
  EXPECT_EQ(streamed.errors, whole.errors);
  ASSERT_EQ(answers.size(), 3u);
  std::string rebuilt;
  for (const std::string& a : answers) {
    EXPECT_EQ(a.find('\n'), std::string::npos);
    rebuilt += a;
    rebuilt += '\n';
  }
  EXPECT_EQ(rebuilt, joined);
  EXPECT_EQ(bj::parse(answers[1]).at("line"), 4);
}

TEST(StatusTest, DescribeRoundTripsIssues) {
  const absl::Status s = MakeErrors(ErrorCode::kInvalidInput,
                                    {{"/a/0", "first"}, {"/b", "second \"quoted\""}});
  const ErrorInfo info = DescribeError(s);
  EXPECT_EQ(info.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(info.path, "/a/0");
  ASSERT_EQ(info.issues.size(), 2u);
  EXPECT_EQ(info.issues[1].message, "second \"quoted\"");
  EXPECT_EQ(info.message, "/a/0: first (and 1 more)");
  // A status sqp did not make is internal, never a crash.
  EXPECT_EQ(DescribeError(absl::UnknownError("x")).code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace sqp
