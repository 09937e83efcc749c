/*
 * sqp.h — the C ABI of sqp (libsqp.so.1), service-site quality rules and scoring.
 *
 * Model (as SQLite and libgit2): an opaque engine made from a rulebook, immutable and safe to
 * share between threads; every function returns an int status (SQP_OK or a negative
 * sqp_status); every buffer the library returns is released with sqp_free(). No function prints,
 * aborts or lets an exception escape. Structs passed by pointer start with their own size so
 * later versions can extend them without breaking callers built against this header.
 *
 * Stable surface: everything in this file outside the SQP_EXPERIMENTAL section.
 */
/**
 * @file sqp.h
 * @brief The C ABI of sqp (libsqp.so.1): engines, operations on JSON documents, typed checks.
 *
 * Build with `cc app.c $(pkg-config --cflags --libs sqp)` or link CMake's `sqp::capi`
 * (`find_package(sqp CONFIG)`). Guides: docs/quickstart.md (C ABI), docs/errors.md (status
 * codes and the sqp.error/1 document), docs/threading.md, docs/abi.md.
 */
#ifndef SQP_H
#define SQP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SQP_BUILDING_LIBRARY)
#define SQP_API __attribute__((visibility("default")))
#else
/** Marks the exported functions: default visibility while building libsqp, empty for callers. */
#define SQP_API
#endif

/* ---- Versions ------------------------------------------------------------------------- */

/* SQP_VERSION_MAJOR, _MINOR, _PATCH, _STRING and _NUMBER, this header's version. They are
   generated from CMake's project() version, the one place the version is written, into
   sqp_version.h, which is installed beside this file. */
#include "sqp_version.h"

/** The runtime library's version, "MAJOR.MINOR.PATCH" (compare with SQP_VERSION_STRING). */
SQP_API const char* sqp_version(void);
/** The runtime library's version as MAJOR*10000 + MINOR*100 + PATCH. */
SQP_API int sqp_version_number(void);

/* ---- Status codes --------------------------------------------------------------------- */

/** Every function returns SQP_OK (0) or one of these negative codes. Values never change. */
typedef enum sqp_status {
  SQP_OK = 0,                     /**< success */
  SQP_ERR_USAGE = -1,             /**< bad argument: NULL pointer, wrong struct_size, … */
  SQP_ERR_JSON = -2,              /**< input is not well-formed JSON */
  SQP_ERR_SCHEMA = -3,            /**< "schema" missing or not the operation's input schema */
  SQP_ERR_INPUT = -4,             /**< a field is invalid; the error document names it */
  SQP_ERR_RULEBOOK = -5,          /**< the rulebook failed validation */
  SQP_ERR_UNKNOWN_OPERATION = -6, /**< no operation of that name */
  SQP_ERR_LIMIT = -7,             /**< input exceeds a size or depth limit */
  SQP_ERR_NOMEM = -8,             /**< out of memory */
  SQP_ERR_INTERNAL = -9           /**< a bug in sqp */
} sqp_status;

/** A static, never-freed name for a status code ("invalid_input"), or "unknown". */
SQP_API const char* sqp_status_name(int status);

/* ---- Engines -------------------------------------------------------------------------- */

/** An immutable rulebook plus its operations; share one between threads freely. */
typedef struct sqp_engine sqp_engine;

/**
 * Creates an engine. rulebook_json = NULL uses the compiled-in default rulebook; otherwise it is
 * an sqp.rulebook/1 document of rulebook_len bytes, validated in full.
 * On failure returns a negative status, sets *out_engine to NULL and, when out_error is not
 * NULL, stores an sqp.error/1 document listing every problem (free it with sqp_free).
 * out_error and out_error_len may be NULL.
 */
SQP_API int sqp_engine_new(const char* rulebook_json, size_t rulebook_len, sqp_engine** out_engine,
                           char** out_error, size_t* out_error_len);

/** Releases an engine (NULL is allowed). No call may be using it. */
SQP_API void sqp_engine_free(sqp_engine* engine);

/* ---- Operations on JSON documents ---------------------------------------------------- */

