/*
 * crm_eligibility — what a CRM's nightly job runs over its JSON Lines export of applications:
 * one sqp_run_batch call decides every application's eligibility (ELIG.*), the decisions are
 * written as JSON Lines for the CRM to import, and a short report goes to standard output.
 *
 *   cc -std=c99 crm_eligibility.c $(pkg-config --cflags --libs sqp) -o crm_eligibility
 *   ./crm_eligibility docs/examples/crm-export.jsonl decisions.jsonl
 *
 * Exit status: 0 every application was evaluated, 2 some lines were not valid applications
 * (each has an sqp.error/1 line in the decisions and a line in the report), 1 the run failed.
 *
 * sqp's result documents are compact JSON with a fixed member order, which is all this example
 * relies on to pick out a few members; a real CRM would read them with its JSON library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqp.h>

/* Reads a whole file; NULL on failure. */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  size_t cap = 0;
  *len = 0;
  if (f == NULL) return NULL;
  for (;;) {
    size_t got;
    if (*len == cap) {
      char* bigger;
      cap = cap ? cap * 2 : 65536;
      bigger = (char*)realloc(data, cap + 1);
      if (bigger == NULL) {
        free(data);
        fclose(f);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + *len, 1, cap - *len, f);
    *len += got;
    if (got == 0) break;
  }
  fclose(f);
  data[*len] = '\0';
  return data;
}

/* Copies the string value of the first `"name":"..."` member in [text, end) into out, undoing
   \" \\ and \/ (other escapes are kept as written); "" when absent or null. */
static void string_member(const char* text, const char* end, const char* name, char* out,
                          size_t out_size) {
  char key[64];
  const char* p;
  size_t n = 0;
  out[0] = '\0';
  snprintf(key, sizeof key, "\"%s\":\"", name);
  p = strstr(text, key);
  if (p == NULL || p >= end) return;
  for (p += strlen(key); p < end && *p != '"' && n + 2 < out_size; n++, p++) {
    if (*p == '\\' && p + 1 < end) {
      if (strchr("\"\\/", p[1]) != NULL) {
        p++;
      } else {
        out[n++] = *p++;
      }
    }
    out[n] = *p;
  }
  out[n] = '\0';
}

/* The integer value of `"name":N`, or -1. */
static long int_member(const char* text, const char* end, const char* name) {
  char key[64];
  const char* p;
  snprintf(key, sizeof key, "\"%s\":", name);
  p = strstr(text, key);
  if (p == NULL || p >= end) return -1;
  return strtol(p + strlen(key), NULL, 10);
}

/* The [begin, end) of 1-based line `number` of the input (blank lines count). */
static int input_line(const char* input, size_t len, long number, const char** begin,
                      const char** end) {
  const char* p = input;
  const char* stop = input + len;
  long n = 1;
  while (n < number && p < stop) {
    const char* nl = memchr(p, '\n', (size_t)(stop - p));
    if (nl == NULL) return 0;
    p = nl + 1;
    n++;
  }
  if (n != number || p >= stop) return 0;
  *begin = p;
  *end = memchr(p, '\n', (size_t)(stop - p));
  if (*end == NULL) *end = stop;
  return 1;
}

/* Lists the rules a result did not pass ("fail" or "pending" findings) after the decision. */
static void print_open_rules(const char* line, const char* end) {
  const char* p = line;
  while ((p = strstr(p, "{\"rule\":\"")) != NULL && p < end) {
    char rule[64], status[32];
    const char* next = strstr(p + 1, "{\"rule\":\"");
    const char* finding_end = (next != NULL && next < end) ? next : end;
    string_member(p, finding_end, "rule", rule, sizeof rule);
    string_member(p, finding_end, "status", status, sizeof status);
    if (strcmp(status, "fail") == 0 || strcmp(status, "pending") == 0) {
      printf(" %s(%s)", rule, status);
    }
    p = finding_end;
  }
}

