// Discovery on a page of 1,000 interactive elements (tests/pages/big.html): the time of one locate (one
// snapshot script in the page, scoring in C++), split into the page's share and the runner's.
#include <chrono>
#include <cstdio>
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

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 50;
  StaticServer server(std::string(PACTS_SOURCE_DIR) + "/tests/pages");
  Browser browser{BrowserOptions{}};
  auto page = browser.new_page();
  PageAgent agent(*page);
  if (!page->navigate(server.base_url() + "big.html", Millis(10000)).ok) return 1;
  page->settle(Millis(100), Millis(3000));
  int elements = std::stoi(page->evaluate("String(document.querySelectorAll('input,button,a,select').length)", Millis(5000)));

  struct Case {
    const char* what;
    LocateRequest req;
  };
  std::vector<Case> cases;
  {
    LocateRequest r;
    r.interaction = Interaction::Click;
    r.target.text = "Publish all";
    cases.push_back({"click \"Publish all\" (unique)", r});
    r.interaction = Interaction::Fill;
    r.target.text = "Field 137";
    cases.push_back({"fill \"Field 137\" (label)", r});
    r.interaction = Interaction::Click;
    r.target.text = "Edit";
    r.target.ordinal = 200;
    cases.push_back({"click the 200th \"Edit\" (ordinal)", r});
  }
  std::printf("discovery on %s: %d interactive elements, %d rounds per case\n\n", "tests/pages/big.html", elements, rounds);
  std::printf("%-36s %10s %10s %10s %10s %s\n", "case", "p50 ms", "p95 ms", "page p50", "C++ p50", "result");
  for (auto& c : cases) {
    std::vector<double> total, in_page, runner;
    std::string result;
    for (int i = 0; i < rounds; ++i) {
      auto t0 = Clock::now();
      auto res = locate_once(agent, c.req, LocateOptions{}, Millis(10000));
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      total.push_back(ms);
      in_page.push_back(res.page_ms);
      runner.push_back(ms - res.page_ms);
      result = std::string(locate_status_name(res.status)) + " " + res.strategy;
    }
    std::printf("%-36s %10.1f %10.1f %10.1f %10.1f %s\n", c.what, bench::percentile(total, 50), bench::percentile(total, 95),
                bench::percentile(in_page, 50), bench::percentile(runner, 50), result.c_str());
  }
  std::printf("\n'page' is the snapshot script's own time in the page; 'C++' is transport, JSON and scoring.\n");
  return 0;
}
