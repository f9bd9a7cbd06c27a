#pragma once
// Secrets. A value in a requirement may hold parts read from the environment (@env:NAME). Two rules keep them
// out of every sink (console, logs, reports, the store and its outbox, cache keys and tiers, the team database):
//
// 1. At the source: such a value travels as a MaskedText, which has no conversion to a plain string. masked()
//    is what messages, records and reports get (each secret part as ***); clear() is for the browser alone.
//    Formatting one with fmt prints the masked form.
// 2. For echoes: text PACTS did not compose itself (the URL the browser reports back, a page that shows the
//    token, an error from the browser) may still carry a secret. Every secret bound in this process is
//    remembered, with the forms it takes on the way out (percent-encoded, JSON- or HTML-escaped), and sinks
//    pass the texts they write through mask_secrets().
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace pacts {

inline constexpr std::string_view kSecretMask = "***";

class MaskedText {
 public:
  MaskedText() = default;
  MaskedText(std::string plain) : clear_(plain), masked_(std::move(plain)) {}  // NOLINT: plain text, no secret
  MaskedText(const char* plain) : MaskedText(std::string(plain)) {}            // NOLINT

  // A secret: masked as ***, and remembered so that its echoes are masked too (see mask_secrets).
  static MaskedText secret(std::string clear);

  MaskedText& operator+=(const MaskedText& more);

  const std::string& masked() const { return masked_; }
  const std::string& clear() const { return clear_; }  // for the browser only: never log, store or print it
  bool has_secret() const { return secret_; }
  bool empty() const { return clear_.empty(); }
  bool operator==(const MaskedText& o) const { return clear_ == o.clear_ && masked_ == o.masked_; }

 private:
  std::string clear_;
  std::string masked_;
  bool secret_ = false;
};

// Remembers a secret's clear text for mask_secrets(). Thread-safe; secrets are never forgotten by a process.
void remember_secret(std::string_view clear);
// `text` with every remembered secret, in any of its encoded forms, replaced by ***. A text whose
// percent-decoded form holds a secret is returned decoded and masked (URLs the browser re-encoded its own way).
std::string mask_secrets(std::string_view text);
// True when mask_secrets would change `text`.
bool mentions_secret(std::string_view text);

}  // namespace pacts

template <>
struct fmt::formatter<pacts::MaskedText> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const pacts::MaskedText& t, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(t.masked(), ctx);
  }
};
