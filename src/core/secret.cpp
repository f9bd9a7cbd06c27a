#include "core/secret.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace pacts {

namespace {

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

// encodeURIComponent's form (spaces as %20, or as '+' in form data), in upper and lower case hex.
std::string percent_encoded(std::string_view s, bool plus_for_space, bool lower_hex) {
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c)) out += static_cast<char>(c);
    else if (c == ' ' && plus_for_space) out += '+';
    else out += lower_hex ? fmt::format("%{:02x}", c) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string json_escaped(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  return out;
}

// Every form of every secret, longest first, so that a secret that contains another is masked whole.
class SecretForms {
 public:
  void add(std::string_view clear) {
    if (clear.empty()) return;
    std::lock_guard lock(mu_);
    if (!clear_.insert(std::string(clear)).second) return;
    for (auto form : {std::string(clear), percent_encoded(clear, false, false), percent_encoded(clear, true, false),
                      percent_encoded(clear, false, true), json_escaped(clear), html_escaped(clear)})
      if (std::find(forms_.begin(), forms_.end(), form) == forms_.end()) forms_.push_back(form);
    std::sort(forms_.begin(), forms_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }

  std::string mask(std::string_view text) const {
    std::lock_guard lock(mu_);
    if (forms_.empty()) return std::string(text);
    std::string out = replace_forms(text);
    // The browser encodes URLs its own way (a path keeps '@' but encodes spaces): look at the decoded text too.
    if (out.find('%') != std::string::npos || out.find('+') != std::string::npos) {
      std::string decoded = percent_decode(out);
      std::string masked = replace_forms(decoded);
      if (masked != decoded) return masked;
    }
    return out;
  }

 private:
  std::string replace_forms(std::string_view text) const {
    std::string out(text);
    for (const auto& form : forms_) {
      for (size_t at = out.find(form); at != std::string::npos; at = out.find(form, at + kSecretMask.size()))
        out.replace(at, form.size(), kSecretMask);
    }
    return out;
  }

  mutable std::mutex mu_;
  std::set<std::string> clear_;
  std::vector<std::string> forms_;
};

SecretForms& process_secrets() {
  static SecretForms forms;
  return forms;
}

}  // namespace

MaskedText MaskedText::secret(std::string clear) {
  remember_secret(clear);
  MaskedText t;
  t.clear_ = std::move(clear);
  t.masked_ = std::string(kSecretMask);
  t.secret_ = true;
  return t;
}

MaskedText& MaskedText::operator+=(const MaskedText& more) {
  clear_ += more.clear_;
  masked_ += more.masked_;
  secret_ = secret_ || more.secret_;
  return *this;
}

void remember_secret(std::string_view clear) { process_secrets().add(clear); }

std::string mask_secrets(std::string_view text) { return process_secrets().mask(text); }

bool mentions_secret(std::string_view text) { return mask_secrets(text) != text; }

}  // namespace pacts
