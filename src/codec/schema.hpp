// One description per document schema (issue 17): a document's members, each with its key,
// whether it is required, how its value is read (type and range) and where the value goes, written
// once as a type, from which everything that reads the document is derived:
//   - Read: the general decoder, over a parsed Boost.JSON value, which reports every problem with
//     its JSON pointer (json::Issues) in the order the members are listed (or the order a
//     ReadInOrder<Object<...>, i...> gives, where a document's issues have always come in
//     another);
//   - Scan: the fast decoder, straight from the text (json::Scanner), which reads the documents the
//     general decoder accepts to the same typed value and *declines* (returns false) everything
//     else, including any member the description does not list, so that errors and notes always
//     come from the general path;
//   - kMembers: the member table strict reading holds the document to (READ.MEMBERS,
//     json::CheckMembers), so the members read and the members allowed cannot drift apart.
//
// A description is made of these pieces (src/ops/eligibility_codec.cpp has sqp.application/1):
//
//   using Licence = Object<TelecomLicense,
//       Field<"number", kOptional, String>,
//       Field<"valid_until", kOptional, DateValue, &TelecomLicense::valid_until>>;
//
// Field<key, need, reader, sink, flag>:
//   need    kRequired (absent or null is an issue) or kOptional (absent or null: nothing stored);
//   reader  a value reader: String, Bool, Integer<min, max>, DateValue, DecimalValue,
//           NonNegativeDecimal, EnumOf<E, names>, SchemaName<"..."> (the "schema" member), or a
//           container: Object<T, Field...>, List<Object<...>>, NamedValues<reader>; or one
//           that hands what it read to code for checks across members (sink kInline):
//           Then<reader, f>, ListThen<Object<...>, f>, AnyNamesThen<reader, f>;
//   sink    where the value goes: nothing (read and checked, then dropped), a data member of the
//           enclosing object's type (a value, an optional, or a list for List and NamedValues),
//           or kInline (an Object whose members fill the enclosing object itself);
//   flag    a `bool` data member set when the value is there and of the reader's kind (an object,
//           an array): READ.ABSENT's "given" marks.
//
// Some pieces serve the general path only, for documents read with cross-field checks between
// their members (src/ops/meeting_op.cpp, case_op.cpp): the readers NonEmptyString and
// As<T, reader>, Embedded<"schema", T, decode, table> (a document read by its own codec),
// Table<table> (a value described only by its table), and the member ReadInCode<Field<...>> (one
// that the document's code reads itself where its checks need it).
//
// Everything is resolved at compile time: a member's key is matched once and its reader called
// directly, with no table walked at run time beyond the keys of the object being read.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/json.hpp>

#include "absl/status/status.h"
#include "codec/decode.hpp"
#include "fixed_string.hpp"
#include "json/members.hpp"
#include "json/message.hpp"
#include "json/reader.hpp"
#include "json/scanner.hpp"
#include "json/string_bytes.hpp"
#include "sqp/date.hpp"
#include "sqp/decimal.hpp"
#include "strings.hpp"
#include "vocabulary_codec.hpp"

