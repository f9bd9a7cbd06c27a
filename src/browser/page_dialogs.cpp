// JavaScript dialogs (alert, confirm, prompt, beforeunload): answered the moment they open (the dialog half of Page).
#include <fmt/format.h>

#include "browser/cdp.h"
#include "browser/page.h"

namespace pacts {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A dialog would block the page (and every script PACTS runs in it) until answered: it is answered at once, as
// a step asked, or dismissed as unexpected (a page leaving with beforeunload is let go).
void Page::on_dialog(const void* raw) {
  const json& p = *static_cast<const json*>(raw);
  DialogSeen d;
  d.type = p.value("type", std::string("alert"));
  d.message = p.value("message", std::string());
  json answer;
  if (expected_dialog_) {
    d.expected = true;
    d.accepted = expected_dialog_->accept;
    answer = {{"accept", d.accepted}};
    if (d.accepted && expected_dialog_->prompt_text) answer["promptText"] = *expected_dialog_->prompt_text;
    expected_dialog_.reset();
  } else {
    d.accepted = d.type == "beforeunload";
    answer = {{"accept", d.accepted}};
  }
  cdp_.send("Page.handleJavaScriptDialog", answer, session_);
  dialogs_.push_back(std::move(d));
}

void Page::expect_dialog(const DialogAnswer& answer) { expected_dialog_ = answer; }

void Page::cancel_expected_dialog() { expected_dialog_.reset(); }

std::vector<DialogSeen> Page::take_dialogs() {
  cdp_.drain();
  return std::exchange(dialogs_, {});
}

bool Page::wait_for_dialog(Millis max) {
  return cdp_.pump_until([&] { return !dialogs_.empty(); }, Clock::now() + max);
}

}  // namespace pacts
