#include "core/url.h"

#include <cctype>
#include <vector>

#include "core/text.h"

namespace pacts {

namespace {

bool is_scheme_char(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

size_t scheme_end(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':') return i > 0 ? i : std::string_view::npos;
    if (!is_scheme_char(s[i], i == 0)) return std::string_view::npos;
  }
  return std::string_view::npos;
}

std::string remove_dot_segments(const std::string& path) {
  std::vector<std::string> out;
  auto parts = split(path, '/');
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    bool last = i + 1 == parts.size();
    if (p == ".") {
      if (last) out.emplace_back();
    } else if (p == "..") {
      if (out.size() > 1) out.pop_back();
      if (last) out.emplace_back();
    } else {
      out.push_back(p);
    }
  }
  std::string joined = join(out, "/");
  if (joined.empty() || joined[0] != '/') joined.insert(joined.begin(), '/');
  return joined;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_uuid_text(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!is_hex(s[i])) {
      return false;
    }
  }
  return true;
}

std::string pattern_of_path(std::string_view path) {
  auto segments = split(path, '/');
  for (auto& seg : segments)
    if (is_variable_path_segment(seg)) seg = "*";
  std::string out = join(segments, "/");
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? "/" : out;
}

}  // namespace

std::string Url::origin() const {
  std::string o = scheme + "://" + host;
  if (!port.empty()) o += ":" + port;
  return o;
}

std::string Url::str() const {
  if (!hierarchical) return scheme + ":" + path;
  std::string s = origin() + path;
  if (!query.empty()) s += "?" + query;
  if (!fragment.empty()) s += "#" + fragment;
  return s;
}

std::optional<Url> parse_url(std::string_view s) {
  size_t colon = scheme_end(s);
  if (colon == std::string_view::npos) return std::nullopt;
  Url u;
  u.scheme = to_lower(s.substr(0, colon));
  std::string_view rest = s.substr(colon + 1);
  if (rest.substr(0, 2) != "//") {
    u.hierarchical = false;
    u.path = std::string(rest);
    return u;
  }
  rest.remove_prefix(2);
  size_t auth_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, auth_end);
  rest = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  size_t port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    u.port = std::string(authority.substr(port_colon + 1));
    authority = authority.substr(0, port_colon);
  }
  u.host = to_lower(authority);
  if ((u.scheme == "http" && u.port == "80") || (u.scheme == "https" && u.port == "443")) u.port.clear();
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  u.path = rest.empty() ? "/" : std::string(rest);
  return u;
}

bool is_absolute_url(std::string_view s) { return scheme_end(s) != std::string_view::npos && parse_url(s).has_value(); }

bool looks_like_url(std::string_view s) {
  if (s.empty() || s.find(' ') != std::string_view::npos) return false;
  if (starts_with_ci(s, "http://") || starts_with_ci(s, "https://") || starts_with_ci(s, "file://") ||
      starts_with_ci(s, "about:") || starts_with_ci(s, "data:"))
    return true;
  return s[0] == '/' || s.substr(0, 2) == "./" || s.substr(0, 3) == "../" || starts_with_ci(s, "www.");
}

std::string resolve_url(std::string_view base, std::string_view ref) {
  if (is_absolute_url(ref)) return std::string(ref);
  if (starts_with_ci(ref, "www.")) return "https://" + std::string(ref);
  auto b = parse_url(base);
  if (!b || !b->hierarchical) return std::string(ref);
  Url u = *b;
  if (ref.substr(0, 2) == "//") return u.scheme + ":" + std::string(ref);
  u.fragment.clear();
  if (ref.empty()) return u.str();
  if (ref[0] == '#') {
    u.fragment = std::string(ref.substr(1));
    return u.str();
  }
  u.query.clear();
  std::string r(ref);
  if (auto hash = r.find('#'); hash != std::string::npos) {
    u.fragment = r.substr(hash + 1);
    r.resize(hash);
  }
  if (auto q = r.find('?'); q != std::string::npos) {
    u.query = r.substr(q + 1);
    r.resize(q);
  }
  if (r.empty()) return u.str();  // "?q" keeps the path
  if (r[0] == '/') {
    u.path = remove_dot_segments(r);
  } else {
    std::string dir = u.path.substr(0, u.path.rfind('/') + 1);
    u.path = remove_dot_segments(dir + r);
  }
  return u.str();
}

bool is_variable_path_segment(std::string_view seg) {
  if (seg.empty()) return false;
  if (is_all_digits(seg)) return true;
  if (is_uuid_text(seg)) return true;
  size_t digits = 0, letters = 0, others = 0;
  bool all_hex = true;
  for (char c : seg) {
    if (c >= '0' && c <= '9') ++digits;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
    else ++others;
    if (!is_hex(c)) all_hex = false;
  }
  // Hashes and object ids: long hex with at least one digit ("5f2a9c1e", "a94a8fe5ccb19ba6").
  if (all_hex && seg.size() >= 8 && digits > 0) return true;
  // Dates and times: digits with separators only ("2024-01-31", "12:30").
  if (letters == 0 && digits >= 2) return true;
  // Record ids and tokens: long, dense in digits ("006Dn000004GxYzIAK", "aZ9x0Qk3Lm2").
  bool token_chars = true;
  for (char c : seg)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
      token_chars = false;
  if (token_chars && seg.size() >= 10 && digits >= 3 && digits * 4 >= seg.size()) return true;
  return false;
}

