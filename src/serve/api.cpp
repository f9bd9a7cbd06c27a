#include "serve/api.h"

#include <filesystem>
#include <vector>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/embedded.h"
#include "core/error.h"
#include "core/secret.h"
#include "serve/api_queries.h"
#include "serve/files.h"

namespace pacts {

const std::vector<EmbeddedFile>& serve_dashboard_files();

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct BadParameter {
  std::string message;
};

ApiResponse json_response(int status, const json& body) {
  return {status, "application/json",
          mask_secrets(body.dump(-1, ' ', false, json::error_handler_t::replace)) + "\n"};
}

ApiResponse error_response(int status, const std::string& message) {
  return json_response(status, {{"error", message}, {"status", status}});
}

std::string param(const std::map<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

// A whole number in [lo, hi]; `fallback` when absent.
int64_t int_param(const std::map<std::string, std::string>& params, const std::string& name, int64_t fallback,
                  int64_t lo, int64_t hi) {
  auto it = params.find(name);
  if (it == params.end()) return fallback;
  const std::string& text = it->second;
  bool digits = !text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string::npos;
  int64_t n = digits ? std::stoll(text) : -1;
  if (!digits || n < lo || n > hi)
    throw BadParameter{name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                       ", got \"" + text + "\""};
  return n;
}

api::RunFilter run_filter(const std::map<std::string, std::string>& params) {
  api::RunFilter f;
  f.limit = static_cast<int>(int_param(params, "limit", 50, 1, 1000));
  f.offset = int_param(params, "offset", 0, 0, 1000000000);
  f.verdict = param(params, "verdict");
  if (!f.verdict.empty() && f.verdict != "pass" && f.verdict != "flaky" && f.verdict != "fail" &&
      f.verdict != "error" && f.verdict != "running")
    throw BadParameter{"verdict must be pass, flaky, fail, error or running, got \"" + f.verdict + "\""};
  f.test = param(params, "test");
  f.since = param(params, "since");
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?)?)");
  if (!f.since.empty() && !std::regex_match(f.since, iso))
    throw BadParameter{"since must be a date (2026-12-03) or an ISO 8601 UTC time, got \"" + f.since + "\""};
  for (const auto& [name, value] : params)
    if (name != "limit" && name != "offset" && name != "verdict" && name != "test" && name != "since")
      throw BadParameter{"unknown parameter \"" + name + "\" (limit, offset, verdict, test, since)"};
  return f;
}

bool inside(const fs::path& folder, const fs::path& file) {
  auto f = file.begin();
  for (auto d = folder.begin(); d != folder.end(); ++d, ++f)
    if (f == file.end() || *d != *f) return false;
  return f != file.end();
}

}  // namespace

struct Api::Impl {
  ApiOptions options;
  std::unique_ptr<api::Source> source;

  explicit Impl(ApiOptions o)
      : options(std::move(o)),
        source(options.team_database_url.empty()
                   ? api::store_source(options.store_path)
                   : api::team_source(options.team_database_url, options.connect_timeout_ms,
                                      options.statement_timeout_ms)) {}

  ApiResponse health() {
    bool source_ok = source->reachable();
    json tiers = json::object();
    bool all = source_ok;
    if (options.probe_tiers)
      for (const auto& [name, reachable] : options.probe_tiers()) {
        tiers[name] = {{"reachable", reachable}};
        all = all && reachable;
      }
    json body = {{"status", source_ok ? (all ? "ok" : "degraded") : "down"}, {"tiers", tiers}};
    body[source->name() == "store" ? "store" : "team_database"] = {{"reachable", source_ok}};
    return json_response(source_ok ? 200 : 503, body);
  }

  ApiResponse dashboard() {
    for (const auto& f : serve_dashboard_files())
      if (f.name == "index.html") return {200, "text/html; charset=utf-8", std::string(f.content)};
    return error_response(500, "the dashboard is missing from this build");
  }

  // Only a file recorded in the store, and only inside the artifacts folder once symlinks are resolved.
  ApiResponse artifact(const std::string& id) {
    auto recorded = source->artifact_path(id);
    if (!recorded) return error_response(404, "no artifact " + id);
    std::error_code ec;
    fs::path folder = fs::canonical(options.artifacts_dir, ec);
    if (ec) return error_response(404, "the artifacts folder does not exist");
    fs::path file = fs::canonical(*recorded, ec);
    if (ec || !fs::is_regular_file(file)) return error_response(404, "the file of artifact " + id + " is gone");
    if (!inside(folder, file)) return error_response(403, "artifact " + id + " lies outside the artifacts folder");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    ApiResponse r{200, content_type(file.string()), body.str()};
    r.sandboxed = r.content_type.rfind("text/html", 0) == 0;  // a DOM snapshot: the tested page's own markup
    return r;
  }

  ApiResponse route(const std::string& path, const std::map<std::string, std::string>& params) {
    static const std::string runs = "/api/runs/", artifacts = "/api/artifacts/";
    if (path == "/" || path == "/index.html") return dashboard();
    if (path == "/health") return health();
    if (path == "/metrics") return {200, "text/plain; version=0.0.4; charset=utf-8", source->metrics()};
    if (path == "/api/summary") return json_response(200, source->summary(options.hit_rate_alert));
    if (path == "/api/runs") return json_response(200, source->runs(run_filter(params)));
    if (path.rfind(runs, 0) == 0 && path.size() > runs.size()) {
      auto run = source->run_detail(path.substr(runs.size()));
      return run ? json_response(200, *run) : error_response(404, "no run " + path.substr(runs.size()));
    }
    if (path.rfind(artifacts, 0) == 0 && path.size() > artifacts.size()) return artifact(path.substr(artifacts.size()));
    if (path == "/api/cache") return json_response(200, source->cache_per_day());
    if (path == "/api/heal") return json_response(200, source->heal_per_strategy());
    if (path == "/api/selectors")
      return json_response(200, source->selectors(param(params, "url_pattern"),
                                               static_cast<int>(int_param(params, "limit", 200, 1, 10000))));
    return error_response(404, "no such endpoint: " + path);
  }
};

Api::Api(ApiOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Api::~Api() = default;

ApiResponse Api::get(const std::string& path, const std::map<std::string, std::string>& params) {
  try {
    return impl_->route(path, params);
  } catch (const BadParameter& e) {
    return error_response(400, e.message);
  } catch (const Error& e) {
    return error_response(503, e.what());
  }
}

}  // namespace pacts
