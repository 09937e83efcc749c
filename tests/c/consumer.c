/* A C99 program using only sqp.h and libsqp.so: what a CRM written in C does. Exits non-zero on
   the first check that fails, printing which. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

int main(void) {
  sqp_engine* engine = NULL;
  char* out = NULL;
  size_t out_len = 0, bad_lines = 0;
  int rc;

  /* Versions: runtime equals compile time. */
  CHECK(strcmp(sqp_version(), SQP_VERSION_STRING) == 0);
  CHECK(sqp_version_number() == SQP_VERSION_NUMBER);
  CHECK(strcmp(sqp_status_name(SQP_ERR_INPUT), "invalid_input") == 0);
  CHECK(strcmp(sqp_status_name(42), "unknown") == 0);

  /* Default engine; the rulebook operation identifies it. */
  rc = sqp_engine_new(NULL, 0, &engine, NULL, NULL);
  CHECK(rc == SQP_OK && engine != NULL);
  rc = sqp_run(engine, "rulebook", "{}", 2, &out, &out_len);
  CHECK(rc == SQP_OK);
  CHECK(contains(out, "\"schema\":\"sqp.rulebook-info/1\""));
  CHECK(contains(out, "\"id\":\"sqp.default\""));
  CHECK(out != NULL && strlen(out) == out_len);
  sqp_free(out);

  /* Malformed JSON: a negative status and an sqp.error/1 document, never a crash. */
  rc = sqp_run(engine, "rulebook", "{\"a\":", 5, &out, &out_len);
  CHECK(rc == SQP_ERR_JSON);
  CHECK(contains(out, "\"schema\":\"sqp.error/1\"") && contains(out, "\"code\":\"invalid_json\""));
  sqp_free(out);

  /* Unknown operation. */
  rc = sqp_run(engine, "frobnicate", "{}", 2, &out, &out_len);
  CHECK(rc == SQP_ERR_UNKNOWN_OPERATION);
  CHECK(contains(out, "unknown operation"));
  sqp_free(out);

  /* Unknown schema, with its JSON pointer. */
  rc = sqp_run(engine, "eligibility", "{\"schema\":\"x/9\"}", 16, &out, &out_len);
  CHECK(rc == SQP_ERR_SCHEMA);
  CHECK(contains(out, "\"path\":\"/schema\""));
  sqp_free(out);

  /* Usage errors: NULL arguments are refused, not dereferenced. */
  CHECK(sqp_run(NULL, "rulebook", "{}", 2, &out, &out_len) == SQP_ERR_USAGE);
  sqp_free(out);
  CHECK(sqp_run(engine, NULL, "{}", 2, &out, &out_len) == SQP_ERR_USAGE);
  sqp_free(out);
  CHECK(sqp_run(engine, "rulebook", "{}", 2, NULL, NULL) == SQP_ERR_USAGE);
  CHECK(sqp_engine_new(NULL, 0, NULL, NULL, NULL) == SQP_ERR_USAGE);

  /* Batch: a bad line gives an error line and the run goes on. */
  {
    const char* lines = "{}\nnot json\n\n{}\n";
    rc = sqp_run_batch(engine, "rulebook", lines, strlen(lines), &out, &out_len, &bad_lines);
    CHECK(rc == SQP_OK);
    CHECK(bad_lines == 1);
    CHECK(contains(out, "\"line\":2"));
    {
      size_t newlines = 0, i;
      for (i = 0; i < out_len; ++i) newlines += out[i] == '\n';
      CHECK(newlines == 3);
    }
    sqp_free(out);
  }

  /* A broken rulebook is refused with every problem listed. */
  {
    const char* broken = "{\"schema\":\"sqp.rulebook/1\",\"id\":\"x\"}";
    char* err = NULL;
    size_t err_len = 0;
    sqp_engine* other = NULL;
    rc = sqp_engine_new(broken, strlen(broken), &other, &err, &err_len);
    CHECK(rc == SQP_ERR_RULEBOOK);
    CHECK(other == NULL);
    CHECK(contains(err, "\"code\":\"invalid_rulebook\"") && contains(err, "\"path\":\"/version\""));
    sqp_free(err);
  }

  sqp_engine_free(engine);
  sqp_engine_free(NULL);
  sqp_free(NULL);
  if (failures == 0) printf("c consumer: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