namespace sqp::codec::schema {

namespace bj = boost::json;
using json::Issues;
using json::Loc;
using json::Scanner;

inline constexpr json::Need kRequired = json::Need::kRequired;
inline constexpr json::Need kOptional = json::Need::kOptional;

// The sink of an Object whose members fill the enclosing object itself (the application's "site"
// and "enterprise" fill the one Application).
struct Inline {};
inline constexpr Inline kInline{};

// The value type of an Object whose members are all read and dropped.
struct Nothing {};

// What the fast decoder asks of its caller: whether a name of an object of externally defined
// names (NamedValues: the rulebook's indicator names) is one of them.
struct NoExternalNames {
  static bool Accepts(std::string_view /*name*/) { return false; }
};

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class P>
struct MemberPointer;
template <class M, class C>
struct MemberPointer<M C::*> {
  using Member = M;
  using Class = C;
};

// Whether a reader's `read` gave a value, which then goes to `out`.
template <class T, class Out>
[[gnu::always_inline]] inline bool Took(const std::optional<T>& read, Out& out) {
  if (read) out = *read;
  return read.has_value();
}

// A number the general reader (codec::ReadDecimal) reads as a Decimal, from the scanner's
// digits: an integer inside its range, or a fraction of at most 15 digits (the scanner's bound)
// with at most Decimal::kPlaces decimals after trailing zeros — the numbers whose double gives
// back the decimal written, which is what the general path accepts (ParseDocument's inexact
// mark). Made from the digits themselves, so exactly.
inline bool ScanDecimal(Scanner& s, Decimal& out) {
  Scanner::NumberValue n;
  if (!s.Number(n)) return false;
  if (n.is_integer) {
    if (n.integer <= -Decimal::kMaxWhole || n.integer >= Decimal::kMaxWhole) return false;
    out = Decimal::FromInt(n.integer);
    return true;
  }
  std::uint64_t mantissa = n.mantissa;
  int places = n.fraction_digits;
  for (; places > Decimal::kPlaces; --places) {
    if (mantissa % 10 != 0) return false;  // finer than a millionth
    mantissa /= 10;
  }
  constexpr auto kMaxUnits = static_cast<std::uint64_t>(Decimal::kMaxUnits);
  for (; places < Decimal::kPlaces; ++places) {
    if (mantissa > kMaxUnits / 10) return false;  // beyond the range (and before any overflow)
    mantissa *= 10;
  }
  if (mantissa > kMaxUnits) return false;
  const auto units = static_cast<std::int64_t>(mantissa);
  out = Decimal::FromUnits(n.negative ? -units : units);
  return true;
}

// The elements of the array `v` (at `at`) that are objects, each handed to `read(fields, index)`;
// an element that is not one is an issue and is passed over. False, with the issue recorded,
// when `v` is not an array.
template <class ReadObject>
bool ForEachObject(const bj::value& v, const Loc& at, Issues& issues, ReadObject read) {
  const bj::array* a = v.if_array();
  if (a == nullptr) {
    issues.Add(at, "expected an array, got " + std::string(json::KindOf(v)));
    return false;
  }
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = at.Index(i);
    const json::Fields f((*a)[i], el, issues);
    if (f.ok()) read(f, i);
  }
  return true;
}

}  // namespace detail

// ---- Value readers -------------------------------------------------------------------------
// Each has `Value` (what it reads), `Read(value, at, issues, out)` (general: true with `out`
// set, or false with the problem recorded) and `Scan(scanner, depth, out, external)` (fast: true
// only where Read would succeed with the same `out`). `depth` is the nesting level a container
// read there has (the root object is 1).

struct String {
  using Value = std::string_view;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(json::ReadString(v, at, issues), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    return s.String(out);
  }
};

struct Bool {
  using Value = bool;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(json::ReadBool(v, at, issues), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    switch (s.Peek()) {
      case 't': out = true; return s.Literal("true");
      case 'f': out = false; return s.Literal("false");
      default: return false;
    }
  }
};

// A whole number from kMin to kMax.
template <std::int64_t kMin, std::int64_t kMax>
struct Integer {
  using Value = std::int64_t;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(json::ReadInteger(v, at, issues, kMin, kMax), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    Scanner::NumberValue n;
    if (!s.Number(n) || !n.is_integer || n.integer < kMin || n.integer > kMax) return false;
    out = n.integer;
    return true;
  }
};

// A date "YYYY-MM-DD" inside the years sqp reads.
struct DateValue {
  using Value = Date;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(ReadDate(v, at, issues), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    std::string_view text;
    if (!s.String(text)) return false;
    return detail::Took(Date::Parse(text), out);
  }
};

// A number read exactly as a Decimal (codec::ReadDecimal).
struct DecimalValue {
  using Value = Decimal;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(ReadDecimal(v, at, issues), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    return detail::ScanDecimal(s, out);
  }
};

