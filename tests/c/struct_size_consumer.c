/* Size-prefixed structs across releases (issue 16, item 8), from strict C99:
   - the SQP_*_INIT macros set struct_size to sizeof and zero the rest;
   - the smallest struct_size accepted is the 1.0 struct's (up to the end of its last member),
     one byte less is SQP_ERR_USAGE with nothing written;
   - a caller built against a later header, whose struct is larger (struct_size beyond sizeof,
     unknown members after the known ones), is answered as far as this release knows: the same
     answer, and the bytes beyond the known members are neither read as options nor written. */
#include <stdio.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"

#define FUTURE_BYTES 48
#define FILL 0xA5

/* A struct of a later release: this release's struct followed by members it does not know. */
typedef struct {
  sqp_vote_query query;
  unsigned char future[FUTURE_BYTES];
} future_vote_query;
typedef struct {
  sqp_vote_result result;
  unsigned char future[FUTURE_BYTES];
} future_vote_result;
typedef struct {
  sqp_certificate_dates dates;
  unsigned char future[FUTURE_BYTES];
} future_certificate_dates;
typedef struct {
  sqp_engine_options options;
  unsigned char future[FUTURE_BYTES];
} future_engine_options;

static int untouched(const unsigned char* bytes, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    if (bytes[i] != FILL) return 0;
  }
  return 1;
}

static void vote(const sqp_engine* engine) {
  const sqp_vote_query zero_query = SQP_VOTE_QUERY_INIT;
  const sqp_vote_result zero_result = SQP_VOTE_RESULT_INIT;
  sqp_vote_query q = SQP_VOTE_QUERY_INIT;
  sqp_vote_result r = SQP_VOTE_RESULT_INIT, expected = SQP_VOTE_RESULT_INIT;
  future_vote_query fq;
  future_vote_result fr;
  const size_t query_v1 = offsetof(sqp_vote_query, abstain) + sizeof(int32_t);
  const size_t result_v1 = offsetof(sqp_vote_result, problem) + sizeof(int32_t);

  CHECK(zero_query.struct_size == sizeof(sqp_vote_query) && zero_query.body == 0 &&
        zero_query.members == 0 && zero_query.abstain == 0);
  CHECK(zero_result.struct_size == sizeof(sqp_vote_result) && zero_result.passed == 0 &&
        zero_result.problem == 0);

  q.body = SQP_BODY_FINAL_REVIEW;
  q.members = 15;
  q.present = 10;
  q.votes_for = 7;
  CHECK(sqp_check_vote(engine, &q, &expected) == SQP_OK);
  CHECK(expected.quorum_required == 10 && expected.quorum_met == 1 && expected.passed == 1);

  /* The 1.0 sizes, without the padding at the end, are accepted; one byte less is not. */
  q.struct_size = query_v1;
  r.struct_size = result_v1;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_OK);
  CHECK(r.passed == expected.passed && r.votes_required == expected.votes_required);
  q.struct_size = query_v1 - 1;
  r.passed = 77;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);
  CHECK(r.passed == 77); /* nothing written */
  q.struct_size = sizeof q;
  r.struct_size = result_v1 - 1;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);
  CHECK(r.passed == 77);

  /* A later release's larger structs. */
  memset(&fq, FILL, sizeof fq);
  memset(&fr, FILL, sizeof fr);
  fq.query = q;
  fq.query.struct_size = sizeof fq;
  fr.result.struct_size = sizeof fr;
  CHECK(sqp_check_vote(engine, &fq.query, &fr.result) == SQP_OK);
  CHECK(fr.result.quorum_required == expected.quorum_required &&
        fr.result.quorum_met == expected.quorum_met &&
        fr.result.votes_required == expected.votes_required &&
        fr.result.passed == expected.passed && fr.result.problem == expected.problem);
  CHECK(untouched(fr.future, sizeof fr.future));
}

static void certificate(const sqp_engine* engine) {
  const sqp_certificate_dates zero = SQP_CERTIFICATE_DATES_INIT;
  sqp_certificate_dates d = SQP_CERTIFICATE_DATES_INIT, expected = SQP_CERTIFICATE_DATES_INIT;
  future_certificate_dates fd;
  const size_t v1 = offsetof(sqp_certificate_dates, report_due) +
                    sizeof(int32_t) * SQP_CERTIFICATE_MAX_ANNIVERSARIES;

  CHECK(zero.struct_size == sizeof(sqp_certificate_dates) && zero.valid_from == 0 &&
        zero.anniversary[0] == 0 && zero.report_due[SQP_CERTIFICATE_MAX_ANNIVERSARIES - 1] == 0);
  CHECK(sqp_certificate_compute(engine, 20260320, &expected) == SQP_OK);
  CHECK(expected.anniversary_count == 2 && expected.valid_from == 20260320);

  d.struct_size = v1;
  CHECK(sqp_certificate_compute(engine, 20260320, &d) == SQP_OK);
  CHECK(d.valid_until == expected.valid_until && d.report_due[1] == expected.report_due[1]);
  d.struct_size = v1 - 1;
  d.valid_until = 77;
  CHECK(sqp_certificate_compute(engine, 20260320, &d) == SQP_ERR_USAGE);
  CHECK(d.valid_until == 77);

  memset(&fd, FILL, sizeof fd);
  fd.dates.struct_size = sizeof fd;
  CHECK(sqp_certificate_compute(engine, 20260320, &fd.dates) == SQP_OK);
  fd.dates.struct_size = expected.struct_size;
  CHECK(memcmp(&fd.dates, &expected, sizeof expected) == 0);
  CHECK(untouched(fd.future, sizeof fd.future));
}

