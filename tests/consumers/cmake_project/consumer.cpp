// A C++ program built against an INSTALLED sqp through find_package(sqp CONFIG) and sqp::sqp:
// the engine, the typed API and the error model, with no sqp source tree in sight.
#include <iostream>
#include <string>

#include "sqp/engine.hpp"
#include "sqp/meeting.hpp"
#include "sqp/rulebook.hpp"

namespace {
int failures = 0;
void Check(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "check failed: " << what << "\n";
    ++failures;
  }
}
}  // namespace

int main() {
  absl::StatusOr<sqp::Engine> engine = sqp::Engine::Create();
  Check(engine.ok(), "the default engine loads");
  if (!engine.ok()) return 1;

  // The compiled-in rulebook, parsed again through the public API, has the engine's identity.
  absl::StatusOr<sqp::Rulebook> parsed = sqp::ParseRulebook(sqp::DefaultRulebookJson());
  Check(parsed.ok() && parsed->identity.sha256 == engine->identity().sha256,
        "ParseRulebook(DefaultRulebookJson()) has the engine's SHA-256");
  Check(engine->identity().sha256.size() == 64, "a SHA-256 has 64 hex digits");

  // Typed API, a constexpr rule of the header: 2/3 quorum of 9 members is 6.
  const sqp::MeetingRules& rules = engine->rulebook().expert_review;
  Check(sqp::EvaluateQuorum(rules, 9, 6).met, "6 of 9 present is a quorum");
  Check(!sqp::EvaluateQuorum(rules, 9, 5).met, "5 of 9 present is not");
  // A rule compiled into the installed libsqp_core.a (src/rules/meeting.cpp), not inline.
  sqp::MeetingInput meeting;
  meeting.members = 9;
  meeting.present = 6;
  const absl::StatusOr<sqp::MeetingResult> held = sqp::EvaluateMeeting(engine->rulebook(), meeting);
  Check(held.ok() && held->valid(), "EvaluateMeeting, from the archive, finds the quorum");

  // JSON door and error model.
  absl::StatusOr<std::string> info = engine->Run("rulebook", "{}");
  Check(info.ok() && info->find("\"sqp.rulebook-info/1\"") != std::string::npos,
        "the rulebook operation runs");
  absl::StatusOr<std::string> bad = engine->Run("eligibility", R"({"schema":"sqp.application/1"})");
  Check(!bad.ok(), "an empty application is refused");
  if (!bad.ok()) {
    const sqp::ErrorInfo e = sqp::DescribeError(bad.status());
    Check(e.code == sqp::ErrorCode::kInvalidInput && !e.issues.empty() && !e.path.empty(),
          "the refusal is invalid_input with a JSON pointer");
  }
  if (failures == 0) std::cout << "installed C++ consumer: all checks passed\n";
  return failures == 0 ? 0 : 1;
}
