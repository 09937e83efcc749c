// Thread safety (issue 8): 8 threads share one engine (the C++ object and one C ABI handle) and
// run a mixed workload over every operation — good and bad documents of each JSON operation,
// JSON Lines batches, the human renderers, the typed C checks (sqp_check_vote,
// sqp_certificate_*) and engine creation from a rulebook — each thread in its own order. Every
// answer must be byte for byte the answer of the serial run. Built and run under ThreadSanitizer
// by .ci/build.sh (SQP_SANITIZE_THREAD=ON).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "catalogue.hpp"
#include "engine/operation.hpp"
#include "sqp.h"
#include "sqp/engine.hpp"

namespace sqp::hardening {
namespace {

constexpr int kThreads = 8;
constexpr int kRounds = 2;

struct Work {
  std::string name;
  std::function<std::string()> run;
};

std::string Example(const char* name) {
  return ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/" + name);
}

std::string Typed(int status, std::initializer_list<std::int64_t> fields) {
  std::string s = std::to_string(status);
  for (std::int64_t f : fields) {
    s += ',';
    s += std::to_string(f);
  }
  return s;
}

std::vector<Work> Workload(const Engine& engine, const sqp_engine* c_engine) {
  std::vector<Work> work;
  auto json_op = [&](std::string op, std::string input, std::string label) {
    work.push_back({op + " " + label, [&engine, op, input] {
                      std::string out;
                      const ErrorCode code = engine.RunToDocument(op, input, out);
                      // A result also goes through the operation's human formats.
                      if (code == ErrorCode::kOk) {
                        for (const auto& r : internal::FindOperation(op)->renderers) {
                          out += '\n';
                          out += engine.Render(op, r.format, input).value_or("render failed");
                        }
                      }
                      return out;
                    }});
    work.push_back({op + " " + label + " (C ABI)", [c_engine, op, input] {
                      char* out = nullptr;
                      size_t len = 0;
                      const int status = sqp_run(c_engine, op.c_str(), input.data(), input.size(), &out, &len);
                      std::string s = std::to_string(status) + ":" + std::string(out, len);
                      sqp_free(out);
                      return s;
                    }});
  };
  const std::pair<const char*, const char*> examples[] = {
      {"eligibility", "application-eligible.json"}, {"eligibility", "application-ineligible.json"},
      {"eligibility", "application-pending.json"},  {"cycle", "cycle.json"},
      {"meeting", "meeting.json"},                  {"meeting", "meeting-ballots.json"},
      {"meeting", "meeting-no-quorum.json"},        {"certificate", "certificate-valid.json"},
      {"certificate", "certificate-revoked.json"},  {"certificate", "certificate-missing-report.json"},
      {"score", "scoresheet-business-hall.json"},   {"score", "scoresheet-customer-service-center.json"},
      {"score", "scoresheet-installation-maintenance-center.json"},
      {"assess", "assessment.json"},                {"bodies", "bodies.json"},
      {"case", "case-awarded.json"},                {"case", "case-in-progress.json"},
      {"case", "case-late-report.json"}};
  for (const auto& [op, file] : examples) json_op(op, Example(file), file);
  json_op("rulebook", "{}", "{}");
  // Bad documents from the catalogue (the multi-megabyte ones only slow TSan down).
  for (const BadInput& c : LoadCatalogue(SQP_SOURCE_DIR)) {
    if (c.op != "rulebook-load" && c.input.size() < 100'000) json_op(c.op, c.input, c.id);
  }
  // JSON Lines.
  const std::string lines = ReadFile(std::string(SQP_SOURCE_DIR) + "/docs/examples/crm-export.jsonl") +
                            "\n{bad\n{\"schema\":\"sqp.application/1\"}\n";
  work.push_back({"batch", [&engine, lines] {
                    std::string out;
                    const auto s = engine.RunBatch("eligibility", lines, out);
                    return std::to_string(s.documents) + "/" + std::to_string(s.errors) + out;
                  }});
  work.push_back({"batch (C ABI)", [c_engine, lines] {
                    char* out = nullptr;
                    size_t len = 0, bad = 0;
                    const int st = sqp_run_batch(c_engine, "eligibility", lines.data(), lines.size(), &out, &len, &bad);
                    std::string s = std::to_string(st) + "/" + std::to_string(bad) + std::string(out, len);
                    sqp_free(out);
                    return s;
                  }});
  // Typed C checks.
  for (int body = 0; body < 2; ++body) {
    for (int members : {1, 3, 9, 10}) {
      for (int present = 0; present <= members + 1; present += 2) {
        work.push_back({"sqp_check_vote", [c_engine, body, members, present] {
                          sqp_vote_query q{sizeof q, body, members, present, present / 2 + 1, 0, 0};
                          sqp_vote_result r{};
                          r.struct_size = sizeof r;
                          const int st = sqp_check_vote(c_engine, &q, &r);
                          return Typed(st, {r.quorum_required, r.quorum_met, r.votes_required,
                                            r.passed, r.problem});
                        }});
      }
    }
  }
  for (int day : {20230320, 20240229, 20261231, 20260230}) {
    work.push_back({"sqp_certificate_compute", [c_engine, day] {
                      sqp_certificate_dates d{};
                      d.struct_size = sizeof d;
                      const int st = sqp_certificate_compute(c_engine, day, &d);
                      return Typed(st, {d.valid_from, d.valid_until, d.renewal_due_by,
                                        d.upgrade_earliest, d.anniversary_count, d.report_due[0]});
                    }});
    work.push_back({"sqp_certificate_status_on etc.", [c_engine, day] {
                      int32_t a = -1, b = -1, c = -1;
                      const int s1 = sqp_certificate_status_on(c_engine, day, 20260601, 0, &a);
                      const int s2 = sqp_certificate_supervision_status(c_engine, day, 1, 20270601, 0, 0, &b);
                      const int s3 = sqp_certificate_reapplication(c_engine, day, SQP_REAPPLY_RENEWAL, 20251201, &c);
                      return Typed(s1, {a, s2, b, s3, c});
                    }});
  }
  // Engines made from a rulebook while others evaluate.
  const std::string rulebook = Example("rulebook-official-format.json");
  work.push_back({"engine from rulebook", [rulebook] {
                    auto e = Engine::FromRulebookJson(rulebook);
                    return e.ok() ? *e->Run("rulebook", "{}") : std::string(e.status().message());
                  }});
  return work;
}

TEST(Concurrency, EightThreadsOnOneEngineGiveTheSerialResults) {
  // A certificate calendar's DTSTAMP is the time it was made (issue 19): pinned here, before any
  // thread starts, so that a second ticking over between the serial and the threaded run is not
  // a difference. Nothing writes the environment while the threads run.
  ::setenv("SOURCE_DATE_EPOCH", "1796268930", 1);
  const Engine engine = *Engine::Create();
  sqp_engine* c_engine = nullptr;
  ASSERT_EQ(sqp_engine_new(nullptr, 0, &c_engine, nullptr, nullptr), SQP_OK);
  const std::vector<Work> work = Workload(engine, c_engine);
  ASSERT_GT(work.size(), 200u);

  std::vector<std::string> serial;
  for (const Work& w : work) serial.push_back(w.run());

  std::atomic<int> mismatches{0};
  std::vector<std::string> first_mismatch(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread starts elsewhere in the list and every other thread walks it backwards, so
      // different operations overlap.
      const size_t n = work.size();
      for (int round = 0; round < kRounds; ++round) {
        for (size_t k = 0; k < n; ++k) {
          size_t i = (k + static_cast<size_t>(t) * n / kThreads) % n;
          if (t % 2 == 1) i = n - 1 - i;
          if (work[i].run() != serial[i]) {
            if (mismatches++ == 0 || first_mismatch[static_cast<size_t>(t)].empty()) {
              first_mismatch[static_cast<size_t>(t)] = work[i].name;
            }
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  sqp_engine_free(c_engine);
  EXPECT_EQ(mismatches.load(), 0);
  for (const std::string& m : first_mismatch) EXPECT_TRUE(m.empty()) << "differs from serial: " << m;
}

}  // namespace
}  // namespace sqp::hardening
