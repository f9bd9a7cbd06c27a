#include <catch2/catch.hpp>

#include "core/ids.h"
#include "core/text.h"

using namespace pacts;

TEST_CASE("camel-case field names read as words") {
  CHECK(split_camel_case("FirstName") == "First Name");
  CHECK(split_camel_case("zipCode") == "zip Code");
  CHECK(split_camel_case("URLPath") == "URL Path");
  CHECK(split_camel_case("First Name") == "First Name");
}

TEST_CASE("whitespace collapses and trims") {
  CHECK(collapse_spaces("  a \t b\n\nc ") == "a b c");
  CHECK(trim("\t x \n") == "x");
}

TEST_CASE("edit distance, case-insensitive") {
  CHECK(levenshtein("Clik", "click") == 1);
  CHECK(levenshtein("", "abc") == 3);
}

TEST_CASE("run ids are UUIDv7, unique and time-ordered") {
  std::string prev;
  for (int i = 0; i < 1000; ++i) {
    std::string id = new_uuid_v7();
    REQUIRE(is_uuid(id));
    CHECK(id[14] == '7');
    CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    CHECK(id > prev);
    prev = id;
  }
}
