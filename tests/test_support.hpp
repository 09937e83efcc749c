// Helpers shared by the C++ test suites (one copy instead of one per suite).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "sqp/engine.hpp"

namespace sqp::test {

// A bundled example's text (docs/examples/NAME); SQP_SOURCE_DIR is set by tests/CMakeLists.txt.
// Sets an environment variable (SOURCE_DATE_EPOCH, which pins an ICS file's DTSTAMP) for the
// scope and restores what it was, even when an ASSERT leaves the test early.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (saved_) {
      ::setenv(name_, saved_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

inline std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(SQP_SOURCE_DIR) + "/docs/examples/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A date the test spells out; a typo fails the test instead of yielding the "unset" date.
inline Date D(std::string_view text) {
  auto d = Date::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date());
}

// An engine that accepts unknown members and lists them (READ.MEMBERS, note mode), made once.
inline const Engine& NotingEngine() {
  static const Engine engine = [] {
    EngineOptions options;
    options.unknown_members = UnknownMembers::kNote;
    return *Engine::Create(options);
  }();
  return engine;
}

inline Engine DefaultEngine() {
  auto e = Engine::Create();
  EXPECT_TRUE(e.ok()) << e.status();
  return *std::move(e);
}

// The default rulebook's text with `edit` applied to its parsed JSON object.
template <class Edit>
std::string EditedRulebookJson(Edit edit) {
  boost::json::object doc = boost::json::parse(DefaultRulebookJson()).as_object();
  edit(doc);
  return boost::json::serialize(doc);
}

// An engine on the default rulebook with `edit` applied: how tests show that a rulebook change
// alters results without a code change.
template <class Edit>
Engine EngineWithEditedRulebook(Edit edit) {
  auto e = Engine::FromRulebookJson(EditedRulebookJson(edit));
  EXPECT_TRUE(e.ok()) << e.status();
  return *std::move(e);
}

// The JSON pointer of every member and element below `v` (not `v` itself), depth first.
inline void CollectPointers(const boost::json::value& v, const std::string& at,
                            std::vector<std::string>& out) {
  if (!at.empty()) out.push_back(at);
  if (const boost::json::object* o = v.if_object()) {
    for (const auto& kv : *o) CollectPointers(kv.value(), at + "/" + std::string(kv.key()), out);
  } else if (const boost::json::array* a = v.if_array()) {
    for (size_t i = 0; i < a->size(); ++i) CollectPointers((*a)[i], at + "/" + std::to_string(i), out);
  }
}

inline bool HasIssueAt(const ErrorInfo& info, std::string_view path) {
  for (const Issue& i : info.issues) {
    if (i.path == path) return true;
  }
  return false;
}

}  // namespace sqp::test
