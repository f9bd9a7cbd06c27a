#include "heal/fingerprint.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace pacts {

using nlohmann::json;

// What a person reads (the name, the text, the text beside it) and what a developer wrote to identify the
// element (id, name attribute, test id) weigh most; how it is styled and nested weighs least, since releases
// change that freely. Similo's weights (Nass et al. 2023) with the name split out of the visible text.
const std::vector<FingerprintFeature> kFingerprintFeatures = {
    {"tag", 1.5, Compare::Exact},
    {"role", 1.0, Compare::Exact},
    {"name", 3.0, Compare::Text},
    {"text", 2.0, Compare::Text},
    {"neighbour_text", 1.5, Compare::Text},
    {"label", 1.0, Compare::Text},
    {"id", 1.5, Compare::Text},
    {"attr:name", 1.5, Compare::Text},
    {"attr:data-testid", 2.0, Compare::Text},
    {"attr:data-test", 2.0, Compare::Text},
    {"attr:data-qa", 2.0, Compare::Text},
    {"attr:data-cy", 2.0, Compare::Text},
    {"attr:data-test-id", 2.0, Compare::Text},
    {"attr:placeholder", 1.0, Compare::Text},
    {"attr:aria-label", 1.0, Compare::Text},
    {"attr:href", 0.5, Compare::Text},
    {"attr:type", 0.5, Compare::Exact},
    {"classes", 0.5, Compare::Words},
    {"path", 0.5, Compare::Text},
    {"box", 0.5, Compare::Size},
};

