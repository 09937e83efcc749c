// The hot checks of VOTE.* and CYCLE.*: the typed C function a CRM calls per motion, the typed
// C++ rules, and the whole JSON door for comparison.
#include <benchmark/benchmark.h>

#include <string>

#include "sqp.h"
#include "sqp/cycle.hpp"
#include "sqp/engine.hpp"
#include "sqp/meeting.hpp"

namespace {

void BM_CheckVoteCAbi(benchmark::State& state) {
  sqp_engine* engine = nullptr;
  if (sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr) != SQP_OK) {
    state.SkipWithError("engine");
    return;
  }
  sqp_vote_query q{sizeof(sqp_vote_query), SQP_BODY_EXPERT_REVIEW, 9, 6, 4, 1, 1};
  sqp_vote_result r{};
  r.struct_size = sizeof r;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sqp_check_vote(engine, &q, &r));
    benchmark::DoNotOptimize(r.passed);
  }
  sqp_engine_free(engine);
}
BENCHMARK(BM_CheckVoteCAbi);

void BM_QuorumAndMotionTyped(benchmark::State& state) {
  const sqp::MeetingRules rules;
  std::int64_t present = 6;
  for (auto _ : state) {
    benchmark::DoNotOptimize(present);
    const sqp::Quorum q = sqp::EvaluateQuorum(rules, 9, present);
    benchmark::DoNotOptimize(sqp::EvaluateMotion(rules, q, {4, 1, 1}));
  }
}
BENCHMARK(BM_QuorumAndMotionTyped);

void BM_MeetingJson(benchmark::State& state) {
  auto engine = sqp::Engine::Create();
  const std::string doc =
      R"({"schema":"sqp.meeting/1","body":"expert_review","mode":"in_person","members":9,)"
      R"("present":6,"motions":[{"subject":"APP-1","decision":"suspend","for":4,"against":1,"abstain":1}]})";
  std::string out;
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(engine->RunToDocument("meeting", doc, out));
  }
}
BENCHMARK(BM_MeetingJson);

void BM_CycleJson(benchmark::State& state) {
  auto engine = sqp::Engine::Create();
  const std::string doc =
      R"({"schema":"sqp.cycle/1","applied_on":"2026-11-22","materials_received_on":"2026-01-31",)"
      R"("publicity_starts_on":"2026-03-10","objections":[{"received_on":"2026-03-17",)"
      R"("in_writing":true,"has_evidence":false,"has_contact":true}]})";
  std::string out;
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(engine->RunToDocument("cycle", doc, out));
  }
}
BENCHMARK(BM_CycleJson);

}  // namespace

BENCHMARK_MAIN();
