/* sqp_run_stream (issue 19, item 4) from strict C99, against libsqp.so only:
   - its answers are byte for byte sqp_run_batch's, however the reader cuts the input (1, 7,
     4096, 65536 bytes a call), with blank lines, CRLF, bad lines and a last line without '\n';
   - a callback's positive value stops the run and is returned;
   - memory is bounded by the longest line, not the batch: 100,000 applications (about 130 MB in
     and more out) made by the reader on the fly raise the peak RSS by less than 8 MiB, measured
     with getrusage; sqp_run_batch on 10,000 of them is measured for comparison. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "sqp.h"

static int failures = 0;
#include "check.h"
#include "buffer_io.h"
#include "read_file.h"

/* sqp_run_stream over `len` bytes at `data`, read `chunk` bytes a call, into `w` (set up by
   the caller: zeroed, and its stop_after). */
static int stream_buffer(const sqp_engine* engine, const char* operation, const char* data,
                         size_t len, size_t chunk, buffer_writer* w, size_t* lines, size_t* errors) {
  buffer_reader r;
  r.data = data;
  r.len = len;
  r.at = 0;
  r.chunk = chunk;
  return sqp_run_stream(engine, operation, read_buffer, &r, write_buffer, w, lines, errors);
}

/* ---- a reader that makes `lines` copies of one line, never holding more than one ---- */
typedef struct {
  const char* line;
  size_t line_len, lines, made, at;
} generated_reader;

static int read_generated(void* context, char* buffer, size_t capacity, size_t* out_read) {
  generated_reader* g = (generated_reader*)context;
  size_t n = 0;
  while (n < capacity && g->made < g->lines) {
    size_t take = g->line_len - g->at;
    if (take > capacity - n) take = capacity - n;
    memcpy(buffer + n, g->line + g->at, take);
    n += take;
    g->at += take;
    if (g->at == g->line_len) {
      g->at = 0;
      ++g->made;
    }
  }
  *out_read = n;
  return 0;
}

typedef struct {
  size_t bytes, lines;
} counting_writer;

static int write_count(void* context, const char* data, size_t len) {
  counting_writer* c = (counting_writer*)context;
  (void)data;
  c->bytes += len;
  ++c->lines;
  return 0;
}

static long peak_rss_kib(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss; /* KiB on Linux */
}

