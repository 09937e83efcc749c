/* The experimental sqp_x_run_batch_into from strict C99, against libsqp.so only: the answers are
   those of sqp_run_batch byte for byte (good and bad lines, large and empty inputs); a buffer
   one byte too small is SQP_ERR_LIMIT with nothing reported written; misuse is SQP_ERR_USAGE. */
#define SQP_EXPERIMENTAL
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"
#include "read_file.h"

/* sqp_x_run_batch_into with exactly the room sqp_run_batch's answer needs, and one byte less. */
static void compare_with_run_batch(const sqp_engine* engine, const char* operation,
                                   const char* input, size_t input_len) {
  char* expected = NULL;
  size_t expected_len = 0, expected_errors = 0, got_len = 99, got_errors = 99;
  char* buffer;
  int rc = sqp_run_batch(engine, operation, input, input_len, &expected, &expected_len,
                         &expected_errors);
  CHECK(rc == SQP_OK);
  buffer = (char*)malloc(expected_len + 1);
  if (buffer == NULL || expected == NULL) {
    ++failures;
    free(buffer);
    sqp_free(expected);
    return;
  }
  rc = sqp_x_run_batch_into(engine, operation, input, input_len, buffer, expected_len, &got_len,
                            &got_errors);
  CHECK(rc == SQP_OK);
  CHECK(got_len == expected_len);
  CHECK(got_errors == expected_errors);
  CHECK(memcmp(buffer, expected, expected_len) == 0);
  if (expected_len > 0) {
    got_len = 99;
    rc = sqp_x_run_batch_into(engine, operation, input, input_len, buffer, expected_len - 1,
                              &got_len, NULL);
    CHECK(rc == SQP_ERR_LIMIT);
    CHECK(got_len == 0);
  }
  free(buffer);
  sqp_free(expected);
}

int main(int argc, char** argv) {
  sqp_engine* engine = NULL;
  char path[4096];
  char* peers;
  char* many;
  size_t peers_len = 0, i, out_len = 0;
  char small[16];
  const char* mixed = "{\"schema\":\"sqp.application/1\"}\n\n{bad\r\n  \n{}";

  if (argc < 2) {
    fprintf(stderr, "usage: %s SOURCE_DIR\n", argv[0]);
    return 2;
  }
  CHECK(sqp_engine_new(NULL, 0, &engine, NULL, NULL) == SQP_OK);
  if (engine == NULL) return 1;
  snprintf(path, sizeof path, "%s/tests/data/peers_generated.jsonl", argv[1]);
  peers = read_file(path, &peers_len);
  CHECK(peers != NULL && peers_len > 100000);
  if (peers == NULL) return 1;

  compare_with_run_batch(engine, "eligibility", peers, peers_len);  /* 300 applications */
  compare_with_run_batch(engine, "eligibility", mixed, strlen(mixed)); /* error lines, blanks */
  compare_with_run_batch(engine, "rulebook", "{}\n{}\n", 6);
  compare_with_run_batch(engine, "eligibility", "", 0);               /* nothing to answer */

  /* Over 8 MiB of answers: the buffer's pages are mapped ahead of the writing. */
  many = (char*)malloc(peers_len * 8);
  if (many != NULL) {
    for (i = 0; i < 8; ++i) memcpy(many + i * peers_len, peers, peers_len);
    compare_with_run_batch(engine, "eligibility", many, peers_len * 8);
    free(many);
  }

  /* Misuse: no crash, SQP_ERR_USAGE, nothing reported written. */
  CHECK(sqp_x_run_batch_into(NULL, "rulebook", "{}", 2, small, sizeof small, &out_len, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_x_run_batch_into(engine, NULL, "{}", 2, small, sizeof small, &out_len, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_x_run_batch_into(engine, "rulebook", NULL, 2, small, sizeof small, &out_len, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_x_run_batch_into(engine, "rulebook", "{}", 2, NULL, 0, &out_len, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_x_run_batch_into(engine, "rulebook", "{}", 2, small, sizeof small, NULL, NULL) ==
        SQP_ERR_USAGE);
  CHECK(out_len == 0);
  /* An answer larger than the whole buffer. */
  CHECK(sqp_x_run_batch_into(engine, "rulebook", "{}", 2, small, sizeof small, &out_len, NULL) ==
        SQP_ERR_LIMIT);

  free(peers);
  sqp_engine_free(engine);
  if (failures > 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("sqp_x_run_batch_into: answers equal sqp_run_batch's\n");
  return 0;
}
