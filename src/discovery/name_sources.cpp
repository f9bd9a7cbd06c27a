#include "discovery/name_sources.h"

#include <array>

#include "discovery/match.h"

namespace pacts {

namespace {

enum class Match { Text, Attribute };
enum class When { Always, NamedRole, ShortText, StableId, Unnamed };

struct NameSource {
  const char* name;
  std::string CandidateElement::*field;
  Match match;
  double weight;
  When when;
  bool checks;
};

constexpr double kRoleName = 0.91;

const std::array<NameSource, 16> kNameSources = {{
    {"testid", &CandidateElement::testid, Match::Attribute, 1.00, When::Always, true},
    {"aria_label", &CandidateElement::aria_label, Match::Text, 0.97, When::Always, true},
    {"aria_labelledby", &CandidateElement::labelledby, Match::Text, 0.97, When::Always, false},
    {"label", &CandidateElement::label, Match::Text, 0.95, When::Always, true},
    {"placeholder", &CandidateElement::placeholder, Match::Text, 0.93, When::Always, true},
    {"role_name", &CandidateElement::name, Match::Text, kRoleName, When::NamedRole, true},
    {"role_name", &CandidateElement::value, Match::Text, kRoleName, When::NamedRole, true},
    {"role_name", &CandidateElement::alt, Match::Text, kRoleName, When::NamedRole, true},
    {"title", &CandidateElement::title, Match::Text, kRoleName * 0.98, When::Always, false},
    {"name_attr", &CandidateElement::name_attr, Match::Attribute, 0.88, When::Always, false},
    {"text", &CandidateElement::own_text, Match::Text, 0.85, When::Always, true},
    {"text", &CandidateElement::text, Match::Text, 0.85 * 0.97, When::ShortText, true},
    {"id", &CandidateElement::id, Match::Attribute, 0.80, When::StableId, false},
    {"context_label", &CandidateElement::context_label, Match::Text, 0.80, When::Unnamed, false},
    {"row_header", &CandidateElement::row_header, Match::Text, 0.78, When::Unnamed, false},
    {"column_header", &CandidateElement::column_header, Match::Text, 0.72, When::Unnamed, false},
}};

bool named_role(const CandidateElement& c) {
  return c.interactive || c.role == "heading" || c.role == "img" || c.role == "tab" || c.role == "option";
}

bool short_enough(const CandidateElement& c, const std::string& target) {
  return c.text.size() <= target.size() * 3 + 20;
}

double quality(const NameSource& s, const CandidateElement& c, const std::string& target) {
  const std::string& value = c.*(s.field);
  if (value.empty()) return 0;
  return s.match == Match::Attribute ? attribute_match(target, value) : text_match(target, value);
}

}  // namespace

NameScore discovery_name_score(const CandidateElement& c, const std::string& target) {
  NameScore best;
  for (const auto& s : kNameSources) {
    if (s.when == When::NamedRole && !named_role(c)) continue;
    if (s.when == When::ShortText && !short_enough(c, target)) continue;
    if (s.when == When::StableId && looks_generated_id(c.id)) continue;
    if (s.when == When::Unnamed && !c.name.empty()) continue;
    double score = s.weight * quality(s, c, target);
    if (score > best.score) best = {score, s.name};
  }
  if (!c.interactive) best.score *= 0.8;
  if (c.tag == "label") best.score *= 0.9;
  return best;
}

NameScore check_name_quality(const CandidateElement& c, const std::string& target) {
  NameScore best;
  for (const auto& s : kNameSources) {
    if (!s.checks) continue;
    if (s.when == When::ShortText && !short_enough(c, target)) continue;
    double q = quality(s, c, target);
    if (q > best.score) best = {q, s.name};
  }
  return best;
}

}  // namespace pacts
