// The bad-input catalogue (bad_inputs.json) through the C++ door (Engine::Run, RunToDocument,
// FromRulebookJson, RunBatch) and the C ABI (sqp_run, sqp_engine_new, sqp_run_batch of
// libsqp.so). tests/python/test_bad_inputs.py takes the same table through Python and the CLI.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "catalogue.hpp"
#include "sqp.h"
#include "sqp/engine.hpp"

namespace sqp::hardening {
namespace {

const std::vector<BadInput>& Cases() {
  static const std::vector<BadInput> cases = LoadCatalogue(SQP_SOURCE_DIR);
  return cases;
}

ErrorCode CodeNamed(const std::string& name) {
  for (int c = 0; c >= static_cast<int>(ErrorCode::kInternal); --c) {
    if (ErrorCodeName(static_cast<ErrorCode>(c)) == name) return static_cast<ErrorCode>(c);
  }
  ADD_FAILURE() << "unknown code " << name;
  return ErrorCode::kInternal;
}

std::string Str(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : bj::serialize(v); }

// The error document must carry the case's code, status, path and message fragment.
void ExpectErrorDocument(const BadInput& c, std::string_view document, std::string_view door) {
  SCOPED_TRACE(std::string(door) + " " + c.id);
  const bj::value doc = bj::parse(document);
  EXPECT_EQ(doc.at("schema"), "sqp.error/1");
  EXPECT_EQ(Str(doc.at("code")), c.code) << doc.at("message");
  EXPECT_EQ(doc.at("status"), static_cast<int>(CodeNamed(c.code)));
  EXPECT_EQ(Str(doc.at("path")), c.path) << doc.at("message");
  ASSERT_FALSE(doc.at("errors").as_array().empty());
  EXPECT_EQ(Str(doc.at("errors").at(0).at("path")), c.path);
  if (!c.message_has.empty()) {
    EXPECT_NE(std::string_view(doc.at("message").as_string()).find(c.message_has),
              std::string_view::npos)
        << doc.at("message");
  }
}

struct CEngine {
  sqp_engine* handle = nullptr;
  ~CEngine() { sqp_engine_free(handle); }
};

std::string Take(char* buffer, size_t size) {
  std::string s(buffer ? buffer : "", buffer ? size : 0);
  sqp_free(buffer);
  return s;
}

TEST(BadInputCatalogue, CoversEveryOperationWithAtLeastFiftyCases) {
  EXPECT_GE(Cases().size(), 50u);
  std::set<std::string> ids, ops;
  for (const auto& c : Cases()) {
    EXPECT_TRUE(ids.insert(c.id).second) << "repeated id " << c.id;
    ops.insert(c.op);
  }
  std::set<std::string> expected = {"rulebook-load"};
  for (std::string_view n : Engine::OperationNames()) expected.insert(std::string(n));
  EXPECT_EQ(ops, expected);
}

TEST(BadInputCatalogue, CxxAndCAbiDoors) {
  const Engine engine = *Engine::Create();
  CEngine c_engine;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &c_engine.handle, nullptr, nullptr), SQP_OK);
  for (const BadInput& c : Cases()) {
    SCOPED_TRACE(c.id);
    const ErrorCode expected = CodeNamed(c.code);
    if (c.op == "rulebook-load") {
      auto made = Engine::FromRulebookJson(c.input);
      ASSERT_FALSE(made.ok());
      const ErrorInfo info = DescribeError(made.status());
      EXPECT_EQ(info.code, expected);
      EXPECT_EQ(info.path, c.path);
      const std::string doc = Engine::StandaloneErrorDocument(made.status());
      ExpectErrorDocument(c, doc, "C++");
      sqp_engine* handle = nullptr;
      char* err = nullptr;
      size_t err_len = 0;
      EXPECT_EQ(sqp_engine_new(c.input.data(), c.input.size(), &handle, &err, &err_len),
                static_cast<int>(expected));
      EXPECT_EQ(handle, nullptr);
      EXPECT_EQ(Take(err, err_len), doc) << "C ABI and C++ differ";
      continue;
    }
    std::string doc;
    EXPECT_EQ(engine.RunToDocument(c.op, c.input, doc), expected);
    ExpectErrorDocument(c, doc, "C++");
    auto run = engine.Run(c.op, c.input);
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(engine.ErrorDocument(run.status()), doc);
    char* out = nullptr;
    size_t out_len = 0;
    EXPECT_EQ(sqp_run(c_engine.handle, c.op.c_str(), c.input.data(), c.input.size(), &out, &out_len),
              static_cast<int>(expected));
    EXPECT_EQ(Take(out, out_len), doc) << "C ABI and C++ differ";
  }
}

