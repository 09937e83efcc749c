// The unified social credit code (统一社会信用代码) of GB 32100-2015 and its check character,
// used by ELIG.REGISTRATION (Art. 11(1)).
//
// A code is 18 characters from the 31-character set below (no I, O, S, V, Z); the 18th is a check
// character over the first 17: check = (31 - sum(value(c_i) * w_i) mod 31) mod 31. Only the
// check is verified here (not the registration authority, type or region parts): that is what a
// typo catches, and the standard defines nothing stricter that a CRM could rely on.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace sqp {

inline constexpr std::string_view kCreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
inline constexpr size_t kCreditCodeLength = 18;
inline constexpr std::array<int, 17> kCreditCodeWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                           29, 25, 13, 8,  24, 10, 30, 28};

// The value of a code character (its index in the charset), or -1 outside the set (lower case
// included: GB 32100 codes are upper case).
namespace credit_code_internal {
constexpr std::array<signed char, 256> MakeValueTable() {
  std::array<signed char, 256> table{};
  for (auto& v : table) v = -1;
  for (size_t i = 0; i < kCreditCodeCharset.size(); ++i) {
    table[static_cast<unsigned char>(kCreditCodeCharset[i])] = static_cast<signed char>(i);
  }
  return table;
}
inline constexpr std::array<signed char, 256> kValue = MakeValueTable();
}  // namespace credit_code_internal

constexpr int CreditCodeCharValue(char c) {
  return credit_code_internal::kValue[static_cast<unsigned char>(c)];
}

// The check character for 17 characters of the set; '\0' when `first17` is not 17 such
// characters.
constexpr char CreditCodeCheckCharacter(std::string_view first17) {
  if (first17.size() != kCreditCodeLength - 1) return '\0';
  int sum = 0;
  for (size_t i = 0; i < first17.size(); ++i) {
    const int v = CreditCodeCharValue(first17[i]);
    if (v < 0) return '\0';
    sum += v * kCreditCodeWeights[i];
  }
  return kCreditCodeCharset[static_cast<size_t>((31 - sum % 31) % 31)];
}

enum class CreditCodeProblem {
  kNone,
  kWrongLength,          // not 18 bytes (a non-ASCII character also lands here or below)
  kInvalidCharacter,     // a byte outside the charset, at `position`
  kWrongCheckCharacter,  // the 18th character is not `expected`
};

struct CreditCodeCheck {
  CreditCodeProblem problem = CreditCodeProblem::kNone;
  size_t position = 0;  // kInvalidCharacter: 0-based byte offset of the first bad byte
  char expected = '\0'; // kWrongCheckCharacter: the check character the first 17 call for
  constexpr bool ok() const { return problem == CreditCodeProblem::kNone; }
};

// ELIG.REGISTRATION (Art. 11(1)): GB 32100-2015 form and check character.
constexpr CreditCodeCheck CheckCreditCode(std::string_view code) {
  if (code.size() != kCreditCodeLength) return {CreditCodeProblem::kWrongLength, 0, '\0'};
  for (size_t i = 0; i < code.size(); ++i) {
    if (CreditCodeCharValue(code[i]) < 0) return {CreditCodeProblem::kInvalidCharacter, i, '\0'};
  }
  const char expected = CreditCodeCheckCharacter(code.substr(0, kCreditCodeLength - 1));
  if (code[kCreditCodeLength - 1] != expected) {
    return {CreditCodeProblem::kWrongCheckCharacter, kCreditCodeLength - 1, expected};
  }
  return {};
}

constexpr bool IsValidCreditCode(std::string_view code) { return CheckCreditCode(code).ok(); }

}  // namespace sqp
