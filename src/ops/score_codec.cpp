#include "ops/score_codec.hpp"

#include <string_view>
#include <vector>

#include "codec/schema.hpp"
#include "ops/report_text.hpp"
#include "strings.hpp"

namespace sqp::internal {

namespace {

namespace bj = boost::json;
using namespace codec::schema;

std::string StepText(const Rulebook& rb) {
  return Cat(rb.scoring.precision, " decimal", rb.scoring.precision == 1 ? "" : "s", ", step ",
             Decimal::FromUnits(rb.scoring.StepUnits()).ToString());
}

// The judged items of a table, for the message on an unknown id.
std::string JudgedItemList(const ScoringTable& table) {
  std::vector<std::string_view> ids;
  for (const auto& item : table.items) {
    if (item.rule.type == ItemRuleType::kJudged) ids.push_back(item.id);
  }
  if (ids.size() > 24) return Cat(ids.size(), " judged items; see the rulebook's table");
  return Cat("judged items: ", Join(ids, ", "));
}

void ReportProblem(const Rulebook& rb, const ScoringTable& table, const ScoreInput& in,
                   const ScoreProblem& p, const Loc& at, Issues& issues) {
  const Loc judged = at.Key("judged");
  const Loc indicators = at.Key("indicators");
  const ScoringItem* item = p.item < table.items.size() ? &table.items[p.item] : nullptr;
  const IndicatorDefinition* indicator =
      p.indicator >= 0 && static_cast<size_t>(p.indicator) < rb.indicators.definitions.size()
          ? &rb.indicators.definitions[static_cast<size_t>(p.indicator)]
          : nullptr;
  const std::string given =
      p.item < in.judged.size() && in.judged[p.item] ? in.judged[p.item]->ToString() : "";
  switch (p.kind) {
    case ScoreProblemKind::kJudgedMissing:
      issues.Add(judged.Key(item->id),
                 Cat("is required: item ", json::Quote(item->id), " (", item->name_en,
                     ") is scored by judgement, 0 to ", item->max.ToString(),
                     " points; give 0 if it earned none"));
      return;
    case ScoreProblemKind::kJudgedForRuleItem:
      issues.Add(judged.Key(item->id),
                 Cat("item ", json::Quote(item->id), " is scored by its ",
                     ItemRuleTypeName(item->rule.type), " rule on indicator ",
                     json::Quote(indicator ? indicator->name : ""),
                     "; give the measured value under /indicators, not points"));
      return;
    case ScoreProblemKind::kJudgedNegative:
      issues.Add(judged.Key(item->id), Cat("points must be 0 or more, got ", given));
      return;
    case ScoreProblemKind::kJudgedAboveMax:
      issues.Add(judged.Key(item->id), Cat("points ", given, " exceed the item's max ",
                                           item->max.ToString()));
      return;
    case ScoreProblemKind::kJudgedFinerThanPrecision:
      issues.Add(judged.Key(item->id), Cat("points ", given, " are finer than the scoring precision (",
                                           StepText(rb), ")"));
      return;
    case ScoreProblemKind::kIndicatorMissing:
      issues.Add(indicators.Key(indicator->name),
                 Cat("is required: item ", json::Quote(item->id), " (", item->name_en,
                     ") is scored on the measured ", indicator->label_en, " (", indicator->unit,
                     ")"));
      return;
    case ScoreProblemKind::kIndicatorNegative:
      issues.Add(indicators.Key(indicator->name),
                 Cat("a measured value must be 0 or more, got ",
                     in.indicators[static_cast<size_t>(p.indicator)]->ToString()));
      return;
  }
}

// ---- sqp.scoresheet/1 (READ.MEMBERS) -------------------------------------------------------
// The one description of the document: the decoder (DecodeScoresheet) and strict reading's
// member table (kScoresheetMembers) are made from it (src/codec/schema.hpp). Members are listed
// in the order strict reading names them. The names under "judged" and "indicators" are the
// rulebook's, checked here as each is read (strict reading lets any name through).

// The scoresheet as it is read: the input, and what the names are checked against.
struct ScoresheetReading : ScoreInput {
  const Rulebook* rulebook = nullptr;
  bool site_given = false;     // site_type read: the table the judged ids belong to
  bool judged_listed = false;  // the table's judged ids named once, on the first unknown id
};

void TakeSiteType(ScoresheetReading& s, SiteType site, const Loc& /*at*/, Issues& /*issues*/) {
  s.site_type = site;
  s.site_given = true;
  s.judged.assign(s.rulebook->scoring.Table(site).items.size(), std::nullopt);
}

// "judged": item id -> points. Absent means no judged points at all.
void TakeJudged(ScoresheetReading& s, std::string_view id, const Decimal* points, const Loc& at,
                Issues& issues) {
  if (!s.site_given) return;  // no table to look the id up in; site_type's own error says why
  const ScoringTable& table = s.rulebook->scoring.Table(s.site_type);
  const std::ptrdiff_t index = table.ItemIndex(id);
  if (index < 0) {
    // The list of valid ids once is enough; every unknown id still gets its own pointer.
    issues.Add(at, Cat("no item ", json::Quote(id), " in the ", SiteTypeName(s.site_type), " table",
                       s.judged_listed ? std::string() : "; " + JudgedItemList(table)));
    s.judged_listed = true;
  } else if (points != nullptr) {
    s.judged[static_cast<size_t>(index)] = *points;
  }
}

// "indicators": indicator name -> measured value.
void TakeIndicator(ScoresheetReading& s, std::string_view name, const Decimal* value,
                   const Loc& at, Issues& issues) {
  const std::vector<IndicatorDefinition>& definitions = s.rulebook->indicators.definitions;
  int index = -1;
  for (size_t k = 0; k < definitions.size(); ++k) {
    if (definitions[k].name == name) index = static_cast<int>(k);
  }
  if (index < 0) {
    std::vector<std::string_view> names;
    for (const auto& def : definitions) names.push_back(def.name);
    issues.Add(at, Cat("unknown indicator ", json::Quote(name), "; the rulebook defines: ",
                       Join(names, ", ")));
  } else if (value != nullptr) {
    s.indicators[static_cast<size_t>(index)] = *value;
  }
}

// The "schema" member is the caller's to check (CheckSchema, or CheckEmbeddedSchema where
// sqp.assessment/1 and sqp.case/1 embed the scoresheet, which may omit it there).
using ScoresheetDocument = Object<
    ScoresheetReading, Field<"schema", kRequired, SchemaName<"sqp.scoresheet/1">>,
    Field<"site_type", kRequired, Then<EnumOf<SiteType, kSiteTypeNames>, &TakeSiteType>, kInline>,
    Field<"judged", kOptional, AnyNamesThen<DecimalValue, &TakeJudged>, kInline>,
    Field<"indicators", kOptional, AnyNamesThen<DecimalValue, &TakeIndicator>, kInline>>;

// ---- Writing ---------------------------------------------------------------------------------

void WriteItemRef(const ScoringItem& item, Decimal points, json::Writer& w) {
  w.BeginObject();
  w.Field("id", item.id);
  w.Field("name_en", item.name_en);
  w.Field("name_zh", item.name_zh);
  w.Field("points", points);
  w.Field("pass", item.pass);
  w.EndObject();
}

void WriteMessage(json::Writer& w, const std::string* item, std::string_view en, std::string_view zh) {
  w.BeginObject();
  if (item) w.Field("item", *item); else w.NullField("item");
  w.Field("message", en);
  w.Field("message_zh", zh);
  w.EndObject();
}

}  // namespace

constinit const json::ObjectDef kScoresheetMembers = ScoresheetDocument::kMembers;

std::optional<ScoreInput> DecodeScoresheet(const bj::value& doc, const Loc& at,
                                           const Rulebook& rb, Issues& issues) {
  const size_t issues_before = issues.list().size();
  ScoresheetReading reading;
  reading.rulebook = &rb;
  reading.indicators.assign(rb.indicators.definitions.size(), std::nullopt);
  if (!ScoresheetDocument::Read(doc, at, issues, reading)) return std::nullopt;
  const bool site_given = reading.site_given;
  ScoreInput in = static_cast<ScoreInput&&>(reading);
  if (site_given) {
    // A value given under `member` that failed to decode was already reported at its own pointer.
    const bj::object& members = doc.as_object();
    const auto given = [&members](std::string_view member, std::string_view name) {
      const bj::value* v = members.if_contains(member);
      return v != nullptr && v->is_object() && v->as_object().contains(name);
    };
    const ScoringTable& table = rb.scoring.Table(in.site_type);
    for (const ScoreProblem& p : CheckScoreInput(rb, in)) {
      if (p.kind == ScoreProblemKind::kJudgedMissing && given("judged", table.items[p.item].id)) {
        continue;
      }
      if (p.kind == ScoreProblemKind::kIndicatorMissing &&
          given("indicators", rb.indicators.definitions[static_cast<size_t>(p.indicator)].name)) {
        continue;
      }
      ReportProblem(rb, table, in, p, at, issues);
    }
  }
  if (issues.list().size() != issues_before) return std::nullopt;
  return in;
}

namespace {

// A note on a score (the result's "messages"): on one item, or on the whole sheet.
struct ScoreNote {
  const std::string* item;  // nullptr: the whole sheet
  std::string en;
  std::string zh;
};

std::vector<ScoreNote> ScoreNotes(const Rulebook& rb, const ScoreResult& r) {
  const ScoringTable& table = rb.scoring.Table(r.site_type);
  std::vector<ScoreNote> notes;
  if (rb.scoring.template_tables) {
    notes.push_back({nullptr,
                 "Scored against template tables (SCORE.TABLE), not the official Table 1 values "
                 "of T/CCSA 248/249/250-2019; load the official values as your own rulebook.",
                 "本评分使用模板分值表（SCORE.TABLE），并非 T/CCSA 248/249/250-2019 表 1 的正式分值；"
                 "正式分值请作为自有规则库加载。"});
  }
  for (size_t i = 0; i < table.items.size(); ++i) {
    if (!r.items[i].outside_bands) continue;
    const ScoringItem& item = table.items[i];
    const IndicatorDefinition& ind =
        rb.indicators.definitions[static_cast<size_t>(item.rule.indicator)];
    const std::string value = r.items[i].value.value_or(Decimal()).ToString();
    notes.push_back({&item.id,
                 Cat("Item ", item.id, ": measured ", ind.label_en, " ", value, " ", ind.unit,
                     " lies in none of its bands: 0 points."),
                 Cat("评分项 ", item.name_zh, "：实测", ind.label_zh, " ", value, " ", ind.unit,
                     " 不在任何分档内，得 0 分。")});
  }
  if (r.vetoed_grade) {
    // SCORE.KEY: the total and dimensions reach a grade that the key items withhold.
    const ScoreGrade& g = table.grades[*r.vetoed_grade];
    std::vector<std::string_view> failed;
    std::vector<std::string_view> failed_zh;
    for (size_t i : r.key_items_failed) {
      failed.push_back(table.items[i].id);
      failed_zh.push_back(table.items[i].name_zh);
    }
    notes.push_back({nullptr,
                 Cat("Total ", r.total.ToString(), " and every dimension reach grade ", g.id, " (",
                     g.name_en, "), withheld because key items are below their pass mark: ",
                     Join(failed, ", "), " (SCORE.KEY)."),
                 Cat("总分 ", r.total.ToString(), " 及各维度已达到", g.name_zh,
                     "要求，但关键项未达到合格分：", Join(failed_zh, "、"),
                     "，该等级不予评定（关键因素否决）。")});
  }
  return notes;
}

}  // namespace

void WriteScore(const Rulebook& rb, const ScoreResult& r, json::Writer& w) {
  const ScoringTable& table = rb.scoring.Table(r.site_type);
  w.Field("site_type", SiteTypeName(r.site_type));
  w.Field("template", rb.scoring.template_tables);
  w.Field("precision", rb.scoring.precision);

  w.Key("items");
  w.BeginArray();
  for (size_t i = 0; i < table.items.size(); ++i) {
    const ScoringItem& item = table.items[i];
    const ItemScore& s = r.items[i];
    w.BeginObject();
    w.Field("id", item.id);
    w.Field("dimension", table.dimensions[item.dimension].id);
    w.Field("name_en", item.name_en);
    w.Field("name_zh", item.name_zh);
    w.Field("rule", ItemRuleTypeName(item.rule.type));
    w.Field("points", s.points);
    w.Field("max", item.max);
    w.Key("methods");
    w.BeginArray();
    for (size_t m = 0; m < kScoreMethodCount; ++m) {
      if (item.methods[m]) w.String(kScoreMethodNames[m]);
    }
    w.EndArray();
    w.Field("key", item.key);
    if (item.key) {
      w.Field("pass", item.pass);
      w.Field("passed", s.passed);
    } else {
      w.NullField("pass");
      w.NullField("passed");
    }
    if (item.rule.type == ItemRuleType::kJudged) {
      w.NullField("indicator");
      w.NullField("value");
    } else {
      w.Field("indicator", rb.indicators.definitions[static_cast<size_t>(item.rule.indicator)].name);
      w.Field("value", s.value.value_or(Decimal()));
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("dimensions");
  w.BeginArray();
  for (size_t d = 0; d < table.dimensions.size(); ++d) {
    w.BeginObject();
    w.Field("id", table.dimensions[d].id);
    w.Field("name_en", table.dimensions[d].name_en);
    w.Field("name_zh", table.dimensions[d].name_zh);
    w.Field("points", r.dimensions[d]);
    w.Field("max", table.dimensions[d].max);
    w.EndObject();
  }
  w.EndArray();

  w.Field("total", r.total);
  w.Field("max_total", r.max_total);
  if (r.grade) {
    const ScoreGrade& g = table.grades[*r.grade];
    w.Field("grade", g.id);
    w.Field("grade_name_en", g.name_en);
    w.Field("grade_name_zh", g.name_zh);
  } else {
    w.NullField("grade");
    w.NullField("grade_name_en");
    w.NullField("grade_name_zh");
  }
  w.Field("key_items_met", r.key_items_met);
  w.Key("key_items_failed");
  w.BeginArray();
  for (size_t i : r.key_items_failed) WriteItemRef(table.items[i], r.items[i].points, w);
  w.EndArray();

  if (r.next_grade) {
    const GradeCheck& n = *r.next_grade;
    const ScoreGrade& g = table.grades[n.grade];
    w.Key("next_grade");
    w.BeginObject();
    w.Field("grade", g.id);
    w.Field("name_en", g.name_en);
    w.Field("name_zh", g.name_zh);
    w.Field("min_total", g.min_total);
    w.Key("missing");
    w.BeginObject();
    w.Field("points", n.points_short);
    w.Key("dimensions");
    w.BeginArray();
    for (const DimensionShortfall& d : n.dimensions_short) {
      w.BeginObject();
      w.Field("id", table.dimensions[d.dimension].id);
      w.Field("name_en", table.dimensions[d.dimension].name_en);
      w.Field("name_zh", table.dimensions[d.dimension].name_zh);
      w.Field("points", d.points);
      w.Field("required", d.required);
      w.Field("short", d.required - d.points);
      w.EndObject();
    }
    w.EndArray();
    w.Key("key_items");
    w.BeginArray();
    for (size_t i : n.key_items_failed) WriteItemRef(table.items[i], r.items[i].points, w);
    w.EndArray();
    w.EndObject();
    w.EndObject();
  } else {
    w.NullField("next_grade");
  }

  w.Key("by_method");
  w.BeginObject();
  for (size_t m = 0; m < kScoreMethodCount; ++m) {
    w.DynamicKey(kScoreMethodNames[m]);  // a table of names, not a literal
    w.BeginObject();
    w.Field("points", r.by_method[m].points);
    w.Field("max", r.by_method[m].max);
    w.EndObject();
  }
  w.EndObject();

  w.Key("messages");
  w.BeginArray();
  for (const ScoreNote& note : ScoreNotes(rb, r)) WriteMessage(w, note.item, note.en, note.zh);
  w.EndArray();
}

std::string ScoreReport(const Rulebook& rb, const ScoreResult& r, const RulebookIdentity* stamp) {
  const ScoringTable& table = rb.scoring.Table(r.site_type);
  auto text = [](std::string_view v) { return ReportString(v); };  // the rulebook's strings too
  std::string out;
  CatTo(out, "服务现场评分 Service-site score — ", kSiteTypeNamesZh[Index(r.site_type)], " (",
        SiteTypeName(r.site_type), ")\n");
  if (stamp != nullptr) CatTo(out, "规则库 Rulebook: ", text(stamp->id), " ", text(stamp->version));
  if (rb.scoring.template_tables) out += "  [模板分值表 template tables]";
  out += "\n\n";

  for (size_t d = 0; d < table.dimensions.size(); ++d) {
    const ScoringDimension& dim = table.dimensions[d];
    CatTo(out, text(dim.name_zh), " ", text(dim.name_en), ": ", r.dimensions[d].ToString(), " / ",
          dim.max.ToString(), "\n");
    for (size_t i = 0; i < table.items.size(); ++i) {
      const ScoringItem& item = table.items[i];
      if (table.dimensions[item.dimension].id != dim.id) continue;
      const ItemScore& score = r.items[i];
      CatTo(out, "  ", score.points.ToString(), " / ", item.max.ToString(), "  ", text(item.name_zh),
            " ", text(item.name_en), " [", text(item.id), ", ", ItemRuleTypeName(item.rule.type));
      if (item.rule.type != ItemRuleType::kJudged) {
        CatTo(out, " ", text(rb.indicators.definitions[static_cast<size_t>(item.rule.indicator)].name),
              " = ", score.value.value_or(Decimal()).ToString());
      }
      out += "]";
      if (item.key) {
        CatTo(out, "  关键项 key item, 合格分 pass ", item.pass.ToString(), ": ",
              score.passed ? "达标 met" : "未达标 FAILED");
      }
      out += "\n";
    }
  }
  CatTo(out, "\n总分 Total: ", r.total.ToString(), " / ", r.max_total.ToString(), "\n");
  if (r.grade) {
    const ScoreGrade& g = table.grades[*r.grade];
    CatTo(out, "等级 Grade: ", text(g.name_zh), " ", text(g.name_en), " (", text(g.id), ")\n");
  } else {
    out += "等级 Grade: 未达到任何等级 none reached\n";
  }
  if (r.key_items_met) {
    out += "关键项 Key items: 全部达标 all met\n";
  } else {
    out += "关键项 Key items: 未达标 below pass mark:";
    for (size_t i : r.key_items_failed) {
      CatTo(out, " ", text(table.items[i].name_zh), " ", text(table.items[i].id), " (",
            r.items[i].points.ToString(), " < ", table.items[i].pass.ToString(), ");");
    }
    out += "\n";
  }
  if (r.next_grade) {
    const GradeCheck& n = *r.next_grade;
    const ScoreGrade& g = table.grades[n.grade];
    CatTo(out, "下一等级 Next grade: ", text(g.name_zh), " ", text(g.name_en), " (", text(g.id),
          ", 最低总分 min total ", g.min_total.ToString(), ")\n");
    CatTo(out, "  还差总分 Points short: ", n.points_short.ToString(), "\n");
    for (const DimensionShortfall& d : n.dimensions_short) {
      const ScoringDimension& dim = table.dimensions[d.dimension];
      CatTo(out, "  维度不足 Dimension short: ", text(dim.name_zh), " ", text(dim.name_en), " ",
            d.points.ToString(), " < ", d.required.ToString(), " (差 short ",
            (d.required - d.points).ToString(), ")\n");
    }
    for (size_t i : n.key_items_failed) {
      CatTo(out, "  关键项未达标 Key item failed: ", text(table.items[i].name_zh), " ",
            text(table.items[i].id), " ", r.items[i].points.ToString(), " < ",
            table.items[i].pass.ToString(), "\n");
    }
  } else {
    out += "下一等级 Next grade: 无（已是最高等级）none (highest grade reached)\n";
  }
  out += "按评价方法 By method:";
  for (size_t m = 0; m < kScoreMethodCount; ++m) {
    CatTo(out, " ", kScoreMethodNamesZh[m], " ", kScoreMethodNames[m], " ",
          r.by_method[m].points.ToString(), "/", r.by_method[m].max.ToString(), ";");
  }
  out += "\n";
  const std::vector<ScoreNote> notes = ScoreNotes(rb, r);
  if (!notes.empty()) {
    out += "\n说明 Notes:\n";
    for (const ScoreNote& note : notes) {
      CatTo(out, "  - ", text(note.zh), "\n    ", text(note.en), "\n");
    }
  }
  return out;
}

}  // namespace sqp::internal
