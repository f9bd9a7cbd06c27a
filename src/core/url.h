#pragma once
// URLs as PACTS needs them: parse, resolve a relative URL against a base, and reduce a page URL to the
// pattern that keys the selector cache.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pacts {

struct Url {
  std::string scheme;    // lower case, without ':'
  std::string host;      // lower case; empty for about:, data:, file:
  std::string port;      // empty when absent
  std::string path;      // starts with '/' for hierarchical URLs
  std::string query;     // without '?'
  std::string fragment;  // without '#'
  bool hierarchical = true;  // false for about:blank, data:..., where path holds the rest

  std::string origin() const;  // "http://127.0.0.1:8080"
  std::string str() const;
};

// nullopt when s is not an absolute URL with a scheme.
std::optional<Url> parse_url(std::string_view s);
bool is_absolute_url(std::string_view s);
// Looks like something to navigate to: an absolute URL, or a path starting with '/', './' or '../'.
bool looks_like_url(std::string_view s);
// Resolves ref (absolute, "//host/x", "/x", "x", "?q", "#f") against an absolute base.
std::string resolve_url(std::string_view base, std::string_view ref);

// The cache key's view of a page: scheme, host and port, and the path with its variable segments (numbers,
// UUIDs, hashes, record ids, dates) replaced by '*'; no query; the fragment only when it is a client-side route
// ("#/orders/17" -> "#/orders/*"). When the URL lies under base_url (the run's --serve or --base-url), that
// prefix becomes "{base}", so a suite served on an ephemeral port, or run against staging and then locally,
// keeps one set of cache entries.
std::string url_pattern(std::string_view url, std::string_view base_url = {});
bool is_variable_path_segment(std::string_view segment);

// A connection URL for logs and messages, parsed (not searched): the password of the user info (which may
// itself contain '@': the user info ends at the authority's last '@') and the values of credential query
// parameters (password, sslpassword, token, ...) become ***. libpq's keyword/value form ("host=h password=x")
// is redacted the same way. "redis://:s@cr@et@host:6379/0?password=x" -> "redis://:***@host:6379/0?password=***".
std::string redact_url(const std::string& url);
// The credentials redact_url hides (passwords, tokens), so that they can be remembered as secrets.
std::vector<std::string> credentials_in(const std::string& url);

}  // namespace pacts