// A measurement that must make sense though no rule uses it (a site's area): an exact decimal,
// not negative.
struct NonNegativeDecimal {
  using Value = Decimal;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    if (!DecimalValue::Read(v, at, issues, out)) return false;
    if (!(out < Decimal())) return true;
    issues.Add(at, Cat("must not be negative, got ", out.ToString()));
    return false;
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    return detail::ScanDecimal(s, out) && !(out < Decimal());
  }
};

// One of `kNames`, read as the enum value of its index (the vocabulary's spellings, written once
// in include/sqp).
template <class E, const auto& kNames>
struct EnumOf {
  using Value = E;
  static constexpr auto kTable = internal::MakeEnumTable<E>(kNames);
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(json::ReadEnum(v, at, issues, kTable.entries), out);
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    std::string_view text;
    if (!s.String(text)) return false;
    for (size_t i = 0; i < kNames.size(); ++i) {
      if (kNames[i] == text) {
        out = static_cast<E>(i);
        return true;
      }
    }
    return false;
  }
};

// The "schema" member of a document. The general path checks it apart from the members
// (codec::CheckSchema at the top, CheckEmbeddedSchema where a document is embedded), so Read
// leaves it alone; the fast path reads only top-level documents and requires it to be kName.
template <FixedString kName>
struct SchemaName {
  using Value = std::string_view;
  static constexpr bool kGeneralReads = false;
  static bool Read(const bj::value& /*v*/, const Loc& /*at*/, Issues& /*issues*/, Value& /*out*/) {
    return true;
  }
  template <class External>
  static bool Scan(Scanner& s, size_t /*depth*/, Value& out, const External& /*external*/) {
    return s.String(out) && out == kName.view();
  }
};

// A string that must not be empty (a name, a subject, a registration number): the general path
// accepts any string but "". General path only (no Scan).
struct NonEmptyString {
  using Value = std::string_view;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    return detail::Took(json::ReadString(v, at, issues, /*non_empty=*/true), out);
  }
};

// The scalar Reader reads, stored as T (a name kept as a std::string, an article's item as an
// int; T holds every value Reader accepts): the general path accepts what Reader accepts.
// General path only (no Scan).
template <class T, class Reader>
struct As {
  using Value = T;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    typename Reader::Value value{};
    if (!Reader::Read(v, at, issues, value)) return false;
    out = static_cast<T>(value);
    return true;
  }
};

// ---- Members -------------------------------------------------------------------------------

template <FixedString kKey, json::Need kNeed, class Reader, auto kSink = nullptr, auto kFlag = nullptr>
struct Field {
  static constexpr std::string_view kName = kKey.view();
  // The key as compact text writes it after another member, `,"key":`, and as the first one,
  // `"key":` (the fast decoder's in-order reading).
  static constexpr auto kKeyText = [] {
    std::array<char, kName.size() + 4> text{};
    text[0] = ',';
    text[1] = '"';
    std::copy(kName.begin(), kName.end(), text.begin() + 2);
    text[kName.size() + 2] = '"';
    text[kName.size() + 3] = ':';
    return text;
  }();
  static constexpr std::string_view kNextKey{kKeyText.data(), kKeyText.size()};
  static constexpr std::string_view kFirstKey = kNextKey.substr(1);
  static constexpr bool kIsRequired = kNeed == json::Need::kRequired;
  static constexpr const json::ObjectDef* kShape = [] {
    if constexpr (requires { Reader::kMembers; }) {
      return &Reader::kMembers;
    } else {
      return static_cast<const json::ObjectDef*>(nullptr);
    }
  }();

  // The member of `parent` (the object being read, `out` its value), read and stored.
  template <class T>
  static void Read([[maybe_unused]] const json::Fields& parent, [[maybe_unused]] T& out) {
    if constexpr (requires { requires !Reader::kGeneralReads; }) {
      return;
    } else {
      const bj::value* v = parent.Get(kName, kNeed);
      if (v == nullptr) return;
      const Loc at = parent.loc().Key(kName);
      Store(out, [&](auto& target) { return Reader::Read(*v, at, parent.issues(), target); });
    }
  }