/**
 * Runs an operation ("eligibility", "cycle", "meeting", "certificate", "score", "assess",
 * "rulebook", and since 1.1 "bodies") on one JSON document of input_len bytes.
 * Always stores a NUL-terminated document in *out (length in *out_len, without the NUL): the
 * result on SQP_OK, an sqp.error/1 document (code, message, path as a JSON pointer) otherwise.
 * Free it with sqp_free. Only for SQP_ERR_USAGE with out == NULL, or SQP_ERR_NOMEM, is *out NULL.
 */
SQP_API int sqp_run(const sqp_engine* engine, const char* operation, const char* input,
                    size_t input_len, char** out, size_t* out_len);

/**
 * Runs an operation over JSON Lines: one output line per non-blank input line, in order (a blank
 * line is empty or only spaces, tabs and carriage returns; it still counts for line numbers, and
 * a CRLF line's carriage return is no part of its document). A bad line yields an sqp.error/1
 * line (with its 1-based "line") and the run goes on. Returns SQP_OK when every line was
 * answered; *out_error_lines (may be NULL) counts the error lines. Otherwise *out holds one
 * sqp.error/1 document (free it with sqp_free; NULL only for SQP_ERR_NOMEM or out == NULL):
 * SQP_ERR_UNKNOWN_OPERATION for an unknown operation, on empty input too (since 1.1: 1.0 gave
 * an error line per input line), SQP_ERR_USAGE for a NULL argument.
 */
SQP_API int sqp_run_batch(const sqp_engine* engine, const char* operation, const char* input,
                          size_t input_len, char** out, size_t* out_len, size_t* out_error_lines);

/**
 * Runs an operation on one JSON document and renders its result as `format`: "json" (the
 * document sqp_run gives, in the engine's messages mode), "text" (the report a person reads, in Chinese and English, ending
 * with the rulebook's id, version and SHA-256; control characters from the input shown as
 * backslash escapes), and for "certificate" and "case" also "ics" (a calendar of their deadlines)
 * and "svg" (a timeline).
 * The same bytes as the CLI's --format and Python's Engine.render for the same document (the
 * CLI also skips a UTF-8 byte order mark before it; the library takes the bytes as given). *out is set as by sqp_run:
 * the rendering on SQP_OK, an sqp.error/1 document otherwise (SQP_ERR_USAGE for a format the
 * operation does not render, or a NULL format; SQP_ERR_UNKNOWN_OPERATION; the operation's own
 * errors). Free it with sqp_free. Since 1.1.
 */
SQP_API int sqp_render(const sqp_engine* engine, const char* operation, const char* format,
                       const char* input, size_t input_len, char** out, size_t* out_len);

/** Releases a buffer returned by this library (NULL is allowed). */
SQP_API void sqp_free(void* buffer);

/* ---- Streaming JSON Lines ---------------------------------------------------------------- */

/**
 * Reads input for sqp_run_stream: stores up to `capacity` bytes at `buffer` and their count in
 * *out_read (0: the end of the input). Returns 0, or a positive value of the caller's choice to
 * stop the run (sqp_run_stream then returns that value unchanged).
 */
typedef int (*sqp_read_fn)(void* context, char* buffer, size_t capacity, size_t* out_read);

/**
 * Takes output from sqp_run_stream: `len` bytes at `data`, one whole answer line ending in
 * '\n', valid during the call only. Returns 0, or a positive value to stop the run.
 */
typedef int (*sqp_write_fn)(void* context, const char* data, size_t len);

/**
 * sqp_run_batch as a stream, in the manner of zstd's streaming API: pulls the input through
 * `read` and pushes each answer line through `write` as soon as it is made, so neither the
 * input nor the output is ever whole in memory. The library holds one read block (64 KiB), the
 * line being assembled and its answer: memory is bounded by the longest line, not the batch.
 * The answers are byte for byte those of sqp_run_batch on the same input (blank lines, CRLF,
 * the "line" of each sqp.error/1, a last line without '\n').
 *  - SQP_OK: the input was read to its end and every non-blank line answered; *out_lines and
 *    *out_error_lines (each may be NULL) count the answer lines and the error lines among them.
 *  - a positive value: `read` or `write` returned it; the counts say how far the run got.
 *    (A callback must return 0 or a positive value: a negative one would be returned as it
 *    is and read as one of the codes below.)
 *  - SQP_ERR_UNKNOWN_OPERATION (nothing is read), SQP_ERR_USAGE (a NULL engine, operation, read
 *    or write), SQP_ERR_NOMEM, SQP_ERR_INTERNAL.
 */
