#include "discovery/query.h"

#include "core/text.h"
#include "discovery/match.h"
#include "discovery/scope.h"
#include "discovery/selectors.h"

namespace pacts {

namespace {

// "results" -> "result", "video" -> "videos": a kind is written either way.
std::string other_number(const std::string& w) {
  return w.size() > 3 && w.back() == 's' ? w.substr(0, w.size() - 1) : w + "s";
}

}  // namespace

SnapshotQuery query_for(const LocateRequest& req) {
  const Target& t = req.target;
  SnapshotQuery q;
  if (t.kind == TargetKind::Kind) {
    q.roles = {t.role_hint.empty() ? std::string("link") : t.role_hint};
    auto kind_words = words_of(t.text);
    if (!kind_words.empty()) q.named = {kind_words.back(), other_number(kind_words.back())};
    for (const auto& w : kind_words) {
      q.within.push_back(w);
      q.within.push_back(other_number(w));
    }
  } else {
    auto words = words_of(t.text);
    for (const auto& w : words)
      if (w.size() >= 2 || words.size() == 1) q.words.push_back(w);
    // Test ids and names are written as slugs: "add-to-cart", "firstName" -> also look for "firstname".
    for (const auto& w : words) q.compact += w;
  }
  if (t.within && (starts_with_ci(*t.within, "css:") || starts_with_ci(*t.within, "xpath:"))) {
    q.within_selector = selector_of_override(*t.within);
  } else if (t.within) {
    ScopeSpec scope = parse_scope(*t.within);
    for (auto& w : words_of(scope.name)) q.within.push_back(w);
    if (!scope.kind.empty()) q.within.push_back(scope.kind);
  }
  if (t.context) q.context = *t.context;
  return q;
}

}  // namespace pacts
