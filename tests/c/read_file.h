/* A whole file in a malloc'd NUL-terminated buffer, for the C consumers (one copy). */
#ifndef SQP_TESTS_C_READ_FILE_H
#define SQP_TESTS_C_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The file's bytes and their count in *len, or NULL. Free with free(). */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data;
  long size;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = (char*)malloc((size_t)size + 1);
  if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    free(data);
    return NULL;
  }
  fclose(f);
  data[size] = '\0';
  *len = (size_t)size;
  return data;
}

#endif /* SQP_TESTS_C_READ_FILE_H */
