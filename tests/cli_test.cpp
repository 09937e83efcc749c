// The `sqp` CLI's contract (CONTRACT.md §5): exit codes, rulebook validation, error reporting.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace {

struct CliRun {
  int exit_code;
  std::string out;  // stdout and stderr together
};

// A shell command line: its exit code and what it printed on stdout.
CliRun Shell(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

CliRun Cli(const std::string& args, const std::string& stdin_text = "") {
  const std::string input = ::testing::TempDir() + "/cli_stdin.txt";
  std::ofstream(input) << stdin_text;
  return Shell(std::string(SQP_CLI_PATH) + " " + args + " < " + input + " 2>&1");
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

const std::string kDefaultRulebook = std::string(SQP_SOURCE_DIR) + "/src/rulebook/default_rulebook.json";

TEST(CliTest, HelpAndVersion) {
  const CliRun help = Cli("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  const CliRun version = Cli("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, std::string("sqp ") + SQP_PROJECT_VERSION + "\n");
}

TEST(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Cli("").exit_code, 2);
  EXPECT_EQ(Cli("frobnicate x.json").exit_code, 2);
  EXPECT_EQ(Cli("rulebook --bogus").exit_code, 2);
  EXPECT_EQ(Cli("rulebook --format").exit_code, 2);
  EXPECT_EQ(Cli("rulebook --format pdf").exit_code, 2);
  EXPECT_EQ(Cli("eligibility /no/such/file.json").exit_code, 2);
}

TEST(CliTest, RulebookPrintsIdentity) {
  const CliRun r = Cli("rulebook");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto doc = boost::json::parse(r.out);
  EXPECT_EQ(doc.at("schema"), "sqp.rulebook-info/1");
  EXPECT_EQ(doc.at("sha256").as_string().size(), 64u);
}

TEST(CliTest, ValidateGoodAndBrokenRulebooks) {
  const CliRun good = Cli("rulebook validate " + kDefaultRulebook);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_NE(good.out.find("valid rulebook sqp.default"), std::string::npos);

  const std::string broken = WriteTemp(
      "broken_rulebook.json",
      R"({"schema":"sqp.rulebook/1","id":"x","version":"1","calendar":{"acceptance_months":[0]}})");
  const CliRun bad = Cli("rulebook validate " + broken);
  EXPECT_EQ(bad.exit_code, 4) << bad.out;
  EXPECT_NE(bad.out.find("/calendar/acceptance_months/0"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("/eligibility"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("/meetings"), std::string::npos) << bad.out;

  const CliRun json = Cli("rulebook validate " + broken + " --format json");
  EXPECT_EQ(json.exit_code, 4);
  EXPECT_NE(json.out.find("\"code\":\"invalid_rulebook\""), std::string::npos);

  const std::string not_json = WriteTemp("not_json_rulebook.json", "{ nope");
  EXPECT_EQ(Cli("rulebook validate " + not_json).exit_code, 4);
  // --rulebook with a broken file refuses to run anything.
  EXPECT_EQ(Cli("rulebook --rulebook " + broken).exit_code, 4);
  EXPECT_EQ(Cli("rulebook --rulebook " + kDefaultRulebook).exit_code, 0);
}

TEST(CliTest, InvalidInputExitsThreeWithErrorDocument) {
  const CliRun r = Cli("eligibility -", "{\"schema\": 7}");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("\"schema\":\"sqp.error/1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"path\":\"/schema\""), std::string::npos) << r.out;
  EXPECT_EQ(Cli("rulebook -", "{").exit_code, 3);
}

// READ.MEMBERS through the CLI: a misspelt member is exit 3 with its pointer and the member
// meant; --unknown-members note answers and lists it; a bad value of the option is exit 2.
TEST(CliTest, UnknownMembersAreRefusedOrNoted) {
  const std::string doc = sqp::test::ReadExample("application-ineligible.json");
  const size_t at = doc.find("\"accidents\"");
  ASSERT_NE(at, std::string::npos);
  std::string misspelt = doc;
  misspelt.replace(at, 11, "\"acidents\"");
  const CliRun strict = Cli("eligibility -", misspelt);
  EXPECT_EQ(strict.exit_code, 3) << strict.out;
  EXPECT_NE(strict.out.find(R"("path":"/acidents")"), std::string::npos) << strict.out;
  EXPECT_NE(strict.out.find(R"(unknown member; did you mean \"accidents\"?)"), std::string::npos)
      << strict.out;
  const CliRun noted = Cli("eligibility - --unknown-members note", misspelt);
  EXPECT_EQ(noted.exit_code, 0) << noted.out;
  EXPECT_NE(noted.out.find(R"("rule":"INPUT.UNKNOWN_MEMBER")"), std::string::npos) << noted.out;
  EXPECT_NE(noted.out.find(R"("pointers":["/acidents"])"), std::string::npos) << noted.out;
  EXPECT_EQ(noted.out.find(R"("decision":"eligible")"), std::string::npos) << noted.out;
  EXPECT_EQ(Cli("eligibility - --unknown-members ignore", misspelt).exit_code, 2);
}

TEST(CliTest, BatchAnswersEveryLineAndGoesOn) {
  const CliRun r = Cli("rulebook --batch -", "{}\nnot json\n{}\n");
  EXPECT_EQ(r.exit_code, 3);  // some line was invalid, but every line was answered
  EXPECT_NE(r.out.find("\"line\":2"), std::string::npos) << r.out;
  size_t results = 0;
  for (size_t at = 0; (at = r.out.find("sqp.rulebook-info/1", at)) != std::string::npos; ++at) ++results;
  EXPECT_EQ(results, 2u);
  EXPECT_EQ(Cli("rulebook --batch -", "{}\n{}\n").exit_code, 0);
}

// --threads N shares one engine between threads; output stays in input order, byte for byte.
TEST(CliTest, BatchThreadsKeepInputOrder) {
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += (i % 7 == 3) ? "oops\n" : "{}\n";
  const std::string file = WriteTemp("threads.jsonl", lines);
  const CliRun one = Cli("rulebook --batch " + file);
  const CliRun three = Cli("rulebook --batch " + file + " --threads 3");
  EXPECT_EQ(one.exit_code, 3);
  EXPECT_EQ(three.exit_code, 3);
  EXPECT_EQ(one.out, three.out);
  EXPECT_NE(three.out.find("\"line\":19996,"), std::string::npos);  // the last bad line, i = 19995
  EXPECT_EQ(Cli("rulebook --threads 2").exit_code, 2);
  EXPECT_EQ(Cli("rulebook --batch --threads 0 " + file).exit_code, 2);
}

// One blank-line rule for every batch door: `sqp --batch` answers exactly the lines
// Engine::RunBatch (so sqp_run_batch and Python's batch) answers, with the same line numbers and
// bytes, CRLF endings and whitespace-only lines of every kind included.
TEST(CliTest, BatchBlankLinesAreThoseOfEngineRunBatch) {
  const std::string input =
      "{}\n\n \n\t\n\r\n \r \n\r \r\n\r  \n{}\r\n{\r\n\v\n\f\n{} \r\n \t{}\t\r\n[]\r\n"
      "{oops\n\r";
  const std::string file = WriteTemp("blank_lines.jsonl", input);
  const CliRun cli = Shell(std::string(SQP_CLI_PATH) + " rulebook --batch " + file + " 2>/dev/null");
  EXPECT_EQ(cli.exit_code, 3);

  auto engine = sqp::Engine::Create();
  ASSERT_TRUE(engine.ok());
  std::string engine_out;
  const auto summary = engine->RunBatch("rulebook", input, engine_out);
  EXPECT_EQ(cli.out, engine_out);
  // Answered: {} {}\r { \v \f "{} \r" " \t{}\t\r" []\r {oops; blank: lines 2-8 and the last.
  EXPECT_EQ(summary.documents, 9u);
  EXPECT_EQ(summary.errors, 5u);  // {  \v  \f  []  {oops
  EXPECT_NE(engine_out.find("\"line\":10,"), std::string::npos) << engine_out;  // "{\r"
  EXPECT_NE(engine_out.find("\"line\":16,"), std::string::npos) << engine_out;  // "{oops"
}

// Output that never reached its file is lost data: a run whose standard output cannot be
// written fails (exit 2) and says so once, instead of exiting 0 with answers missing.
TEST(CliTest, OutputThatCannotBeWrittenFailsTheRun) {
  const std::string doc = std::string(SQP_SOURCE_DIR) + "/docs/examples/application-eligible.json";
  auto run = [](const std::string& script) { return Shell("bash -c '" + script + "' 2>&1"); };
  const std::string cli = SQP_CLI_PATH;
  for (const std::string& args : {"eligibility " + doc, "eligibility --format text " + doc,
                                  std::string("rulebook"), std::string("--help")}) {
    const CliRun r = run(cli + " " + args + " > /dev/full");
    EXPECT_EQ(r.exit_code, 2) << args;
    // With the system's reason (issue 16, item 5).
    EXPECT_EQ(r.out.find("sqp: cannot write the output: No space left on device\n"), 0u)
        << args << ": " << r.out;
  }

  // 12,000 lines (three blocks, 4.5 MB of answers) and a 2 MB file-size limit that cuts them short:
  // the run stops, names the last line whose answer was written, and those answers are whole.
  std::string lines;
  for (int i = 0; i < 12000; ++i) lines += (i % 5 == 2) ? "oops\n" : "{}\n";
  const std::string input = WriteTemp("write_fail.jsonl", lines);
  const std::string full_out = ::testing::TempDir() + "/write_fail_full.jsonl";
  const std::string cut_out = ::testing::TempDir() + "/write_fail_cut.jsonl";
  ASSERT_EQ(run(cli + " rulebook --batch " + input + " > " + full_out).exit_code, 3);
  for (const char* threads : {"1", "2", "4", "8"}) {  // 8: more workers than blocks in the pool
    // SIGXFSZ is ignored by sqp itself (not by the shell here): the write past the limit fails
    // with EFBIG instead of killing the process, and the file is cut back to a whole line.
    const CliRun r = run("ulimit -f 2000; " + cli + " rulebook --batch " + input +
                         " --threads " + threads + " > " + cut_out);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find(": File too large\n"), std::string::npos) << r.out;
    const size_t at = r.out.find("sqp: cannot write the output after line ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const size_t written = std::stoul(r.out.substr(at + 40));
    EXPECT_GT(written, 0u) << r.out;
    EXPECT_LT(written, 12000u) << r.out;
    std::ifstream full(full_out), cut(cut_out);
    std::string want, got;
    for (size_t i = 0; i < written; ++i) {
      ASSERT_TRUE(std::getline(full, want));
      ASSERT_TRUE(std::getline(cut, got)) << "line " << i + 1 << " of " << written;
      ASSERT_EQ(got, want) << "line " << i + 1;
    }
    EXPECT_FALSE(std::getline(cut, got)) << "more than the " << written << " lines named";
    std::ifstream bytes(cut_out, std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(bytes)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(!all.empty() && all.back() == '\n') << "the file ends mid-line";
  }
}

// Issue 16, item 5: an input that cannot be read names the system's reason, exit 2.
TEST(CliTest, InputThatCannotBeReadNamesTheReason) {
  const std::string cli = SQP_CLI_PATH;
  const std::string dir = std::string(SQP_SOURCE_DIR) + "/docs";
  for (const std::string& args : {"eligibility " + dir, "eligibility --batch " + dir,
                                  "rulebook validate " + dir, "eligibility --rulebook " + dir + " -"}) {
    const CliRun r = Shell(cli + " " + args + " < /dev/null 2>&1");
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.out;
    EXPECT_NE(r.out.find("cannot read " + dir + ": Is a directory"), std::string::npos)
        << args << ": " << r.out;
  }
  for (const std::string& args : {std::string("assess nonexist.json"),
                                  std::string("eligibility --batch nonexist.json")}) {
    const CliRun r = Shell(cli + " " + args + " 2>&1");
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.out.find("cannot read nonexist.json: No such file or directory"), std::string::npos)
        << args << ": " << r.out;
  }
}

}  // namespace
