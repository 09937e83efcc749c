// ELIG.REGISTRATION: the GB 32100-2015 check character (include/sqp/credit_code.hpp).
#include "sqp/credit_code.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sqp {
namespace {

// Valid per the peers' independent Python oracle (reference.py) and CONTRACT.md's example.
constexpr const char* kValidCodes[] = {
    "914403001922038216", "91500103871012269Q", "91110105909960302N", "91320106752917030N",
    "12500103729975283L", "91310115242731674A", "91110105801412697E", "12410105254499200B",
    "914201110445166906", "91320106762833121G"};

TEST(CreditCodeTest, RealFormatCodesPass) {
  for (const char* code : kValidCodes) {
    EXPECT_TRUE(IsValidCreditCode(code)) << code;
    EXPECT_EQ(CreditCodeCheckCharacter(std::string_view(code).substr(0, 17)), code[17]) << code;
  }
}

TEST(CreditCodeTest, CheckIsComputedAtCompileTime) {
  static_assert(IsValidCreditCode("914403001922038216"));
  static_assert(!IsValidCreditCode("914403001922038217"));
  static_assert(CreditCodeCharValue('Y') == 30 && CreditCodeCharValue('I') == -1);
}

TEST(CreditCodeTest, WrongCheckCharacterNamesTheExpectedOne) {
  const CreditCodeCheck c = CheckCreditCode("914403001922038217");
  EXPECT_EQ(c.problem, CreditCodeProblem::kWrongCheckCharacter);
  EXPECT_EQ(c.expected, '6');
  EXPECT_EQ(c.position, 17u);
}

// 31 is prime and no weight is a multiple of it, so every single-character substitution inside
// the charset changes the sum mod 31: the check catches every one-character typo.
TEST(CreditCodeTest, EverySingleSubstitutionIsCaught) {
  for (const char* valid : kValidCodes) {
    for (size_t pos = 0; pos < 18; ++pos) {
      for (const char c : kCreditCodeCharset) {
        if (c == valid[pos]) continue;
        std::string typo(valid);
        typo[pos] = c;
        EXPECT_FALSE(IsValidCreditCode(typo)) << typo;
      }
    }
  }
}

TEST(CreditCodeTest, CharactersOutsideTheSet) {
  // I, O, S, V, Z are not in the set; neither is lower case.
  for (const char* bad : {"I1110105148936438D", "9133010666586O263Q", "915001034619876S6B",
                          "91440300i922038216", "91500103871012269q"}) {
    const CreditCodeCheck c = CheckCreditCode(bad);
    EXPECT_EQ(c.problem, CreditCodeProblem::kInvalidCharacter) << bad;
    EXPECT_NE(CreditCodeCharValue(bad[c.position]), CreditCodeCharValue('0')) << bad;
  }
  EXPECT_EQ(CheckCreditCode("I1110105148936438D").position, 0u);
  EXPECT_EQ(CheckCreditCode("91440300i922038216").position, 8u);
}

TEST(CreditCodeTest, WrongLength) {
  EXPECT_EQ(CheckCreditCode("91440300192203821").problem, CreditCodeProblem::kWrongLength);
  EXPECT_EQ(CheckCreditCode("9144030019220382166").problem, CreditCodeProblem::kWrongLength);
  EXPECT_EQ(CheckCreditCode("").problem, CreditCodeProblem::kWrongLength);
  // 15 ASCII characters and one three-byte Chinese character: 18 bytes, not a code.
  EXPECT_EQ(CheckCreditCode("914403001922038深").problem, CreditCodeProblem::kInvalidCharacter);
  EXPECT_EQ(CreditCodeCheckCharacter("123"), '\0');
}

}  // namespace
}  // namespace sqp
