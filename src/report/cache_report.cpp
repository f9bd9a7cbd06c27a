#include "report/cache_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cache/selector_cache.h"

namespace pacts {

using nlohmann::json;

namespace {

std::vector<int64_t> buckets(const CacheStatsRow& r) {
  json a = json::parse(r.histogram, nullptr, false);
  std::vector<int64_t> out;
  if (a.is_array())
    for (const auto& v : a) out.push_back(v.get<int64_t>());
  return out;
}

const CacheStatsRow* find(const CacheReport& r, const std::string& tier) {
  for (const auto& t : r.totals)
    if (t.tier == tier) return &t;
  return nullptr;
}

double rate(int64_t hits, int64_t lookups) { return lookups ? static_cast<double>(hits) / static_cast<double>(lookups) : 0.0; }

}  // namespace

std::string cache_report_text(const CacheReport& r) {
  std::string out = fmt::format("{:<9} {:>8} {:>9} {:>8} {:>9} {:>7} {:>10} {:>10}\n", "tier", "entries", "lookups",
                                "hits", "hit rate", "errors", "p50", "p99");
  for (const auto& [tier, n] : r.entries) {
    const CacheStatsRow* t = find(r, tier);
    std::string entries = n < 0 ? std::string("down") : std::to_string(n);
    if (!t) {
      out += fmt::format("{:<9} {:>8} {:>9}\n", tier, entries, "-");
      continue;
    }
    auto b = buckets(*t);
    out += fmt::format("{:<9} {:>8} {:>9} {:>8} {:>8.0f}% {:>7} {:>8.2f}ms {:>8.2f}ms\n", tier, entries, t->lookups,
                       t->hits, 100 * rate(t->hits, t->lookups), t->errors, histogram_percentile_ms(b, 50),
                       histogram_percentile_ms(b, 99));
  }
  if (const CacheStatsRow* all = find(r, "all")) {
    out += fmt::format(
        "over {} run{}: {} lookups, {} hits ({:.0f}%), {} misses, {} failed verifications, {} invalidations, {} "
        "discoveries\n",
        all->invocations, all->invocations == 1 ? "" : "s", all->lookups, all->hits, 100 * rate(all->hits, all->lookups),
        all->misses, all->verifications_failed, all->invalidations, all->discoveries);
  } else {
    out += "no run recorded yet\n";
  }
  out += "(p50/p99 are upper bounds of the latency bucket each falls in)\n";
  return out;
}

std::string cache_report_json(const CacheReport& r) {
  json tiers = json::object();
  for (const auto& [tier, n] : r.entries) {
    json t = {{"entries", n < 0 ? json(nullptr) : json(n)}, {"reachable", n >= 0}};
    if (const CacheStatsRow* s = find(r, tier)) {
      auto b = buckets(*s);
      t.update({{"lookups", s->lookups}, {"hits", s->hits}, {"hit_rate", rate(s->hits, s->lookups)},
                {"errors", s->errors}, {"skipped", s->skipped}, {"writes", s->writes}, {"time_ms", s->time_ms},
                {"p50_ms", histogram_percentile_ms(b, 50)}, {"p99_ms", histogram_percentile_ms(b, 99)},
                {"histogram", b}});
    }
    tiers[tier] = t;
  }
  std::vector<double> bounds(std::begin(kLatencyBucketsUs), std::end(kLatencyBucketsUs));
  json doc = {{"tiers", tiers}, {"histogram_bounds_us", bounds}};
  if (const CacheStatsRow* all = find(r, "all"))
    doc.update({{"runs", all->invocations}, {"lookups", all->lookups}, {"hits", all->hits},
                {"hit_rate", rate(all->hits, all->lookups)}, {"misses", all->misses},
                {"verifications_failed", all->verifications_failed}, {"invalidations", all->invalidations},
                {"discoveries", all->discoveries}});
  return doc.dump(2) + "\n";
}

}  // namespace pacts
