#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "plan/loader.h"
#include "plan/shard.h"

using namespace pacts;

namespace {

Plan synthetic(int tests) {
  Plan p;
  for (int i = 0; i < tests; ++i) {
    Test t;
    t.file = "suite/file" + std::to_string(i % 5) + ".txt";
    t.name = "test " + std::to_string(i);
    p.tests.push_back(t);
  }
  return p;
}

std::string identity(const Test& t) { return t.file + "\n" + t.name; }

// How often each test of `plan` is run by the n shards together.
std::map<std::string, int> runs_per_test(const Plan& plan, int n) {
  std::map<std::string, int> runs;
  for (const auto& t : plan.tests) runs[identity(t)] = 0;
  for (int i = 1; i <= n; ++i)
    for (const auto& t : select_shard(plan, Shard{i, n}).tests) ++runs[identity(t)];
  return runs;
}

}  // namespace

TEST_CASE("the n shards of the bundled examples together run every test exactly once", "[shard]") {
  Plan plan = load_plan({PACTS_SOURCE_DIR "/examples/requirements", PACTS_SOURCE_DIR "/examples/features"}, LoadOptions{});
  REQUIRE(plan.tests.size() > 10);
  for (int n = 1; n <= 7; ++n) {
    auto runs = runs_per_test(plan, n);
    CHECK(runs.size() == plan.tests.size());
    for (const auto& [test, count] : runs) {
      INFO(n << " shards, " << test);
      CHECK(count == 1);
    }
  }
}

TEST_CASE("shards split by test identity, not by the order the files were read in, and keep sizes even", "[shard]") {
  Plan plan = synthetic(23);
  Plan reversed = plan;
  std::reverse(reversed.tests.begin(), reversed.tests.end());
  Plan dotted = plan;  // the same files named ./suite/...: one identity
  for (auto& t : dotted.tests) t.file = "./" + t.file;
  for (int i = 1; i <= 4; ++i) {
    std::set<std::string> a, b, c;
    for (const auto& t : select_shard(plan, {i, 4}).tests) a.insert(identity(t));
    for (const auto& t : select_shard(reversed, {i, 4}).tests) b.insert(identity(t));
    for (const auto& t : select_shard(dotted, {i, 4}).tests) c.insert(t.file.substr(2) + "\n" + t.name);
    CHECK(a == b);
    CHECK(a == c);
    CHECK((a.size() == 5 || a.size() == 6));  // 23 tests in 4 shards: 6, 6, 6, 5
  }
  // Within a shard the plan's order is kept.
  auto part = select_shard(plan, {2, 4}).tests;
  CHECK(std::is_sorted(part.begin(), part.end(), [](const Test& x, const Test& y) {
    return std::stoi(x.name.substr(5)) < std::stoi(y.name.substr(5));
  }));
}

TEST_CASE("the shard option reads i/n and refuses 0/3, 4/3, x, 1/0 and 1/3x naming the option", "[shard]") {
  CHECK(parse_shard("2/5").index == 2);
  CHECK(parse_shard("2/5").count == 5);
  CHECK(parse_shard("1/1").count == 1);
  for (const char* bad : {"0/3", "4/3", "x", "1/0", "1/3x", "/3", "2/", "-1/3", "", "1//3"}) {
    INFO(bad);
    try {
      parse_shard(bad, "--shard");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::BadInput);
      CHECK_THAT(e.what(), Catch::Contains("--shard wants i/n") && Catch::Contains(std::string("'") + bad + "'"));
    }
  }
}
