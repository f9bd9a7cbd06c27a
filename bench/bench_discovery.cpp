// Discovery time: one locate (one snapshot script in the page, ranking in C++), split into the page's share and
// the runner's. On generated pages of growing size (tests/pages/big.html?rows=N: 8 elements per row, the rows of
// a large admin page) and, when the test material is there, on the real component-library pages.
//
//   bench_discovery [ROUNDS] [MATERIAL_SITE]   (MATERIAL_SITE: the folder scripts/fetch-test-material.sh built,
//                                              build/material-site; the cases are in tests/reallibs/bench.txt)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "browser/browser.h"
#include "browser/page.h"
#include "discovery/locator.h"
#include "discovery/page_agent.h"
#include "serve/static_server.h"
#include "stats.h"

using namespace pacts;
using Clock = std::chrono::steady_clock;

namespace {

struct Case {
  std::string what;
  LocateRequest req;
};

LocateRequest request(Interaction i, const std::string& text, std::optional<int> ordinal = std::nullopt) {
  LocateRequest r;
  r.interaction = i;
  r.target.text = text;
  r.target.ordinal = ordinal;
  return r;
}

void measure(PageAgent& agent, const std::vector<Case>& cases, int rounds) {
  for (const auto& c : cases) {
    std::vector<double> total, in_page, runner;
    std::string result;
    for (int i = 0; i < rounds; ++i) {
      auto t0 = Clock::now();
      auto res = locate_once(agent, c.req, LocateOptions{}, Millis(30000));
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      total.push_back(ms);
      in_page.push_back(res.page_ms);
      runner.push_back(ms - res.page_ms);
      result = std::string(locate_status_name(res.status)) + " " + res.strategy;
    }
    std::printf("  %-44s %9.1f %9.1f %9.1f %9.1f  %s\n", c.what.c_str(), bench::percentile(total, 50),
                bench::percentile(total, 95), bench::percentile(in_page, 50), bench::percentile(runner, 50),
                result.c_str());
  }
}

bool open(Page& page, const std::string& url) {
  if (!page.navigate(url, Millis(60000)).ok) {
    std::printf("  cannot load %s\n", url.c_str());
    return false;
  }
  page.settle(Millis(100), Millis(5000));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 30;
  std::string material = argc > 2 ? argv[2] : "";
  StaticServer server(std::string(PACTS_SOURCE_DIR) + "/tests/pages");
  Browser browser{BrowserOptions{}};
  auto page = browser.new_page();
  PageAgent agent(*page);
  std::printf("discovery, %d rounds per case; times in ms\n", rounds);
  std::printf("  %-44s %9s %9s %9s %9s  %s\n", "case", "p50", "p95", "page p50", "C++ p50", "result");
  for (int rows : {125, 250, 1250, 2500}) {
    if (!open(*page, server.base_url() + "big.html?rows=" + std::to_string(rows))) return 1;
    int elements = std::stoi(page->evaluate("String(document.getElementsByTagName('*').length)", Millis(5000)));
    int interactive = std::stoi(page->evaluate("String(document.querySelectorAll('input,button,a,select').length)", Millis(5000)));
    std::printf("big.html?rows=%d: %d elements, %d interactive\n", rows, elements, interactive);
    int last = rows - 1;
    measure(agent,
            {{"click \"Publish all\" (unique)", request(Interaction::Click, "Publish all")},
             {"fill \"Field " + std::to_string(last * 2 / 3) + "\" (label)", request(Interaction::Fill, "Field " + std::to_string(last * 2 / 3))},
             {"click \"Edit " + std::to_string(last) + "\" (the last of its kind)", request(Interaction::Click, "Edit " + std::to_string(last))},
             {"click the " + std::to_string(rows * 4 / 5) + "th \"Edit\" (ordinal)", request(Interaction::Click, "Edit", rows * 4 / 5)}},
            rounds);
  }
  if (!material.empty()) {
    // One line per case in tests/reallibs/bench.txt: <page path> | <interaction> | <target>
    StaticServer site(material);
    FILE* f = std::fopen((std::string(PACTS_SOURCE_DIR) + "/tests/reallibs/bench.txt").c_str(), "r");
    char line[1024];
    std::string current;
    std::vector<Case> cases;
    auto flush = [&] {
      if (!current.empty() && open(*page, site.base_url() + current)) {
        std::printf("%s\n", current.c_str());
        measure(agent, cases, rounds);
      }
      cases.clear();
    };
    while (f && std::fgets(line, sizeof line, f)) {
      std::string l(line);
      while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
      auto a = l.find(" | "), b = l.rfind(" | ");
      if (l.empty() || l[0] == '#' || a == std::string::npos || a == b) continue;
      std::string path = l.substr(0, a), kind = l.substr(a + 3, b - a - 3), target = l.substr(b + 3);
      if (path != current) {
        flush();
        current = path;
      }
      Interaction i = kind == "fill" ? Interaction::Fill : kind == "select" ? Interaction::Select
                    : kind == "check" ? Interaction::Check : Interaction::Click;
      cases.push_back({kind + " \"" + target + "\"", request(i, target)});
    }
    flush();
    if (f) std::fclose(f);
  }
  std::printf("\n'page' is the snapshot script's own time in the page; 'C++' is transport, JSON and ranking.\n");
  return 0;
}
