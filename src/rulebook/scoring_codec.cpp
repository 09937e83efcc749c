// The rulebook's "scoring" section (SCORE.*, Art. 12-13): decoding and full validation of the
// Table 1 data. Like the rest of the rulebook codec every field is required, unknown keys are
// errors and every problem is listed with its JSON pointer; the guarantees the evaluation relies
// on are listed in include/sqp/scoring_rules.hpp.
#include "rulebook/scoring_codec.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "strings.hpp"

namespace sqp::rulebook_internal {
namespace {

namespace bj = boost::json;
using namespace codec::decoding;

// The decoding context of one scoring section.
struct Context {
  Issues& issues;
  const IndicatorRules& indicators;
  int precision = 1;
  std::int64_t step = 100'000;  // 10^-precision in Decimal units
};

std::string StepText(const Context& c) { return Decimal::FromUnits(c.step).ToString(); }

// A point figure: a number 0..kMaxScorePoints that is a multiple of the precision's step.
// `positive` also refuses 0.
std::optional<Decimal> CheckPoints(const Context& c, std::optional<Decimal> v, const Loc& at,
                                   bool positive) {
  if (!v) return std::nullopt;
  if (*v < Decimal() || (positive && *v == Decimal())) {
    c.issues.Add(at, Cat("must be ", positive ? "more than 0" : "0 or more", ", got ",
                         v->ToString()));
    return std::nullopt;
  }
  if (*v > Decimal::FromInt(kMaxScorePoints)) {
    c.issues.Add(at, Cat("must be at most ", kMaxScorePoints, " points, got ", v->ToString()));
    return std::nullopt;
  }
  if (v->units() % c.step != 0) {
    c.issues.Add(at, Cat(v->ToString(), " is finer than the scoring precision (",
                         c.precision, " decimals, step ", StepText(c), ")"));
    return std::nullopt;
  }
  return v;
}

std::optional<Decimal> ReadPoints(const Context& c, const Fields& f, std::string_view key,
                                  bool positive) {
  return CheckPoints(c, f.Number(key, Need::kRequired), f.loc().Key(key), positive);
}

// A key whose value may be null but must be written (like the rulebook's "rest_days").
bool Present(const Fields& f, std::string_view key, std::string_view null_means) {
  if (!f.ok() || f.object()->contains(key)) return f.ok();
  f.issues().Add(f.loc().Key(key), Cat("is required (null ", null_means, ")"));
  return false;
}

int FindIndicator(const Context& c, const Fields& rule, ItemRule& out) {
  auto name = rule.String("indicator", Need::kRequired, true);
  if (!name) return -1;
  for (size_t i = 0; i < c.indicators.definitions.size(); ++i) {
    if (c.indicators.definitions[i].name == *name) return out.indicator = static_cast<int>(i);
  }
  c.issues.Add(rule.loc().Key("indicator"), Cat("unknown indicator ", json::Quote(*name),
                                                "; define it under /indicators/definitions"));
  return -1;
}

void ReadLinear(const Context& c, const Fields& rule, ItemRule& out) {
  const auto full = rule.Number("full_at", Need::kRequired);
  const auto zero = rule.Number("zero_at", Need::kRequired);
  if (full) out.full_at = *full;
  if (zero) out.zero_at = *zero;
  if (!full || !zero) return;
  if (*full == *zero) {
    c.issues.Add(rule.loc().Key("zero_at"),
                 Cat("must differ from full_at (both ", full->ToString(), ")"));
    return;
  }
  if (out.indicator < 0) return;
  // A linear rule that rewards moving away from the indicator's bound has its ends swapped.
  const IndicatorDefinition& def = c.indicators.definitions[static_cast<size_t>(out.indicator)];
  const bool at_least = def.direction == BoundDirection::kAtLeast;
  if (at_least != (*full > *zero)) {
    c.issues.Add(rule.loc().Key("full_at"),
                 Cat("indicator ", json::Quote(def.name), " is bounded ",
                     at_least ? "at least" : "at most", " ", def.bound.ToString(),
                     ", so full_at must be ", at_least ? "above" : "below", " zero_at (",
                     full->ToString(), " vs ", zero->ToString(), ")"));
  }
}

void ReadBands(const Context& c, const Fields& rule, std::optional<Decimal> item_max,
               ItemRule& out) {
  const bj::array* a = rule.Array("bands", Need::kRequired);
  if (a == nullptr) return;
  const Loc list = rule.loc().Key("bands");
  if (a->empty()) c.issues.Add(list, "must list at least one band");
  bool prev_to_unbounded = false;
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = list.Index(i);
    Fields b((*a)[i], el, c.issues);
    b.RejectUnknownKeys({"from", "to", "points"});
    ScoreBand band;
    const bool has_from = Present(b, "from", "for unbounded below");
    const bool has_to = Present(b, "to", "for unbounded above");
    const bool from_unbounded = has_from && b.object()->at("from").is_null();
    const bool to_unbounded = has_to && b.object()->at("to").is_null();
    if (has_from) band.from = b.Number("from", Need::kOptional);
    if (has_to) band.to = b.Number("to", Need::kOptional);
    if (auto p = ReadPoints(c, b, "points", false)) {
      band.points = *p;
      if (item_max && *p > *item_max) {
        c.issues.Add(el.Key("points"), Cat("band points ", p->ToString(),
                                           " exceed the item's max ", item_max->ToString()));
      }
    }
    if (band.from && band.to && *band.from > *band.to) {
      c.issues.Add(el, Cat("from ", band.from->ToString(), " is above to ", band.to->ToString()));
    }
    if (i > 0) {
      const ScoreBand& prev = out.bands.back();
      if (from_unbounded) {
        c.issues.Add(el.Key("from"), "only the first band may be unbounded below");
      } else if (prev_to_unbounded) {
        const Loc prev_at = list.Index(i - 1);
        c.issues.Add(prev_at.Key("to"), "only the last band may be unbounded above");
      } else if (band.from && prev.from && *band.from < *prev.from) {
        c.issues.Add(el.Key("from"), Cat("bands must be in ascending order: from ",
                                         band.from->ToString(), " is below the previous band's ",
                                         prev.from->ToString()));
      } else if (band.from && prev.to && *band.from < *prev.to) {
        c.issues.Add(el.Key("from"), Cat("overlaps the previous band: from ",
                                         band.from->ToString(), " is below its to ",
                                         prev.to->ToString()));
      }
    }
    prev_to_unbounded = to_unbounded;
    out.bands.push_back(band);
  }
}

void ReadRule(const Context& c, const Fields& item, std::optional<Decimal> item_max,
              ItemRule& out) {
  const bj::value* v = item.Get("rule", Need::kRequired);
  if (v == nullptr) return;
  Fields rule(*v, item.loc().Key("rule"), c.issues);
  static constexpr json::EnumName<ItemRuleType> kTypes[] = {
      {"judged", ItemRuleType::kJudged},
      {"threshold", ItemRuleType::kThreshold},
      {"linear", ItemRuleType::kLinear},
      {"bands", ItemRuleType::kBands}};
  const auto type = rule.Enum("type", Need::kRequired, kTypes);
  if (!type) {
    rule.RejectUnknownKeys({"type", "indicator", "full_at", "zero_at", "bands"});
    return;
  }
  out.type = *type;
  switch (*type) {
    case ItemRuleType::kJudged:
      rule.RejectUnknownKeys({"type"});
      return;
    case ItemRuleType::kThreshold:
      rule.RejectUnknownKeys({"type", "indicator"});
      FindIndicator(c, rule, out);
      return;
    case ItemRuleType::kLinear:
      rule.RejectUnknownKeys({"type", "indicator", "full_at", "zero_at"});
      FindIndicator(c, rule, out);
      ReadLinear(c, rule, out);
      return;
    case ItemRuleType::kBands:
      rule.RejectUnknownKeys({"type", "indicator", "bands"});
      FindIndicator(c, rule, out);
      ReadBands(c, rule, item_max, out);
      return;
  }
}

// SCORE.METHODS: at least one tag, at most one of each pair.
void ReadMethods(const Context& c, const Fields& item, ScoringItem& out) {
  const bj::array* a = item.Array("methods", Need::kRequired);
  if (a == nullptr) return;
  const Loc list = item.loc().Key("methods");
  if (a->empty()) {
    c.issues.Add(list, Cat("must list at least one method of: ", Join(kScoreMethodNames, ", ")));
  }
  static constexpr json::EnumName<ScoreMethod> kMethods[] = {
      {"quantitative", ScoreMethod::kQuantitative}, {"qualitative", ScoreMethod::kQualitative},
      {"experience", ScoreMethod::kExperience},     {"audit", ScoreMethod::kAudit},
      {"open", ScoreMethod::kOpen},                 {"unannounced", ScoreMethod::kUnannounced}};
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc el = list.Index(i);
    const auto m = json::ReadEnum((*a)[i], el, c.issues, kMethods);
    if (!m) continue;
    const size_t other = Index(*m) ^ 1u;  // the other method of the same pair
    if (out.methods[Index(*m)]) {
      c.issues.Add(el, Cat("method ", json::Quote(kScoreMethodNames[Index(*m)]), " listed twice"));
    } else if (out.methods[other]) {
      c.issues.Add(el, Cat("an item takes at most one method of each pair; ",
                           json::Quote(kScoreMethodNames[Index(*m)]), " and ",
                           json::Quote(kScoreMethodNames[other]), " exclude each other"));
    }
    out.methods[Index(*m)] = true;
  }
}

