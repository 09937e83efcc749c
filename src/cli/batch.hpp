// `sqp OPERATION --batch`: JSON Lines in, one result per line out, in input order.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <sys/types.h>  // ssize_t

#include "sqp/engine.hpp"

namespace sqp::cli {

struct BatchCounts {
  size_t lines = 0;    // lines read, blank ones included (line numbers count them)
  size_t errors = 0;   // documents answered with an sqp.error/1 line
  int read_errno = 0;   // set when reading the input failed (the run stops there)
  int write_errno = 0;  // set when writing to stdout failed (the run stops there: the answers
                        // would be lost; `lines` is then the last line whose answer was written)
};

// Reads up to `size` bytes from `fd` (retrying EINTR): the count (0 at the end), or -1 with the
// errno in `error`.
ssize_t ReadSome(int fd, char* buffer, size_t size, int& error);

// Writes all of `data` to standard output's descriptor, past stdio (retrying short writes and
// EINTR); returns the bytes written, and sets `error` (an errno) when it stopped short.
size_t WriteAll(std::string_view data, int& error);

// Evaluates every non-blank line read from `fd` with `engine` and writes each answer, followed by
// '\n', to stdout in input order. The input is read in blocks of about 128 KiB (lines are views
// into the block, not copied), so memory stays flat however long the input is. With `threads`
// > 1, that many workers share the one immutable engine: each takes the next block and
// evaluates it, then parks it; unless another worker is already writing, the worker that parks
// the block next in line writes it and the parked blocks that follow it in sequence. So
// reading, evaluating and writing overlap, and a worker never waits for its turn to write; it
// waits only when all threads + 2 blocks are in use behind a slow one. With 1 everything
// happens on the calling thread. `progress(lines, errors)` is called after each block but the
// last is written (at most 4096 lines a block).
BatchCounts RunBatch(const Engine& engine, const std::string& operation, int fd, int threads,
                     const std::function<void(size_t lines, size_t errors)>& progress);

}  // namespace sqp::cli
