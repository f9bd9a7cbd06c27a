// JSON suites in upstream's format: {req_id, url | suite_meta.url, testcases:[{tc_id, title, url, steps,
// assertions, data}]}. Every data row is its own test, with {{var}} bound from the row.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "core/url.h"
#include "plan/loader.h"
#include "plan/sentence.h"

namespace pacts {

namespace {

using nlohmann::json;

std::optional<std::string> string_field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return std::nullopt;
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// The documented schema (docs/json-suite.schema.json): the keys each kind of object may have. A key not listed
// is an error naming the nearest known one: a misspelled "outcom" or "assertion" would otherwise be ignored,
// and a test would pass with nothing checked.
struct ObjectSchema {
  const char* kind;
  std::vector<const char*> keys;
};
const ObjectSchema kSuiteKeys{"suite", {"req_id", "url", "suite_meta", "testcases", "description"}};
const ObjectSchema kSuiteMetaKeys{"suite_meta", {"app", "area", "priority", "description", "url"}};
const ObjectSchema kTestcaseKeys{
    "testcase", {"tc_id", "id", "title", "name", "url", "priority", "description", "steps", "assertions", "data"}};
const ObjectSchema kStepKeys{"step", {"id", "action", "target", "value", "outcome", "within", "context", "ordinal"}};
const ObjectSchema kAssertionKeys{"assertion", {"id", "type", "target", "value", "text"}};

std::string nearest_key(const std::string& key, const ObjectSchema& schema) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const char* k : schema.keys) {
    size_t d = levenshtein(to_lower(key), k);
    if (d < best_d) best_d = d, best = k;
  }
  return best_d <= std::max<size_t>(2, key.size() / 3) ? best : std::string();
}

int line_of_byte(const std::string& content, size_t byte) {
  int line = 1;
  for (size_t i = 0; i < content.size() && i < byte; ++i)
    if (content[i] == '\n') ++line;
  return line;
}

// An element check names an element (its target); every other check a text (its value).
void set_subject(Assertion& a, const std::string& text) {
  if (names_element(a.type)) {
    a.target.text = text;
    classify_override(a.target);
  } else {
    a.value = text;
  }
}

// Step outcomes ("navigates_to:/orders") become assertions checked after that step.
bool outcome_assertion(const std::string& outcome, Assertion& a, std::string& err) {
  auto colon = outcome.find(':');
  std::string kind = to_lower(trim(outcome.substr(0, colon)));
  std::string arg = colon == std::string::npos ? "" : trim(outcome.substr(colon + 1));
  if (kind == "field_populated") return false;  // the fill itself checks the field's value
  if (arg.empty()) {
    err = fmt::format("outcome '{}' needs a value after ':'", outcome);
    return false;
  }
  if (kind == "page_contains_text" || kind == "text_visible" || kind == "button_text_changes") {
    a.type = AssertionType::TextVisible;
  } else if (kind == "element_visible") {
    a.type = AssertionType::ElementVisible;
  } else if (kind == "element_hidden") {
    a.type = AssertionType::ElementHidden;
  } else if (kind == "title_contains") {
    a.type = AssertionType::TitleContains;
  } else if (kind == "url_contains") {
    a.type = AssertionType::UrlContains;
  } else if (kind == "navigates_to") {
    // A path or URL is checked against the address; a page name against the page's text.
    bool path_like = arg.find('/') != std::string::npos || arg.find('.') != std::string::npos;
    a.type = path_like ? AssertionType::UrlContains : AssertionType::TextVisible;
  } else {
    err = fmt::format("unknown outcome '{}' (known: page_contains_text, element_visible, element_hidden, "
                      "navigates_to, title_contains, url_contains, button_text_changes, field_populated)",
                      kind);
    return false;
  }
  set_subject(a, arg);
  return true;
}

std::optional<AssertionType> assertion_type(const std::string& type) {
  std::string t = to_lower(type);
  if (t == "page_contains_text" || t == "text_visible" || t == "contains_text") return AssertionType::TextVisible;
  if (t == "element_visible") return AssertionType::ElementVisible;
  if (t == "element_hidden" || t == "element_not_visible") return AssertionType::ElementHidden;
  if (t == "title_contains") return AssertionType::TitleContains;
  if (t == "url_contains") return AssertionType::UrlContains;
  return std::nullopt;
}

// Reads one suite document into tests, appending every problem to `errors` with its JSON path.
class SuiteReader {
 public:
  SuiteReader(const std::string& file, const LoadOptions& options, std::vector<PlanError>& errors)
      : file_(file), options_(options), errors_(errors) {}

