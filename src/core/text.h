#pragma once
// Small string helpers shared by every module. ASCII-only case folding: names in pages are compared after
// Unicode-aware normalisation in the page script; here we only fold what the grammar and keys need.
#include <string>
#include <string_view>
#include <vector>

namespace pacts {

std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
// Collapses runs of ASCII whitespace to one space and trims.
std::string collapse_spaces(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::vector<std::string> split_words(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool starts_with_ci(std::string_view s, std::string_view prefix);
bool ends_with_ci(std::string_view s, std::string_view suffix);
bool equals_ci(std::string_view a, std::string_view b);
bool is_all_digits(std::string_view s);
// "FirstName" -> "First Name", "zipCode" -> "zip Code"; leaves spaced text alone.
std::string split_camel_case(std::string_view s);
// "a%40b+c" -> "a@b c" (application/x-www-form-urlencoded's decoding; invalid escapes are kept as they are).
std::string percent_decode(std::string_view s);
// The text with & < > " ' as HTML character references (safe in element content and quoted attributes).
std::string html_escaped(std::string_view s);
// Edit distance, for "did you mean" hints.
size_t levenshtein(std::string_view a, std::string_view b);

}  // namespace pacts
