#pragma once
// `pacts heal stats`: the heal history per page (URL pattern) and strategy, this device's and the team's as
// last pulled, with the order the next heal on that page would try the strategies in (heal/order.h).
#include <string>
#include <vector>

#include "store/records.h"

namespace pacts {

// rows: Store::heal_stats_by_page().
std::string heal_report_text(const std::vector<HealStatsRow>& rows);
std::string heal_report_json(const std::vector<HealStatsRow>& rows);

}  // namespace pacts
