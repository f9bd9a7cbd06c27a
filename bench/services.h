#pragma once
// Private Redis and PostgreSQL for a benchmark: started on loopback by scripts/services.sh in a temporary folder
// of their own, stopped (by that script, by PID) when this object goes. One copy for every benchmark that needs
// the servers.
#include <cstdio>
#include <string>

#include "core/temp_dir.h"

namespace pacts::bench {

// Runs a shell command and returns what it printed on stdout.
inline std::string sh(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  return out;
}

class Servers {
 public:
  explicit Servers(const char* name)
      : dir_(name), script_(std::string(PACTS_SOURCE_DIR) + "/scripts/services.sh") {
    started_ = sh(script_ + " start " + dir_.path());
    redis_url = value_of("PACTS_REDIS_URL");
    postgres_url = value_of("PACTS_POSTGRES_URL");
  }
  ~Servers() { sh(script_ + " stop " + dir_.path()); }
  Servers(const Servers&) = delete;
  Servers& operator=(const Servers&) = delete;

  // False when either server did not start; print_failure() says what the script printed.
  bool ok() const { return !redis_url.empty() && !postgres_url.empty(); }
  void print_failure() const { std::fprintf(stderr, "could not start the servers:\n%s", started_.c_str()); }
  const std::string& dir() const { return dir_.path(); }

  std::string redis_url, postgres_url;

 private:
  std::string value_of(const std::string& name) const {
    auto at = started_.find(name + "=");
    if (at == std::string::npos) return "";
    auto end = started_.find('\n', at);
    return started_.substr(at + name.size() + 1, end - at - name.size() - 1);
  }

  TempDir dir_;
  std::string script_;
  std::string started_;
};

}  // namespace pacts::bench
