#include "serve/files.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <utility>

namespace pacts {

namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded ('+' stays: it means a space only in a query); nullopt for a malformed escape.
std::optional<std::string> percent_decoded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// Whether `p`, with every symlink on the way resolved, is root or lies under it.
bool inside(const std::string& root, const fs::path& p) {
  std::error_code ec;
  std::string real = fs::weakly_canonical(p, ec).string();
  if (ec) return false;
  return real == root || root == "/" || real.rfind(root + "/", 0) == 0;
}

}  // namespace

ServedPath resolve_request(const std::string& root, const std::string& target) {
  using Kind = ServedPath::Kind;
  auto q = target.find('?');
  std::string raw = target.substr(0, std::min(q, target.find('#')));
  std::string query = q == std::string::npos ? "" : target.substr(q);
  auto path = percent_decoded(raw);
  if (!path || path->empty() || path->front() != '/' || path->find('\0') != std::string::npos) return {Kind::BadRequest};
  fs::path p = fs::path(root) / fs::path(*path).relative_path();
  if (!inside(root, p)) return {Kind::Forbidden};
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    if (path->back() != '/') return {Kind::Redirect, "", raw + "/" + query};
    p /= "index.html";
    if (!inside(root, p)) return {Kind::Forbidden};
  }
  if (!fs::is_regular_file(p, ec)) return {Kind::NotFound};
  return {Kind::File, p.string()};
}

ServedPath resolve_request(const std::vector<std::string>& roots, const std::string& target) {
  ServedPath served;
  for (const auto& root : roots) {
    served = resolve_request(root, target);
    if (served.kind != ServedPath::Kind::NotFound) break;
  }
  return served;
}

const char* content_type(const std::string& file) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {"html", "text/html; charset=utf-8"},  {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},    {"json", "application/json"},
      {"map", "application/json"},           {"svg", "image/svg+xml"},
      {"png", "image/png"},                  {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},                {"gif", "image/gif"},
      {"webp", "image/webp"},                {"ico", "image/x-icon"},
      {"avif", "image/avif"},                {"woff", "font/woff"},
      {"woff2", "font/woff2"},               {"ttf", "font/ttf"},
      {"otf", "font/otf"},                   {"txt", "text/plain; charset=utf-8"},
      {"md", "text/plain; charset=utf-8"},   {"csv", "text/csv; charset=utf-8"},
      {"xml", "application/xml"},            {"wasm", "application/wasm"},
      {"pdf", "application/pdf"},            {"mp4", "video/mp4"},
      {"webm", "video/webm"},                {"mp3", "audio/mpeg"},
      {"wav", "audio/wav"},                  {"ogg", "audio/ogg"},
  };
  std::string ext = fs::path(file).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

}  // namespace pacts
