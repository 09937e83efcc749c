/* A C99 CRM computing certificate dates and verdicts through sqp.h's typed functions, and
   checking that they agree with the JSON "certificate" operation. Exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int32_t status_on(const sqp_engine* e, int32_t certified, int32_t as_of, int32_t revoked) {
  int32_t s = -1;
  CHECK(sqp_certificate_status_on(e, certified, as_of, revoked, &s) == SQP_OK);
  return s;
}

static int32_t supervision(const sqp_engine* e, int32_t anniversary, int32_t as_of,
                           int32_t submitted, int32_t revoked) {
  int32_t s = -1;
  CHECK(sqp_certificate_supervision_status(e, 20260320, anniversary, as_of, submitted, revoked,
                                           &s) == SQP_OK);
  return s;
}

static int32_t verdict(const sqp_engine* e, int32_t kind, int32_t filed) {
  int32_t v = -1;
  CHECK(sqp_certificate_reapplication(e, 20260831, kind, filed, &v) == SQP_OK);
  return v;
}

int main(void) {
  sqp_engine* engine = NULL;
  sqp_certificate_dates dates;
  char* out = NULL;
  size_t out_len = 0;
  int32_t status = 0;
  int i;
  static const char doc[] =
      "{\"schema\":\"sqp.certificate/1\",\"certified_on\":\"2024-02-29\",\"as_of\":\"2025-01-01\"}";

  CHECK(sqp_engine_new(NULL, 0, &engine, NULL, NULL) == SQP_OK);

  /* CERT.VALIDITY, SUP.ANNUAL, REAPPLY.*: RULES.md's examples. */
  memset(&dates, 0x5a, sizeof dates);
  dates.struct_size = sizeof dates;
  CHECK(sqp_certificate_compute(engine, 20260320, &dates) == SQP_OK);
  CHECK(dates.valid_from == 20260320);
  CHECK(dates.valid_until == 20290320);
  CHECK(dates.anniversary_count == 2);
  CHECK(dates.anniversary[0] == 1 && dates.anniversary[1] == 2);
  CHECK(dates.supervision_on[0] == 20270320 && dates.supervision_on[1] == 20280320);
  CHECK(dates.report_due[0] == 20261220 && dates.report_due[1] == 20271220);
  CHECK(dates.renewal_due_by == 20281220);
  CHECK(dates.upgrade_earliest == 20260920);
  CHECK(dates.upgrade_application_due_by == 20281220);
  for (i = 2; i < SQP_CERTIFICATE_MAX_ANNIVERSARIES; ++i) {
    CHECK(dates.anniversary[i] == 0 && dates.supervision_on[i] == 0 && dates.report_due[i] == 0);
  }

  CHECK(sqp_certificate_compute(engine, 20240229, &dates) == SQP_OK);
  CHECK(dates.valid_until == 20270228);
  CHECK(dates.supervision_on[0] == 20250228);
  CHECK(dates.report_due[0] == 20241128);
  CHECK(dates.renewal_due_by == 20261128);
  CHECK(sqp_certificate_compute(engine, 20260831, &dates) == SQP_OK);
  CHECK(dates.upgrade_earliest == 20270228);
  CHECK(sqp_certificate_compute(engine, 20260531, &dates) == SQP_OK);
  CHECK(dates.report_due[0] == 20270228 && dates.report_due[1] == 20280229);

  /* The JSON operation gives the same dates. */
  CHECK(sqp_certificate_compute(engine, 20240229, &dates) == SQP_OK);
  CHECK(sqp_run(engine, "certificate", doc, sizeof doc - 1, &out, &out_len) == SQP_OK);
  CHECK(contains(out, "\"valid_until\":\"2027-02-28\""));
  CHECK(contains(out, "\"report_due\":\"2024-11-28\""));
  CHECK(contains(out, "\"renewal_due_by\":\"2026-11-28\""));
  CHECK(contains(out, "\"upgrade_earliest\":\"2024-08-29\""));
  sqp_free(out);

  /* Usage and input errors; nothing written on error. */
  CHECK(sqp_certificate_compute(NULL, 20260320, &dates) == SQP_ERR_USAGE);
  CHECK(sqp_certificate_compute(engine, 20260320, NULL) == SQP_ERR_USAGE);
  dates.struct_size = sizeof dates - 1;
  CHECK(sqp_certificate_compute(engine, 20260320, &dates) == SQP_ERR_USAGE);
  dates.struct_size = sizeof dates;
  dates.valid_from = 7;
  CHECK(sqp_certificate_compute(engine, 20260230, &dates) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_compute(engine, 0, &dates) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_compute(engine, -20260320, &dates) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_compute(engine, 20261301, &dates) == SQP_ERR_INPUT);
  CHECK(dates.valid_from == 7);

  /* CERT.VALIDITY / REVOKE.TRIGGERS: the day before, on and after each boundary. */
  CHECK(status_on(engine, 20260320, 20260319, 0) == SQP_CERT_NOT_YET_VALID);
  CHECK(status_on(engine, 20260320, 20260320, 0) == SQP_CERT_VALID);
  CHECK(status_on(engine, 20260320, 20290320, 0) == SQP_CERT_VALID);
  CHECK(status_on(engine, 20260320, 20290321, 0) == SQP_CERT_EXPIRED);
  CHECK(status_on(engine, 20260320, 20270531, 20270601) == SQP_CERT_VALID);
  CHECK(status_on(engine, 20260320, 20270601, 20270601) == SQP_CERT_REVOKED);
  CHECK(status_on(engine, 20260320, 20300101, 20270601) == SQP_CERT_REVOKED);
  CHECK(sqp_certificate_status_on(engine, 20260320, 20270101, 20260319, &status) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_status_on(engine, 20260320, 20270101, 20290321, &status) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_status_on(engine, 20260320, 20270231, 0, &status) == SQP_ERR_INPUT);
  CHECK(sqp_certificate_status_on(engine, 20260320, 20270101, 0, NULL) == SQP_ERR_USAGE);

  /* SUP.MISSING: report 1 is due 2026-12-20. */
  CHECK(supervision(engine, 1, 20261220, 0, 0) == SQP_SUPERVISION_UPCOMING);
  CHECK(supervision(engine, 1, 20261221, 0, 0) == SQP_SUPERVISION_MISSING);
  CHECK(supervision(engine, 1, 20270101, 20261220, 0) == SQP_SUPERVISION_ON_TIME);
  CHECK(supervision(engine, 1, 20270101, 20261221, 0) == SQP_SUPERVISION_LATE);
  CHECK(supervision(engine, 1, 20261221, 20270102, 0) == SQP_SUPERVISION_MISSING);
  CHECK(supervision(engine, 1, 20270101, 0, 20261220) == SQP_SUPERVISION_NOT_REQUIRED);
  CHECK(supervision(engine, 1, 20270101, 0, 20261221) == SQP_SUPERVISION_MISSING);
  CHECK(sqp_certificate_supervision_status(engine, 20260320, 3, 20270101, 0, 0, &status) ==
        SQP_ERR_INPUT);
  CHECK(sqp_certificate_supervision_status(engine, 20260320, 1, 20270101, 20260319, 0, &status) ==
        SQP_ERR_INPUT);

  /* REAPPLY.*: certified 2026-08-31, renewal due by 2029-05-31, upgrade from 2027-02-28. */
  CHECK(verdict(engine, SQP_REAPPLY_RENEWAL, 20290531) == SQP_REAPPLY_TIMELY);
  CHECK(verdict(engine, SQP_REAPPLY_RENEWAL, 20290601) == SQP_REAPPLY_LATE);
  CHECK(verdict(engine, SQP_REAPPLY_RENEWAL, 20290831) == SQP_REAPPLY_LATE);
  CHECK(verdict(engine, SQP_REAPPLY_RENEWAL, 20290901) == SQP_REAPPLY_TREATED_AS_INITIAL);
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20270227) == SQP_REAPPLY_TOO_EARLY);
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20270228) == SQP_REAPPLY_ALLOWED);
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20290531) == SQP_REAPPLY_ALLOWED);  /* the due-by day */
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20290601) == SQP_REAPPLY_SHORT_NOTICE);
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20290831) == SQP_REAPPLY_SHORT_NOTICE);
  CHECK(verdict(engine, SQP_REAPPLY_UPGRADE, 20290901) == SQP_REAPPLY_EXPIRED);
  CHECK(sqp_certificate_reapplication(engine, 20260831, 7, 20270101, &status) == SQP_ERR_USAGE);
  CHECK(sqp_certificate_reapplication(engine, 20260831, SQP_REAPPLY_RENEWAL, 20260830, &status) ==
        SQP_ERR_INPUT);

  sqp_engine_free(engine);
  if (failures != 0) {
    fprintf(stderr, "certificate consumer: %d check(s) failed\n", failures);
    return 1;
  }
  printf("certificate consumer: all checks passed\n");
  return 0;
}