  std::vector<Test> read(const json& doc) {
    std::vector<Test> tests;
    // A JSON test has no tags: under --tags it is read only when the expression holds for no tags.
    if (options_.tags && !options_.tags->matches({})) return tests;
    if (!doc.is_object() || !doc.contains("testcases") || !doc["testcases"].is_array()) {
      err("(top level)", "a suite is an object with a \"testcases\" array",
          "{\"req_id\": \"...\", \"url\": \"/\", \"testcases\": [{\"title\": \"...\", \"steps\": [...]}]}");
      return tests;
    }
    // Unknown keys are reported, and reading goes on, so that every problem of a file is said at once.
    check_keys(doc, "", kSuiteKeys);
    if (doc.contains("suite_meta") && doc["suite_meta"].is_object()) check_keys(doc["suite_meta"], "suite_meta", kSuiteMetaKeys);
    suite_url_ = string_field(doc, "url").value_or("");
    if (suite_url_.empty() && doc.contains("suite_meta") && doc["suite_meta"].is_object())
      suite_url_ = string_field(doc["suite_meta"], "url").value_or("");
    req_id_ = string_field(doc, "req_id").value_or("");
    const auto& cases = doc["testcases"];
    for (size_t ci = 0; ci < cases.size(); ++ci) read_testcase(cases[ci], fmt::format("testcases[{}]", ci), ci, tests);
    return tests;
  }

 private:
  void err(const std::string& where, const std::string& msg, const std::string& hint = {}) {
    errors_.push_back({file_, 0, where, {}, msg, hint});
  }

