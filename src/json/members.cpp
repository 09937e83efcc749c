#include "members.hpp"

#include <algorithm>

#include "message.hpp"

namespace sqp::json {
namespace {

namespace bj = boost::json;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The spelling a name is compared in when looking for the one meant: no surrounding white
// space, lower case, '_' for '-' and ' '.
std::string Folded(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
  }
  return out;
}

// Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
// neighbours, each 1), stopping early once every path exceeds `limit`. Names are short (a
// member name of a schema), and the caller bounds the key's length first.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::vector<std::string_view> NamesOf(const ObjectDef& def) {
  std::vector<std::string_view> names;
  for (const ObjectDef* d = &def; d != nullptr; d = d->base) {
    for (const MemberDef& m : d->members) names.push_back(m.key);
  }
  return names;
}

const MemberDef* Find(const ObjectDef& def, std::string_view key) {
  for (const ObjectDef* d = &def; d != nullptr; d = d->base) {
    for (const MemberDef& m : d->members) {
      if (m.key == key) return &m;
    }
  }
  return nullptr;
}

class Checker {
 public:
  Checker(std::span<const std::string_view> external, Issues& issues, UnknownMemberList& unknown)
      : external_(external), issues_(issues), unknown_(unknown) {}

  void Value(const bj::value& v, const ObjectDef& def, const Loc& at) {
    if (const bj::object* o = v.if_object()) {
      Object(*o, def, at);
    } else if (const bj::array* a = v.if_array()) {
      for (size_t i = 0; i < a->size(); ++i) {
        if (const bj::object* element = (*a)[i].if_object()) Object(*element, def, at.Index(i));
      }
    }
  }

 private:
  void Object(const bj::object& o, const ObjectDef& def, const Loc& at) {
    for (const auto& kv : o) {
      const std::string_view key = kv.key();
      if (def.keys == ObjectDef::Keys::kAny) continue;
      if (def.keys == ObjectDef::Keys::kExternal) {
        if (std::find(external_.begin(), external_.end(), key) == external_.end()) {
          Unknown(at, key, external_, "the rulebook defines: ");
        }
        continue;
      }
      const MemberDef* m = Find(def, key);
      if (m == nullptr) {
        const std::vector<std::string_view> names = NamesOf(def);
        Unknown(at, key, names, "expected one of: ");
      } else if (m->shape != nullptr) {
        const Loc child = at.Key(key);
        Value(kv.value(), *m->shape, child);
      }
    }
  }

  void Unknown(const Loc& at, std::string_view key, std::span<const std::string_view> names,
               std::string_view list_intro) {
    const Loc member = at.Key(key);
    if (unknown_.note) {
      unknown_.noted.push_back(member.Pointer());
      return;
    }
    const std::string_view near = NearestName(key, names);
    if (!near.empty()) {
      issues_.Add(member, "unknown member; did you mean " + Quote(near) + "?");
    } else {
      issues_.Add(member, "unknown member; " + std::string(list_intro) + JoinNames(names));
    }
  }

  std::span<const std::string_view> external_;
  Issues& issues_;
  UnknownMemberList& unknown_;
};

}  // namespace

std::string_view NearestName(std::string_view key, std::span<const std::string_view> names) {
  constexpr size_t kLongestCompared = 128;  // beyond this no schema name is near
  if (key.size() > kLongestCompared) return {};
  const std::string folded = Folded(key);
  std::string_view best, prefixed;
  size_t best_distance = SIZE_MAX;
  for (const std::string_view name : names) {
    const std::string folded_name = Folded(name);
    if (folded == folded_name) return name;
    const size_t limit = folded_name.size() <= 4 ? 1 : 2;
    const size_t d = EditDistance(folded, folded_name, limit);
    if (d <= limit && d < best_distance) {
      best = name;
      best_distance = d;
    }
    // A name cut short or run on ("applied" for "applied_on"): the first such, as a fallback.
    const std::string_view shorter = folded.size() < folded_name.size() ? folded : folded_name;
    const std::string_view longer = folded.size() < folded_name.size() ? folded_name : folded;
    if (prefixed.empty() && shorter.size() >= 4 && longer.substr(0, shorter.size()) == shorter) {
      prefixed = name;
    }
  }
  return best.empty() ? prefixed : best;
}

void CheckMembers(const bj::value& doc, const ObjectDef& def, const Loc& at,
                  std::span<const std::string_view> external, Issues& issues,
                  UnknownMemberList& unknown) {
  Checker(external, issues, unknown).Value(doc, def, at);
}

}  // namespace sqp::json