namespace {

constexpr double kTypoLevel = 0.8;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Words of a text or an identifier: "saveButton", "save-button" and "Save button" give {save, button}.
std::set<std::string> word_set(const std::string& s) {
  std::set<std::string> out;
  std::string cur;
  for (char c : to_lower(split_camel_case(s))) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      cur += c;
    } else if (!cur.empty()) {
      out.insert(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.insert(cur);
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return double(common) / double(a.size() + b.size() - common);
}

// The feature's value in a print, as text ("" when absent); the box and classes are handled apart.
std::string feature_text(const Fingerprint& f, const std::string& feature) {
  if (feature == "tag") return f.tag;
  if (feature == "role") return f.role;
  if (feature == "name") return f.name;
  if (feature == "text") return f.text;
  if (feature == "neighbour_text") return f.neighbour_text;
  if (feature == "label") return f.label;
  if (feature == "id") return f.id;
  if (feature == "path") return f.path;
  if (feature == "classes") return join(f.classes, " ");
  if (feature.rfind("attr:", 0) == 0) {
    auto it = f.attributes.find(feature.substr(5));
    return it == f.attributes.end() ? std::string() : it->second;
  }
  return {};
}

double size_similarity(const Fingerprint& a, const Fingerprint& b) {
  auto ratio = [](double x, double y) {
    if (x <= 0 && y <= 0) return 1.0;
    return std::min(x, y) / std::max(x, y);
  };
  return ratio(a.width, b.width) * ratio(a.height, b.height);
}

bool holds_value_as_text(const Fingerprint& f) {
  static const std::set<std::string> roles = {"combobox", "textbox", "searchbox", "listbox", "spinbutton", "slider"};
  return f.valid && (roles.count(f.role) || f.tag == "select" || f.tag == "textarea");
}

struct Scored {
  std::string feature;
  double weight = 0;
  double similarity = 0;
};

// Every feature present in either print, with its weight and similarity.
std::vector<Scored> score_features(const Fingerprint& then, const Fingerprint& now) {
  std::vector<Scored> out;
  auto add = [&](const std::string& feature, double weight, Compare how) {
    if (how == Compare::Size) {
      if (then.width < 0 && now.width < 0) return;
      double s = then.width < 0 || now.width < 0 ? 0 : size_similarity(then, now);
      out.push_back({feature, weight, s});
      return;
    }
    std::string a = feature_text(then, feature), b = feature_text(now, feature);
    if (a.empty() && b.empty()) return;
    double s = 0;
    if (!a.empty() && !b.empty()) {
      switch (how) {
        case Compare::Exact: s = a == b ? 1 : 0; break;
        case Compare::Text: s = text_similarity(a, b); break;
        case Compare::Words: s = jaccard(word_set(a), word_set(b)); break;
        case Compare::Size: break;
      }
    }
    out.push_back({feature, weight, s});
  };
  // The text inside a control that holds a value (a combobox's chips, a list box's choice) is that value,
  // which steps change: it says nothing about which element this is.
  bool holds_value = holds_value_as_text(then) || holds_value_as_text(now);
  std::set<std::string> named;
  for (const auto& f : kFingerprintFeatures) {
    if (holds_value && std::string(f.name) == "text") continue;
    add(f.name, f.weight, f.compare);
    named.insert(f.name);
  }
  std::set<std::string> others;
  for (const auto* print : {&then, &now})
    for (const auto& [k, v] : print->attributes)
      if (!named.count("attr:" + k)) others.insert("attr:" + k);
  for (const auto& k : others) add(k, kOtherAttributeWeight, Compare::Exact);
  return out;
}

}  // namespace

Fingerprint parse_fingerprint(const std::string& json_text) {
  Fingerprint f;
  json j = json::parse(json_text, nullptr, false);
  if (!j.is_object() || j.contains("error") || !j.contains("tag")) return f;
  f.valid = true;
  f.tag = str(j, "tag");
  f.role = str(j, "role");
  f.name = str(j, "name");
  f.id = str(j, "id");
  f.text = str(j, "text");
  f.label = str(j, "label");
  f.neighbour_text = str(j, "neighbour_text");
  f.path = str(j, "path");
  if (auto c = j.find("classes"); c != j.end() && c->is_array())
    for (const auto& v : *c)
      if (v.is_string()) f.classes.push_back(v.get<std::string>());
  if (auto a = j.find("attributes"); a != j.end() && a->is_object())
    for (const auto& [k, v] : a->items())
      if (v.is_string()) f.attributes[k] = v.get<std::string>();
  if (auto b = j.find("box"); b != j.end() && b->is_array() && b->size() == 4 && (*b)[2].is_number() &&
                              (*b)[3].is_number()) {
    f.width = (*b)[2].get<double>();
    f.height = (*b)[3].get<double>();
  }
  return f;
}

double text_similarity(const std::string& a, const std::string& b) {
  std::string x = to_lower(collapse_spaces(trim(a))), y = to_lower(collapse_spaces(trim(b)));
  if (x == y) return 1;
  if (x.empty() || y.empty()) return 0;
  // Character edits only at typo level: "First name" and "Last name" are 70 % the same letters and different
  // fields. Beyond that, the words they share.
  double edits = 1.0 - double(levenshtein(x, y)) / double(std::max(x.size(), y.size()));
  if (edits >= kTypoLevel) return edits;
  return jaccard(word_set(a), word_set(b));  // from the text as written: its camelCase marks word breaks
}

double fingerprint_similarity(const Fingerprint& then, const Fingerprint& now) {
  if (!then.valid || !now.valid) return 0;
  double sum = 0, weights = 0;
  for (const auto& s : score_features(then, now)) {
    sum += s.weight * s.similarity;
    weights += s.weight;
  }
  return weights > 0 ? sum / weights : 1;
}

const char* drift_verdict_name(DriftVerdict v) {
  switch (v) {
    case DriftVerdict::Same: return "same";
    case DriftVerdict::Cosmetic: return "cosmetic";
    case DriftVerdict::Drift: return "drift";
  }
  return "?";
}

DriftCheck check_drift(const Fingerprint& then, const Fingerprint& now, double threshold) {
  DriftCheck out;
  if (!then.valid) {
    out.verdict = now.valid ? DriftVerdict::Cosmetic : DriftVerdict::Same;
    return out;
  }
  if (!now.valid) {  // detached while we looked: not the element that was stored
    out.verdict = DriftVerdict::Drift;
    out.similarity = 0;
    return out;
  }
  double sum = 0, weights = 0;
  for (const auto& s : score_features(then, now)) {
    sum += s.weight * s.similarity;
    weights += s.weight;
    if (s.feature != "box" && s.similarity < 1) out.changed.push_back(s.feature);
  }
  out.similarity = weights > 0 ? sum / weights : 1;
  if (out.similarity < threshold) out.verdict = DriftVerdict::Drift;
  else if (!out.changed.empty()) out.verdict = DriftVerdict::Cosmetic;
  return out;
}

}  // namespace pacts
