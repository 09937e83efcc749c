// The Python binding's vocabulary (bindings/python/sqp/_vocabulary.py: the typing Literals of
// statuses, decisions, steps and outcomes, and the severity order of finding statuses) is made
// from the C++ one in include/sqp, where each spelling is written once. This test writes what the
// file must hold and fails when the file holds anything else; run it with
// SQP_UPDATE_PYTHON_VOCABULARY=1 to renew the file after a deliberate change of the vocabulary.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "sqp/case.hpp"
#include "sqp/certificate.hpp"
#include "sqp/eligibility.hpp"
#include "sqp/meeting.hpp"

namespace sqp {
namespace {

constexpr std::string_view kPath = "bindings/python/sqp/_vocabulary.py";

template <size_t N>
void AddLiteral(std::string& out, std::string_view comment, std::string_view name,
                const std::array<std::string_view, N>& spellings) {
  out.append("\n# ").append(comment).append("\n").append(name).append(" = Literal[\n");
  for (const std::string_view s : spellings) out.append("    \"").append(s).append("\",\n");
  out.append("]\n");
}

std::string PythonVocabulary() {
  std::string out =
      "# The vocabulary of sqp's documents for the Python binding, generated from include/sqp by\n"
      "# tests/python_vocabulary_test.cpp: do not edit. After a change of the C++ vocabulary, renew\n"
      "# it with SQP_UPDATE_PYTHON_VOCABULARY=1 build/tests/sqp_tests "
      "--gtest_filter='PythonVocabulary.*'\n"
      "from typing import Literal, Tuple\n";
  AddLiteral(out, "A finding's status (sqp.eligibility/1, sqp.case-status/1).", "FindingStatus",
             kFindingStatusNames);
  AddLiteral(out, "An eligibility decision.", "Decision", kDecisionNames);
  AddLiteral(out, "A case's outcome (sqp.case-status/1).", "CaseOutcome", kCaseOutcomeNames);
  AddLiteral(out, "The steps of a case in Art. 14's order (\"stage\" is the last one recorded).",
             "CaseStage", kCaseStepNames);
  AddLiteral(out, "What PROC.NEXT lists (CaseNext's \"step\").", "CaseNextStep", kNextStepNames);
  AddLiteral(out, "A review meeting's body.", "MeetingBody", kMeetingBodyNames);
  AddLiteral(out, "How a review meeting is held.", "MeetingMode", kMeetingModeNames);
  AddLiteral(out, "A supervision anniversary's status on a day.", "SupervisionStatus",
             kSupervisionStatusNames);
  AddLiteral(out, "A certificate's status on a day.", "CertificateStatus",
             kCertificateStatusNames);
  // The order in which the library ranks a rule's findings (its status is the most severe).
  std::array<FindingStatus, kFindingStatusNames.size()> statuses{};
  for (size_t i = 0; i < statuses.size(); ++i) statuses[i] = static_cast<FindingStatus>(i);
  std::sort(statuses.begin(), statuses.end(), [](FindingStatus a, FindingStatus b) {
    return SeverityRank(a) < SeverityRank(b);
  });
  out.append(
      "\n# Finding statuses from least to most severe, as the library ranks a rule's findings.\n"
      "FINDING_STATUSES_BY_SEVERITY: Tuple[FindingStatus, ...] = (");
  for (size_t i = 0; i < statuses.size(); ++i) {
    out.append(i == 0 ? "\"" : ", \"")
        .append(kFindingStatusNames[static_cast<size_t>(statuses[i])])
        .append("\"");
  }
  out.append(")\n");
  return out;
}

TEST(PythonVocabulary, TheBindingsModuleIsTheOneMadeFromTheCppVocabulary) {
  const std::string path = std::string(SQP_SOURCE_DIR) + "/" + std::string(kPath);
  const std::string expected = PythonVocabulary();
  if (std::getenv("SQP_UPDATE_PYTHON_VOCABULARY") != nullptr) {
    std::ofstream(path, std::ios::binary) << expected;
  }
  std::ifstream in(path, std::ios::binary);
  const std::string actual((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(actual, expected) << kPath << " is not what the C++ vocabulary makes; renew it as its "
                                          "first lines say";
}

}  // namespace
}  // namespace sqp
