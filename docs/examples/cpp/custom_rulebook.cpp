// custom_rulebook — a certification body's own rulebook through the C++ API.
//
// The rules are data: a body that has the official Table 1 values of T/CCSA 248/249/250-2019,
// or a later revision of the Measures, writes them into an `sqp.rulebook/1` file
// (docs/rulebook.md, docs/scoring.md) instead of changing code. This program
//   1. loads and validates such a file (every problem with its JSON pointer),
//   2. prints what identifies it (id, version, SHA-256) beside the default rulebook,
//   3. reads its figures through the typed API (meeting fractions, certificate validity, the
//      business-hall scoring table and its grades),
//   4. scores a site with the typed scoring API against that table, and
//   5. shows that an edited, broken copy is refused with the field named.
//
//   find_package(sqp CONFIG REQUIRED)              # CMake
//   target_link_libraries(custom_rulebook PRIVATE sqp::sqp)
//   ./custom_rulebook docs/examples/rulebook-official-format.json
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include "sqp/engine.hpp"
#include "sqp/meeting.hpp"
#include "sqp/scoring.hpp"

namespace {

std::optional<std::string> ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void PrintProblems(const absl::Status& status) {
  const sqp::ErrorInfo info = sqp::DescribeError(status);
  std::cout << "  refused (" << sqp::ErrorCodeName(info.code) << "), " << info.issues.size()
            << " problem(s):\n";
  for (const sqp::Issue& issue : info.issues) {
    std::cout << "    " << (issue.path.empty() ? "(document)" : issue.path) << ": "
              << issue.message << "\n";
  }
}

std::string Share(sqp::Fraction f) { return std::to_string(f.num) + "/" + std::to_string(f.den); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " RULEBOOK.json\n";
    return 2;
  }
  const std::optional<std::string> text = ReadFile(argv[1]);
  if (!text) {
    std::cerr << "custom_rulebook: cannot read " << argv[1] << "\n";
    return 2;
  }

  // 1. Load and validate: an engine exists only for a rulebook that passed every check.
  absl::StatusOr<sqp::Engine> engine = sqp::Engine::FromRulebookJson(*text);
  if (!engine.ok()) {
    std::cout << argv[1] << ":\n";
    PrintProblems(engine.status());
    return 4;
  }
  absl::StatusOr<sqp::Engine> standard = sqp::Engine::Create();
  if (!standard.ok()) return 1;

  // 2. Identity: every result document carries these, so a decision names its rulebook.
  const sqp::RulebookIdentity& id = engine->identity();
  std::cout << "rulebook " << id.id << " " << id.version << "\n  sha256 " << id.sha256 << "\n  "
            << engine->rulebook().title << "\n";
  std::cout << "default  " << standard->identity().id << " " << standard->identity().version
            << "\n  sha256 " << standard->identity().sha256 << "\n";

  // 3. Its figures, typed.
  const sqp::Rulebook& rb = engine->rulebook();
  std::cout << "expert review: quorum " << Share(rb.expert_review.quorum) << ", decision "
            << Share(rb.expert_review.decision) << "; 9 members, 6 present: quorum "
            << (sqp::EvaluateQuorum(rb.expert_review, 9, 6).met ? "met" : "not met") << "\n";
  std::cout << "certificate valid " << rb.certificate.validity_years << " years, supervision on "
            << rb.certificate.supervision_anniversaries.size() << " anniversaries\n";
  const sqp::ScoringTable& table = rb.scoring.Table(sqp::SiteType::kBusinessHall);
  std::cout << "business hall table: " << table.items.size() << " items in "
            << table.dimensions.size() << " dimensions, max " << table.max_total.ToString()
            << (rb.scoring.template_tables ? " (template values)" : "") << "\n";
  for (const sqp::ScoreGrade& grade : table.grades) {
    std::cout << "  " << grade.id << " (" << grade.name_zh << "): total >= "
              << grade.min_total.ToString()
              << (grade.requires_key_items ? ", every key item passed" : "") << "\n";
  }

  // 4. Typed scoring: full marks on every judged item, every indicator exactly at its bound
  //    (the least that meets it). The same evaluation the "score" operation runs on JSON.
  sqp::ScoreInput site;
  site.site_type = sqp::SiteType::kBusinessHall;
  for (const sqp::ScoringItem& item : table.items) {
    site.judged.push_back(item.rule.type == sqp::ItemRuleType::kJudged
                              ? std::optional<sqp::Decimal>(item.max)
                              : std::nullopt);
  }
  for (const sqp::IndicatorDefinition& indicator : rb.indicators.definitions) {
    site.indicators.push_back(indicator.bound);
  }
  if (!sqp::CheckScoreInput(rb, site).empty()) {
    std::cout << "the constructed scoresheet does not fit the table\n";
    return 1;
  }
  const sqp::ScoreResult score = sqp::EvaluateScore(rb, site);
  std::cout << "a site with full marks and every indicator at its bound: "
            << score.total.ToString() << " of " << score.max_total.ToString() << ", grade "
            << (score.grade ? table.grades[*score.grade].id : std::string("none")) << "\n";

  // 5. An edited copy with an impossible validity is refused, the field named by its pointer.
  std::string broken = *text;
  const std::string field = "\"validity_years\": ";
  const size_t at = broken.find(field);
  if (at != std::string::npos) {
    broken.replace(at + field.size(), 1, "0");
    absl::StatusOr<sqp::Engine> refused = sqp::Engine::FromRulebookJson(broken);
    std::cout << "the same rulebook with validity_years 0:\n";
    if (refused.ok()) {
      std::cout << "  accepted (unexpected)\n";
      return 1;
    }
    PrintProblems(refused.status());
  }
  return 0;
}
