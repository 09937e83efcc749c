// The bad-input catalogue (bad_inputs.json) read in C++: the same table and the same rules to
// build each input as tests/python/test_bad_inputs.py (the format is in the table's
// "description" and in docs/hardening.md).
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace sqp::hardening {

namespace bj = boost::json;

struct BadInput {
  std::string id;
  std::string op;  // an operation, or "rulebook-load"
  std::string input;
  std::string code;
  std::string path;
  std::string message_has;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string Pieces(const bj::value& spec) {
  if (const bj::array* list = spec.if_array()) {
    std::string out;
    for (const bj::value& p : *list) out += Pieces(p);
    return out;
  }
  if (const bj::string* s = spec.if_string()) return std::string(*s);
  const bj::object& o = spec.as_object();
  if (const bj::value* hex = o.if_contains("hex")) {
    const std::string_view h = hex->as_string();
    std::string out;
    for (size_t i = 0; i + 1 < h.size(); i += 2) {
      out += static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16));
    }
    return out;
  }
  if (const bj::value* r = o.if_contains("repeat")) {
    std::string out;
    const std::string_view unit = r->as_string();
    for (std::int64_t i = 0; i < o.at("times").as_int64(); ++i) out += unit;
    return out;
  }
  if (const bj::value* seq = o.if_contains("sequence")) {
    const std::string_view tmpl = seq->as_string();
    const bj::value* sep = o.if_contains("separator");
    std::string out;
    for (std::int64_t i = 0; i < o.at("count").as_int64(); ++i) {
      if (i > 0 && sep != nullptr) out += std::string_view(sep->as_string());
      std::string item(tmpl);
      const size_t at = item.find("{}");
      if (at != std::string::npos) item.replace(at, 2, std::to_string(i));
      out += item;
    }
    return out;
  }
  throw std::runtime_error("unknown piece " + bj::serialize(spec));
}

inline std::vector<std::string> PointerTokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  size_t i = 1;
  while (i <= pointer.size() && !pointer.empty()) {
    const size_t end = std::min(pointer.find('/', i), pointer.size());
    const std::string_view raw = pointer.substr(i, end - i);
    std::string t;
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~' && k + 1 < raw.size()) {
        t += raw[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        t += raw[k];
      }
    }
    tokens.push_back(std::move(t));
    i = end + 1;
  }
  return tokens;
}

// The parent of the value at `pointer`, and the last token.
inline std::pair<bj::value*, std::string> Parent(bj::value& doc, std::string_view pointer) {
  auto tokens = PointerTokens(pointer);
  bj::value* v = &doc;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    v = v->is_array() ? &v->as_array().at(std::stoul(tokens[i])) : &v->as_object().at(tokens[i]);
  }
  return {v, tokens.back()};
}

inline void SetAt(bj::value& doc, std::string_view pointer, const bj::value& value) {
  auto [parent, last] = Parent(doc, pointer);
  if (bj::array* a = parent->if_array()) {
    if (last == "-") a->push_back(value);
    else a->at(std::stoul(last)) = value;
  } else {
    parent->as_object()[last] = value;
  }
}

inline void RemoveAt(bj::value& doc, std::string_view pointer) {
  auto [parent, last] = Parent(doc, pointer);
  if (bj::array* a = parent->if_array()) {
    a->erase(a->begin() + static_cast<std::ptrdiff_t>(std::stoul(last)));
  } else {
    parent->as_object().erase(last);
  }
}

inline std::string Materialize(const bj::object& c, const std::string& source_dir) {
  std::string data;
  if (const bj::value* text = c.if_contains("text")) {
    data = Pieces(*text);
  } else {
    bj::value doc = bj::parse(ReadFile(source_dir + "/" + std::string(c.at("base").as_string())));
    if (const bj::value* remove = c.if_contains("remove")) {
      for (const bj::value& p : remove->as_array()) RemoveAt(doc, p.as_string());
    }
    if (const bj::value* set = c.if_contains("set")) {
      for (const auto& kv : set->as_object()) SetAt(doc, kv.key(), kv.value());
    }
    std::vector<std::string> raws;
    if (const bj::value* raw = c.if_contains("raw")) {
      for (const auto& kv : raw->as_object()) {
        SetAt(doc, kv.key(), bj::string("@@RAW" + std::to_string(raws.size()) + "@@"));
        raws.push_back(Pieces(kv.value()));
      }
    }
    data = bj::serialize(doc);
    for (size_t i = 0; i < raws.size(); ++i) {
      const std::string placeholder = "\"@@RAW" + std::to_string(i) + "@@\"";
      const size_t at = data.find(placeholder);
      if (at == std::string::npos) throw std::runtime_error("raw placeholder lost");
      data.replace(at, placeholder.size(), raws[i]);
    }
  }
  if (const bj::value* t = c.if_contains("truncate")) {
    const std::int64_t n = t->as_int64();
    data.resize(n >= 0 ? static_cast<size_t>(n) : data.size() - static_cast<size_t>(-n));
  }
  if (const bj::value* a = c.if_contains("append")) data += Pieces(*a);
  return data;
}

inline std::vector<BadInput> LoadCatalogue(const std::string& source_dir) {
  const bj::value table = bj::parse(ReadFile(source_dir + "/tests/hardening/bad_inputs.json"));
  if (table.at("schema") != "sqp.bad-inputs/1") throw std::runtime_error("not a catalogue");
  std::vector<BadInput> cases;
  for (const bj::value& v : table.at("cases").as_array()) {
    const bj::object& c = v.as_object();
    BadInput b;
    b.id = c.at("id").as_string();
    b.op = c.at("op").as_string();
    b.input = Materialize(c, source_dir);
    b.code = c.at("code").as_string();
    b.path = c.at("path").as_string();
    if (const bj::value* m = c.if_contains("message_has")) b.message_has = m->as_string();
    cases.push_back(std::move(b));
  }
  return cases;
}

}  // namespace sqp::hardening