// An id unique inside its table; `seen` maps the ids met so far to their pointers.
using SeenIds = std::unordered_map<std::string, std::string>;
bool UniqueId(const Context& c, std::string_view what, std::string_view id, const Loc& at,
              SeenIds& seen) {
  const auto [it, inserted] = seen.try_emplace(std::string(id), std::string());
  if (!inserted) {
    c.issues.Add(at, Cat("duplicate ", what, " id ", json::Quote(id), " (first at ", it->second, ")"));
    return false;
  }
  it->second = at.Pointer();
  return true;
}

// Reads one item; returns its max when every figure that the sums need was valid.
std::optional<Decimal> ReadItem(const Context& c, const bj::value& v, const Loc& at,
                                size_t dimension, SeenIds& ids,
                                ScoringTable& table) {
  Fields f(v, at, c.issues);
  f.RejectUnknownKeys({"id", "name_en", "name_zh", "max", "methods", "key", "pass", "rule"});
  ScoringItem item;
  item.dimension = dimension;
  if (auto s = f.String("id", Need::kRequired, true)) {
    item.id = std::string(*s);
    UniqueId(c, "item", item.id, at.Key("id"), ids);
  }
  if (auto s = f.String("name_en", Need::kRequired, true)) item.name_en = std::string(*s);
  if (auto s = f.String("name_zh", Need::kRequired, true)) item.name_zh = std::string(*s);
  const auto max = ReadPoints(c, f, "max", true);
  if (max) item.max = *max;
  ReadMethods(c, f, item);
  if (auto k = f.Bool("key", Need::kRequired)) item.key = *k;
  // SCORE.KEY: only a key item has a pass mark; writing null elsewhere keeps the table explicit.
  if (Present(f, "pass", "for an item that is not a key item")) {
    const Loc pass_at = at.Key("pass");
    const bj::value& pv = f.object()->at("pass");
    if (item.key && pv.is_null()) {
      c.issues.Add(pass_at, "a key item needs its pass mark (points needed)");
    } else if (!item.key && !pv.is_null()) {
      c.issues.Add(pass_at, "only key items have a pass mark; use null or set \"key\": true");
    } else if (item.key) {
      if (auto p = CheckPoints(c, codec::ReadDecimal(pv, pass_at, c.issues), pass_at, false)) {
        item.pass = *p;
        if (max && *p > *max) {
          c.issues.Add(pass_at, Cat("pass mark ", p->ToString(), " is above the item's max ",
                                    max->ToString()));
        }
      }
    }
  }
  ReadRule(c, f, max, item.rule);
  table.items.push_back(std::move(item));
  return max;
}