  // The member's value, next in `s`, read and stored (the key has been read).
  template <class T, class External>
  static bool Scan(Scanner& s, size_t depth, T& out, const External& external) {
    if (s.ConsumeNull()) return !kIsRequired;
    return Store(out, [&](auto& target) { return Reader::Scan(s, depth + 1, target, external); });
  }

 private:
  // Calls `read` with where the value goes, then stores it; the flag is set when it was read.
  template <class T, class ReadInto>
  [[gnu::always_inline]] static bool Store(T& out, ReadInto read) {
    using Sink = std::remove_cvref_t<decltype(kSink)>;
    bool ok;
    if constexpr (std::is_same_v<Sink, std::nullptr_t>) {
      typename Reader::Value ignored{};
      ok = read(ignored);
    } else if constexpr (std::is_same_v<Sink, Inline>) {
      ok = read(out);
    } else {
      static_assert(std::is_member_object_pointer_v<Sink>, "a sink is nullptr, kInline or &T::member");
      using Member = typename detail::MemberPointer<Sink>::Member;
      if constexpr (detail::IsOptional<Member>::value) {
        typename Member::value_type value{};
        ok = read(value);
        if (ok) out.*kSink = std::move(value);
      } else {
        ok = read(out.*kSink);
      }
    }
    if constexpr (!std::is_same_v<decltype(kFlag), std::nullptr_t>) {
      if (ok) out.*kFlag = true;
    }
    return ok;
  }
};

// A member listed for strict reading (its key, and the table of its value) and for whoever reads
// the description, whose value the enclosing Object's Read leaves alone: the document's code reads
// it itself, with F::Read, at the point its cross-field checks need it (after a member listed
// later, with a need another member decides), so that issues come out in the order those checks
// report them; or by hand, when the value needs what only the code has (the rulebook). General
// path only: a description with such a member has no Scan.
template <class F>
struct ReadInCode {
  static constexpr std::string_view kName = F::kName;
  static constexpr bool kIsRequired = F::kIsRequired;
  static constexpr const json::ObjectDef* kShape = F::kShape;
  template <class T>
  static void Read(const json::Fields& /*parent*/, T& /*out*/) {}
};

// ---- Containers ----------------------------------------------------------------------------

// An object of type T with the members Fields..., listed in the order the general decoder reads
// them and strict reading names them.
template <class T, class... Fields>
struct Object {
  using Value = T;
  static constexpr size_t kCount = sizeof...(Fields);
  template <size_t I>
  using FieldAt = std::tuple_element_t<I, std::tuple<Fields...>>;
  static_assert(kCount > 0 && kCount <= 32, "a member is a bit of a 32-bit set");
  static constexpr std::array<std::string_view, kCount> kNames = {Fields::kName...};
  static constexpr json::MemberDef kMemberDefs[] = {{Fields::kName, Fields::kShape}...};
  static constexpr json::ObjectDef kMembers{kMemberDefs};

  static bool Read(const bj::value& v, const Loc& at, Issues& issues, T& out) {
    const json::Fields f(v, at, issues);
    if (!f.ok()) return false;
    ReadFields(f, out);
    return true;
  }
  // Every member of the object `f` (which is one), in the listed order.
  static void ReadFields(const json::Fields& f, T& out) { (Fields::Read(f, out), ...); }

