// Accessible names: the page agent's names (what discovery matches targets against) agree with Chromium's
// own accessibility tree on the W3C web-platform-tests accname cases in ../shared/conformance/accname.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "browser/page.h"
#include "discovery/page_agent.h"
#include "harness.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

// The WPT harness's normalisation: ASCII whitespace runs become one space, then trim.
std::string wpt_normalise(const std::string& s) {
  static const std::regex ws("[\\t\\n\\f\\r ]+");
  std::string out = std::regex_replace(s, ws, " ");
  size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  return b == std::string::npos ? "" : out.substr(b, e - b + 1);
}

}  // namespace

TEST_CASE("the agent's accessible names agree with Chromium's accessibility tree on the WPT accname cases", "[run]") {
  std::string dir = source_path("../shared/conformance/accname");
  REQUIRE(std::filesystem::is_directory(dir));  // the conformance pages ship beside the project
  StaticServer server(dir);
  std::vector<std::string> pages;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".html") pages.push_back(std::filesystem::relative(e.path(), dir).string());
  std::sort(pages.begin(), pages.end());

  int cases = 0, agree_chromium = 0, agree_wpt = 0, chromium_wpt = 0;
  std::vector<std::string> disagreements;
  for (const auto& rel : pages) {
    auto page = shared_browser().new_page();
    PageAgent agent(*page);
    auto nav = page->navigate(server.base_url() + rel, Millis(10000));
    REQUIRE(nav.ok);
    auto chromium = page->accessibility_names("[data-expectedlabel]");
    auto ours = nlohmann::json::parse(page->evaluate(
        "JSON.stringify(Array.from(document.querySelectorAll('[data-expectedlabel]')).map(e => "
        "[__pacts.accessibleName(e), e.getAttribute('data-expectedlabel'), e.getAttribute('data-testname') || '']))",
        Millis(10000)));
    REQUIRE(ours.size() == chromium.size());
    for (size_t i = 0; i < ours.size(); ++i) {
      std::string mine = wpt_normalise(ours[i][0].get<std::string>());
      std::string expected = wpt_normalise(ours[i][1].get<std::string>());
      std::string theirs = wpt_normalise(chromium[i]);
      ++cases;
      agree_chromium += mine == theirs;
      agree_wpt += mine == expected;
      chromium_wpt += theirs == expected;
      if (mine != theirs)
        disagreements.push_back(fmt::format("{}: {}: ours \"{}\", chromium \"{}\", wpt \"{}\"", rel,
                                            ours[i][2].get<std::string>(), mine, theirs, expected));
    }
  }
  double rate = 100.0 * agree_chromium / std::max(cases, 1);
  std::string summary = fmt::format("{} cases: agent = chromium {} ({:.1f}%), agent = wpt {}, chromium = wpt {}", cases,
                                    agree_chromium, rate, agree_wpt, chromium_wpt);
  std::string listing;
  for (const auto& d : disagreements) listing += "\n  " + d;
  WARN(summary << listing);
  CHECK(cases == 379);
  CHECK(agree_chromium >= 373);  // 98.4%; the rest are listed in the warning above
}