SQP_API int sqp_run_stream(const sqp_engine* engine, const char* operation, sqp_read_fn read,
                           void* read_context, sqp_write_fn write, void* write_context,
                           size_t* out_lines, size_t* out_error_lines);

/* ---- Typed checks: no JSON, no allocation ------------------------------------------- */
/* Dates are int32_t YYYYMMDD (20260320). Each struct starts with its size: set struct_size to
   sizeof the struct before the call (its SQP_*_INIT macro does, and zeroes the rest). A struct
   may grow at its end in a later 1.x release; the library reads and writes only the members
   that lie wholly within struct_size, so a program built against an older header (a smaller
   struct) keeps working, and one built against a newer header (a larger struct) is answered as
   far as this release knows. The smallest struct_size accepted is the 1.0 struct's: up to the
   end of its last 1.0 member (which may be a few bytes short of its sizeof, the padding). */

/* -- Meetings: quorum and votes (VOTE.* in docs/rules.md) -- */

/** The body that meets (sqp_vote_query.body). Values never change. */
typedef enum sqp_meeting_body {
  SQP_BODY_EXPERT_REVIEW = 0, /**< the expert group's review meeting (Art. 14(7)) */
  SQP_BODY_FINAL_REVIEW = 1   /**< the promotion committee's final review meeting (Art. 14(9)) */
} sqp_meeting_body;

/** What is inconsistent in a vote query (sqp_vote_result.problem, VOTE.CONSISTENCY). */
typedef enum sqp_vote_problem {
  SQP_VOTE_OK = 0,                      /**< the counts are consistent */
  SQP_VOTE_MEMBERS_OUT_OF_RANGE = 1,    /**< members < 1 or > 1000000 */
  SQP_VOTE_PRESENT_OUT_OF_RANGE = 2,    /**< present < 0 or > 1000000 */
  SQP_VOTE_COUNT_OUT_OF_RANGE = 3,      /**< votes_for, votes_against or abstain < 0 or > 1000000 */
  SQP_VOTE_PRESENT_EXCEEDS_MEMBERS = 4, /**< present > members */
  SQP_VOTE_VOTES_EXCEED_PRESENT = 5     /**< votes_for + votes_against + abstain > present */
} sqp_vote_problem;

/**
 * One meeting and one motion, as counts (VOTE.*). Set struct_size = sizeof(sqp_vote_query).
 * Abstentions and absent members are not votes for.
 */
typedef struct sqp_vote_query {
  size_t struct_size;    /**< sizeof(sqp_vote_query) */
  int32_t body;          /**< an sqp_meeting_body */
  int32_t members;       /**< members of the body, >= 1 */
  int32_t present;       /**< members attending (or taking part by correspondence) */
  int32_t votes_for;     /**< votes for the motion */
  int32_t votes_against; /**< votes against */
  int32_t abstain;       /**< abstentions */
} sqp_vote_query;

/** An sqp_vote_query with struct_size set and every count 0 (libgit2's *_INIT manner):
    `sqp_vote_query q = SQP_VOTE_QUERY_INIT;`. Since 1.1. */
#define SQP_VOTE_QUERY_INIT {sizeof(sqp_vote_query), 0, 0, 0, 0, 0, 0}

/** The verdict of sqp_check_vote. Set struct_size = sizeof(sqp_vote_result). */
typedef struct sqp_vote_result {
  size_t struct_size;     /**< sizeof(sqp_vote_result) */
  int32_t quorum_required; /**< the fewest attendees that make the meeting valid */
  int32_t quorum_met;      /**< 1 when present reaches the quorum (the meeting is valid), else 0 */
  int32_t votes_required;  /**< the fewest votes for that carry the motion */
  int32_t passed;          /**< 1 when the motion passed (never at a meeting without quorum) */
  int32_t problem;         /**< an sqp_vote_problem: why SQP_ERR_INPUT was returned */
} sqp_vote_result;