  // Two phases. Compact text with the members in the listed order (what sqp's examples and
  // most producers write) is read by matching each member's `,"key":` in turn, a compare of
  // known size per member; whatever remains after the first member out of that order — white
  // space, another order, a repeated or unknown name — is read member by member, each name
  // looked up.
  template <class External>
  static bool Scan(Scanner& s, size_t depth, T& out, const External& external) {
    const json::JsonLimits& limits = s.limits();
    if (depth >= limits.max_depth || !s.Consume('{')) return false;
    State state;
    // Within the limits the member-by-member reading checks (a name's size, the member count),
    // which the in-order phase then need not count.
    if (kLongestName < limits.max_string_bytes && kCount + 1 < limits.max_object_members &&
        !InOrder(s, depth, out, external, state, std::index_sequence_for<Fields...>())) {
      return false;
    }
    if (s.Consume('}')) return (state.seen & kRequiredBits) == kRequiredBits;
    if (state.count > 0 && !s.Consume(',')) return false;
    size_t next = 0;  // members usually come in the listed order: look there first
    for (;;) {
      std::string_view key;
      if (!s.String(key) || !s.Consume(':')) return false;
      if (++state.count >= limits.max_object_members) return false;
      const size_t i = Find(key, next);
      if (i == kCount) return false;  // not a member: strict reading's to report
      const std::uint32_t bit = std::uint32_t{1} << i;
      if ((state.seen & bit) != 0) return false;  // a repeated member: the general path's to report
      state.seen |= bit;
      next = i + 1 == kCount ? 0 : i + 1;
      if (!ScanMember(i, s, depth, out, external, std::index_sequence_for<Fields...>())) {
        return false;
      }
      if (s.Consume(',')) continue;
      if (!s.Consume('}')) return false;
      return (state.seen & kRequiredBits) == kRequiredBits;
    }
  }

 private:
  struct State {
    std::uint32_t seen = 0;  // a bit per member read
    size_t count = 0;        // members read
  };

  static constexpr size_t kLongestName = std::max({Fields::kName.size()...});
  static constexpr std::uint32_t kRequiredBits = [] {
    std::uint32_t bits = 0, bit = 1;
    ((bits |= Fields::kIsRequired ? bit : 0, bit <<= 1), ...);
    return bits;
  }();

  // The members in the listed order, each taken when the text goes on with its key; false only
  // when a member's value is not one the general reader accepts.
  template <class External, size_t... I>
  [[gnu::always_inline]] static bool InOrder(Scanner& s, size_t depth, T& out,
                                             const External& external, State& state,
                                             std::index_sequence<I...>) {
    return (InOrderMember<Fields, I>(s, depth, out, external, state) && ...);
  }
  template <class F, size_t I, class External>
  [[gnu::always_inline]] static bool InOrderMember(Scanner& s, size_t depth, T& out,
                                                   const External& external, State& state) {
    if (!(state.count == 0 ? s.Literal(F::kFirstKey) : s.Literal(F::kNextKey))) return true;
    state.seen |= std::uint32_t{1} << I;
    ++state.count;
    return F::Scan(s, depth, out, external);
  }

  // The index of `key` among the members, looking from `from` on; kCount when it is none.
  [[gnu::always_inline]] static size_t Find(std::string_view key, size_t from) {
    size_t i = from;
    for (size_t tried = 0; tried < kCount; ++tried) {
      if (kNames[i].size() == key.size() &&
          json::SameBytes(kNames[i].data(), key.data(), key.size())) {
        return i;
      }
      i = i + 1 == kCount ? 0 : i + 1;
    }
    return kCount;
  }

  template <class External, size_t... I>
  [[gnu::always_inline]] static bool ScanMember(size_t i, Scanner& s, size_t depth, T& out,
                                                const External& external,
                                                std::index_sequence<I...>) {
    bool ok = false;
    static_cast<void>(((i == I ? (ok = Fields::Scan(s, depth, out, external), true) : false) || ...));
    return ok;
  }
};