void ReadDimension(const Context& c, const bj::value& v, const Loc& at,
                   SeenIds& dimension_ids, SeenIds& item_ids, ScoringTable& table,
                   bool& sums_known, Decimal& sum_of_dimensions) {
  Fields f(v, at, c.issues);
  f.RejectUnknownKeys({"id", "name_en", "name_zh", "max", "items"});
  ScoringDimension dim;
  if (auto s = f.String("id", Need::kRequired, true)) {
    dim.id = std::string(*s);
    UniqueId(c, "dimension", dim.id, at.Key("id"), dimension_ids);
  }
  if (auto s = f.String("name_en", Need::kRequired, true)) dim.name_en = std::string(*s);
  if (auto s = f.String("name_zh", Need::kRequired, true)) dim.name_zh = std::string(*s);
  const auto max = ReadPoints(c, f, "max", true);
  if (max) {
    dim.max = *max;
    sum_of_dimensions += *max;
  } else {
    sums_known = false;
  }
  const size_t index = table.dimensions.size();
  table.dimensions.push_back(dim);
  const bj::array* items = f.Array("items", Need::kRequired);
  if (items == nullptr) return;
  const Loc list = at.Key("items");
  if (items->empty()) c.issues.Add(list, "must list at least one item");
  if (table.items.size() + items->size() > kMaxItemsPerTable) {
    c.issues.Add(list, Cat("a table holds at most ", kMaxItemsPerTable, " items"));
    return;
  }
  // SCORE.TABLE: items sum to their dimension's max (exact: every figure is a Decimal).
  bool items_known = true;
  Decimal sum;
  for (size_t i = 0; i < items->size(); ++i) {
    if (auto m = ReadItem(c, (*items)[i], list.Index(i), index, item_ids, table)) {
      sum += *m;
    } else {
      items_known = false;
    }
  }
  if (max && items_known && !items->empty() && sum != *max) {
    c.issues.Add(at.Key("max"), Cat("items sum to ", sum.ToString(), ", not the dimension's max ",
                                    max->ToString()));
  }
}