  // Unknown keys, and known ones of the wrong type (a target that is an object, steps that are not a list).
  void check_keys(const json& obj, const std::string& where, const ObjectSchema& schema) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      const std::string path = where.empty() ? key : where + "." + key;
      bool known = false;
      for (const char* k : schema.keys) known = known || key == k;
      if (!known) {
        std::string nearest = nearest_key(key, schema);
        std::string known_list;
        for (const char* k : schema.keys) known_list += (known_list.empty() ? "" : ", ") + std::string(k);
        err(path,
            fmt::format("unknown key \"{}\" in a {}{}", key, schema.kind,
                        nearest.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", nearest)),
            "known keys: " + known_list);
        continue;
      }
      const json& v = it.value();
      bool container = key == "testcases" || key == "steps" || key == "assertions" || key == "data";
      if (container && !v.is_array()) err(path, fmt::format("\"{}\" must be a list", key));
      else if (key == "suite_meta" && !v.is_object()) err(path, "\"suite_meta\" must be an object");
      else if (!container && key != "suite_meta" && key != "ordinal" && !(v.is_string() || v.is_number() || v.is_null()))
        err(path, fmt::format("\"{}\" must be a string", key));
    }
  }

  // One testcase: its steps and assertions, then one test per data row.
  void read_testcase(const json& tc, const std::string& where, size_t ci, std::vector<Test>& tests) {
    if (!tc.is_object()) return err(where, "a testcase is an object");
    check_keys(tc, where, kTestcaseKeys);
    Test base;
    base.file = file_;
    std::string tc_id = string_field(tc, "tc_id").value_or(string_field(tc, "id").value_or(""));
    base.name = string_field(tc, "title").value_or(string_field(tc, "name").value_or(tc_id));
    if (base.name.empty()) base.name = req_id_.empty() ? fmt::format("testcase {}", ci + 1) : req_id_;
    base.url = string_field(tc, "url").value_or(suite_url_);
    base.priority = string_field(tc, "priority").value_or("");

    const json empty_array = json::array();
    const json& steps = tc.contains("steps") && tc["steps"].is_array() ? tc["steps"] : empty_array;
    if (steps.empty())
      return err(where, fmt::format("test '{}' has no steps", base.name),
                 "\"steps\": [{\"action\": \"click\", \"target\": \"Save\"}]");
    size_t errors_before = errors_.size();
    for (size_t si = 0; si < steps.size(); ++si) read_step(steps[si], fmt::format("{}.steps[{}]", where, si), base);
    if (tc.contains("assertions") && tc["assertions"].is_array()) {
      const auto& as = tc["assertions"];
      for (size_t ai = 0; ai < as.size(); ++ai) read_assertion(as[ai], fmt::format("{}.assertions[{}]", where, ai), base);
    }
    if (errors_.size() != errors_before) return;
    if (base.url.empty() && base.steps.front().action != Action::Goto)
      return err(where, fmt::format("test '{}' has no url", base.name), "\"url\": \"/path\" on the suite or the testcase");
    bind_rows(tc, where, base, tests);
  }

  // The step's action, with upstream's ways of saying navigate, wait and manual.
  bool read_action(const json& js, const std::string& where, Step& s, const std::optional<std::string>& target,
                   const std::optional<std::string>& value) {
    std::string action_text = to_lower(string_field(js, "action").value_or("click"));
    if (action_text == "navigate" || action_text == "goto" || action_text == "go" || action_text == "open") {
      s.action = Action::Goto;
      s.value = value ? value : target;
      s.target = Target{};
      if (!s.value) err(where, "navigate needs a URL in \"value\"");
      return s.value.has_value();
    }
    if (action_text == "wait") {
      std::string v = to_lower(value.value_or(""));
      bool manual = v == "manual" || v == "human";
      s.action = manual ? Action::Manual : Action::Wait;
      s.value = manual ? string_field(js, "outcome").value_or("manual step") : (target ? target : value);
      s.target = Target{};
      return true;
    }
    // Every action of a step that has a target and a value; a drag (two targets) and a refused sentence are not
    // written in JSON.
    if (auto a = action_from_name(action_text); a && *a != Action::Manual && *a != Action::Unclear && *a != Action::Drag) {
      s.action = *a;
      return true;
    }
    err(where, fmt::format("unknown action '{}'", action_text),
        "navigate, fill, type, click, press, select, check, uncheck, hover, wait");
    return false;
  }

  // A press without a target goes to the last filled field; the key must be one PACTS knows.
  bool read_press(const std::string& where, Step& s, const Test& base) {
    std::string key = s.clear_value("Enter");
    auto r = parse_step_sentence("Press " + key, {});
    if (r.error || r.steps.empty() || r.steps[0].action != Action::Press) {
      err(where, fmt::format("unknown key '{}'", key), "Enter, Tab, Escape, ArrowDown, Control+A");
      return false;
    }
    s.value = r.steps[0].value;
    if (s.has_target()) return true;
    for (auto it = base.steps.rbegin(); it != base.steps.rend(); ++it)
      if (it->action == Action::Fill || it->action == Action::Type) {
        s.target.text = it->target.text;
        s.target.within = it->target.within;
        break;
      }
    return true;
  }

  void read_step(const json& js, const std::string& where, Test& base) {
    if (!js.is_object()) return err(where, "a step is an object");
    check_keys(js, where, kStepKeys);
    std::string sentence = js.dump();
    auto target = string_field(js, "target");
    if (target && target->empty()) target.reset();
    auto value = string_field(js, "value");
    Step s;
    s.file = file_;
    s.sentence = sentence;
    s.target.text = target.value_or("");
    s.value = value;
    s.target.within = string_field(js, "within");
    s.target.context = string_field(js, "context");
    if (js.contains("ordinal")) {
      const auto& o = js["ordinal"];
      if (!o.is_number_integer() || o.get<int64_t>() < -1 || o.get<int64_t>() == 0 || o.get<int64_t>() > 9999)
        return err(where, "\"ordinal\" must be a whole number from 1 to 9999, or -1 for the last");
      s.target.ordinal = o.get<int>();
    }
    if (!read_action(js, where, s, target, value)) return;
    if (s.action == Action::Click && s.value && !s.target.context) {
      s.target.context = s.value->clear();  // upstream: "Add to cart" with the product in value
      s.value.reset();
    }
    if (s.action == Action::Press && !read_press(where, s, base)) return;
    bool needs_target = s.action != Action::Goto && s.action != Action::Wait && s.action != Action::Manual &&
                        s.action != Action::Press && s.action != Action::Select && s.action != Action::Reload &&
                        s.action != Action::Back && s.action != Action::Forward && !is_dialog_action(s.action);
    if (needs_target && !s.has_target()) return err(where, fmt::format("{} needs a \"target\"", action_name(s.action)));
    if ((s.action == Action::Fill || s.action == Action::Type || s.action == Action::Select ||
         s.action == Action::SelectAlso) &&
        !s.value)
      return err(where, fmt::format("{} needs a \"value\"", action_name(s.action)));
    classify_override(s.target);
    base.steps.push_back(s);
    if (auto outcome = string_field(js, "outcome"); outcome && !outcome->empty() && s.action != Action::Manual) {
      Assertion a;
      std::string e;
      if (outcome_assertion(*outcome, a, e)) {
        a.file = file_;
        a.sentence = sentence;
        a.after_step = static_cast<int>(base.steps.size());
        base.assertions.push_back(a);
      } else if (!e.empty()) {
        err(where, e);
      }
    }
  }

  void read_assertion(const json& ja, const std::string& where, Test& base) {
    if (!ja.is_object()) return err(where, "an assertion is an object");
    check_keys(ja, where, kAssertionKeys);
    auto type = assertion_type(string_field(ja, "type").value_or("page_contains_text"));
    auto value = string_field(ja, "target");
    if (!value) value = string_field(ja, "value");
    if (!value) value = string_field(ja, "text");
    if (!type)
      return err(where, fmt::format("unknown assertion type '{}'", string_field(ja, "type").value_or("")),
                 "page_contains_text, element_visible, element_hidden, title_contains, url_contains");
    if (!value || value->empty()) return err(where, "an assertion needs a \"target\" (the text to check)");
    Assertion a;
    a.file = file_;
    a.sentence = ja.dump();
    a.type = *type;
    set_subject(a, *value);
    a.after_step = static_cast<int>(base.steps.size());
    base.assertions.push_back(a);
  }

  // One test per data row ("data": [{...}]), named "<title> [row <row_id>]", variables bound from the row.
  void bind_rows(const json& tc, const std::string& where, const Test& base, std::vector<Test>& tests) {
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> row_names;
    if (tc.contains("data") && tc["data"].is_array() && !tc["data"].empty()) {
      for (size_t ri = 0; ri < tc["data"].size(); ++ri) {
        const auto& row = tc["data"][ri];
        if (!row.is_object()) {
          err(fmt::format("{}.data[{}]", where, ri), "a data row is an object of variables");
          continue;
        }
        std::map<std::string, std::string> vars;
        for (auto it = row.begin(); it != row.end(); ++it) {
          if (it.value().is_structured())
            err(fmt::format("{}.data[{}].{}", where, ri, it.key()), "a variable's value is a string, number or boolean");
          vars[it.key()] = scalar_text(it.value());
        }
        std::string id = vars.count("row_id") ? vars["row_id"] : std::to_string(ri + 1);
        rows.push_back(std::move(vars));
        row_names.push_back(id);
      }
    } else {
      // No data of its own: --data rows, if any.
      for (auto& t : tests_for_rows(base, options_, errors_)) tests.push_back(std::move(t));
      return;
    }
    for (size_t ri = 0; ri < rows.size(); ++ri) {
      Test t = base;
      if (rows.size() > 1 || !row_names[ri].empty()) t.name = fmt::format("{} [row {}]", base.name, row_names[ri]);
      bind_test(t, rows[ri], options_, errors_);
      tests.push_back(std::move(t));
    }
  }

  const std::string& file_;
  const LoadOptions& options_;
  std::vector<PlanError>& errors_;
  std::string suite_url_;
  std::string req_id_;
};

}  // namespace

