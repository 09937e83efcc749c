/* Per-call answer modes (issue 20, item 1) from strict C99, against libsqp.so only:
   - sqp_run_with_options, sqp_run_batch_with_options and sqp_run_stream_with_options give, for
     each SQP_MESSAGES_* value, byte for byte what an engine made with that mode gives through
     sqp_run, sqp_run_batch and sqp_run_stream; on the CRM export (JSON Lines, with an error
     line added) and on an application;
   - SQP_MESSAGES_ENGINE, SQP_RUN_OPTIONS_INIT and NULL options keep the engine's own mode (also
     for an engine made compact), and a per-call mode overrides it both ways;
   - a struct smaller than 1.1's, or a messages value outside the list, is SQP_ERR_USAGE with an
     sqp.error/1 document naming the member; a larger struct from a later header is read as far
     as this release knows. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"
#include "buffer_io.h"
#include "read_file.h"

static char* read_example(const char* root, const char* name, size_t* len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/docs/examples/%s", root, name);
  return read_file(path, len);
}

static int same(const char* a, size_t a_len, const char* b, size_t b_len) {
  return a != NULL && b != NULL && a_len == b_len && memcmp(a, b, a_len) == 0;
}

/* Everything `mode_engine` (made with one mode) answers equals what `engine` answers with that
   mode given per call, through the three calls. */
static void compare_mode(const sqp_engine* engine, const sqp_engine* mode_engine, int mode,
                         const char* app, size_t app_len, const char* lines, size_t lines_len) {
  sqp_run_options o = SQP_RUN_OPTIONS_INIT;
  char *want = NULL, *got = NULL;
  size_t want_len = 0, got_len = 0, want_bad = 0, got_bad = 0, n = 0;
  buffer_reader r = {NULL, 0, 0, 0};
  buffer_writer w = {NULL, 0, 0, 0, 0};
  o.messages = mode;

  CHECK(sqp_run(mode_engine, "eligibility", app, app_len, &want, &want_len) == SQP_OK);
  CHECK(sqp_run_with_options(engine, "eligibility", app, app_len, &o, &got, &got_len) == SQP_OK);
  CHECK(same(want, want_len, got, got_len));
  sqp_free(want);
  sqp_free(got);

  CHECK(sqp_run_batch(mode_engine, "eligibility", lines, lines_len, &want, &want_len,
                      &want_bad) == SQP_OK);
  CHECK(sqp_run_batch_with_options(engine, "eligibility", lines, lines_len, &o, &got, &got_len,
                                   &got_bad) == SQP_OK);
  CHECK(same(want, want_len, got, got_len) && want_bad >= 1 && got_bad == want_bad);
  sqp_free(got);

  r.data = lines;
  r.len = lines_len;
  r.chunk = 4096;
  CHECK(sqp_run_stream_with_options(engine, "eligibility", read_buffer, &r, write_buffer, &w, &o,
                                    &n, &got_bad) == SQP_OK);
  CHECK(same(want, want_len, w.data, w.len) && got_bad == want_bad && n == 6);
  sqp_free(want);
  free(w.data);
}