/** An sqp_vote_result with struct_size set and every field 0. Since 1.1. */
#define SQP_VOTE_RESULT_INIT {sizeof(sqp_vote_result), 0, 0, 0, 0, 0}

/**
 * The quorum and vote test of a review meeting with the engine's rulebook fractions (2/3 by
 * default, read inclusively: present*3 >= members*2, votes_for*3 >= present*2); no JSON, no
 * allocation, safe from any thread. Returns SQP_OK with the verdict in *result;
 * SQP_ERR_USAGE for a NULL argument, a struct_size of either struct smaller than the 1.0
 * struct's (up to the end of abstain, of problem), or an unknown body (nothing written); SQP_ERR_INPUT for inconsistent counts (result->problem says
 * which; the other result fields are 0). Same rules and figures as the "meeting" operation.
 */
SQP_API int sqp_check_vote(const sqp_engine* engine, const sqp_vote_query* query,
                           sqp_vote_result* result);

/* -- Certificates: dates and deadlines (CERT.* in docs/rules.md) -- */

/** Capacity of the per-anniversary arrays of sqp_certificate_dates. A rulebook's validity is at
    most 20 years, so it has at most 19 supervision anniversaries. */
#define SQP_CERTIFICATE_MAX_ANNIVERSARIES 20

/** A certificate's state on a day (CERT.VALIDITY, REVOKE.TRIGGERS). Values never change. */
typedef enum sqp_certificate_status {
  SQP_CERT_NOT_YET_VALID = 0, /**< before the announcement day */
  SQP_CERT_VALID = 1,         /**< announcement day .. last valid day, not revoked */
  SQP_CERT_EXPIRED = 2,       /**< after the last valid day */
  SQP_CERT_REVOKED = 3        /**< from the revocation date on */
} sqp_certificate_status;

/** One anniversary's self-inspection report on a day (SUP.MISSING). Values never change. */
typedef enum sqp_supervision_status {
  SQP_SUPERVISION_UPCOMING = 0,    /**< not submitted, due date not yet passed */
  SQP_SUPERVISION_ON_TIME = 1,     /**< submitted on or before the due date */
  SQP_SUPERVISION_LATE = 2,        /**< submitted after the due date: inspection at the holder's expense */
  SQP_SUPERVISION_MISSING = 3,     /**< due date passed, nothing submitted: inspection at the holder's expense */
  SQP_SUPERVISION_NOT_REQUIRED = 4 /**< revoked before the report fell due: nothing owed */
} sqp_supervision_status;

/** What a holder files again (REAPPLY.*). Values never change. */
typedef enum sqp_reapplication_kind {
  SQP_REAPPLY_RENEWAL = 0, /**< renewal (复评) at the end of validity, Art. 14(14)2-3 */
  SQP_REAPPLY_UPGRADE = 1  /**< a higher level within validity, Art. 14(14)1 */
} sqp_reapplication_kind;

/** The verdict on a reapplication (REAPPLY.*). Values never change. */
typedef enum sqp_reapplication_verdict {
  SQP_REAPPLY_TIMELY = 0,             /**< renewal filed by renewal_due_by */
  SQP_REAPPLY_LATE = 1,               /**< renewal filed later, but by the last valid day */
  SQP_REAPPLY_TREATED_AS_INITIAL = 2, /**< renewal filed after the last valid day */
  SQP_REAPPLY_ALLOWED = 3,            /**< upgrade filed upgrade_earliest .. upgrade_application_due_by */
  SQP_REAPPLY_TOO_EARLY = 4,          /**< upgrade filed before upgrade_earliest */
  SQP_REAPPLY_EXPIRED = 5,            /**< upgrade filed after the last valid day */
  SQP_REAPPLY_SHORT_NOTICE = 6        /**< upgrade filed after upgrade_application_due_by, within validity */
} sqp_reapplication_verdict;

