// The scoring part of the rulebook (SCORE.*, Art. 12-13): per site type, Table 1's dimensions and
// items, and the grades. Filled in by the scoring work (issue 6); until then a rulebook carries
// only the score precision and empty tables.
#pragma once

namespace sqp {

struct ScoringRules {
  int precision = 1;  // decimals kept in points, rounded half up (SCORE.RULES)
};

}  // namespace sqp
