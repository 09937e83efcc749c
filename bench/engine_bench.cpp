// Engine creation and the typed, allocation-free C checks (issue 7, targets 3 and 6):
// creating an engine from the default rulebook should take under 1 ms; the typed C quorum and
// certificate-date functions should reach 50 million calls per second.
#include <benchmark/benchmark.h>

#include "sqp.h"
#include "sqp/engine.hpp"

namespace {

void BM_EngineCreateDefault(benchmark::State& state) {
  for (auto _ : state) {
    auto engine = sqp::Engine::Create();
    benchmark::DoNotOptimize(engine.ok());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineCreateDefault)->Unit(benchmark::kMicrosecond);

void BM_EngineCreateDefaultCAbi(benchmark::State& state) {
  for (auto _ : state) {
    sqp_engine* engine = nullptr;
    benchmark::DoNotOptimize(sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr));
    sqp_engine_free(engine);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineCreateDefaultCAbi)->Unit(benchmark::kMicrosecond);

struct CEngine {
  sqp_engine* engine = nullptr;
  CEngine() { sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr); }
  ~CEngine() { sqp_engine_free(engine); }
};

void BM_CertificateComputeCAbi(benchmark::State& state) {
  CEngine e;
  sqp_certificate_dates dates{};
  dates.struct_size = sizeof dates;
  // Walk through the days of a year so branch prediction sees real variety.
  static constexpr int32_t kDays[] = {20240131, 20240229, 20240331, 20240630, 20240831,
                                      20241231, 20250228, 20250315, 20260320, 20260831};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sqp_certificate_compute(e.engine, kDays[i], &dates));
    benchmark::DoNotOptimize(dates.valid_until);
    if (++i == std::size(kDays)) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CertificateComputeCAbi);

void BM_CertificateStatusOnCAbi(benchmark::State& state) {
  CEngine e;
  int32_t status = 0;
  int32_t as_of = 20270105;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sqp_certificate_status_on(e.engine, 20260320, as_of, 0, &status));
    benchmark::DoNotOptimize(status);
    as_of = as_of == 20270105 ? 20290321 : 20270105;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CertificateStatusOnCAbi);

}  // namespace

BENCHMARK_MAIN();