const std::map<std::string, std::vector<std::string>>& json_suite_keys() {
  static const auto all = [] {
    std::map<std::string, std::vector<std::string>> m;
    for (const auto* schema : {&kSuiteKeys, &kSuiteMetaKeys, &kTestcaseKeys, &kStepKeys, &kAssertionKeys})
      m[schema->kind] = std::vector<std::string>(schema->keys.begin(), schema->keys.end());
    return m;
  }();
  return all;
}

std::vector<Test> read_json_suite(const std::string& file, const std::string& content, const LoadOptions& options,
                                  std::vector<PlanError>& errors) {
  json doc;
  try {
    doc = json::parse(content);
  } catch (const json::parse_error& e) {
    errors.push_back({file, line_of_byte(content, e.byte), {}, {}, "invalid JSON: " + std::string(e.what()), {}});
    return {};
  } catch (const json::exception& e) {
    // A number too large for a double ("1e999") is not a parse_error and carries no position: find the
    // literal the message quotes.
    std::string what = e.what();
    int line = 0;
    if (auto a = what.find('\''), b = what.rfind('\''); a != std::string::npos && b > a)
      if (auto at = content.find(what.substr(a + 1, b - a - 1)); at != std::string::npos) line = line_of_byte(content, at);
    errors.push_back({file, line, {}, {}, "invalid JSON: " + what, "numbers must fit in a double"});
    return {};
  }
  return SuiteReader(file, options, errors).read(doc);
}

}  // namespace pacts
