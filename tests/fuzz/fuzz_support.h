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

// Well-formed UTF-8 as RFC 3629 defines it (what nlohmann::json, the DevTools protocol and SQLite's text expect):
// decoded code points, each in its shortest form, no surrogates, none above U+10FFFF.
inline bool is_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static const uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
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
