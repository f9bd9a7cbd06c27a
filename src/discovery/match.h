#pragma once
// How well a target, as a tester wrote it, names a text found on the page. Qualities are 0..1:
//   1.00 exact, 0.97 case-insensitive, 0.95 equal once trailing marks (":", "*") are dropped,
//   0.92 equal without spaces and punctuation ("Log in" / "Login"),
//   0.60-0.90 every target word present as a whole word (more for a consecutive phrase, scaled by coverage),
//   0.40-0.55 every target word close to a word of the text (typos), 0 otherwise.
// Attribute values (test ids, name=) are identifiers, not prose: they only match as a whole, compared as
// slugs ("first-name", "firstName", "First Name"), so "Name" never matches "lastName".
#include <string>
#include <string_view>
#include <vector>

namespace pacts {

double text_match(std::string_view target, std::string_view text);
double attribute_match(std::string_view target, std::string_view value);

// "First Name" / "firstName" / "first_name" -> "first-name"
std::string slug(std::string_view s);
std::vector<std::string> words_of(std::string_view s);  // lower-case alphanumeric words

// Ids and classes that frameworks generate per render (input-373, :r1:, ember123, css-1x2y3z, hashes):
// never keyed on, because they change between loads. The pattern is shared with the page agent.
extern const char* const kGeneratedIdPattern;
extern const char* const kGeneratedClassPattern;  // hashed classes, and state classes that come and go
bool looks_generated_id(std::string_view id);
bool looks_generated_class(std::string_view cls);

}  // namespace pacts
