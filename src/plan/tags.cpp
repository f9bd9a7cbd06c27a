#include "plan/tags.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.h"

namespace pacts {

struct TagExpression::Node {
  enum Kind { Tag, Not, And, Or } kind = Tag;
  std::string tag;
  std::shared_ptr<const Node> left, right;

  bool eval(const std::vector<std::string>& tags) const {
    switch (kind) {
      case Tag: return std::find(tags.begin(), tags.end(), tag) != tags.end();
      case Not: return !left->eval(tags);
      case And: return left->eval(tags) && right->eval(tags);
      case Or: return left->eval(tags) || right->eval(tags);
    }
    return false;
  }
};

namespace {

using NodePtr = std::shared_ptr<const TagExpression::Node>;

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      cur += text[++i];
    } else if (c == '(' || c == ')') {
      flush();
      out.emplace_back(1, c);
    } else if (c == ' ' || c == '\t') {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

// Recursive descent: or := and ("or" and)*; and := not ("and" not)*; not := "not" not | "(" or ")" | tag.
class Parser {
 public:
  Parser(std::vector<std::string> toks, const std::string& text) : toks_(std::move(toks)), text_(text) {}

  NodePtr parse() {
    if (toks_.empty()) fail("it is empty");
    NodePtr n = or_expr();
    if (i_ < toks_.size()) fail(fmt::format("unexpected '{}'", toks_[i_]));
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw_bad_input(fmt::format("--tags \"{}\": {} (write tags joined by and, or, not and parentheses, e.g. "
                                "\"@smoke and not @slow\")",
                                text_, why));
  }
  bool at(const char* word) const { return i_ < toks_.size() && toks_[i_] == word; }

  NodePtr binary(TagExpression::Node::Kind kind, NodePtr l, NodePtr r) {
    auto n = std::make_shared<TagExpression::Node>();
    n->kind = kind;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }

  NodePtr or_expr() {
    NodePtr l = and_expr();
    while (at("or")) {
      ++i_;
      l = binary(TagExpression::Node::Or, l, and_expr());
    }
    return l;
  }

  NodePtr and_expr() {
    NodePtr l = not_expr();
    while (at("and")) {
      ++i_;
      l = binary(TagExpression::Node::And, l, not_expr());
    }
    return l;
  }

  NodePtr not_expr() {
    if (i_ >= toks_.size()) fail("it ends where a tag is expected");
    if (at("not")) {
      ++i_;
      return binary(TagExpression::Node::Not, not_expr(), nullptr);
    }
    if (at("(")) {
      ++i_;
      NodePtr inner = or_expr();
      if (!at(")")) fail("a '(' is never closed");
      ++i_;
      return inner;
    }
    const std::string& t = toks_[i_];
    if (t == ")" || t == "and" || t == "or") fail(fmt::format("'{}' where a tag is expected", t));
    if (t.size() < 2 || t[0] != '@') fail(fmt::format("'{}' is not a tag: tags start with @", t));
    ++i_;
    auto n = std::make_shared<TagExpression::Node>();
    n->tag = t;
    return n;
  }

  std::vector<std::string> toks_;
  const std::string& text_;
  size_t i_ = 0;
};

}  // namespace

TagExpression TagExpression::parse(const std::string& text) {
  TagExpression e;
  e.text_ = text;
  e.root_ = Parser(tokens_of(text), text).parse();
  return e;
}

bool TagExpression::matches(const std::vector<std::string>& tags) const { return root_ && root_->eval(tags); }

}  // namespace pacts
