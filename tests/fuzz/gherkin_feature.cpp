// Fuzzes the Gherkin reader (.feature: Feature/Rule/Background/Scenario Outline/Examples, tags, data tables,
// doc strings, the web-step vocabularies and step macros) through load_plan, as `pacts plan FILE.feature --json`
// uses it. The same contract as the text and JSON readers (plan_harness.h).
#include "plan_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pacts::fuzz::ScratchFile file("requirements.feature");
  pacts::fuzz::read_requirement_file(file, data, size);
  return 0;
}
