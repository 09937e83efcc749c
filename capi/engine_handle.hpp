// The definition behind the C ABI's opaque `sqp_engine` handle (internal to libsqp.so): shared by
// capi/sqp.cpp (engines, JSON operations) and the typed checks in capi/sqp_<area>.cpp.
#pragma once

#include <array>
#include <utility>

#include "sqp/engine.hpp"

struct sqp_engine {
  explicit sqp_engine(sqp::Engine made)
      : engine(std::move(made)),
        by_messages{engine.WithMessages(sqp::Messages::kBoth), engine.WithMessages(sqp::Messages::kEn),
                    engine.WithMessages(sqp::Messages::kZh), engine.WithMessages(sqp::Messages::kNone)} {}

  sqp::Engine engine;
  // The same engine in each answer mode, indexed by SQP_MESSAGES_*: made once with the handle
  // (they share its rulebook), so sqp_run_options.messages chooses one for a call at the cost of
  // an index, and the handle stays immutable, safe to share between threads.
  std::array<sqp::Engine, 4> by_messages;
};
