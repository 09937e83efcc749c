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
#define SQP_API
#endif

/* ---- Versions ------------------------------------------------------------------------- */

#define SQP_VERSION_MAJOR 1
#define SQP_VERSION_MINOR 0
#define SQP_VERSION_PATCH 0
#define SQP_VERSION_STRING "1.0.0"
#define SQP_VERSION_NUMBER (SQP_VERSION_MAJOR * 10000 + SQP_VERSION_MINOR * 100 + SQP_VERSION_PATCH)

/** The runtime library's version, "MAJOR.MINOR.PATCH" (compare with SQP_VERSION_STRING). */
SQP_API const char* sqp_version(void);
/** The runtime library's version as MAJOR*10000 + MINOR*100 + PATCH. */
SQP_API int sqp_version_number(void);

/* ---- Status codes --------------------------------------------------------------------- */

/** Every function returns SQP_OK (0) or one of these negative codes. Values never change. */
typedef enum sqp_status {
  SQP_OK = 0,
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
 * "rulebook") on one JSON document of input_len bytes.
 * Always stores a NUL-terminated document in *out (length in *out_len, without the NUL): the
 * result on SQP_OK, an sqp.error/1 document (code, message, path as a JSON pointer) otherwise.
 * Free it with sqp_free. Only for SQP_ERR_USAGE with out == NULL, or SQP_ERR_NOMEM, is *out NULL.
 */
SQP_API int sqp_run(const sqp_engine* engine, const char* operation, const char* input,
                    size_t input_len, char** out, size_t* out_len);

/**
 * Runs an operation over JSON Lines: one output line per non-blank input line, in order. A bad
 * line yields an sqp.error/1 line (with its 1-based "line") and the run goes on. Returns SQP_OK
 * when every line was answered; *out_error_lines (may be NULL) counts the error lines.
 */
SQP_API int sqp_run_batch(const sqp_engine* engine, const char* operation, const char* input,
                          size_t input_len, char** out, size_t* out_len, size_t* out_error_lines);

/** Releases a buffer returned by this library (NULL is allowed). */
SQP_API void sqp_free(void* buffer);

/* ---- Typed checks: no JSON, no allocation ------------------------------------------- */
/* Dates are int32_t YYYYMMDD (20260320). Each struct starts with its size: set struct_size to
   sizeof the struct before the call; the library reads and writes only that many bytes. */

/* SQP-TYPED-MEETING: begin (issue 4) */
/* SQP-TYPED-MEETING: end */

/* SQP-TYPED-CERTIFICATE: begin (issue 5) */
/* SQP-TYPED-CERTIFICATE: end */

#ifdef __cplusplus
}
#endif

#endif /* SQP_H */
