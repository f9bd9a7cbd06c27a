// Fuzzes Cucumber's tag-expression grammar (`--tags "@smoke and not (@slow or @wip)"`), read from the command
// line and from config. Contract: a bad expression is one pacts::Error(BadInput) that names the expression; a
// good one can be evaluated on any tag list, and its text is kept as given.
#include <string>
#include <vector>

#include "core/error.h"
#include "fuzz_support.h"
#include "plan/tags.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pacts;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    TagExpression e = TagExpression::parse(text);
    fuzz::expect(e.text() == text, "the expression's text is not kept as given");
    static const std::vector<std::vector<std::string>> tag_lists = {
        {}, {"@smoke"}, {"@slow", "@wip"}, {"@smoke", "@slow", "@a(b)", "@x\\y"}};
    for (const auto& tags : tag_lists) (void)e.matches(tags);
  } catch (const Error& e) {
    std::string message = e.what();
    fuzz::expect(e.kind() == ErrorKind::BadInput, "a tag expression raised an error that is not BadInput: " + message);
  }
  return 0;
}
