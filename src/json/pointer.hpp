// RFC 6901 JSON pointers: the one escaper of every pointer written, and Loc, a position in a
// document kept as a chain of frames on the caller's stack and only spelled out when an issue
// is recorded, so that reading a good document costs no allocation for paths.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sqp::json {

// Appends one reference token of a JSON pointer, '~' as "~0" and '/' as "~1".
void AppendPointerToken(std::string& out, std::string_view token);

class Loc {
 public:
  static Loc Root() { return Loc(nullptr, Kind::kRoot, {}, 0); }
  // A child points at its parent, so the parent must outlive it: children of a temporary are
  // refused at compile time (name the parent first: `const Loc list = at.Key("x");`).
  Loc Key(std::string_view key) const& { return Loc(this, Kind::kKey, key, 0); }
  Loc Index(size_t index) const& { return Loc(this, Kind::kIndex, {}, index); }
  Loc Key(std::string_view key) const&& = delete;
  Loc Index(size_t index) const&& = delete;
  std::string Pointer() const;  // "" for the root, "/accidents/0/date", '~' and '/' escaped

 private:
  enum class Kind { kRoot, kKey, kIndex };
  Loc(const Loc* parent, Kind kind, std::string_view key, size_t index)
      : parent_(parent), kind_(kind), key_(key), index_(index) {}
  const Loc* parent_;
  Kind kind_;
  std::string_view key_;
  size_t index_;
};

}  // namespace sqp::json