// An Object whose members the general decoder reads in another order than they are listed:
// kOrder are the listed indices in reading order. The listed order is strict reading's (its
// "expected one of" lists and its suggestions); the reading order is that of the issues, which a
// document kept when its description was made (the application's site reads "type" first).
template <class Obj, size_t... kOrder>
struct ReadInOrder : Obj {
  static_assert(sizeof...(kOrder) == Obj::kCount &&
                    [] {
                      std::array<bool, Obj::kCount> seen{};
                      for (const size_t i : {kOrder...}) {
                        if (i >= Obj::kCount || seen[i]) return false;
                        seen[i] = true;
                      }
                      return true;
                    }(),
                "kOrder is an order of every listed member, each once");
  using Value = typename Obj::Value;

  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    const json::Fields f(v, at, issues);
    if (!f.ok()) return false;
    ReadFields(f, out);
    return true;
  }
  static void ReadFields(const json::Fields& f, Value& out) {
    (Obj::template FieldAt<kOrder>::Read(f, out), ...);
  }
};

// An array of objects, each read with Item (an Object, or anything with kMembers and
// ReadFields(fields, item) that reads one) and appended to a list (anything with
// `emplace_back()` returning a reference to the new value-initialised item). An element that is
// not an object is an issue and leaves no item.
template <class Item>
struct List {
  using Value = void;  // read straight into the sink's list
  static constexpr const json::ObjectDef& kMembers = Item::kMembers;

  template <class L>
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, L& out) {
    return detail::ForEachObject(v, at, issues, [&](const json::Fields& f, size_t /*index*/) {
      Item::ReadFields(f, out.emplace_back());
    });
  }
  template <class L, class External>
  static bool Scan(Scanner& s, size_t depth, L& out, const External& external) {
    return s.Array(depth, [&] { return Item::Scan(s, depth + 1, out.emplace_back(), external); });
  }
};

// An object whose member names are defined elsewhere (strict reading checks them against the
// caller's list: json::ObjectDef::Keys::kExternal) and whose values are all read by Reader, each
// appended to a list as {name, value}. The fast path reads only names `external.Accepts`.
template <class Reader>
struct NamedValues {
  using Value = void;  // read straight into the sink's list
  static constexpr json::ObjectDef kMembers{{}, json::ObjectDef::Keys::kExternal};

  template <class L>
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, L& out) {
    const json::Fields f(v, at, issues);
    if (!f.ok()) return false;
    for (const auto& kv : *f.object()) {
      typename Reader::Value value{};
      const Loc member = at.Key(kv.key());
      if (Reader::Read(kv.value(), member, issues, value)) out.push_back({kv.key(), value});
    }
    return true;
  }
  template <class L, class External>
  static bool Scan(Scanner& s, size_t depth, L& out, const External& external) {
    Scanner::Keys names;
    return s.Object(depth, [&](std::string_view key) {
      typename Reader::Value value{};
      if (!names.Add(key) || !external.Accepts(key) ||
          !Reader::Scan(s, depth + 1, value, external)) {
        return false;
      }
      out.push_back({key, value});
      return true;
    });
  }
};

namespace detail {

// The member table of a reader that has one (a container), for a reader made from it.
template <class Reader>
struct ShapeOf {};
template <class Reader>
  requires requires { Reader::kMembers; }
struct ShapeOf<Reader> {
  static constexpr const json::ObjectDef& kMembers = Reader::kMembers;
};

}  // namespace detail

// The three below have only Read: the documents that use them are read on the general path
// alone (only sqp.application/1 has a fast one).

// A member read by Reader into a value of its own, which is then handed, with the object it is a
// member of, to code: kThen(parent, value, at, issues), called only when Reader read the value
// (for an Object: when the member is an object, whatever its members held). The place for a
// check across members, made where the member is read so that its issues come in the listed
// order, and for storing what was read. The sink is kInline (`parent` is the enclosing object).
// The general path accepts what Reader accepts; kThen may record issues of its own.
template <class Reader, auto kThen>
struct Then : detail::ShapeOf<Reader> {
  using Value = void;  // handed to kThen

  template <class T>
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, T& parent) {
    typename Reader::Value value{};
    if (!Reader::Read(v, at, issues, value)) return false;
    kThen(parent, value, at, issues);
    return true;
  }
};

