// The Gherkin corpus check: real .feature files from public projects (tests/data/gherkin, SOURCES.md), each step
// with its class and expected reading (expected.json). Runs `pacts plan --json` on the corpus, as a tester would,
// and compares every step line's reading with the expected one:
//   read right  every reading of the line (in every scenario and Examples row it is in) is the expected one
//   misread     PACTS read something else, or read a step that has no reading (a macro, data set-up, ...)
//   refused     PACTS refused the step (an "unclear" step with a message)
// Prints the figures and the lines behind them; fails unless there are at least 10 projects and 200 readable
// (ui) steps, at least 95 % of them read right, no misread, and every refusal says why.
//
// usage: gherkin_corpus PACTS_BINARY CORPUS_DIR [--list]
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

std::string slug(const std::string& page) {
  std::string s;
  for (char c : page) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return s;
}

// Every page name the expected readings use gets a path of its own, so that a reading of the wrong page shows.
std::map<std::string, std::string> pages_of(const json& expected) {
  std::map<std::string, std::string> pages;
  auto note = [&](const json& r) {
    if (r.is_object() && r.contains("page") && r["page"].get<std::string>().find('<') == std::string::npos)
      pages[r["page"].get<std::string>()] = "/pages/" + slug(r["page"].get<std::string>());
  };
  for (const auto& e : expected) {
    if (e.contains("reading")) note(e["reading"]);
    for (const char* k : {"readings", "rows"})
      if (e.contains(k))
        for (const auto& r : e[k]) note(r);
  }
  return pages;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

// The reading of one plan step or assertion, in expected.json's terms.
json reading_of_step(const json& s, const std::map<std::string, std::string>& pages) {
  json r = {{"action", s["action"]}};
  if (!s["target"].is_null()) r["target"] = s["target"];
  if (!s["value"].is_null()) r["value"] = s["value"];
  if (!s["within"].is_null()) r["within"] = s["within"];
  if (!s["context"].is_null()) r["context"] = s["context"];
  if (!s["ordinal"].is_null()) r["ordinal"] = s["ordinal"];
  if (s.contains("destination")) r["destination"] = s["destination"];
  if (s.contains("page")) {
    // A named page: the page, and a check that its path came from the [pages] table.
    auto it = pages.find(s["page"].get<std::string>());
    if (it == pages.end() || r.value("value", "") != it->second) r["page_path_mismatch"] = r.value("value", "");
    r.erase("value");
    r["page"] = s["page"];
  }
  return r;
}

json reading_of_assertion(const json& a, const std::map<std::string, std::string>& pages) {
  json r = {{"assert", a["type"]}};
  for (const char* k : {"target", "within", "count"})
    if (a.contains(k)) r[k] = a[k];
  std::string type = a["type"];
  bool has_value = !a["value"].get<std::string>().empty() || type == "field_equals";
  if (has_value) r["value"] = a["value"];
  if (a.contains("page")) {
    auto it = pages.find(a["page"].get<std::string>());
    if (it == pages.end() || a["value"] != it->second) r["page_path_mismatch"] = a["value"];
    r.erase("value");
    r["page"] = a["page"];
  }
  return r;
}

// "<name>" in an expected reading -> the Examples row's cell.
json substituted(json r, const json& example) {
  if (r.is_null() || !example.is_object()) return r;
  for (auto& [k, v] : r.items()) {
    if (!v.is_string()) continue;
    std::string s = v.get<std::string>();
    for (const auto& [col, cell] : example.items()) {
      std::string ph = "<" + col + ">";
      for (size_t at = s.find(ph); at != std::string::npos; at = s.find(ph, at + cell.get<std::string>().size()))
        s.replace(at, ph.size(), cell.get<std::string>());
    }
    if (k == "count") v = std::stoi(s);
    else v = s;
  }
  return r;
}

struct Occurrence {
  std::vector<json> readings;
  bool refused = false;
  std::string message;
  json example;
  int row = -1;  // index of the Examples row, from the test's name "... [Examples #N]"
};

int run_plan(const std::string& pacts, const fs::path& corpus, const fs::path& config, const fs::path& out) {
  std::string cmd = "'" + pacts + "' plan --quiet -c '" + config.string() + "' --json '" + out.string() + "' '" +
                    corpus.string() + "' > '" + (out.string() + ".stdout") + "' 2> '" + (out.string() + ".stderr") + "'";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: gherkin_corpus PACTS_BINARY CORPUS_DIR [--list]\n";
    return 2;
  }
  std::string pacts = argv[1];
  fs::path corpus = fs::absolute(argv[2]).lexically_normal();
  bool list = argc > 3 && std::string(argv[3]) == "--list";
  json expected = read_json(corpus / "expected.json");
  auto pages = pages_of(expected);

  fs::path tmp = fs::temp_directory_path() / ("pacts-corpus-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  {
    std::ofstream cfg(tmp / "config.toml");
    cfg << "[pages]\n";
    for (const auto& [name, path] : pages) cfg << toml_string(name) << " = " << toml_string(path) << "\n";
  }
  int code = run_plan(pacts, corpus, tmp / "config.toml", tmp / "plan.json");
  std::cout << "pacts plan --json on " << corpus.string() << " exited " << code << "\n";
  if (code != 0 && code != 2) {
    std::ifstream err(tmp / "plan.json.stderr");
    std::cout << err.rdbuf();
    return 1;
  }
  json plan = read_json(tmp / "plan.json");
  fs::remove_all(tmp);

  // Every line of every test: what PACTS read there.
  std::map<std::pair<std::string, int>, std::vector<Occurrence>> seen;
  std::regex row_re(R"(\[[^\]]*#(\d+)\]$)");
  for (const auto& t : plan["tests"]) {
    std::string file = fs::path(t["file"].get<std::string>()).lexically_relative(corpus).string();
    std::map<int, Occurrence> lines;
    json example = t.contains("example") ? t["example"] : json();
    std::smatch m;
    std::string name = t["name"];
    int row = std::regex_search(name, m, row_re) ? std::stoi(m[1]) - 1 : -1;
    for (const auto& s : t["steps"]) {
      Occurrence& o = lines[s["line"].get<int>()];
      if (s["action"] == "unclear") {
        o.refused = true;
        o.message = s.value("message", "");
      } else {
        o.readings.push_back(reading_of_step(s, pages));
      }
    }
    for (const auto& a : t["assertions"]) lines[a["line"].get<int>()].readings.push_back(reading_of_assertion(a, pages));
    for (auto& [line, o] : lines) {
      o.example = example;
      o.row = row;
      seen[{file, line}].push_back(std::move(o));
    }
  }

  std::set<std::string> projects;
  int steps = 0, ui = 0, right = 0, misread = 0, refused = 0, missing = 0, silent = 0, data_setup = 0, data_said = 0;
  std::ostringstream misreads, refusals, missings;
  for (const auto& e : expected) {
    std::string file = e["file"], cls = e["class"], text = e["text"];
    int line = e["line"];
    ++steps;
    projects.insert(file.substr(0, file.find('/')));
    if (cls == "ui") ++ui;
    if (cls == "data_setup") ++data_setup;
    auto it = seen.find({file, line});
    if (it == seen.end()) {
      ++missing;
      missings << "  " << file << ":" << line << "  " << text << "\n";
      continue;
    }
    bool all_right = true, any_misread = false, any_refused = false, said_data = false;
    std::string why;
    for (const auto& o : it->second) {
      json want;
      if (e.contains("rows")) want = o.row >= 0 && o.row < static_cast<int>(e["rows"].size()) ? e["rows"][o.row] : json();
      else if (e.contains("readings")) want = e["readings"];
      else want = e.value("reading", json());
      if (cls != "ui") want = json();
      if (want.is_object()) want = json::array({want});
      if (!want.is_null())
        for (auto& w : want) w = substituted(w, o.example);
      if (o.refused) {
        any_refused = true;
        all_right = false;
        if (o.message.empty()) ++silent;
        if (cls == "data_setup" && o.message.find("sets up data") != std::string::npos) said_data = true;
        why = o.message;
        if (!o.readings.empty()) any_misread = true;  // a table read partly
        continue;
      }
      json got = o.readings;
      if (want.is_null() || got != want) {
        all_right = false;
        any_misread = true;
        why = "expected " + (want.is_null() ? std::string("a refusal") : want.dump()) + ", read " + got.dump();
      }
    }
    if (said_data) ++data_said;
    if (any_misread) {
      ++misread;
      misreads << "  " << file << ":" << line << " [" << cls << "]  " << text << "\n      " << why << "\n";
    } else if (cls == "ui") {
      if (all_right) ++right;
      else if (any_refused) {
        ++refused;
        refusals << "  " << file << ":" << line << "  " << text << "\n      " << why << "\n";
      }
    }
  }
  double share = ui ? 100.0 * right / ui : 0;
  std::cout << "corpus: " << projects.size() << " projects, " << steps << " step lines, " << ui << " readable (ui)\n"
            << "read right: " << right << " of " << ui << " (" << std::fixed;
  std::cout.precision(1);
  std::cout << share << " %)\nmisreads:   " << misread << "\nrefused:    " << refused << " readable steps"
            << " (every other class refused too; data set-up said as such: " << data_said << " of " << data_setup
            << ")\nsilent refusals: " << silent << "\nnot in the plan: " << missing << "\n";
  if (misread) std::cout << "\nMISREADS\n" << misreads.str();
  if (missing) std::cout << "\nNOT IN THE PLAN\n" << missings.str();
  if (list || refused) std::cout << "\nREFUSED READABLE STEPS\n" << refusals.str();
  bool ok = projects.size() >= 10 && ui >= 200 && share >= 95.0 && misread == 0 && missing == 0 && silent == 0;
  std::cout << (ok ? "\nPASS" : "\nFAIL") << ": at least 10 projects, 200 readable steps, 95 % read right, no misread, "
            << "no silent refusal\n";
  return ok ? 0 : 1;
}
