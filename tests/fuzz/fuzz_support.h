#pragma once
// What the fuzz harnesses share. A harness reports a finding by aborting with a message, so that libFuzzer
// saves the input (crash-*) exactly as it does for a crash or a sanitizer report: one pass/fail rule for all.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/temp_dir.h"

namespace pacts::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "\nFUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

inline void expect(bool holds, const std::string& what) {
  if (!holds) finding(what);
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A file the harness rewrites with every input, in a private folder that is removed at exit. The readers are
// fuzzed through the same entry points the pacts executable uses, and those take paths.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name) : path_(dir_.path() + "/" + name) {}
  const std::string& path() const { return path_; }

  void write(const uint8_t* data, size_t size) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) finding("cannot write the scratch file " + path_);
  }

 private:
  TempDir dir_{"pacts-fuzz"};
  std::string path_;
};

}  // namespace pacts::fuzz
