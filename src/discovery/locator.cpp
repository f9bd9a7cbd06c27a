#include "discovery/locator.h"

#include <algorithm>

#include "discovery/match.h"
#include "discovery/name_sources.h"
#include "discovery/query.h"

namespace pacts {

LocateResult locate_once(PageAgent& agent, const LocateRequest& request, const LocateOptions& options, Millis timeout) {
  Snapshot snap = agent.snapshot(query_for(request), timeout);
  LocateResult res = rank(snap, request, options);
  res.page_ms = snap.page_ms;
  res.attempts = 1;
  return res;
}

LocateResult locate(PageAgent& agent, const LocateRequest& request, const LocateOptions& options, Deadline deadline) {
  LocateResult last;
  last.message = "the page navigated while PACTS looked at it";
  int attempts = 0;
  double page_ms = 0;
  auto final_answer = poll_until(agent.page(), deadline, kDiscoveryPause, [&]() -> std::optional<LocateResult> {
    ++attempts;
    last = locate_once(agent, request, options, std::max(left_until(deadline), Millis(1000)));
    page_ms += last.page_ms;
    if (last.status == LocateStatus::Found) return last;
    // Ambiguity on a quiet page will not resolve itself: fail now rather than wait for the deadline.
    if (last.status == LocateStatus::Ambiguous && !agent.page().loading()) return last;
    return std::nullopt;
  });
  LocateResult res = final_answer ? *final_answer : last;
  res.attempts = attempts;
  res.page_ms = page_ms;
  return res;
}

std::vector<ScoredCandidate> visible_matches(PageAgent& agent, const std::string& target, const std::string& role_hint,
                                             double min_quality, Millis timeout) {
  SnapshotQuery q;
  q.words = words_of(target);
  for (const auto& w : q.words) q.compact += w;
  Snapshot snap = agent.snapshot(q, timeout);
  std::vector<ScoredCandidate> out;
  for (const auto& c : snap.candidates) {
    if (!c.visible || !role_matches_hint(c, role_hint)) continue;
    auto q = check_name_quality(c, target);
    if (q.score >= min_quality) out.push_back({c, q.score, q.source});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

}  // namespace pacts
