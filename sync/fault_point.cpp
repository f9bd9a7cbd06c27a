#include "sync/fault_point.h"

#include <signal.h>

#include <cstdlib>
#include <map>
#include <string>

namespace pacts {

void fault_point(const char* point) {
  static const std::string wanted = [] {
    const char* v = std::getenv("PACTS_SYNC_STOP_AT");
    return std::string(v ? v : "");
  }();
  if (wanted.empty()) return;
  static std::map<std::string, int> reached;
  std::string name(point);
  int n = ++reached[name];
  if (wanted == name + ":" + std::to_string(n)) raise(SIGSTOP);
}

}  // namespace pacts
