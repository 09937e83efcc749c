/* The reader and the writer the C consumers give sqp_run_stream: over a buffer in memory. */
#ifndef SQP_TESTS_C_BUFFER_IO_H
#define SQP_TESTS_C_BUFFER_IO_H

#include <stdlib.h>
#include <string.h>

/* ---- a reader over a buffer, `chunk` bytes a call ---- */
typedef struct {
  const char* data;
  size_t len, at, chunk;
} buffer_reader;

static int read_buffer(void* context, char* buffer, size_t capacity, size_t* out_read) {
  buffer_reader* r = (buffer_reader*)context;
  size_t n = r->len - r->at;
  if (n > r->chunk) n = r->chunk;
  if (n > capacity) n = capacity;
  memcpy(buffer, r->data + r->at, n);
  r->at += n;
  *out_read = n;
  return 0;
}

/* ---- a writer into a growing buffer ---- */
typedef struct {
  char* data;
  size_t len, cap, calls, stop_after;
} buffer_writer;

static int write_buffer(void* context, const char* data, size_t len) {
  buffer_writer* w = (buffer_writer*)context;
  if (w->stop_after != 0 && w->calls == w->stop_after) return 42;
  ++w->calls;
  if (w->len + len > w->cap) {
    w->cap = (w->len + len) * 2;
    w->data = (char*)realloc(w->data, w->cap);
    if (w->data == NULL) return 99;
  }
  memcpy(w->data + w->len, data, len);
  w->len += len;
  return 0;
}

#endif /* SQP_TESTS_C_BUFFER_IO_H */
