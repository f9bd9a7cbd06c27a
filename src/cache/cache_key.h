#pragma once
// The cache key of a step: what a selector is remembered for. The page's URL pattern (see url_pattern() in
// core/url.h), the action, the target as written with the kind of element it names ("the Login button" and
// "the Login link" are two entries), the scope, the ordinal and the context. Secrets never reach a key: the
// plan refuses them in targets, scopes and contexts, and a page URL that carries one is keyed by its masked
// form (see mask_secrets in core/secret.h).
#include <string>

#include "core/target.h"
#include "store/records.h"

namespace pacts {

// page_url: where the page is now; base_url: the run's --serve / --base-url (its prefix becomes "{base}").
SelectorKey selector_key_for(const std::string& page_url, const std::string& base_url, const std::string& action,
                             const Target& target);

}  // namespace pacts
