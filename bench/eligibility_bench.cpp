// Eligibility decisions per second (issue 3, targets in issue 7):
//   typed   — EvaluateEligibility on decoded applications (no JSON);
//   json    — JSON in → JSON out through the C ABI `sqp_run`, and through Engine::RunToDocument;
//   baseline— Boost.JSON parse + serialize of the same documents, the floor any JSON door pays.
// Documents: tests/data/peers_generated.jsonl (the peer benchmark's generator, 300 documents,
// ~1.3 KB each, ~60% eligible).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "ops/eligibility_codec.hpp"
#include "sqp.h"
#include "sqp/eligibility.hpp"
#include "sqp/engine.hpp"

namespace {

namespace bj = boost::json;

const std::vector<std::string>& PeerLines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    std::ifstream in(SQP_SOURCE_DIR "/tests/data/peers_generated.jsonl");
    for (std::string line; std::getline(in, line);) {
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

// The parsed documents stay alive for the applications' string views.
struct Decoded {
  std::vector<bj::value> docs;
  std::vector<sqp::Application> apps;
};
const Decoded& PeerApplications() {
  static const Decoded decoded = [] {
    Decoded d;
    d.docs.reserve(PeerLines().size());
    for (const auto& line : PeerLines()) d.docs.push_back(bj::parse(line));
    for (const auto& doc : d.docs) {
      sqp::Application app;
      if (sqp::internal::DecodeApplication(doc, sqp::json::Loc::Root(), app).ok()) {
        d.apps.push_back(app);
      }
    }
    return d;
  }();
  return decoded;
}

// One typical application: every rule passes, a general accident noted.
sqp::Application TypicalApplication() {
  sqp::Application app;
  app.application_id = "APP-2026-0001";
  app.kind = sqp::ApplicationKind::kInitial;
  app.applied_on = *sqp::Date::Parse("2026-01-15");
  app.site_type = sqp::SiteType::kBusinessHall;
  app.business_registered = true;
  app.credit_code = "914403001922038216";
  app.telecom_license = sqp::TelecomLicense{sqp::Date::Parse("2029-12-31")};
  app.has_quality_indicators = true;
  app.indicators_attested = true;
  app.accidents.push_back({*sqp::Date::Parse("2024-05-01"), sqp::AccidentSeverity::kGeneral});
  app.accidents_recorded = app.criticisms_recorded = app.adverse_records_recorded = true;
  app.trained_staff.push_back({"CCEA-FW-2024-000101"});
  app.trained_staff.push_back({"CCEA-FW-2024-000102"});
  app.trained_staff.push_back({"CCEA-FW-2025-000417"});
  return app;
}

void BM_EligibilityTypedTypical(benchmark::State& state) {
  const sqp::Rulebook& rb = DefaultEngine().rulebook();
  const sqp::Application app = TypicalApplication();
  sqp::EligibilityResult result;
  for (auto _ : state) {
    sqp::EvaluateEligibility(rb, app, result);
    benchmark::DoNotOptimize(result.decision);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EligibilityTypedTypical);

void BM_EligibilityTypedPeerMix(benchmark::State& state) {
  const sqp::Rulebook& rb = DefaultEngine().rulebook();
  const auto& apps = PeerApplications().apps;
  sqp::EligibilityResult result;
  size_t i = 0;
  for (auto _ : state) {
    sqp::EvaluateEligibility(rb, apps[i], result);
    benchmark::DoNotOptimize(result.decision);
    if (++i == apps.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EligibilityTypedPeerMix);

void BM_EligibilityDecodeEvaluatePeerMix(benchmark::State& state) {
  const sqp::Rulebook& rb = DefaultEngine().rulebook();
  const auto& docs = PeerApplications().docs;
  sqp::Application app;
  sqp::EligibilityResult result;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sqp::internal::DecodeApplication(docs[i], sqp::json::Loc::Root(), app));
    sqp::EvaluateEligibility(rb, app, result);
    benchmark::DoNotOptimize(result.decision);
    if (++i == docs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EligibilityDecodeEvaluatePeerMix);

// The fast path's decoder alone (text -> Application, no DOM): what replaced Boost.JSON's parse
// and the DOM decode above for documents in the common shape.
void BM_EligibilityFastDecodePeerMix(benchmark::State& state) {
  const auto& lines = PeerLines();
  const sqp::json::JsonLimits limits;
  const auto engine = sqp::Engine::Create();
  sqp::Application app;
  size_t i = 0, declined = 0;
  for (auto _ : state) {
    declined += sqp::internal::DecodeApplicationText(lines[i], limits, engine->rulebook(), app) ? 0 : 1;
    benchmark::DoNotOptimize(app.applied_on);
    if (++i == lines.size()) i = 0;
  }
  if (declined > 0) state.SkipWithError("the fast path declined a peer document");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * lines[0].size()));
}
BENCHMARK(BM_EligibilityFastDecodePeerMix);

void BM_EligibilityEncodePeerMix(benchmark::State& state) {
  const sqp::Rulebook& rb = DefaultEngine().rulebook();
  const auto& apps = PeerApplications().apps;
  std::vector<sqp::EligibilityResult> results;
  for (const auto& app : apps) results.push_back(sqp::EvaluateEligibility(rb, app));
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    sqp::json::Writer w(out);
    w.BeginObject();
    sqp::internal::WriteEligibility(rb, apps[i], results[i], w);
    w.EndObject();
    benchmark::DoNotOptimize(out.data());
    if (++i == apps.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EligibilityEncodePeerMix);

void BM_BoostJsonParseOnly(benchmark::State& state) {
  const auto& lines = PeerLines();
  size_t i = 0;
  for (auto _ : state) {
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    bj::parser parser(&resource);
    parser.write(lines[i]);
    const bj::value v = parser.release();
    benchmark::DoNotOptimize(&v);
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BoostJsonParseOnly);

void BM_EligibilityJsonCAbi(benchmark::State& state) {
  sqp_engine* engine = nullptr;
  if (sqp_engine_new(nullptr, 0, &engine, nullptr, nullptr) != SQP_OK) {
    state.SkipWithError("sqp_engine_new failed");
    return;
  }
  const auto& lines = PeerLines();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    char* out = nullptr;
    size_t out_len = 0;
    const std::string& line = lines[i];
    if (sqp_run(engine, "eligibility", line.data(), line.size(), &out, &out_len) != SQP_OK) {
      state.SkipWithError("sqp_run failed");
    }
    bytes += line.size();
    sqp_free(out);
    if (++i == lines.size()) i = 0;
  }
  sqp_engine_free(engine);
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EligibilityJsonCAbi);

void BM_EligibilityJsonEngine(benchmark::State& state) {
  const sqp::Engine& engine = DefaultEngine();
  const auto& lines = PeerLines();
  std::string out;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    out.clear();
    engine.RunToDocument("eligibility", lines[i], out);
    benchmark::DoNotOptimize(out.data());
    bytes += lines[i].size();
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EligibilityJsonEngine);

// The JSON door in each answer mode (issue 20; argument: 0 both, 1 en, 2 zh, 3 none), the
// engine's twin in that mode as the C ABI's per-call option picks it. Bytes out per document in
// the "out_bytes" counter.
void BM_EligibilityJsonEngineMessages(benchmark::State& state) {
  const sqp::Engine engine =
      DefaultEngine().WithMessages(static_cast<sqp::Messages>(state.range(0)));
  const auto& lines = PeerLines();
  std::string out;
  size_t i = 0, bytes = 0, out_bytes = 0;
  for (auto _ : state) {
    out.clear();
    engine.RunToDocument("eligibility", lines[i], out);
    benchmark::DoNotOptimize(out.data());
    bytes += lines[i].size();
    out_bytes += out.size();
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["out_bytes"] =
      benchmark::Counter(static_cast<double>(out_bytes), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_EligibilityJsonEngineMessages)->DenseRange(0, 3);

// The floor: Boost.JSON parse (same arena scheme as the engine) + serialize of the input.
void BM_BoostJsonParseSerialize(benchmark::State& state) {
  const auto& lines = PeerLines();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    unsigned char arena[16384];
    bj::monotonic_resource resource(arena, sizeof arena);
    bj::parser parser(&resource);
    parser.write(lines[i]);
    const bj::value v = parser.release();
    std::string out = bj::serialize(v);
    benchmark::DoNotOptimize(out.data());
    bytes += lines[i].size();
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_BoostJsonParseSerialize);

}  // namespace

BENCHMARK_MAIN();
