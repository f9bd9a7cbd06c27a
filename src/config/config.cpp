#include "config/config.h"

#include "core/url.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <charconv>
#include <cmath>
#include <variant>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/error.h"
#include "core/secret.h"
#include "core/text.h"

extern char** environ;

namespace pacts {

namespace {

using Value = std::variant<int64_t, bool, std::string, double, std::vector<std::string>>;
enum class Type { Int, Bool, String, Double, StringList };

const char* type_name(Type t) {
  switch (t) {
    case Type::Int: return "an integer";
    case Type::Bool: return "a boolean (true or false)";
    case Type::String: return "a string";
    case Type::Double: return "a number";
    case Type::StringList: return "an array of strings";
  }
  return "?";
}

// One configuration key: its type and how to check and store a value. `set` returns an error text for an
// impossible value, or an empty string.
struct Field {
  std::string section;
  std::string key;
  Type type;
  std::function<std::string(Config&, const Value&)> set;
  bool number_as_text = false;  // a String that may also be written as a whole number (run.workers = 4)
};

Field int_field(std::string section, std::string key, std::function<int&(Config&)> ref, int64_t min, int64_t max) {
  return {section, key, Type::Int, [ref, min, max](Config& c, const Value& v) -> std::string {
            int64_t n = std::get<int64_t>(v);
            if (n < min || n > max) return fmt::format("must be between {} and {}, got {}", min, max, n);
            ref(c) = static_cast<int>(n);
            return {};
          }};
}

Field bool_field(std::string section, std::string key, std::function<bool&(Config&)> ref) {
  return {section, key, Type::Bool, [ref](Config& c, const Value& v) -> std::string {
            ref(c) = std::get<bool>(v);
            return {};
          }};
}

Field string_field(std::string section, std::string key, std::function<std::string&(Config&)> ref,
                   std::function<std::string(const std::string&)> check = {}) {
  return {section, key, Type::String, [ref, check](Config& c, const Value& v) -> std::string {
            const auto& s = std::get<std::string>(v);
            if (check) {
              if (auto err = check(s); !err.empty()) return err;
            }
            ref(c) = s;
            return {};
          }};
}

std::string check_url_scheme(const std::string& s, std::initializer_list<const char*> schemes) {
  if (s.empty()) return {};
  for (const char* scheme : schemes)
    if (starts_with_ci(s, scheme)) return {};
  std::string list;
  for (const char* scheme : schemes) list += (list.empty() ? "" : ", ") + std::string(scheme);
  return fmt::format("must start with {} (or be empty to leave the tier out), got '{}'", list, redact_url(s));
}

std::string check_not_empty(const std::string& s) { return s.empty() ? "must not be empty" : std::string(); }

const std::vector<Field>& fields() {
  static const std::vector<Field> all = {
      string_field("store", "path", [](Config& c) -> std::string& { return c.store.path; }, check_not_empty),
      int_field("store", "busy_timeout_ms", [](Config& c) -> int& { return c.store.busy_timeout_ms; }, 0, 600000),
      int_field("store", "keep_days", [](Config& c) -> int& { return c.store.keep_days; }, 0, 36500),

      string_field("browser", "executable", [](Config& c) -> std::string& { return c.browser.executable; },
                   check_not_empty),
      string_field("browser", "ws_url", [](Config& c) -> std::string& { return c.browser.ws_url; },
                   [](const std::string& s) { return check_url_scheme(s, {"ws://", "wss://"}); }),
      string_field("browser", "grid_url", [](Config& c) -> std::string& { return c.browser.grid_url; },
                   [](const std::string& s) { return check_url_scheme(s, {"http://"}); }),
      string_field("browser", "grid_chromium", [](Config& c) -> std::string& { return c.browser.grid_chromium; },
                   check_not_empty),
      int_field("browser", "grid_timeout_ms", [](Config& c) -> int& { return c.browser.grid_timeout_ms; }, 1000,
                3600000),
      bool_field("browser", "headless", [](Config& c) -> bool& { return c.browser.headless; }),
      int_field("browser", "launch_timeout_ms", [](Config& c) -> int& { return c.browser.launch_timeout_ms; }, 1000,
                600000),
      int_field("browser", "window_width", [](Config& c) -> int& { return c.browser.window_width; }, 200, 10000),
      int_field("browser", "window_height", [](Config& c) -> int& { return c.browser.window_height; }, 200, 10000),
      {"browser", "extra_args", Type::StringList,
       [](Config& c, const Value& v) -> std::string {
         c.browser.extra_args = std::get<std::vector<std::string>>(v);
         for (const auto& a : c.browser.extra_args)
           if (a.rfind("--", 0) != 0) return fmt::format("each argument must start with --, got '{}'", a);
         return {};
       }},

      int_field("run", "step_timeout_ms", [](Config& c) -> int& { return c.run.step_timeout_ms; }, 100, 3600000),
      int_field("run", "navigation_timeout_ms", [](Config& c) -> int& { return c.run.navigation_timeout_ms; }, 100,
                3600000),
      int_field("run", "assertion_timeout_ms", [](Config& c) -> int& { return c.run.assertion_timeout_ms; }, 0,
                3600000),
      int_field("run", "settle_quiet_ms", [](Config& c) -> int& { return c.run.settle_quiet_ms; }, 0, 10000),
      int_field("run", "settle_timeout_ms", [](Config& c) -> int& { return c.run.settle_timeout_ms; }, 0, 600000),
      int_field("run", "manual_timeout_ms", [](Config& c) -> int& { return c.run.manual_timeout_ms; }, 0, 86400000),
      string_field("run", "manual_signal_file", [](Config& c) -> std::string& { return c.run.manual_signal_file; },
                   check_not_empty),
      string_field("run", "artifacts_dir", [](Config& c) -> std::string& { return c.run.artifacts_dir; },
                   check_not_empty),
      string_field("run", "screenshots", [](Config& c) -> std::string& { return c.run.screenshots; },
                   [](const std::string& s) -> std::string {
                     if (s == "all" || s == "failures" || s == "off") return {};
                     return fmt::format("must be one of all, failures, off; got '{}'", s);
                   }),
      {"run", "ambiguity_margin", Type::Double,
       [](Config& c, const Value& v) -> std::string {
         double d = std::get<double>(v);
         if (d < 0.0 || d >= 1.0) return fmt::format("must be at least 0 and below 1, got {}", d);
         c.run.ambiguity_margin = d;
         return {};
       }},
      {"run", "heal_synonyms", Type::StringList,
       [](Config& c, const Value& v) -> std::string {
         c.run.heal_synonyms = std::get<std::vector<std::string>>(v);
         for (const auto& group : c.run.heal_synonyms)
           if (group.find('|') == std::string::npos)
             return fmt::format("each entry names two names or more, separated by '|', got '{}'", group);
         return {};
       }},

      int_field("run", "retries", [](Config& c) -> int& { return c.run.retries; }, 0, 10),
      bool_field("run", "fail_on_flaky", [](Config& c) -> bool& { return c.run.fail_on_flaky; }),
      {"run", "workers", Type::String,
       [](Config& c, const Value& v) -> std::string {
         const auto& s = std::get<std::string>(v);
         if (s == "auto") {
           c.run.workers = 0;
           return {};
         }
         int n = 0;
         auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
         // At most 16: one browser each, and the signal handler kills at most 16 browsers' process groups.
         if (ec != std::errc() || end != s.data() + s.size() || n < 1 || n > 16)
           return fmt::format("must be auto or a whole number from 1 to 16, got '{}'", s);
         c.run.workers = n;
         return {};
       },
       true},

      bool_field("cache", "enabled", [](Config& c) -> bool& { return c.cache.enabled; }),
      bool_field("cache", "single_flight", [](Config& c) -> bool& { return c.cache.single_flight; }),
      int_field("cache", "flight_ttl_ms", [](Config& c) -> int& { return c.cache.flight_ttl_ms; }, 100, 600000),

      string_field("redis", "url", [](Config& c) -> std::string& { return c.redis.url; },
                   [](const std::string& s) { return check_url_scheme(s, {"redis://", "unix://", "/"}); }),
      string_field("redis", "key_prefix", [](Config& c) -> std::string& { return c.redis.key_prefix; },
                   [](const std::string& s) -> std::string {
                     if (s.empty()) return "must not be empty: it keeps teams and projects apart";
                     if (s.find_first_of(" \t\r\n") != std::string::npos) return "must not contain spaces";
                     return {};
                   }),
      int_field("redis", "ttl_s", [](Config& c) -> int& { return c.redis.ttl_s; }, 1, 365 * 86400),
      int_field("redis", "connect_timeout_ms", [](Config& c) -> int& { return c.redis.connect_timeout_ms; }, 1, 60000),
      int_field("redis", "command_timeout_ms", [](Config& c) -> int& { return c.redis.command_timeout_ms; }, 1, 60000),
      int_field("redis", "backoff_ms", [](Config& c) -> int& { return c.redis.backoff_ms; }, 0, 3600000),

      string_field("postgres", "url", [](Config& c) -> std::string& { return c.postgres.url; },
                   [](const std::string& s) { return check_url_scheme(s, {"postgresql://", "postgres://"}); }),
      int_field("postgres", "connect_timeout_ms", [](Config& c) -> int& { return c.postgres.connect_timeout_ms; }, 1,
                60000),
      int_field("postgres", "command_timeout_ms", [](Config& c) -> int& { return c.postgres.command_timeout_ms; }, 1,
                60000),
      int_field("postgres", "backoff_ms", [](Config& c) -> int& { return c.postgres.backoff_ms; }, 0, 3600000),

      string_field("sync", "device_name", [](Config& c) -> std::string& { return c.sync.device_name; }),
      int_field("sync", "batch_size", [](Config& c) -> int& { return c.sync.batch_size; }, 1, 100000),
      int_field("sync", "keep_pushed_days", [](Config& c) -> int& { return c.sync.keep_pushed_days; }, 0, 3650),
      int_field("sync", "interval_s", [](Config& c) -> int& { return c.sync.interval_s; }, 1, 7 * 86400),
      int_field("sync", "max_backoff_s", [](Config& c) -> int& { return c.sync.max_backoff_s; }, 1, 86400),
      int_field("sync", "connect_timeout_ms", [](Config& c) -> int& { return c.sync.connect_timeout_ms; }, 100,
                600000),
      int_field("sync", "statement_timeout_ms", [](Config& c) -> int& { return c.sync.statement_timeout_ms; }, 100,
                3600000),

      {"macros", "files", Type::StringList,
       [](Config& c, const Value& v) -> std::string {
         c.macros.files = std::get<std::vector<std::string>>(v);
         return {};
       }},

      string_field("report", "json", [](Config& c) -> std::string& { return c.report.json; }),
      string_field("report", "html_dir", [](Config& c) -> std::string& { return c.report.html_dir; }),
      {"report", "hit_rate_alert", Type::Double,
       [](Config& c, const Value& v) -> std::string {
         double d = std::get<double>(v);
         if (d < 0.0 || d > 1.0) return fmt::format("must be between 0 and 1, got {}", d);
         c.report.hit_rate_alert = d;
         return {};
       }},
      string_field("report", "color", [](Config& c) -> std::string& { return c.report.color; },
                   [](const std::string& s) -> std::string {
                     if (s == "auto" || s == "always" || s == "never") return {};
                     return fmt::format("must be one of auto, always, never; got '{}'", s);
                   }),
      string_field("report", "reporter", [](Config& c) -> std::string& { return c.report.reporter; },
                   [](const std::string& s) -> std::string {
                     if (s == "auto" || s == "live" || s == "line" || s == "dot") return {};
                     return fmt::format("must be one of auto, live, line, dot; got '{}'", s);
                   }),
  };
  return all;
}

const Field* find_field(const std::string& section, const std::string& key) {
  for (const auto& f : fields())
    if (f.section == section && f.key == key) return &f;
  return nullptr;
}

bool known_section(const std::string& section) {
  for (const auto& f : fields())
    if (f.section == section) return true;
  return false;
}

std::string known_keys(const std::string& section) {
  std::string out;
  for (const auto& f : fields())
    if (f.section == section) out += (out.empty() ? "" : ", ") + f.key;
  return out;
}

std::string known_sections() {
  std::string out = "pages";
  std::string last;
  for (const auto& f : fields()) {
    if (f.section == last) continue;
    last = f.section;
    out += (out.empty() ? "" : ", ") + f.section;
  }
  return out;
}

// "@env:NAME" -> the variable's value; anything else unchanged.
std::string expand_env(const std::string& s, const std::map<std::string, std::string>& env, const std::string& where) {
  if (s.rfind("@env:", 0) != 0) return s;
  std::string name = s.substr(5);
  auto it = env.find(name);
  if (it == env.end()) throw_bad_input(fmt::format("{}: environment variable {} is not set", where, name));
  remember_secret(it->second);  // masked wherever it could be echoed (a URL in a warning, an error text)
  return it->second;
}

void apply(Config& config, const Field& field, const Value& value, const std::string& where) {
  if (auto err = field.set(config, value); !err.empty())
    throw_bad_input(fmt::format("{}: {}.{} {}", where, field.section, field.key, err));
}

Value from_toml(const toml::node& node, const Field& field, const std::string& where,
                const std::map<std::string, std::string>& env) {
  auto wrong = [&]() -> Value {
    throw_bad_input(
        fmt::format("{}: {}.{} must be {}", where, field.section, field.key, type_name(field.type)));
  };
  switch (field.type) {
    case Type::Int:
      if (auto v = node.value_exact<int64_t>()) return *v;
      return wrong();
    case Type::Bool:
      if (auto v = node.value_exact<bool>()) return *v;
      return wrong();
    case Type::Double:
      if (auto v = node.value_exact<double>()) {
        // nan and inf are valid TOML, and would switch a comparison off (a margin of nan accepts anything).
        if (!std::isfinite(*v))
          throw_bad_input(fmt::format("{}: {}.{} must be a finite number, got {}", where, field.section, field.key, *v));
        return *v;
      }
      if (auto v = node.value_exact<int64_t>()) return static_cast<double>(*v);
      return wrong();
    case Type::String:
      if (auto v = node.value_exact<std::string>()) return expand_env(*v, env, where);
      if (auto v = node.value_exact<int64_t>(); v && field.number_as_text) return std::to_string(*v);
      return wrong();
    case Type::StringList: {
      const auto* arr = node.as_array();
      if (!arr) return wrong();
      std::vector<std::string> out;
      for (const auto& el : *arr) {
        auto v = el.value_exact<std::string>();
        if (!v) return wrong();
        out.push_back(expand_env(*v, env, where));
      }
      return out;
    }
  }
  return wrong();
}

// A value given as text (an environment variable, a command-line option); `var` names where it came from.
Value from_text(const std::string& text, const Field& field, const std::string& var,
                const std::map<std::string, std::string>& env) {
  auto wrong = [&]() -> Value {
    throw_bad_input(fmt::format("{} (for {}.{}) must be {}, got '{}'", var, field.section, field.key,
                                field.type == Type::Double ? "a finite number" : type_name(field.type), text));
  };
  switch (field.type) {
    case Type::Int: {
      try {
        size_t used = 0;
        long long n = std::stoll(text, &used);
        if (used != text.size()) return wrong();
        return static_cast<int64_t>(n);
      } catch (const std::exception&) {
        return wrong();
      }
    }
    case Type::Double: {
      try {
        size_t used = 0;
        double d = std::stod(text, &used);
        if (used != text.size() || !std::isfinite(d)) return wrong();
        return d;
      } catch (const std::exception&) {
        return wrong();
      }
    }
    case Type::Bool: {
      std::string t = to_lower(text);
      if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
      if (t == "false" || t == "0" || t == "no" || t == "off") return false;
      return wrong();
    }
    case Type::String:
      return expand_env(text, env, var);
    case Type::StringList: {
      std::vector<std::string> out;
      for (auto& part : split(text, ','))
        if (auto t = trim(part); !t.empty()) out.push_back(t);
      return out;
    }
  }
  return wrong();
}

std::string env_name(const Field& f) {
  std::string name = "PACTS_" + f.section + "_" + f.key;
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// Variables of the project's own scripts and tools, not configuration keys.
bool tool_variable(const std::string& name) {
  for (const char* v : {"PACTS_CONFIG", "PACTS_BUILD_TYPE", "PACTS_MATERIAL_CACHE", "PACTS_BIN", "PACTS_AGENT_JS",
                        "PACTS_JSON_DIR"})
    if (name == v) return true;
  return false;
}

void apply_environment(Config& config, const std::map<std::string, std::string>& env) {
  for (const auto& f : fields()) {
    std::string var = env_name(f);
    auto it = env.find(var);
    if (it == env.end()) continue;
    apply(config, f, from_text(it->second, f, "environment variable " + var, env), "environment variable " + var);
  }
  // A misspelled override would silently do nothing: say so, with the nearest known name.
  for (auto it = env.lower_bound("PACTS_"); it != env.end() && it->first.rfind("PACTS_", 0) == 0; ++it) {
    const std::string& name = it->first;
    bool known = tool_variable(name);
    std::string nearest;
    size_t best = std::string::npos;
    for (const auto& f : fields()) {
      std::string known_name = env_name(f);
      if (known_name == name) known = true;
      size_t d = levenshtein(name, known_name);
      if (d < best) best = d, nearest = known_name;
    }
    if (!known)
      config.warnings.push_back(fmt::format("environment variable {} is not a PACTS setting and is ignored{}", name,
                                            best <= 4 ? fmt::format(" (did you mean {}?)", nearest) : ""));
  }
}

// The credentials in the tiers' URLs are secrets too: masked if a driver's message ever quotes them.
void remember_credentials(const Config& config) {
  for (const auto* url : {&config.redis.url, &config.postgres.url})
    for (const auto& c : credentials_in(*url)) {
      remember_secret(c);
      remember_secret(percent_decode(c));
    }
}

// [pages]: name = "path"; names are matched as testers write them, case aside ("New User Registration").
void read_pages(Config& config, const toml::node& node, const std::string& where, const std::string& source_name) {
  const auto* table = node.as_table();
  if (!table) throw_bad_input(fmt::format("{}: pages must be a table ([pages])", where));
  for (const auto& [key, value] : *table) {
    std::string at = fmt::format("{}:{}", source_name, value.source().begin.line);
    auto path = value.value_exact<std::string>();
    if (!path || path->empty())
      throw_bad_input(fmt::format("{}: pages.{} must be a path or a URL, e.g. \"/login\"", at, key.str()));
    config.pages[collapse_spaces(to_lower(key.str()))] = *path;
  }
}

// Macro files are named relative to the config file.
void resolve_macro_files(Config& config) {
  auto dir = std::filesystem::path(config.source).parent_path();
  for (auto& f : config.macros.files)
    if (std::filesystem::path(f).is_relative() && !dir.empty()) f = (dir / f).string();
}

}  // namespace

Config parse_config(const std::string& toml_text, const std::string& source_name,
                    const std::map<std::string, std::string>& env) {
  Config config;
  config.source = source_name;
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    throw_bad_input(fmt::format("{}:{}: invalid TOML: {}", source_name, e.source().begin.line, e.description()));
  }
  for (const auto& [section_key, section_node] : root) {
    std::string section(section_key.str());
    std::string where = fmt::format("{}:{}", source_name, section_node.source().begin.line);
    if (section == "pages") {
      read_pages(config, section_node, where, source_name);
      continue;
    }
    if (!known_section(section))
      throw_bad_input(fmt::format("{}: unknown section [{}] (known: {})", where, section, known_sections()));
    const auto* table = section_node.as_table();
    if (!table) throw_bad_input(fmt::format("{}: {} must be a table ([{}])", where, section, section));
    for (const auto& [key, node] : *table) {
      std::string k(key.str());
      std::string at = fmt::format("{}:{}", source_name, node.source().begin.line);
      const Field* field = find_field(section, k);
      if (!field)
        throw_bad_input(
            fmt::format("{}: unknown key {}.{} (known in [{}]: {})", at, section, k, section, known_keys(section)));
      apply(config, *field, from_toml(node, *field, at, env), at);
    }
  }
  apply_environment(config, env);
  remember_credentials(config);
  resolve_macro_files(config);
  return config;
}

Config load_config(const std::optional<std::string>& explicit_path, const std::map<std::string, std::string>& env) {
  std::optional<std::string> path = explicit_path;
  if (!path) {
    if (auto it = env.find("PACTS_CONFIG"); it != env.end() && !it->second.empty()) path = it->second;
  }
  if (!path && std::filesystem::exists("config.toml")) path = "config.toml";
  if (!path) {
    Config config;
    config.source = "(defaults)";
    apply_environment(config, env);
    remember_credentials(config);
    return config;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(*path, ec))
    throw_bad_input(fmt::format("the config file {} is a folder; give a .toml file", *path));
  std::ifstream in(*path, std::ios::binary);
  if (!in) throw_bad_input(fmt::format("cannot read config file {}", *path));
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_config(buf.str(), *path, env);
}

void set_config_value(Config& config, const std::string& section, const std::string& key, const std::string& text,
                      const std::string& given_as) {
  const Field* field = find_field(section, key);
  if (!field) throw Error(ErrorKind::Internal, fmt::format("no config key {}.{}", section, key));
  apply(config, *field, from_text(text, *field, given_as, {}), given_as);
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}


}  // namespace pacts
