// READ.INCLUSIVE: "2/3 以上" is x*3 >= n*2, in integers, bound included.
#include "sqp/fraction.hpp"

#include <gtest/gtest.h>

namespace sqp {
namespace {

TEST(FractionTest, ReadInclusiveTwoThirds) {
  const Fraction two_thirds{2, 3};
  EXPECT_TRUE(AtLeastFractionOf(6, 9, two_thirds));   // exactly 2/3 is enough
  EXPECT_FALSE(AtLeastFractionOf(5, 9, two_thirds));
  EXPECT_TRUE(AtLeastFractionOf(2, 3, two_thirds));
  EXPECT_FALSE(AtLeastFractionOf(1, 2, two_thirds));  // 0.5 < 0.666…
  EXPECT_TRUE(AtLeastFractionOf(0, 0, two_thirds));
}

// MinimumCount is the smallest x satisfying the inclusive test, found here by search.
TEST(FractionTest, MinimumCountIsSmallestSatisfyingInteger) {
  for (const Fraction f : {Fraction{2, 3}, Fraction{3, 4}, Fraction{1, 2}, Fraction{1, 1},
                           Fraction{7, 10}}) {
    for (std::int64_t n = 0; n <= 300; ++n) {
      std::int64_t smallest = 0;
      while (!(smallest * f.den >= n * f.num)) ++smallest;
      ASSERT_EQ(MinimumCount(n, f), smallest) << f.num << "/" << f.den << " of " << n;
      ASSERT_TRUE(AtLeastFractionOf(smallest, n, f));
      if (smallest > 0) {
        ASSERT_FALSE(AtLeastFractionOf(smallest - 1, n, f));
      }
    }
  }
}

}  // namespace
}  // namespace sqp