/**
 * Every date of a certificate (CERT.VALIDITY, SUP.ANNUAL, REAPPLY.*), as YYYYMMDD. Set
 * struct_size = sizeof(sqp_certificate_dates) before the call. Array entries from
 * anniversary_count on are 0.
 */
typedef struct sqp_certificate_dates {
  size_t struct_size;                 /**< sizeof(sqp_certificate_dates) */
  int32_t valid_from;                 /**< the announcement day (Art. 14(10)) */
  int32_t valid_until;                /**< the last valid day (Civil Code corresponding day, or one
                                           day earlier under the rulebook's issue-day-is-day-one) */
  int32_t renewal_due_by;             /**< last day for a timely renewal (rolled past rest days) */
  int32_t upgrade_earliest;           /**< first day an upgrade may be filed */
  int32_t upgrade_application_due_by; /**< last filing day leaving 3 months' notice inside validity */
  int32_t anniversary_count;          /**< supervision anniversaries in the rulebook (2 by default) */
  int32_t anniversary[SQP_CERTIFICATE_MAX_ANNIVERSARIES];     /**< years after valid_from: 1, 2 */
  int32_t supervision_on[SQP_CERTIFICATE_MAX_ANNIVERSARIES];  /**< the anniversary dates */
  int32_t report_due[SQP_CERTIFICATE_MAX_ANNIVERSARIES];      /**< self-inspection report due dates */
} sqp_certificate_dates;

/** An sqp_certificate_dates with struct_size set and every date 0. Since 1.1. */
#define SQP_CERTIFICATE_DATES_INIT {sizeof(sqp_certificate_dates), 0, 0, 0, 0, 0, 0, {0}, {0}, {0}}

/**
 * Computes every date of a certificate announced on certified_on (YYYYMMDD) with the engine's
 * rulebook; no JSON, no allocation, safe from any thread. The same dates as the "certificate"
 * operation. Returns SQP_OK; SQP_ERR_USAGE for a NULL argument or a struct_size smaller than the
 * 1.0 struct's (up to the end of report_due); SQP_ERR_INPUT when certified_on is not a calendar date in 1900..2999
 * (20260230). Nothing is written on error.
 */
SQP_API int sqp_certificate_compute(const sqp_engine* engine, int32_t certified_on,
                                    sqp_certificate_dates* out);

/**
 * The certificate's sqp_certificate_status on as_of. revoked_on = 0: not revoked; otherwise the
 * revocation date, which must lie within the validity (certified_on .. last valid day).
 * Returns SQP_OK with the status in *out_status; SQP_ERR_USAGE for a NULL argument;
 * SQP_ERR_INPUT for an impossible date or a revocation date outside the validity (nothing
 * written).
 */
SQP_API int sqp_certificate_status_on(const sqp_engine* engine, int32_t certified_on,
                                      int32_t as_of, int32_t revoked_on, int32_t* out_status);

/**
 * The sqp_supervision_status of one anniversary's self-inspection report on as_of.
 * submitted_on = 0: not submitted (a date after as_of also counts as not yet submitted);
 * revoked_on = 0: not revoked. Returns SQP_OK with the status in *out_status; SQP_ERR_USAGE for a
 * NULL argument; SQP_ERR_INPUT for an impossible date, an anniversary that is not one of the
 * rulebook's, a submission before certified_on or a revocation outside the validity.
 */
SQP_API int sqp_certificate_supervision_status(const sqp_engine* engine, int32_t certified_on,
                                               int32_t anniversary, int32_t as_of,
                                               int32_t submitted_on, int32_t revoked_on,
                                               int32_t* out_status);

/**
 * The sqp_reapplication_verdict on a reapplication of kind (an sqp_reapplication_kind) filed on
 * filed_on. Returns SQP_OK with the verdict in *out_verdict; SQP_ERR_USAGE for a NULL argument
 * or an unknown kind; SQP_ERR_INPUT for an impossible date or a filing before certified_on.
 */
SQP_API int sqp_certificate_reapplication(const sqp_engine* engine, int32_t certified_on,
                                          int32_t kind, int32_t filed_on, int32_t* out_verdict);

