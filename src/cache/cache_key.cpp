#include "cache/cache_key.h"

#include "core/secret.h"
#include "core/text.h"
#include "core/url.h"

namespace pacts {

SelectorKey selector_key_for(const std::string& page_url, const std::string& base_url, const std::string& action,
                             const Target& target) {
  SelectorKey k;
  // A URL that carries a secret (a token in its path or query) keys the cache by its masked form: the secret
  // never reaches a tier, and the key stays the same from run to run.
  k.url_pattern = url_pattern(mask_secrets(page_url), base_url);
  k.action = action;
  k.target = collapse_spaces(target.text);
  if (!target.role_hint.empty()) k.target += " [" + target.role_hint + "]";
  if (target.kind == TargetKind::Kind) k.target += " [kind]";
  k.scope = target.within.value_or("");
  k.ordinal = target.ordinal.value_or(0);
  k.context = target.context.value_or("");
  return k;
}

}  // namespace pacts