std::string url_pattern(std::string_view url, std::string_view base_url) {
  auto u = parse_url(url);
  if (!u) return std::string(url);
  if (!u->hierarchical) return u->scheme + ":" + (u->scheme == "about" ? u->path : std::string("*"));
  std::string route;
  if (u->fragment.size() > 1 && (u->fragment[0] == '/' || u->fragment.substr(0, 2) == "!/")) {
    std::string frag = u->fragment;
    if (auto q = frag.find('?'); q != std::string::npos) frag.resize(q);
    route = "#" + pattern_of_path(frag);
  }
  std::string path = pattern_of_path(u->path);
  if (!base_url.empty()) {
    if (auto b = parse_url(base_url); b && b->hierarchical && b->origin() == u->origin()) {
      std::string base_path = b->path;
      if (base_path.size() > 1 && base_path.back() == '/') base_path.pop_back();
      if (base_path == "/") return "{base}" + path + route;
      if (u->path == base_path || u->path.rfind(base_path + "/", 0) == 0)
        return "{base}" + pattern_of_path(u->path.substr(base_path.size()).empty() ? "/" : u->path.substr(base_path.size())) + route;
    }
  }
  return u->origin() + path + route;
}

namespace {

// Query parameters and conninfo keywords whose value is a credential (libpq's password and sslpassword,
// and the usual names of tokens in URLs).
bool credential_key(std::string_view key) {
  std::string k = to_lower(trim(key));
  for (const char* c : {"password", "passwd", "pwd", "pass", "sslpassword", "secret", "token", "access_token",
                        "auth", "apikey", "api_key", "key", "sslkey"})
    if (k == c) return true;
  return false;
}

// Replaces credentials with *** and collects what it replaced.
class Redactor {
 public:
  explicit Redactor(std::vector<std::string>* found) : found_(found) {}

  std::string hide(std::string_view credential) {
    if (found_ && !credential.empty()) found_->emplace_back(credential);
    return "***";
  }

  // "a=1&password=x" -> "a=1&password=***"
  std::string query(std::string_view q) {
    std::string out;
    for (size_t start = 0;;) {
      size_t amp = q.find('&', start);
      std::string_view pair = q.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
      if (start > 0) out += '&';
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && credential_key(pair.substr(0, eq)))
        out += std::string(pair.substr(0, eq + 1)) + hide(pair.substr(eq + 1));
      else
        out += pair;
      if (amp == std::string_view::npos) return out;
      start = amp + 1;
    }
  }

  // libpq's keyword/value form: "host=h password='a b' user=u" -> "host=h password=*** user=u".
  std::string conninfo(std::string_view s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      if (std::isspace(static_cast<unsigned char>(s[i]))) {
        out += s[i++];
        continue;
      }
      size_t eq = s.find('=', i);
      if (eq == std::string_view::npos) {
        out += s.substr(i);
        break;
      }
      size_t v = eq + 1;
      while (v < s.size() && std::isspace(static_cast<unsigned char>(s[v]))) ++v;
      size_t end = value_end(s, v);
      out += s.substr(i, v - i);
      out += credential_key(s.substr(i, eq - i)) ? hide(unquoted(s.substr(v, end - v))) : std::string(s.substr(v, end - v));
      i = end;
    }
    return out;
  }

  std::string url(const std::string& u, size_t colon) {
    size_t auth_start = colon + 3;
    size_t auth_end = u.find_first_of("/?#", auth_start);
    if (auth_end == std::string::npos) auth_end = u.size();
    std::string out = u.substr(0, auth_start);
    std::string authority = u.substr(auth_start, auth_end - auth_start);
    // The user info ends at the last '@' of the authority: a password may itself contain '@'.
    if (auto at = authority.rfind('@'); at != std::string::npos) {
      std::string userinfo = authority.substr(0, at);
      auto pw = userinfo.find(':');
      out += (pw == std::string::npos ? userinfo : userinfo.substr(0, pw + 1) + hide(userinfo.substr(pw + 1))) +
             authority.substr(at);
    } else {
      out += authority;
    }
    std::string rest = u.substr(auth_end);
    size_t q = rest.find('?');
    if (q == std::string::npos) return out + rest;
    size_t hash = rest.find('#', q);
    std::string qs = rest.substr(q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
    return out + rest.substr(0, q + 1) + query(qs) + (hash == std::string::npos ? "" : rest.substr(hash));
  }

 private:
  static size_t value_end(std::string_view s, size_t v) {
    size_t end = v;
    if (end < s.size() && s[end] == '\'') {
      for (++end; end < s.size() && s[end] != '\''; ++end)
        if (s[end] == '\\') ++end;
      return end < s.size() ? end + 1 : end;
    }
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    return end;
  }
  static std::string_view unquoted(std::string_view v) {
    return v.size() >= 2 && v.front() == '\'' && v.back() == '\'' ? v.substr(1, v.size() - 2) : v;
  }

  std::vector<std::string>* found_;
};

std::string redact(const std::string& text, std::vector<std::string>* found) {
  Redactor r(found);
  size_t colon = scheme_end(text);
  if (colon != std::string::npos && text.compare(colon, 3, "://") == 0) return r.url(text, colon);
  // Not a URL: a conninfo string ("host=... password=..."), or text we do not understand.
  return text.find('=') != std::string::npos ? r.conninfo(text) : text;
}

}  // namespace

std::string redact_url(const std::string& url) { return redact(url, nullptr); }

std::vector<std::string> credentials_in(const std::string& url) {
  std::vector<std::string> found;
  redact(url, &found);
  return found;
}

}  // namespace pacts