/* ---- Engine options: limits, strict reading, answer modes, rulebook pinning ---------- */

/** sqp_engine_options.unknown_members (READ.MEMBERS; values never change). */
#define SQP_UNKNOWN_REJECT 0 /**< the default: a member the schema does not define is invalid input */
#define SQP_UNKNOWN_NOTE 1   /**< accepted, not read, and listed by a note INPUT.UNKNOWN_MEMBER */

/** sqp_engine_options.messages: the languages of an eligibility result's findings (values
    never change). Text reports (sqp_render) and assessments always carry both. */
#define SQP_MESSAGES_BOTH 0 /**< the default: "message" (English) and "message_zh" (Chinese) */
#define SQP_MESSAGES_EN 1   /**< "message" only */
#define SQP_MESSAGES_ZH 2   /**< "message_zh" only */
#define SQP_MESSAGES_NONE 3 /**< neither: rule, article, status and evidence only (compact) */

/**
 * Input limits, strict reading and rulebook pinning for sqp_engine_new_with_options
 * (docs/hardening.md, docs/errors.md). Set struct_size = sizeof(sqp_engine_options); a program
 * built against 1.0, whose struct ends at expected_rulebook_sha256, keeps working: the members
 * after the end of its struct_size take their defaults. A limit left 0 keeps its default. An input beyond a
 * limit is refused with SQP_ERR_LIMIT and an sqp.error/1 document naming the limit and the JSON
 * pointer of the offending value.
 */
typedef struct sqp_engine_options {
  size_t struct_size;        /**< sizeof(sqp_engine_options) */
  size_t max_input_bytes;    /**< one document (one line of a batch); default 4194304 (4 MiB) */
  size_t max_depth;          /**< nested arrays and objects, the root one is level 1; default 32,
                                  at most 1000 (more is SQP_ERR_USAGE: it bounds the stack) */
  size_t max_string_bytes;   /**< one string or member name, after unescaping; default 65536 */
  size_t max_array_length;   /**< elements of one array; default 10000 */
  size_t max_object_members; /**< members of one object; default 10000 */
  /** NULL, or the rulebook's expected SHA-256 as 64 hexadecimal digits (the "sha256" of every
      output's "rulebook" stamp): any other rulebook is refused with SQP_ERR_RULEBOOK. */
  const char* expected_rulebook_sha256;
  /** Members an input document's schema does not define: SQP_UNKNOWN_REJECT (0, the default)
      or SQP_UNKNOWN_NOTE. Since 1.1. */
  int unknown_members;
  /** The findings' languages: SQP_MESSAGES_BOTH (0, the default), _EN, _ZH or _NONE. Since 1.1. */
  int messages;
} sqp_engine_options;

/** An sqp_engine_options with struct_size set and every other member 0 (the defaults):
    `sqp_engine_options o = SQP_ENGINE_OPTIONS_INIT; o.unknown_members = SQP_UNKNOWN_NOTE;`.
    Since 1.1. */
#define SQP_ENGINE_OPTIONS_INIT {sizeof(sqp_engine_options), 0, 0, 0, 0, 0, NULL, 0, 0}

/**
 * sqp_engine_new with options (NULL: the defaults, as sqp_engine_new). SQP_ERR_USAGE for a
 * struct_size smaller than the 1.0 struct (up to expected_rulebook_sha256), a max_input_bytes
 * of 1, an unknown_members other than the two values, or an expected_rulebook_sha256 that is
 * not 64 hexadecimal digits; SQP_ERR_RULEBOOK when the rulebook
 * is valid but its SHA-256 is not the expected one. Errors are reported as by sqp_engine_new.
 */
SQP_API int sqp_engine_new_with_options(const char* rulebook_json, size_t rulebook_len,
                                        const sqp_engine_options* options,
                                        sqp_engine** out_engine, char** out_error,
                                        size_t* out_error_len);

/* ---- Per-call options ------------------------------------------------------------------ */

/** sqp_run_options.messages: the engine's own answer mode (sqp_engine_options.messages), what
    SQP_RUN_OPTIONS_INIT sets. Otherwise one of SQP_MESSAGES_BOTH, _EN, _ZH, _NONE. Since 1.1. */
