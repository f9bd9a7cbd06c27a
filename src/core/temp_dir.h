#pragma once
// A private temporary directory, removed with its contents when the object goes away.
#include <string>

namespace pacts {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "pacts");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace pacts
