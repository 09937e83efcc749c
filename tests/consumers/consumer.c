/* A C program built against an INSTALLED sqp: by the CMake package (sqp::capi,
   cmake_project/) and by pkg-config (pkg_config_consumer.sh). Strict C99, sqp.h and libsqp.so.1
   only. Exits non-zero, naming the check, on the first failure.
   argv[1] (optional): the version the installed package should report. */
#include <stdio.h>
#include <string.h>

#include <sqp.h>

static int failures = 0;
#include "../c/check.h"

int main(int argc, char** argv) {
  sqp_engine* engine = NULL;
  char* out = NULL;
  size_t out_len = 0, bad = 0;
  const char* lines = "{}\n\n{\"x\":\n{}\n";
  int rc;

  /* The header found through the package and the library loaded at run time agree. */
  CHECK(strcmp(sqp_version(), SQP_VERSION_STRING) == 0);
  CHECK(sqp_version_number() == SQP_VERSION_NUMBER);
  if (argc > 1) CHECK(strcmp(sqp_version(), argv[1]) == 0);

  rc = sqp_engine_new(NULL, 0, &engine, NULL, NULL);
  CHECK(rc == SQP_OK && engine != NULL);
  if (engine == NULL) return 1;
  rc = sqp_run(engine, "rulebook", "{}", 2, &out, &out_len);
  CHECK(rc == SQP_OK && out != NULL && strstr(out, "\"schema\":\"sqp.rulebook-info/1\"") != NULL);
  sqp_free(out);

  /* A bad application is an error document naming the field, not a crash. */
  {
    const char* application = "{\"schema\":\"sqp.application/1\"}";
    rc = sqp_run(engine, "eligibility", application, strlen(application), &out, &out_len);
  }
  CHECK(rc == SQP_ERR_INPUT && out != NULL && strstr(out, "\"code\":\"invalid_input\"") != NULL);
  sqp_free(out);

  /* JSON Lines: three non-blank lines, one of them malformed. */
  rc = sqp_run_batch(engine, "rulebook", lines, strlen(lines), &out, &out_len, &bad);
  CHECK(rc == SQP_OK && bad == 1);
  sqp_free(out);

  sqp_engine_free(engine);
  if (failures == 0) printf("installed C consumer (sqp %s): all checks passed\n", sqp_version());
  return failures == 0 ? 0 : 1;
}
