/* The CHECK of the C consumers: a condition that does not hold is printed with its place and
   counted in `failures`, which each consumer defines and turns into its exit status. */
#ifndef SQP_TESTS_C_CHECK_H
#define SQP_TESTS_C_CHECK_H

#include <stdio.h>

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                               \
    }                                                                           \
  } while (0)

#endif /* SQP_TESTS_C_CHECK_H */