// Per operation: a good document, then each single-line bad case followed by the good document
// again, with a blank line inside. Every line is answered, in order, and the run carries on.
TEST(BadInputCatalogue, BatchesAnswerEveryLineAndCarryOn) {
  const std::map<std::string, std::string> good_files = {
      {"eligibility", "docs/examples/application-eligible.json"},
      {"cycle", "docs/examples/cycle.json"},
      {"meeting", "docs/examples/meeting.json"},
      {"certificate", "docs/examples/certificate-valid.json"},
      {"score", "docs/examples/scoresheet-business-hall.json"},
      {"assess", "docs/examples/assessment.json"},
      {"bodies", "docs/examples/bodies.json"},
      {"case", "docs/examples/case-awarded.json"}};
  const Engine engine = *Engine::Create();
  CEngine c_engine;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &c_engine.handle, nullptr, nullptr), SQP_OK);
  for (std::string_view op_view : Engine::OperationNames()) {
    const std::string op(op_view);
    SCOPED_TRACE(op);
    const auto file = good_files.find(op);
    const std::string good = file == good_files.end()
                                 ? "{}"
                                 : bj::serialize(bj::parse(ReadFile(std::string(SQP_SOURCE_DIR) +
                                                                    "/" + file->second)));
    std::string lines = good + "\n\n";
    std::vector<const BadInput*> expected = {nullptr};
    for (const BadInput& c : Cases()) {
      if (c.op != op || c.input.find_first_of("\r\n") != std::string::npos ||
          c.input.find_first_not_of(" \t") == std::string::npos) {
        continue;
      }
      lines += c.input + "\n" + good + "\n";
      expected.push_back(&c);
      expected.push_back(nullptr);
    }
    ASSERT_GT(expected.size(), 3u);
    std::string out;
    const auto summary = engine.RunBatch(op, lines, out);
    EXPECT_EQ(summary.documents, expected.size());
    EXPECT_EQ(summary.errors, expected.size() / 2);
    char* c_out = nullptr;
    size_t c_len = 0, c_errors = 0;
    EXPECT_EQ(sqp_run_batch(c_engine.handle, op.c_str(), lines.data(), lines.size(), &c_out,
                            &c_len, &c_errors),
              SQP_OK);
    EXPECT_EQ(Take(c_out, c_len), out) << "C ABI and C++ batches differ";
    EXPECT_EQ(c_errors, summary.errors);

    std::string_view rest(out);
    for (size_t i = 0; i < expected.size(); ++i) {
      const size_t nl = rest.find('\n');
      ASSERT_NE(nl, std::string_view::npos) << "answer " << i << " missing";
      const std::string_view answer = rest.substr(0, nl);
      rest.remove_prefix(nl + 1);
      if (expected[i] == nullptr) {
        EXPECT_NE(bj::parse(answer).at("schema"), "sqp.error/1") << answer.substr(0, 300);
        continue;
      }
      ExpectErrorDocument(*expected[i], answer, "batch");
      // Input line of answer i: i + 1, plus the blank second line for every answer after it.
      EXPECT_EQ(bj::parse(answer).at("line"), static_cast<std::int64_t>(i + 1 + (i >= 1 ? 1 : 0)));
    }
    EXPECT_TRUE(rest.empty());
  }
}

}  // namespace
}  // namespace sqp::hardening