int main(int argc, char** argv) {
  sqp_engine* engine = NULL;
  sqp_engine_options options;
  char path[4096];
  size_t export_len = 0, i;
  char* export_data;
  const size_t chunks[] = {1, 7, 4096, 65536};
  const char* extra = "\n   \r\n{oops\r\n{\"schema\":\"sqp.application/1\"}"; /* no last '\n' */
  char* input;
  size_t input_len;
  char* batch = NULL;
  size_t batch_len = 0, batch_errors = 0;
  if (argc < 2) return 2;
  /* The CRM export carries a member of its own ("crm"): noted, not refused (READ.MEMBERS). */
  memset(&options, 0, sizeof options);
  options.struct_size = sizeof options;
  options.unknown_members = SQP_UNKNOWN_NOTE;
  CHECK(sqp_engine_new_with_options(NULL, 0, &options, &engine, NULL, NULL) == SQP_OK);
  snprintf(path, sizeof path, "%s/docs/examples/crm-export.jsonl", argv[1]);
  export_data = read_file(path, &export_len);
  CHECK(export_data != NULL);
  if (engine == NULL || export_data == NULL) return 1;

  /* The same answers as sqp_run_batch, whatever the reads' sizes. */
  input_len = export_len + strlen(extra);
  input = (char*)malloc(input_len);
  memcpy(input, export_data, export_len);
  memcpy(input + export_len, extra, strlen(extra));
  CHECK(sqp_run_batch(engine, "eligibility", input, input_len, &batch, &batch_len, &batch_errors) ==
        SQP_OK);
  for (i = 0; i < sizeof chunks / sizeof chunks[0]; ++i) {
    buffer_writer w;
    size_t lines = 0, errors = 0;
    memset(&w, 0, sizeof w);
    CHECK(stream_buffer(engine, "eligibility", input, input_len, chunks[i], &w, &lines, &errors) ==
          SQP_OK);
    CHECK(w.len == batch_len && memcmp(w.data, batch, batch_len) == 0);
    CHECK(errors == batch_errors && errors == 3);
    CHECK(lines == w.calls);
    free(w.data);
  }

  /* A writer's positive value stops the run and comes back unchanged. */
  {
    buffer_writer w;
    size_t lines = 0;
    memset(&w, 0, sizeof w);
    w.stop_after = 2;
    CHECK(stream_buffer(engine, "eligibility", input, input_len, 4096, &w, &lines, NULL) == 42);
    CHECK(w.calls == 2 && lines == 3);
    free(w.data);
  }
  /* A line far over max_input_bytes is skipped, not held, and answered as sqp_run_batch answers
     it (issue 16, item 2): limit_exceeded with its line and size; blank long lines get none. */
  {
    sqp_engine_options small;
    sqp_engine* limited = NULL;
    const char* good = "{\"schema\":\"sqp.meeting/1\"}\n";
    const size_t long_len = 300000, blank_len = 5000;
    size_t len = 0, k;
    char* text = (char*)malloc(3 * strlen(good) + long_len + blank_len + 3000 + 16);
    memset(&small, 0, sizeof small);
    small.struct_size = sizeof small;
    small.max_input_bytes = 1000;
    CHECK(sqp_engine_new_with_options(NULL, 0, &small, &limited, NULL, NULL) == SQP_OK);
    memcpy(text + len, good, strlen(good));
    len += strlen(good);
    text[len++] = '{';
    for (k = 1; k < long_len - 1; ++k) text[len++] = 'x';
    text[len++] = '\r';
    text[len++] = '\n';
    for (k = 0; k < blank_len; ++k) text[len++] = ' ';
    text[len++] = '\n';
    memcpy(text + len, good, strlen(good));
    len += strlen(good);
    for (k = 0; k < 3000; ++k) text[len++] = 'y'; /* a long last line without '\n' */
    if (limited != NULL) {
      char* want = NULL;
      size_t want_len = 0, want_errors = 0;
      CHECK(sqp_run_batch(limited, "meeting", text, len, &want, &want_len, &want_errors) == SQP_OK);
      CHECK(want_errors == 4); /* the two good lines lack members; the two long ones */
      CHECK(strstr(want, "\"line\":2") != NULL && strstr(want, "input of 299999 bytes") != NULL);
      CHECK(strstr(want, "input of 3000 bytes") != NULL && strstr(want, "\"line\":5") != NULL);
      for (i = 0; i < sizeof chunks / sizeof chunks[0]; ++i) {
        buffer_writer w;
        size_t lines = 0, errors = 0;
        memset(&w, 0, sizeof w);
        CHECK(stream_buffer(limited, "meeting", text, len, chunks[i], &w, &lines, &errors) == SQP_OK);
        CHECK(w.len == want_len && memcmp(w.data, want, want_len) == 0);
        CHECK(lines == 4 && errors == 4);
        free(w.data);
      }
      sqp_free(want);
      sqp_engine_free(limited);
    }
    free(text);
  }

  /* max_input_bytes = SIZE_MAX means no limit (the skip length saturates, it does not wrap):
     the same answers as sqp_run_batch, with reads of 7 bytes that cut every line. */
  {
    sqp_engine_options huge;
    sqp_engine* unlimited = NULL;
    char* want = NULL;
    size_t want_len = 0;
    buffer_writer w;
    memset(&huge, 0, sizeof huge);
    huge.struct_size = sizeof huge;
    huge.max_input_bytes = (size_t)-1;
    huge.unknown_members = SQP_UNKNOWN_NOTE;
    CHECK(sqp_engine_new_with_options(NULL, 0, &huge, &unlimited, NULL, NULL) == SQP_OK);
    if (unlimited != NULL) {
      CHECK(sqp_run_batch(unlimited, "eligibility", input, input_len, &want, &want_len, NULL) == SQP_OK);
      memset(&w, 0, sizeof w);
      CHECK(stream_buffer(unlimited, "eligibility", input, input_len, 7, &w, NULL, NULL) == SQP_OK);
      CHECK(w.len == want_len && memcmp(w.data, want, want_len) == 0);
      CHECK(strstr(w.data, "\"internal\"") == NULL);
      free(w.data);
      sqp_free(want);
      sqp_engine_free(unlimited);
    }
  }

  /* Misuse. */
  CHECK(sqp_run_stream(NULL, "eligibility", read_buffer, NULL, write_buffer, NULL, NULL, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_run_stream(engine, "eligibility", NULL, NULL, write_buffer, NULL, NULL, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_run_stream(engine, "eligibility", read_buffer, NULL, NULL, NULL, NULL, NULL) ==
        SQP_ERR_USAGE);
  CHECK(sqp_run_stream(engine, "eligibilty", read_buffer, NULL, write_buffer, NULL, NULL, NULL) ==
        SQP_ERR_UNKNOWN_OPERATION); /* nothing read */

  /* Bounded memory: 100,000 applications streamed, against 10,000 batched. */
  {
    const char* first_end = strchr(export_data, '\n');
    generated_reader g;
    counting_writer c;
    long before, after_stream, after_batch;
    size_t lines = 0, errors = 0;
    char* big;
    size_t big_len, k;
    char* out = NULL;
    size_t out_len = 0;
    CHECK(first_end != NULL);
    g.line = export_data;
    g.line_len = (size_t)(first_end - export_data) + 1;
    g.lines = 1000; /* warm-up: the allocator's and the engine's first buffers */
    g.made = g.at = 0;
    memset(&c, 0, sizeof c);
    CHECK(sqp_run_stream(engine, "eligibility", read_generated, &g, write_count, &c, NULL, NULL) ==
          SQP_OK);
    before = peak_rss_kib();
    g.lines = 100000;
    g.made = g.at = 0;
    memset(&c, 0, sizeof c);
    CHECK(sqp_run_stream(engine, "eligibility", read_generated, &g, write_count, &c, &lines,
                         &errors) == SQP_OK);
    after_stream = peak_rss_kib();
    CHECK(lines == 100000 && errors == 0 && c.lines == 100000);
    printf("sqp_run_stream: %lu applications, %.1f MB in, %.1f MB out; peak RSS %ld KiB before, "
           "%ld KiB after (+%ld KiB)\n",
           (unsigned long)lines, (double)(g.line_len * g.lines) / 1e6, (double)c.bytes / 1e6,
           before, after_stream, after_stream - before);
#if defined(__SANITIZE_ADDRESS__)
    /* ASan's quarantine holds freed memory back (256 MB by default): no bound to measure. */
    (void)after_stream;
#else
    CHECK(after_stream - before < 8 * 1024);
#endif

    big_len = g.line_len * 10000;
    big = (char*)malloc(big_len);
    for (k = 0; k < 10000; ++k) memcpy(big + k * g.line_len, g.line, g.line_len);
    CHECK(sqp_run_batch(engine, "eligibility", big, big_len, &out, &out_len, NULL) == SQP_OK);
    after_batch = peak_rss_kib();
    printf("sqp_run_batch: 10000 applications, %.1f MB in, %.1f MB out; peak RSS %ld KiB "
           "(+%ld KiB over the streamed run)\n",
           (double)big_len / 1e6, (double)out_len / 1e6, after_batch, after_batch - after_stream);
    sqp_free(out);
    free(big);
  }

  sqp_free(batch);
  free(input);
  free(export_data);
  sqp_engine_free(engine);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  return failures ? 1 : 0;
}