std::optional<Fraction> ReadShare(const Context& c, const Fields& grade) {
  const bj::value* v = grade.Get("min_dimension_share", Need::kRequired);
  if (v == nullptr) return std::nullopt;
  const Loc at = grade.loc().Key("min_dimension_share");
  Fields f(*v, at, c.issues);
  f.RejectUnknownKeys({"num", "den"});
  const auto num = f.Integer("num", Need::kRequired, 0, kMaxFractionTerm);
  const auto den = f.Integer("den", Need::kRequired, 1, kMaxFractionTerm);
  if (!num || !den) return std::nullopt;
  if (*num > *den) {
    c.issues.Add(at, Cat("share ", *num, "/", *den, " is more than 1"));
    return std::nullopt;
  }
  return Fraction{*num, *den};
}

void ReadGrades(const Context& c, const Fields& table_fields, std::optional<Decimal> max_total,
                ScoringTable& table) {
  const bj::array* a = table_fields.Array("grades", Need::kRequired);
  if (a == nullptr) return;
  const Loc list = table_fields.loc().Key("grades");
  if (a->empty()) c.issues.Add(list, "must list at least one grade");
  SeenIds ids;
  // The previous grade's figures, for the order check (only those that decoded).
  std::optional<Decimal> prev_total;
  std::optional<Fraction> prev_share;
  std::optional<bool> prev_key;
  for (size_t i = 0; i < a->size(); ++i) {
    const Loc at = list.Index(i);
    Fields f((*a)[i], at, c.issues);
    f.RejectUnknownKeys({"id", "name_en", "name_zh", "min_total", "min_dimension_share",
                         "requires_key_items"});
    ScoreGrade g;
    if (auto s = f.String("id", Need::kRequired, true)) {
      g.id = std::string(*s);
      UniqueId(c, "grade", g.id, at.Key("id"), ids);
    }
    if (auto s = f.String("name_en", Need::kRequired, true)) g.name_en = std::string(*s);
    if (auto s = f.String("name_zh", Need::kRequired, true)) g.name_zh = std::string(*s);
    const auto total = ReadPoints(c, f, "min_total", false);
    const auto share = ReadShare(c, f);
    const auto key = f.Bool("requires_key_items", Need::kRequired);
    if (total) {
      g.min_total = *total;
      if (max_total && *total > *max_total) {
        c.issues.Add(at.Key("min_total"), Cat("min_total ", total->ToString(),
                                              " is above the table's max_total ",
                                              max_total->ToString(), "; the grade is unreachable"));
      }
    }
    if (share) g.min_dimension_share = *share;
    if (key) g.requires_key_items = *key;
    // SCORE.GRADE: highest first, each grade at least as demanding as the next one down, so the
    // highest grade whose conditions hold is also the only candidate the result needs to explain.
    if (i > 0) {
      if (total && prev_total && *total >= *prev_total) {
        c.issues.Add(at.Key("min_total"),
                     Cat("grades run from the highest to the lowest: min_total ", total->ToString(),
                         " is not below the previous grade's ", prev_total->ToString()));
      }
      if (share && prev_share && share->num * prev_share->den > prev_share->num * share->den) {
        c.issues.Add(at.Key("min_dimension_share"),
                     Cat("share ", share->num, "/", share->den,
                         " is above the previous (higher) grade's ", prev_share->num, "/",
                         prev_share->den));
      }
      if (key && prev_key && *key && !*prev_key) {
        c.issues.Add(at.Key("requires_key_items"),
                     "a lower grade cannot require key items when the grade above does not");
      }
    }
    prev_total = total;
    prev_share = share;
    prev_key = key;
    table.grades.push_back(std::move(g));
  }
}

