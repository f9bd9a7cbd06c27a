#pragma once
// Cucumber's tag expressions (`--tags "@smoke and not (@slow or @wip)"`): tags, `not`, `and`, `or` (in that order
// of precedence) and parentheses; `\(`, `\)`, `\\` and `\ ` escape those characters inside a tag. A scenario is
// run when the expression holds for its tags (the feature's, the rule's, its own and its Examples block's).
#include <memory>
#include <string>
#include <vector>

namespace pacts {

class TagExpression {
 public:
  // Throws pacts::Error(BadInput) naming the expression and what is wrong with it.
  static TagExpression parse(const std::string& text);
  bool matches(const std::vector<std::string>& tags) const;
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace pacts
