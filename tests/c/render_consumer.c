/* sqp_render (issue 17, item 3) from strict C99, against libsqp.so only: every format of an
   operation renders; "json" is sqp_run's document; a format the operation does not render, an
   unknown operation and bad input give their error documents and codes. (Python's
   test_render.py shows the bytes equal the CLI's --format and Engine.render.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"
#include "read_file.h"

static char* read_example(const char* dir, const char* name, size_t* len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/docs/examples/%s", dir, name);
  return read_file(path, len);
}

int main(int argc, char** argv) {
  sqp_engine* engine = NULL;
  size_t len = 0, out_len = 0, run_len = 0;
  char *doc, *out = NULL, *run = NULL;
  const char* formats[] = {"text", "ics", "svg"};
  size_t i;
  if (argc < 2) return 2;
  CHECK(sqp_engine_new(NULL, 0, &engine, NULL, NULL) == SQP_OK);
  doc = read_example(argv[1], "certificate-revoked.json", &len);
  CHECK(doc != NULL);
  if (engine == NULL || doc == NULL) return 1;

  for (i = 0; i < sizeof formats / sizeof formats[0]; ++i) {
    CHECK(sqp_render(engine, "certificate", formats[i], doc, len, &out, &out_len) == SQP_OK);
    CHECK(out != NULL && out_len > 0 && strlen(out) == out_len);
    if (i == 0) CHECK(strstr(out, "SHA-256 ") != NULL);
    if (i == 1) CHECK(strncmp(out, "BEGIN:VCALENDAR", 15) == 0);
    if (i == 2) CHECK(strstr(out, "<svg") != NULL);
    sqp_free(out);
    out = NULL;
  }
  /* "json" is sqp_run's document, byte for byte. */
  CHECK(sqp_render(engine, "certificate", "json", doc, len, &out, &out_len) == SQP_OK);
  CHECK(sqp_run(engine, "certificate", doc, len, &run, &run_len) == SQP_OK);
  CHECK(out_len == run_len && memcmp(out, run, run_len) == 0);
  sqp_free(out);
  sqp_free(run);

  /* Errors: their documents and codes. */
  CHECK(sqp_render(engine, "meeting", "ics", "{}", 2, &out, &out_len) == SQP_ERR_USAGE);
  CHECK(out != NULL && strstr(out, "\"code\":\"usage\"") != NULL && strstr(out, "text") != NULL);
  sqp_free(out);
  CHECK(sqp_render(engine, "meetin", "text", "{}", 2, &out, &out_len) == SQP_ERR_UNKNOWN_OPERATION);
  sqp_free(out);
  CHECK(sqp_render(engine, "meeting", "text", "{", 1, &out, &out_len) == SQP_ERR_JSON);
  CHECK(out != NULL && strstr(out, "sqp.error/1") != NULL);
  sqp_free(out);
  CHECK(sqp_render(engine, "meeting", NULL, "{}", 2, &out, &out_len) == SQP_ERR_USAGE);
  sqp_free(out);
  CHECK(sqp_render(engine, "meeting", "text", "{}", 2, NULL, NULL) == SQP_ERR_USAGE);

  free(doc);
  sqp_engine_free(engine);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
