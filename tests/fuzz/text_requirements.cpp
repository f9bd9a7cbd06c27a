// Fuzzes the plain-text requirement reader (Test:/URL:/Steps:/Expected: files and the sentence grammar)
// through load_plan, as `pacts plan FILE.txt --json` uses it. See plan_harness.h for what is checked.
#include "plan_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pacts::fuzz::ScratchFile file("requirements.txt");
  pacts::fuzz::read_requirement_file(file, data, size);
  return 0;
}