int main(int argc, char** argv) {
  static const int modes[] = {SQP_MESSAGES_BOTH, SQP_MESSAGES_EN, SQP_MESSAGES_ZH,
                              SQP_MESSAGES_NONE};
  sqp_engine* engine = NULL;
  sqp_engine* compact = NULL;
  size_t app_len = 0, export_len = 0, lines_len, i;
  char *app, *export_lines, *lines;
  const char* bad_line = "{\"schema\":\"sqp.application/1\"}\n";
  char *a = NULL, *b = NULL;
  size_t a_len = 0, b_len = 0;
  if (argc < 2) return 2;
  app = read_example(argv[1], "application-eligible.json", &app_len);
  export_lines = read_example(argv[1], "crm-export.jsonl", &export_len);
  CHECK(app != NULL && export_lines != NULL);
  if (app == NULL || export_lines == NULL) return 1;
  lines_len = export_len + strlen(bad_line);
  lines = (char*)malloc(lines_len + 1);
  if (lines == NULL) return 1;
  memcpy(lines, export_lines, export_len);
  memcpy(lines + export_len, bad_line, strlen(bad_line) + 1);

  /* The CRM export's lines carry a member of the CRM's own: noted (with its own finding, which
     follows the answer mode too), not refused. */
  {
    sqp_engine_options eo = SQP_ENGINE_OPTIONS_INIT;
    eo.unknown_members = SQP_UNKNOWN_NOTE;
    CHECK(sqp_engine_new_with_options(NULL, 0, &eo, &engine, NULL, NULL) == SQP_OK);
    if (engine == NULL) return 1;
  }

  /* Each mode per call equals the engine made with it. */
  for (i = 0; i < sizeof modes / sizeof modes[0]; ++i) {
    sqp_engine_options eo = SQP_ENGINE_OPTIONS_INIT;
    sqp_engine* mode_engine = NULL;
    eo.unknown_members = SQP_UNKNOWN_NOTE;
    eo.messages = modes[i];
    CHECK(sqp_engine_new_with_options(NULL, 0, &eo, &mode_engine, NULL, NULL) == SQP_OK);
    if (mode_engine == NULL) continue;
    compare_mode(engine, mode_engine, modes[i], app, app_len, lines, lines_len);
    /* The engine's own mode, whatever it is, under SQP_MESSAGES_ENGINE and NULL options. */
    {
      sqp_run_options own = SQP_RUN_OPTIONS_INIT;
      CHECK(own.struct_size == sizeof(sqp_run_options) && own.messages == SQP_MESSAGES_ENGINE);
      CHECK(sqp_run(mode_engine, "eligibility", app, app_len, &a, &a_len) == SQP_OK);
      CHECK(sqp_run_with_options(mode_engine, "eligibility", app, app_len, &own, &b, &b_len) ==
            SQP_OK);
      CHECK(same(a, a_len, b, b_len));
      sqp_free(b);
      CHECK(sqp_run_with_options(mode_engine, "eligibility", app, app_len, NULL, &b, &b_len) ==
            SQP_OK);
      CHECK(same(a, a_len, b, b_len));
      sqp_free(a);
      sqp_free(b);
    }
    if (modes[i] == SQP_MESSAGES_NONE) {
      compact = mode_engine;
    } else {
      sqp_engine_free(mode_engine);
    }
  }

  /* The modes differ as documented: compact has no message, both has both. */
  if (compact != NULL) {
    sqp_run_options both = SQP_RUN_OPTIONS_INIT;
    both.messages = SQP_MESSAGES_BOTH;
    CHECK(sqp_run(compact, "eligibility", app, app_len, &a, &a_len) == SQP_OK);
    CHECK(a != NULL && strstr(a, "\"message\"") == NULL && strstr(a, "\"message_zh\"") == NULL &&
          strstr(a, "\"ELIG.SCOPE\"") != NULL);
    CHECK(sqp_run_with_options(compact, "eligibility", app, app_len, &both, &b, &b_len) == SQP_OK);
    CHECK(b != NULL && strstr(b, "\"message\"") != NULL && strstr(b, "\"message_zh\"") != NULL);
    CHECK(!same(a, a_len, b, b_len));
    sqp_free(a);
    sqp_free(b);
  }

  /* Bad options: usage errors naming the member, before anything is run or read. */
  {
    sqp_run_options o = SQP_RUN_OPTIONS_INIT;
    buffer_reader r = {NULL, 0, 0, 0};
    buffer_writer w = {NULL, 0, 0, 0, 0};
    size_t n = 7, bad = 7;
    o.messages = 4;
    CHECK(sqp_run_with_options(engine, "eligibility", app, app_len, &o, &a, &a_len) ==
          SQP_ERR_USAGE);
    CHECK(a != NULL && strstr(a, "\"sqp.error/1\"") != NULL &&
          strstr(a, "sqp_run_with_options: options->messages must be") != NULL);
    sqp_free(a);
    o.messages = -2;
    CHECK(sqp_run_batch_with_options(engine, "eligibility", lines, lines_len, &o, &a, &a_len,
                                     &bad) == SQP_ERR_USAGE);
    CHECK(a != NULL && strstr(a, "sqp_run_batch_with_options: options->messages") != NULL &&
          bad == 0);
    sqp_free(a);
    r.data = lines;
    r.len = lines_len;
    r.chunk = 4096;
    CHECK(sqp_run_stream_with_options(engine, "eligibility", read_buffer, &r, write_buffer, &w, &o,
                                      &n, &bad) == SQP_ERR_USAGE);
    CHECK(r.at == 0 && w.len == 0 && n == 0 && bad == 0);
    o.messages = SQP_MESSAGES_NONE;
    o.struct_size = offsetof(sqp_run_options, messages);
    CHECK(sqp_run_with_options(engine, "eligibility", app, app_len, &o, &a, &a_len) ==
          SQP_ERR_USAGE);
    CHECK(a != NULL && strstr(a, "options->struct_size") != NULL);
    sqp_free(a);
  }

  /* A later header's larger struct: the members beyond 1.1's are not read, whatever their bytes. */
  {
    struct {
      sqp_run_options options;
      unsigned char future[32];
    } later;
    memset(&later, 0xFF, sizeof later);
    later.options.struct_size = sizeof later;
    later.options.messages = SQP_MESSAGES_NONE;
    CHECK(sqp_run(compact, "eligibility", app, app_len, &a, &a_len) == SQP_OK);
    CHECK(sqp_run_with_options(engine, "eligibility", app, app_len, &later.options, &b, &b_len) ==
          SQP_OK);
    CHECK(same(a, a_len, b, b_len));
    sqp_free(a);
    sqp_free(b);
  }

  sqp_engine_free(compact);
  sqp_engine_free(engine);
  free(lines);
  free(export_lines);
  free(app);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