void ReadTable(const Context& c, const bj::value& v, const Loc& at, ScoringTable& table) {
  Fields f(v, at, c.issues);
  f.RejectUnknownKeys({"max_total", "dimensions", "grades"});
  const auto max_total = ReadPoints(c, f, "max_total", true);
  if (max_total) table.max_total = *max_total;
  if (const bj::array* dims = f.Array("dimensions", Need::kRequired)) {
    const Loc list = at.Key("dimensions");
    if (dims->empty()) c.issues.Add(list, "must list at least one dimension");
    SeenIds dimension_ids, item_ids;
    bool sums_known = true;
    Decimal sum;
    for (size_t i = 0; i < dims->size(); ++i) {
      ReadDimension(c, (*dims)[i], list.Index(i), dimension_ids, item_ids, table, sums_known, sum);
    }
    // SCORE.TABLE: dimensions sum to the table's total.
    if (max_total && sums_known && !dims->empty() && sum != *max_total) {
      c.issues.Add(at.Key("max_total"), Cat("dimensions sum to ", sum.ToString(),
                                            ", not max_total ", max_total->ToString()));
    }
  }
  ReadGrades(c, f, max_total, table);
}

}  // namespace

void DecodeScoring(const json::bj::value& value, const json::Loc& at, json::Issues& issues,
                   const IndicatorRules& indicators, ScoringRules& out) {
  Fields f(value, at, issues);
  f.RejectUnknownKeys({"precision", "template", "tables"});
  Context c{issues, indicators};
  if (auto p = f.Integer("precision", Need::kRequired, 0, 4)) out.precision = static_cast<int>(*p);
  c.precision = out.precision;
  c.step = out.StepUnits();
  if (auto t = f.Bool("template", Need::kRequired)) out.template_tables = *t;
  const bj::value* tables = f.Get("tables", Need::kRequired);
  if (tables == nullptr) return;
  const Loc tables_at = at.Key("tables");
  Fields t(*tables, tables_at, issues);
  t.RejectUnknownKeys({kSiteTypeNames[0], kSiteTypeNames[1], kSiteTypeNames[2], kSiteTypeNames[3]});
  for (size_t s = 0; s < kSiteTypeCount; ++s) {
    out.tables[s] = ScoringTable();
    if (const bj::value* table = t.Get(kSiteTypeNames[s], Need::kRequired)) {
      ReadTable(c, *table, tables_at.Key(kSiteTypeNames[s]), out.tables[s]);
    }
  }
}

}  // namespace sqp::rulebook_internal
