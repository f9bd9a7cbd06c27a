#pragma once
// The store's error edge: SQLite exceptions become pacts::Error here, so that no module above the store ever
// sees one. A busy, locked, read-only, full or damaged database is the machine's state (Setup: exit code 2,
// with the path and what to do); anything else is a statement PACTS got wrong (Internal).
#include <mutex>
#include <string>
#include <utility>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "core/error.h"

namespace pacts {

[[noreturn]] void throw_store_error(const std::string& path, const char* what, const SQLite::Exception& e);

template <typename F>
auto at_sql_edge(const std::string& path, const char* what, F&& body) -> decltype(body()) {
  try {
    return std::forward<F>(body)();
  } catch (const SQLite::Exception& e) {
    throw_store_error(path, what, e);
  }
}

// The same, holding `mu` (the store's lock) around the body: one statement sequence at a time per connection.
template <typename F>
auto at_sql_edge(std::recursive_mutex& mu, const std::string& path, const char* what, F&& body) -> decltype(body()) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  return at_sql_edge(path, what, std::forward<F>(body));
}

}  // namespace pacts