// An array of objects, each read with Item (an Object) into a value of its own and handed, with
// its index and the object the array is a member of, to code: kThen(parent, item, index, at,
// issues). List with a check after each item (across items, or against members read before the
// array), made as each item is read so that its issues come in document order. The sink is
// kInline. The general path accepts an array; an element that is not an object is an issue and
// is not handed on.
template <class Item, auto kThen>
struct ListThen {
  using Value = void;  // handed to kThen item by item
  static constexpr const json::ObjectDef& kMembers = Item::kMembers;

  template <class T>
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, T& parent) {
    return detail::ForEachObject(v, at, issues, [&](const json::Fields& f, size_t index) {
      typename Item::Value item{};
      Item::ReadFields(f, item);
      kThen(parent, item, index, f.loc(), issues);
    });
  }
};

// An object whose member names the codec checks itself (strict reading lets any name through:
// json::ObjectDef::Keys::kAny, such as a scoresheet's item ids), each member's value read by
// Reader and handed, with its name and the object the map is a member of, to code:
// kThen(parent, name, value, at, issues), `value` nullptr when Reader refused it (its issue is
// recorded; the name is still the code's to check). Member by member, so that a value's issue
// and its name's come together, in document order. The sink is kInline. The general path accepts
// an object of any names whose values Reader accepts.
template <class Reader, auto kThen>
struct AnyNamesThen {
  using Value = void;  // handed to kThen member by member
  static constexpr json::ObjectDef kMembers{{}, json::ObjectDef::Keys::kAny};

  template <class T>
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, T& parent) {
    const json::Fields f(v, at, issues);
    if (!f.ok()) return false;
    for (const auto& kv : *f.object()) {
      const std::string_view name = kv.key();
      const Loc member = at.Key(name);
      typename Reader::Value value{};
      const bool read = Reader::Read(kv.value(), member, issues, value);
      kThen(parent, name, read ? &value : nullptr, member, issues);
    }
    return true;
  }
};

// A document embedded in another (an assessment's or a case's application) and read by its own
// codec, where its description lives: kDecode(value, at, out) returns the document's problems as
// a status whose pointers are whole (codec::AddIssues). A "schema" member, when given, must be
// kSchema (codec::CheckEmbeddedSchema, reported before the document's own problems); strict
// reading holds the document to kShape. The general path accepts what kDecode accepts; general
// path only (no Scan).
template <FixedString kSchema, class V, auto kDecode, const json::ObjectDef& kShape>
struct Embedded {
  using Value = V;
  static constexpr const json::ObjectDef& kMembers = kShape;
  static bool Read(const bj::value& v, const Loc& at, Issues& issues, Value& out) {
    CheckEmbeddedSchema(v, at, kSchema.view(), issues);
    const absl::Status status = kDecode(v, at, out);
    AddIssues(status, issues);
    return status.ok();
  }
};

// A value described only by the table strict reading holds it to (kShape): one its document's
// code reads by hand (ReadInCode), such as a scoresheet, which is read with the rulebook. It
// has no Read.
template <const json::ObjectDef& kShape>
struct Table {
  static constexpr const json::ObjectDef& kMembers = kShape;
};

// ---- Documents -----------------------------------------------------------------------------

// The general decoder: `doc` (at `at`) read into `out` by the description Doc (an Object), with
// every problem recorded in `issues`. Its "schema" member is the caller's to check.
template <class Doc>
void ReadDocument(const bj::value& doc, const Loc& at, Issues& issues, typename Doc::Value& out) {
  Doc::Read(doc, at, issues, out);
}

// The fast decoder: a whole top-level document read from `text` into `out`; false, with `out` in
// no particular state, for any text the general path would refuse or that the scanner declines.
template <class Doc, class External = NoExternalNames>
bool ScanDocument(std::string_view text, const json::JsonLimits& limits, typename Doc::Value& out,
                  const External& external = {}) {
  if (text.size() > limits.max_input_bytes) return false;
  Scanner s(text, limits);
  return Doc::Scan(s, 1, out, external) && s.AtEnd();
}

}  // namespace sqp::codec::schema
