// Exact decimals (SCORE.RULES: no binary floating point in sums or thresholds).
#include "sqp/decimal.hpp"

#include <gtest/gtest.h>

namespace sqp {
namespace {

Decimal D(const char* s) {
  auto d = Decimal::Parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal());
}

TEST(DecimalTest, ParsesExactly) {
  EXPECT_EQ(D("96.2").units(), 96'200'000);
  EXPECT_EQ(D("99.99").units(), 99'990'000);
  EXPECT_EQ(D("-0.5").units(), -500'000);
  EXPECT_EQ(D("1e2").units(), 100'000'000);
  EXPECT_EQ(D("1.5E-3").units(), 1'500);
  EXPECT_EQ(D("0.000001").units(), 1);
  for (const char* bad : {"", "-", ".", "1.2.3", "1e", "0.0000001", "1e-7", "abc", "1,5", "1e99"}) {
    EXPECT_FALSE(Decimal::Parse(bad).has_value()) << bad;
  }
}

TEST(DecimalTest, FromDoubleRecoversTheWrittenNumber) {
  EXPECT_EQ(Decimal::FromDouble(96.2)->ToString(), "96.2");
  EXPECT_EQ(Decimal::FromDouble(99.99)->ToString(), "99.99");
  EXPECT_EQ(Decimal::FromDouble(0.1)->units(), 100'000);
  EXPECT_FALSE(Decimal::FromDouble(0.1234567).has_value());  // finer than a millionth
  EXPECT_FALSE(Decimal::FromDouble(1.0 / 0.0).has_value());
}

TEST(DecimalTest, SumsAreExact) {
  Decimal sum;
  for (int i = 0; i < 1000; ++i) sum += D("0.1");
  EXPECT_EQ(sum, Decimal::FromInt(100));
  double binary = 0;
  for (int i = 0; i < 1000; ++i) binary += 0.1;
  EXPECT_NE(binary, 100.0);  // why the library does not use doubles
}

TEST(DecimalTest, RoundHalfUp) {
  EXPECT_EQ(D("2.45").RoundHalfUp(1), D("2.5"));
  EXPECT_EQ(D("2.449999").RoundHalfUp(1), D("2.4"));
  EXPECT_EQ(D("2.5").RoundHalfUp(0), D("3"));
  EXPECT_EQ(D("-2.5").RoundHalfUp(0), D("-3"));
  EXPECT_EQ(D("7.125").RoundHalfUp(2), D("7.13"));
  EXPECT_EQ(D("7.125").RoundHalfUp(6), D("7.125"));
}

TEST(DecimalTest, Formats) {
  EXPECT_EQ(D("95").ToString(), "95");
  EXPECT_EQ(D("95").ToString(1), "95.0");
  EXPECT_EQ(D("-0.25").ToString(), "-0.25");
  EXPECT_EQ(D("0").ToString(2), "0.00");
  EXPECT_EQ(D("12.3456").ToString(2), "12.35");  // rounded half up, never truncated
  EXPECT_EQ(D("12.3449").ToString(2), "12.34");
}

}  // namespace
}  // namespace sqp
