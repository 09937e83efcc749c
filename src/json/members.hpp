// Strict reading (RULES.md READ.MEMBERS): the members each input document may hold, as one
// table per document schema, and the check that refuses — or, when the caller asks, notes —
// every member the table does not define.
//
// A misspelt member must never change a verdict silently: "acidents" read as "no accidents"
// would make a disqualified site eligible. So every object of an input document is held to its
// table before any rule runs, every unknown member is listed with its JSON pointer, and the
// nearest defined member is suggested ("did you mean \"accidents\"?").
//
// The tables sit beside the codec of each document (src/ops/*); a test runs every document
// through its table with each member misspelt (tests/members_test.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "pointer.hpp"
#include "reader.hpp"

namespace sqp::json {

struct MemberDef;

// The members of one object. `keys` says where its member names come from:
//   kListed   the table below (a fixed schema);
//   kExternal the caller's list of names (the rulebook's indicator names under
//             quality_indicators.values);
//   kAny      any name (a map whose names the codec itself checks, such as scoresheet items).
struct ObjectDef {
  enum class Keys : unsigned char { kListed, kExternal, kAny };
  std::span<const MemberDef> members;
  Keys keys = Keys::kListed;
  // Members defined by another table as well (a document's root = "schema" + the members of
  // the object it embeds elsewhere without one).
  const ObjectDef* base = nullptr;
};

// One member. When `shape` is set, the member's value — an object, or each object in an array
// — is held to that table too. Values of other kinds are left to the codec, which reports a
// wrong kind with its own message.
struct MemberDef {
  std::string_view key;
  const ObjectDef* shape = nullptr;
};

// Where the unknown members go: rejected (the default), each one an issue; or noted, each
// pointer kept in `noted` for the operation to report.
struct UnknownMemberList {
  bool note = false;
  std::vector<std::string> noted;
};

// Holds `doc` (at `at`) to `def`: every member that `def` does not define, at any depth, is
// recorded — as an issue "unknown member; did you mean ...?" or in `unknown.noted`. `external`
// are the names an ObjectDef with Keys::kExternal accepts.
void CheckMembers(const boost::json::value& doc, const ObjectDef& def, const Loc& at,
                  std::span<const std::string_view> external, Issues& issues,
                  UnknownMemberList& unknown);

// The defined name `key` was most likely meant to be: one that differs only in case,
// surrounding white space, '-' for '_', or by a small edit distance (one edit for names of up
// to four characters, two beyond); failing those, one that `key` cuts short or runs on (at
// least four characters in common). Empty when none is that near.
std::string_view NearestName(std::string_view key, std::span<const std::string_view> names);

}  // namespace sqp::json