int main(int argc, char** argv) {
  sqp_engine* engine = NULL;
  sqp_engine_options options;
  char *input, *out = NULL, *info = NULL, *error = NULL;
  size_t input_len, out_len = 0, info_len = 0, error_lines = 0;
  size_t eligible = 0, ineligible = 0, pending = 0, other = 0;
  char id[64], version[64], sha[80];
  const char* line;
  int rc;

  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s EXPORT.jsonl [DECISIONS.jsonl]\n", argv[0]);
    return 1;
  }
  input = read_file(argv[1], &input_len);
  if (input == NULL) {
    fprintf(stderr, "crm_eligibility: cannot read %s\n", argv[1]);
    return 1;
  }
  /* NULL: the compiled-in default rulebook. A certification body's own rulebook would be read
     from a file and passed here; every problem in it comes back in `error`. The export carries
     the CRM's own "crm" member beside the application: SQP_UNKNOWN_NOTE accepts it (the default
     refuses a member the schema does not define) and lists it in a note finding. */
  memset(&options, 0, sizeof options); /* 0: every limit at its default */
  options.struct_size = sizeof options;
  options.unknown_members = SQP_UNKNOWN_NOTE;
  rc = sqp_engine_new_with_options(NULL, 0, &options, &engine, &error, NULL);
  if (rc != SQP_OK) {
    fprintf(stderr, "crm_eligibility: %s: %s\n", sqp_status_name(rc), error ? error : "");
    sqp_free(error);
    free(input);
    return 1;
  }

  rc = sqp_run_batch(engine, "eligibility", input, input_len, &out, &out_len, &error_lines);
  if (rc != SQP_OK) {
    fprintf(stderr, "crm_eligibility: %s: %s\n", sqp_status_name(rc), out ? out : "");
    sqp_free(out);
    sqp_engine_free(engine);
    free(input);
    return 1;
  }
  if (argc == 3) {
    FILE* f = fopen(argv[2], "wb");
    if (f == NULL || fwrite(out, 1, out_len, f) != out_len || fclose(f) != 0) {
      fprintf(stderr, "crm_eligibility: cannot write %s\n", argv[2]);
      sqp_free(out);
      sqp_engine_free(engine);
      free(input);
      return 1;
    }
  }

  /* Every decision names the rulebook that made it (id, version, SHA-256). */
  if (sqp_run(engine, "rulebook", "{}", 2, &info, &info_len) == SQP_OK) {
    string_member(info, info + info_len, "id", id, sizeof id);
    string_member(info, info + info_len, "version", version, sizeof version);
    string_member(info, info + info_len, "sha256", sha, sizeof sha);
    printf("sqp %s, rulebook %s %s (sha256 %.12s...)\n", sqp_version(), id, version, sha);
  }
  sqp_free(info);
  printf("Eligibility of the applications in %s / 参评资格:\n", argv[1]);

  for (line = out; line < out + out_len;) {
    const char* end = memchr(line, '\n', (size_t)(out + out_len - line));
    char application[64], decision[32], since[16];
    if (end == NULL) end = out + out_len;
    if (strncmp(line, "{\"schema\":\"sqp.error/1\"", 23) == 0) {
      /* A line the library could not evaluate: name the CRM record from the input line. */
      const char *in_begin, *in_end;
      char code[32], message[256];
      long number = int_member(line, end, "line");
      application[0] = '\0';
      if (input_line(input, input_len, number, &in_begin, &in_end)) {
        string_member(in_begin, in_end, "application_id", application, sizeof application);
      }
      string_member(line, end, "code", code, sizeof code);
      string_member(line, end, "message", message, sizeof message);
      printf("  %-14s line %ld not evaluated: %s %s\n", application[0] ? application : "?", number,
             code, message);
      other++;
    } else {
      string_member(line, end, "application_id", application, sizeof application);
      string_member(line, end, "decision", decision, sizeof decision);
      printf("  %-14s %-10s", application, decision);
      print_open_rules(line, end);
      string_member(line, end, "eligible_from", since, sizeof since);
      if (since[0] != '\0') printf("; may apply again from %s", since);
      printf("\n");
      if (strcmp(decision, "eligible") == 0) {
        eligible++;
      } else if (strcmp(decision, "ineligible") == 0) {
        ineligible++;
      } else {
        pending++;
      }
    }
    line = end + 1;
  }
  printf("Totals: eligible %lu, ineligible %lu, pending %lu, not evaluated %lu\n",
         (unsigned long)eligible, (unsigned long)ineligible, (unsigned long)pending,
         (unsigned long)other);

  sqp_free(out);
  sqp_engine_free(engine);
  free(input);
  return error_lines > 0 ? 2 : 0;
}
