// Runs a fuzz harness over saved inputs, without libFuzzer. Every build replays each harness over its seeds
// and the reproducers of past findings (ctest "fuzz: ..."; under the sanitizers in the sanitizer build), so a
// fixed finding stays fixed on any compiler.
//
// Usage: replay_<name> PATH...   a file; a folder (every file in it); @LIST (the paths listed in LIST, one per
// line). Exits 1 when no input was found: a replay that replays nothing would pass without testing anything.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

void collect(const std::string& arg, std::vector<std::string>& files) {
  if (!arg.empty() && arg[0] == '@') {
    std::ifstream list(arg.substr(1));
    for (std::string line; std::getline(list, line);)
      if (!line.empty()) collect(line, files);
    return;
  }
  if (fs::is_directory(arg)) {
    for (const auto& entry : fs::directory_iterator(arg))
      if (entry.is_regular_file()) files.push_back(entry.path().string());
    return;
  }
  files.push_back(arg);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) collect(argv[i], files);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 1;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replayed %zu inputs\n", files.size());
  return files.empty() ? 1 : 0;
}
