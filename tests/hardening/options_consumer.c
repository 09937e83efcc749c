/* sqp_engine_new_with_options from strict C99, against libsqp.so only: each limit refused with
   SQP_ERR_LIMIT and the pointer of the offending value, 0 keeping a default, rulebook pinning,
   and misuse. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "../c/check.h"

static sqp_engine_options defaults(void) {
  sqp_engine_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  return o;
}

/* Runs `op` on `doc`; returns the status and whether the error document names `path`. */
static int run(const sqp_engine* e, const char* op, const char* doc, const char* path,
               int* path_ok) {
  char* out = NULL;
  size_t len = 0;
  char want[256];
  const int rc = sqp_run(e, op, doc, strlen(doc), &out, &len);
  sprintf(want, "\"path\":\"%s\"", path);
  *path_ok = out != NULL && strstr(out, want) != NULL;
  sqp_free(out);
  return rc;
}

int main(void) {
  sqp_engine* e = NULL;
  sqp_engine_options o;
  int path_ok = 0;
  char* err = NULL;
  size_t err_len = 0;
  char sha[65];

  /* Each limit, one value past it. */
  o = defaults();
  o.max_depth = 3;
  o.max_string_bytes = 16;
  o.max_array_length = 2;
  o.max_object_members = 4;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_OK);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"motions\":[[[1]]]}", "/motions/0/0",
            &path_ok) == SQP_ERR_LIMIT && path_ok);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"body\":\"0123456789abcdefg\"}", "/body",
            &path_ok) == SQP_ERR_LIMIT && path_ok);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"motions\":[{},{},{}]}", "/motions",
            &path_ok) == SQP_ERR_LIMIT && path_ok);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"a\":1,\"b\":2,\"c\":3,\"d\":4}", "",
            &path_ok) == SQP_ERR_LIMIT && path_ok);
  /* Within every limit: read (an input error, not a limit: the first unknown member). */
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"a\":1,\"b\":2,\"c\":3}", "/a",
            &path_ok) == SQP_ERR_INPUT && path_ok);
  /* A repeated member name, whatever the options. */
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"body\":1,\"body\":2}", "/body",
            &path_ok) == SQP_ERR_JSON && path_ok);
  sqp_engine_free(e);

  /* 0 keeps the default: a 20-byte string is fine. */
  o = defaults();
  o.max_input_bytes = 64;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_OK);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"body\":\"01234567890123456789\"}",
            "/body", &path_ok) == SQP_ERR_INPUT && path_ok);
  CHECK(run(e, "meeting",
            "{\"schema\":\"sqp.meeting/1\",\"body\":\"0123456789012345678901234567890123456789\"}",
            "", &path_ok) == SQP_ERR_LIMIT && path_ok);
  sqp_engine_free(e);

  /* Pinning: the default rulebook's own SHA-256, read from the "rulebook" operation. */
  {
    char* out = NULL;
    size_t len = 0;
    const char* at;
    CHECK(sqp_engine_new(NULL, 0, &e, NULL, NULL) == SQP_OK);
    CHECK(sqp_run(e, "rulebook", "{}", 2, &out, &len) == SQP_OK);
    at = out ? strstr(out, "\"sha256\":\"") : NULL;
    CHECK(at != NULL);
    memset(sha, 0, sizeof sha);
    if (at) memcpy(sha, at + 10, 64);
    sqp_free(out);
    sqp_engine_free(e);
  }
  o = defaults();
  o.expected_rulebook_sha256 = sha;
  e = NULL;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_OK && e != NULL);
  sqp_engine_free(e);
  sha[0] = sha[0] == '0' ? '1' : '0';
  e = NULL;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, &err, &err_len) == SQP_ERR_RULEBOOK);
  CHECK(e == NULL && err != NULL && strstr(err, "\"code\":\"invalid_rulebook\"") != NULL);
  sqp_free(err);

  /* Misuse. */
  o = defaults();
  o.struct_size = offsetof(sqp_engine_options, expected_rulebook_sha256); /* short of 1.0's */
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_ERR_USAGE && e == NULL);
  o = defaults();
  o.unknown_members = 2;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_ERR_USAGE && e == NULL);
  /* A program built against 1.0 (its struct ends at expected_rulebook_sha256): whatever lies
     beyond its struct_size is not read, and unknown_members keeps its default (reject). */
  o = defaults();
  o.struct_size = offsetof(sqp_engine_options, expected_rulebook_sha256) + sizeof(const char*);
  o.unknown_members = 7; /* beyond the old struct: must not be read */
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_OK && e != NULL);
  CHECK(run(e, "meeting", "{\"schema\":\"sqp.meeting/1\",\"a\":1}", "/a", &path_ok) ==
            SQP_ERR_INPUT && path_ok);
  sqp_engine_free(e);
  /* SQP_UNKNOWN_NOTE: accepted and noted. */
  o = defaults();
  o.unknown_members = SQP_UNKNOWN_NOTE;
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_OK && e != NULL);
  {
    char* out = NULL;
    size_t out_len = 0;
    const char* doc =
        "{\"schema\":\"sqp.meeting/1\",\"body\":\"expert_review\",\"mode\":\"in_person\","
        "\"members\":9,\"present\":6,\"crm\":1}";
    CHECK(sqp_run(e, "meeting", doc, strlen(doc), &out, &out_len) == SQP_OK);
    CHECK(out != NULL && strstr(out, "\"rule\":\"INPUT.UNKNOWN_MEMBER\"") != NULL &&
          strstr(out, "\"pointers\":[\"/crm\"]") != NULL);
    sqp_free(out);
  }
  sqp_engine_free(e);
  e = NULL;
  o = defaults();
  o.expected_rulebook_sha256 = "not-a-sha256";
  CHECK(sqp_engine_new_with_options(NULL, 0, &o, &e, NULL, NULL) == SQP_ERR_USAGE && e == NULL);
  CHECK(sqp_engine_new_with_options(NULL, 0, NULL, NULL, NULL, NULL) == SQP_ERR_USAGE);
  /* NULL options: as sqp_engine_new. */
  CHECK(sqp_engine_new_with_options(NULL, 0, NULL, &e, NULL, NULL) == SQP_OK && e != NULL);
  sqp_engine_free(e);

  if (failures) {
    fprintf(stderr, "options consumer: %d check(s) failed\n", failures);
    return 1;
  }
  printf("options consumer: all checks passed\n");
  return 0;
}
