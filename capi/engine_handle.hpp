// The definition behind the C ABI's opaque `sqp_engine` handle (internal to libsqp.so): shared by
// capi/sqp.cpp (engines, JSON operations) and the typed checks in capi/sqp_<area>.cpp.
#pragma once

#include "sqp/engine.hpp"

struct sqp_engine {
  sqp::Engine engine;
};
