#pragma once
// The live console: a line per step (status, action, target, source of the selector, time), the failure's
// reason and candidates, a summary per test and for the whole run. Colours only on a terminal (or when asked).
#include <cstdio>

#include <fmt/format.h>
#include <string>

#include "run/observer.h"
#include "run/runner.h"

namespace pacts {

class ConsoleReporter : public RunObserver {
 public:
  ConsoleReporter(std::FILE* out, bool color, bool verbose = false) : out_(out), color_(color), verbose_(verbose) {}
  void test_started(const Test& test, const std::string& run_id) override;
  void step_finished(const StepRecord& step) override;
  void assertion_finished(const StepRecord& assertion) override;
  void test_finished(const TestResult& result) override;
  void warning(const std::string& message) override;
  void summary(const RunReport& report);
  // A line of its own after the summary, such as where a report was written.
  void note(const std::string& message);

 private:
  std::string paint(const std::string& s, const char* code) const;
  // Every line goes out through here, with the run's secrets masked (texts quoted from the page or browser).
  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    emit(fmt::format(format, std::forward<Args>(args)...));
  }
  void emit(const std::string& text);
  std::FILE* out_;
  bool color_;
  bool verbose_;
};

bool color_wanted(const std::string& setting, std::FILE* out);

}  // namespace pacts
