/* The typed quorum and vote test (sqp_check_vote, VOTE.*) from strict C99, against libsqp.so
   only: thresholds for every group size, the RULES.md examples, every inconsistency, misuse, and
   agreement with the JSON "meeting" operation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"

/* The smallest x with x*3 >= n*2, by counting (not the library's formula). */
static int smallest_two_thirds(int n) {
  int x = 0;
  while (x * 3 < n * 2) ++x;
  return x;
}

static sqp_vote_query query(int body, int members, int present, int votes_for, int against,
                            int abstain) {
  sqp_vote_query q;
  memset(&q, 0, sizeof q);
  q.struct_size = sizeof q;
  q.body = body;
  q.members = members;
  q.present = present;
  q.votes_for = votes_for;
  q.votes_against = against;
  q.abstain = abstain;
  return q;
}

static int check(const sqp_engine* engine, sqp_vote_query q, sqp_vote_result* r) {
  memset(r, 0x5A, sizeof *r);
  r->struct_size = sizeof *r;
  return sqp_check_vote(engine, &q, r);
}

int main(void) {
  sqp_engine* engine = NULL;
  sqp_vote_result r;
  sqp_vote_query q;
  int body, n, present, votes_for, rc;

  CHECK(sqp_engine_new(NULL, 0, &engine, NULL, NULL) == SQP_OK);
  if (engine == NULL) return 1;

  /* Every group size 1..100, both bodies: quorum and decision thresholds. */
  for (body = SQP_BODY_EXPERT_REVIEW; body <= SQP_BODY_FINAL_REVIEW; ++body) {
    for (n = 1; n <= 100; ++n) {
      const int quorum = smallest_two_thirds(n);
      for (present = 0; present <= n; ++present) {
        const int needed = smallest_two_thirds(present);
        for (votes_for = 0; votes_for <= present; ++votes_for) {
          rc = check(engine, query(body, n, present, votes_for, present - votes_for, 0), &r);
          if (rc != SQP_OK || r.quorum_required != quorum || r.quorum_met != (present >= quorum) ||
              r.votes_required != needed ||
              r.passed != (present >= quorum && votes_for >= needed) || r.problem != SQP_VOTE_OK) {
            fprintf(stderr, "body %d n %d present %d for %d: rc %d q %d/%d v %d p %d\n", body, n,
                    present, votes_for, rc, r.quorum_required, r.quorum_met, r.votes_required,
                    r.passed);
            ++failures;
          }
        }
      }
    }
  }

  /* RULES.md: 9 members, 6 present valid, 5 not; a motion never passes without quorum. */
  CHECK(check(engine, query(SQP_BODY_EXPERT_REVIEW, 9, 6, 4, 1, 1), &r) == SQP_OK);
  CHECK(r.quorum_required == 6 && r.quorum_met == 1 && r.votes_required == 4 && r.passed == 1);
  CHECK(check(engine, query(SQP_BODY_FINAL_REVIEW, 9, 5, 5, 0, 0), &r) == SQP_OK);
  CHECK(r.quorum_met == 0 && r.passed == 0);
  /* Abstentions are not votes for. */
  CHECK(check(engine, query(SQP_BODY_EXPERT_REVIEW, 9, 6, 3, 0, 3), &r) == SQP_OK);
  CHECK(r.passed == 0);

  /* VOTE.CONSISTENCY: each inconsistency is SQP_ERR_INPUT with its problem, verdict zeroed. */
  {
    const struct {
      int members, present, votes_for, against, abstain, problem;
    } bad[] = {
        {5, 6, 0, 0, 0, SQP_VOTE_PRESENT_EXCEEDS_MEMBERS},
        {9, 6, 4, 2, 1, SQP_VOTE_VOTES_EXCEED_PRESENT},
        {9, 6, 7, 0, 0, SQP_VOTE_VOTES_EXCEED_PRESENT},
        {-9, 6, 0, 0, 0, SQP_VOTE_MEMBERS_OUT_OF_RANGE},
        {0, 0, 0, 0, 0, SQP_VOTE_MEMBERS_OUT_OF_RANGE},
        {2000000, 6, 0, 0, 0, SQP_VOTE_MEMBERS_OUT_OF_RANGE},
        {9, -1, 0, 0, 0, SQP_VOTE_PRESENT_OUT_OF_RANGE},
        {9, 6, -1, 0, 0, SQP_VOTE_COUNT_OUT_OF_RANGE},
        {9, 6, 4, -1, 0, SQP_VOTE_COUNT_OUT_OF_RANGE},
        {9, 6, 4, 0, -1, SQP_VOTE_COUNT_OUT_OF_RANGE},
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
      rc = check(engine, query(SQP_BODY_EXPERT_REVIEW, bad[i].members, bad[i].present,
                               bad[i].votes_for, bad[i].against, bad[i].abstain), &r);
      if (rc != SQP_ERR_INPUT || r.problem != bad[i].problem || r.passed != 0 ||
          r.quorum_met != 0) {
        fprintf(stderr, "inconsistency case %u: rc %d problem %d\n", (unsigned)i, rc, r.problem);
        ++failures;
      }
    }
  }

  /* Misuse: NULLs, struct_size too small, unknown body. Nothing is written. */
  q = query(SQP_BODY_EXPERT_REVIEW, 9, 6, 4, 0, 0);
  r.struct_size = sizeof r;
  CHECK(sqp_check_vote(NULL, &q, &r) == SQP_ERR_USAGE);
  CHECK(sqp_check_vote(engine, NULL, &r) == SQP_ERR_USAGE);
  CHECK(sqp_check_vote(engine, &q, NULL) == SQP_ERR_USAGE);
  q.struct_size = sizeof q - 1;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);
  q.struct_size = sizeof q;
  r.struct_size = sizeof(size_t);
  r.passed = 77;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);
  CHECK(r.passed == 77);
  r.struct_size = sizeof r;
  q.body = 2;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);
  q.body = -1;
  CHECK(sqp_check_vote(engine, &q, &r) == SQP_ERR_USAGE);

  /* The typed check and the JSON operation agree. */
  for (n = 1; n <= 30; ++n) {
    char doc[256], want[128];
    char* out = NULL;
    size_t out_len = 0;
    const int quorum = smallest_two_thirds(n);
    CHECK(check(engine, query(SQP_BODY_FINAL_REVIEW, n, quorum, quorum, 0, 0), &r) == SQP_OK);
    sprintf(doc,
            "{\"schema\":\"sqp.meeting/1\",\"body\":\"final_review\",\"mode\":\"in_person\","
            "\"members\":%d,\"present\":%d,\"motions\":[{\"subject\":\"S\","
            "\"decision\":\"agree_preliminary\",\"for\":%d}]}",
            n, quorum, quorum);
    rc = sqp_run(engine, "meeting", doc, strlen(doc), &out, &out_len);
    CHECK(rc == SQP_OK);
    sprintf(want, "\"required\":%d,\"present\":%d,\"met\":%s", r.quorum_required, quorum,
            r.quorum_met ? "true" : "false");
    CHECK(out != NULL && strstr(out, want) != NULL);
    sprintf(want, "\"required\":%d,\"for\":%d,", r.votes_required, quorum);
    CHECK(out != NULL && strstr(out, want) != NULL);
    CHECK(out != NULL && strstr(out, r.passed ? "\"passed\":true" : "\"passed\":false") != NULL);
    sqp_free(out);
  }

  sqp_engine_free(engine);
  if (failures != 0) {
    fprintf(stderr, "meeting consumer: %d checks failed\n", failures);
    return 1;
  }
  printf("meeting consumer: all checks passed\n");
  return 0;
}
