// The JSON limit (issue 7, target 2): what any JSON door must pay at least — Boost.JSON parsing
// the same input lines plus serialising the same output documents, no rules — beside sqp's whole
// JSON path (parse, validate, decode, evaluate, encode) on the same lines. bench/compare.py prints
// the ratio; the target is sqp >= 70 % of the limit.
//
// Documents: $SQP_BENCH_APPS (JSON Lines of sqp.application/1, e.g. the peer benchmark's
// data/apps-N.jsonl), else tests/data/peers_generated.jsonl.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace {

namespace bj = boost::json;

const std::vector<std::string>& Lines() {
  static const std::vector<std::string> lines = [] {
    const char* env = std::getenv("SQP_BENCH_APPS");
    std::ifstream in(env ? env : SQP_SOURCE_DIR "/tests/data/peers_generated.jsonl");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line) && out.size() < 20000;) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }();
  return lines;
}

const sqp::Engine& DefaultEngine() {
  static const sqp::Engine engine = *sqp::Engine::Create();
  return engine;
}

// sqp's own output for each line, parsed once: the documents the limit serialises.
const std::vector<bj::value>& Outputs() {
  static const std::vector<bj::value> outputs = [] {
    std::vector<bj::value> out;
    for (const auto& line : Lines()) {
      std::string doc;
      DefaultEngine().RunToDocument("eligibility", line, doc);
      out.push_back(bj::parse(doc));
    }
    return out;
  }();
  return outputs;
}

void BM_LimitParseAndSerialize(benchmark::State& state) {
  const auto& lines = Lines();
  const auto& outputs = Outputs();
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    bj::parser parser(&resource);
    parser.write(lines[i]);
    const bj::value v = parser.release();
    benchmark::DoNotOptimize(&v);
    out = bj::serialize(outputs[i]);
    benchmark::DoNotOptimize(out.data());
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LimitParseAndSerialize);

void BM_SqpEligibilityJsonPath(benchmark::State& state) {
  const sqp::Engine& engine = DefaultEngine();
  const auto& lines = Lines();
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    engine.RunToDocument("eligibility", lines[i], out);
    benchmark::DoNotOptimize(out.data());
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SqpEligibilityJsonPath);

}  // namespace

BENCHMARK_MAIN();