#define SQP_MESSAGES_ENGINE (-1)

/**
 * Options of one call (issue 20), for the *_with_options forms of sqp_run, sqp_run_batch and
 * sqp_run_stream: a CRM's bulk run asks for compact answers (SQP_MESSAGES_NONE) and its screen
 * for both languages from the same engine. Start from SQP_RUN_OPTIONS_INIT: a later 1.x may
 * append members, which then take their defaults for a program built against this header.
 * Since 1.1.
 */
typedef struct sqp_run_options {
  size_t struct_size; /**< sizeof(sqp_run_options) */
  /** The findings' languages for this call: SQP_MESSAGES_ENGINE (-1, the engine's own) or
      SQP_MESSAGES_BOTH, _EN, _ZH, _NONE. Text reports and assessments always carry both. */
  int messages;
} sqp_run_options;

/** An sqp_run_options with struct_size set and the engine's own answer mode. Since 1.1. */
#define SQP_RUN_OPTIONS_INIT {sizeof(sqp_run_options), SQP_MESSAGES_ENGINE}

/**
 * sqp_run with options for this call (NULL: the engine's, as sqp_run). SQP_ERR_USAGE, with its
 * sqp.error/1 document in *out, for a struct_size that ends before `messages` (the end of 1.1's
 * sqp_run_options) or a messages value that is not one of the above. Since 1.1.
 */
SQP_API int sqp_run_with_options(const sqp_engine* engine, const char* operation,
                                 const char* input, size_t input_len,
                                 const sqp_run_options* options, char** out, size_t* out_len);

/** sqp_run_batch with options for this call (NULL: the engine's), checked as by
    sqp_run_with_options. Since 1.1. */
SQP_API int sqp_run_batch_with_options(const sqp_engine* engine, const char* operation,
                                       const char* input, size_t input_len,
                                       const sqp_run_options* options, char** out,
                                       size_t* out_len, size_t* out_error_lines);

/** sqp_run_stream with options for this call (NULL: the engine's); bad options are
    SQP_ERR_USAGE before anything is read. Since 1.1. */
SQP_API int sqp_run_stream_with_options(const sqp_engine* engine, const char* operation,
                                        sqp_read_fn read, void* read_context, sqp_write_fn write,
                                        void* write_context, const sqp_run_options* options,
                                        size_t* out_lines, size_t* out_error_lines);

/* ---- Experimental surface ------------------------------------------------------------- */
/* Declarations inside #ifdef SQP_EXPERIMENTAL are named sqp_x_*, may change or go in any release
   and are left out of the ABI check (capi/abi/, docs/abi.md). A program that defines
   SQP_EXPERIMENTAL must be rebuilt with every libsqp it runs with. */
#ifdef SQP_EXPERIMENTAL
/**
 * Experimental: sqp_run_batch writing into the caller's buffer instead of one the library
 * allocates, for callers that own the memory the results must end in (the Python binding's
 * bytes object), which saves copying them. Answers every non-blank line of `input` as
 * sqp_run_batch does, each answer followed by '\n'.
 *  - SQP_OK: every answer fit in `out_capacity` bytes; *out_len bytes were written to `out`
 *    (not NUL-terminated) and *out_error_lines (may be NULL) counts the error lines.
 *  - SQP_ERR_LIMIT: they do not fit; `out` holds a prefix to discard and *out_len is 0. Retry
 *    with more room, or call sqp_run_batch.
 *  - SQP_ERR_USAGE (a NULL argument), SQP_ERR_NOMEM, SQP_ERR_INTERNAL: nothing usable was
 *    written. No error document: call sqp_run_batch for one.
 */
SQP_API int sqp_x_run_batch_into(const sqp_engine* engine, const char* operation,
                                 const char* input, size_t input_len, char* out,
                                 size_t out_capacity, size_t* out_len, size_t* out_error_lines);
#endif /* SQP_EXPERIMENTAL */

#ifdef __cplusplus
}
#endif

#endif /* SQP_H */