static void options(void) {
  const sqp_engine_options zero = SQP_ENGINE_OPTIONS_INIT;
  future_engine_options fo;
  sqp_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  const char* doc =
      "{\"schema\":\"sqp.meeting/1\",\"body\":\"final_review\",\"mode\":\"in_person\","
      "\"members\":9,\"present\":6,\"crm\":1,\"motions\":[{\"subject\":\"A\","
      "\"decision\":\"agree_preliminary\",\"for\":4,\"against\":0,\"abstain\":2}]}";

  CHECK(zero.struct_size == sizeof(sqp_engine_options) && zero.max_depth == 0 &&
        zero.expected_rulebook_sha256 == NULL && zero.unknown_members == SQP_UNKNOWN_REJECT &&
        zero.messages == SQP_MESSAGES_BOTH);

  /* A later release's options: the members this release does not know are not read, whatever
     their bytes; the ones it knows are. */
  memset(&fo, 0xFF, sizeof fo);
  fo.options = zero;
  fo.options.struct_size = sizeof fo;
  fo.options.unknown_members = SQP_UNKNOWN_NOTE;
  CHECK(sqp_engine_new_with_options(NULL, 0, &fo.options, &engine, NULL, NULL) == SQP_OK);
  CHECK(engine != NULL);
  if (engine == NULL) return;
  /* unknown_members was read (note mode): the unknown member is noted, not refused. */
  CHECK(sqp_run(engine, "meeting", doc, strlen(doc), &out, &len) == SQP_OK);
  CHECK(out != NULL && strstr(out, "INPUT.UNKNOWN_MEMBER") != NULL);
  sqp_free(out);
  sqp_engine_free(engine);

  /* Answer modes (issue 20): compact findings keep their rule but carry no message; a mode
     this release does not know is refused; an options struct that ends before `messages` (a
     program built against an earlier 1.1 header) gets both languages. */
  {
    sqp_engine_options m = SQP_ENGINE_OPTIONS_INIT;
    const char* app = "{\"schema\":\"sqp.meeting/1\",\"body\":\"final_review\",\"mode\":\"in_person\","
                      "\"members\":9,\"present\":6,\"crm\":1,\"motions\":[]}";
    sqp_engine* compact = NULL;
    m.messages = 9;
    CHECK(sqp_engine_new_with_options(NULL, 0, &m, &compact, NULL, NULL) == SQP_ERR_USAGE);
    m.messages = SQP_MESSAGES_NONE;
    m.unknown_members = SQP_UNKNOWN_NOTE;
    CHECK(sqp_engine_new_with_options(NULL, 0, &m, &compact, NULL, NULL) == SQP_OK);
    if (compact != NULL) {
      out = NULL;
      CHECK(sqp_run(compact, "meeting", app, strlen(app), &out, &len) == SQP_OK);
      CHECK(out != NULL && strstr(out, "INPUT.UNKNOWN_MEMBER") != NULL &&
            strstr(out, "\"message\"") == NULL && strstr(out, "\"message_zh\"") == NULL);
      sqp_free(out);
      sqp_engine_free(compact);
    }
    m.messages = 9; /* beyond this struct_size: not read */
    m.struct_size = offsetof(sqp_engine_options, messages);
    CHECK(sqp_engine_new_with_options(NULL, 0, &m, &compact, NULL, NULL) == SQP_OK);
    if (compact != NULL) {
      out = NULL;
      CHECK(sqp_run(compact, "meeting", app, strlen(app), &out, &len) == SQP_OK);
      CHECK(out != NULL && strstr(out, "\"message_zh\"") != NULL);
      sqp_free(out);
      sqp_engine_free(compact);
    }
  }
}

int main(void) {
  sqp_engine* engine = NULL;
  CHECK(sqp_engine_new(NULL, 0, &engine, NULL, NULL) == SQP_OK);
  if (engine == NULL) return 1;
  vote(engine);
  certificate(engine);
  options();
  sqp_engine_free(engine);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
