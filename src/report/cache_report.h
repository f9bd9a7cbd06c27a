#pragma once
// `pacts cache stats`: what the selector cache holds (entries per tier) and how it has done (hit rate overall
// and per tier, errors, latency percentiles from the histograms), over every run recorded in the local store.
#include <map>
#include <string>
#include <vector>

#include "store/records.h"

namespace pacts {

struct CacheReport {
  std::map<std::string, int64_t> entries;  // per tier; -1 when the tier could not be reached
  std::vector<CacheStatsRow> totals;       // per tier, and "all"
};

std::string cache_report_text(const CacheReport& report);
std::string cache_report_json(const CacheReport& report);

}  // namespace pacts
