// Fuzzes the JSON suite reader (testcases, steps, outcomes, assertions, data rows, variables) through
// load_plan, as `pacts plan FILE.json --json` uses it. See plan_harness.h for what is checked.
#include "plan_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pacts::fuzz::ScratchFile file("suite.json");
  pacts::fuzz::read_requirement_file(file, data, size);
  return 0;
}
