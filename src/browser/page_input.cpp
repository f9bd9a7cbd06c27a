// Trusted input: the mouse, the keyboard, drag and drop, and files for file inputs (the input half of Page).
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "browser/cdp.h"
#include "browser/page.h"
#include "core/text.h"

namespace pacts {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct KeyInfo {
  std::string key;
  std::string code;
  int key_code = 0;
  std::string text;
};

KeyInfo key_info(const std::string& key) {
  static const std::map<std::string, KeyInfo> kNamed = {
      {"Enter", {"Enter", "Enter", 13, "\r"}},       {"Tab", {"Tab", "Tab", 9, ""}},
      {"Escape", {"Escape", "Escape", 27, ""}},      {"Backspace", {"Backspace", "Backspace", 8, ""}},
      {"Delete", {"Delete", "Delete", 46, ""}},      {"ArrowLeft", {"ArrowLeft", "ArrowLeft", 37, ""}},
      {"ArrowUp", {"ArrowUp", "ArrowUp", 38, ""}},   {"ArrowRight", {"ArrowRight", "ArrowRight", 39, ""}},
      {"ArrowDown", {"ArrowDown", "ArrowDown", 40, ""}}, {"Home", {"Home", "Home", 36, ""}},
      {"End", {"End", "End", 35, ""}},               {"PageUp", {"PageUp", "PageUp", 33, ""}},
      {"PageDown", {"PageDown", "PageDown", 34, ""}}, {"Insert", {"Insert", "Insert", 45, ""}},
      {" ", {" ", "Space", 32, " "}},                {"Control", {"Control", "ControlLeft", 17, ""}},
      {"Shift", {"Shift", "ShiftLeft", 16, ""}},     {"Alt", {"Alt", "AltLeft", 18, ""}},
      {"Meta", {"Meta", "MetaLeft", 91, ""}},
  };
  if (auto it = kNamed.find(key); it != kNamed.end()) return it->second;
  if (key.size() >= 2 && key[0] == 'F' && is_all_digits(key.substr(1))) {
    int n = std::stoi(key.substr(1));
    return {key, key, 111 + n, ""};
  }
  if (key.size() == 1) {
    char c = key[0];
    if (c >= 'a' && c <= 'z') return {key, std::string("Key") + static_cast<char>(c - 32), c - 32, key};
    if (c >= 'A' && c <= 'Z') return {key, std::string("Key") + c, c, key};
    if (c >= '0' && c <= '9') return {key, std::string("Digit") + c, c, key};
    return {key, "", 0, key};
  }
  return {key, key, 0, ""};
}

int modifier_bit(const std::string& m) {
  if (m == "Alt") return 1;
  if (m == "Control") return 2;
  if (m == "Meta") return 4;
  if (m == "Shift") return 8;
  return 0;
}

}  // namespace

void Page::mouse_move(double x, double y) {
  sent_input();
  cdp_.call("Input.dispatchMouseEvent", {{"type", "mouseMoved"}, {"x", x}, {"y", y}, {"button", "none"}}, session_);
}

void Page::mouse_click(double x, double y, int click_count, const std::string& button) {
  sent_input();
  // One round trip for the whole gesture: the browser delivers input events in the order they were sent, and
  // answers each once the page has handled it, so nothing is gained by waiting between them.
  std::vector<std::pair<std::string, json>> events;
  events.push_back({"Input.dispatchMouseEvent", {{"type", "mouseMoved"}, {"x", x}, {"y", y}, {"button", "none"}}});
  int pressed = button == "right" ? 2 : 1;
  for (int i = 1; i <= click_count; ++i) {
    json base = {{"x", x}, {"y", y}, {"button", button}, {"clickCount", i}, {"buttons", pressed}};
    json down = base;
    down["type"] = "mousePressed";
    events.push_back({"Input.dispatchMouseEvent", down});
    json up = base;
    up["type"] = "mouseReleased";
    up["buttons"] = 0;
    events.push_back({"Input.dispatchMouseEvent", up});
  }
  cdp_.call_all(events, session_);
}

void Page::press_key(const std::string& chord) {
  sent_input();
  auto parts = split(chord, '+');
  if (chord == "+") parts = {"+"};
  std::string main = parts.back();
  // The chord's events in one round trip (modifiers down, the key down and up, modifiers up), as mouse_click.
  std::vector<std::pair<std::string, json>> events;
  events.reserve(2 * parts.size());  // key_event returns a pointer into it
  auto key_event = [&](const char* type, const KeyInfo& k, int modifiers) {
    events.push_back({"Input.dispatchKeyEvent", {{"type", type}, {"key", k.key}, {"code", k.code},
                                                 {"windowsVirtualKeyCode", k.key_code}, {"modifiers", modifiers}}});
    return &events.back().second;
  };
  int modifiers = 0;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    modifiers |= modifier_bit(parts[i]);
    key_event("rawKeyDown", key_info(parts[i]), modifiers);
  }
  KeyInfo k = key_info(main);
  bool text = !k.text.empty() && (modifiers & ~8) == 0;  // Control/Alt/Meta chords type nothing
  json* down = key_event(text ? "keyDown" : "rawKeyDown", k, modifiers);
  if (text) {
    (*down)["text"] = k.text;
    (*down)["unmodifiedText"] = k.text;
  }
  key_event("keyUp", k, modifiers);
  for (size_t i = parts.size() - 1; i-- > 0;) {
    modifiers &= ~modifier_bit(parts[i]);
    key_event("keyUp", key_info(parts[i]), modifiers);
  }
  cdp_.call_all(events, session_);
}

void Page::type_text(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::string ch = text.substr(i, len);
    i += len;
    if (len == 1 && c >= 0x20 && c < 0x7f) {
      press_key(ch);
    } else if (ch == "\n") {
      press_key("Enter");
    } else {
      insert_text(ch);
    }
  }
}

void Page::insert_text(const std::string& text) {
  sent_input();
  cdp_.call("Input.insertText", {{"text", text}}, session_);
}

void Page::drag(double x1, double y1, double x2, double y2) {
  sent_input();
  // Chromium starts an HTML5 drag only for a real pointer; with interception on it hands the drag over
  // (Input.dragIntercepted) and takes its events from us. A page that drags with mouse events never starts one.
  drag_intercepted_ = false;
  cdp_.call("Input.setInterceptDrags", {{"enabled", true}}, session_);
  struct Off {
    CdpConnection& cdp;
    const std::string& session;
    ~Off() {
      try {
        cdp.call("Input.setInterceptDrags", {{"enabled", false}}, session);
      } catch (const std::exception&) {
        // the page is gone: nothing to switch off
      }
    }
  } off{cdp_, session_};
  mouse_move(x1, y1);
  cdp_.call("Input.dispatchMouseEvent",
            {{"type", "mousePressed"}, {"x", x1}, {"y", y1}, {"button", "left"}, {"buttons", 1}, {"clickCount", 1}}, session_);
  // A few steps on the way, as a hand moves: drag libraries wait for a move past a threshold.
  constexpr int kSteps = 5;
  for (int k = 1; k <= kSteps; ++k) {
    double x = x1 + (x2 - x1) * k / kSteps, y = y1 + (y2 - y1) * k / kSteps;
    cdp_.call("Input.dispatchMouseEvent", {{"type", "mouseMoved"}, {"x", x}, {"y", y}, {"button", "left"}, {"buttons", 1}},
              session_);
    cdp_.drain();
    if (drag_intercepted_) break;
  }
  if (drag_intercepted_) {
    json data = json::parse(drag_data_, nullptr, false);
    for (const char* type : {"dragEnter", "dragOver", "drop"})
      cdp_.call("Input.dispatchDragEvent", {{"type", type}, {"x", x2}, {"y", y2}, {"data", data}}, session_);
  }
  cdp_.call("Input.dispatchMouseEvent",
            {{"type", "mouseReleased"}, {"x", x2}, {"y", y2}, {"button", "left"}, {"buttons", 0}, {"clickCount", 1}},
            session_);
}

void Page::set_input_files(const std::string& element_expression, const std::vector<std::string>& paths) {
  sent_input();
  auto r = cdp_.call("Runtime.evaluate", {{"expression", element_expression}, {"returnByValue", false}}, session_);
  const auto& obj = r["result"];
  if (!obj.contains("objectId") || obj.value("subtype", std::string()) == "null")
    throw ScriptError(ErrorKind::Browser, "the element is not a file input");
  std::string id = obj["objectId"].get<std::string>();
  cdp_.call("DOM.setFileInputFiles", {{"files", paths}, {"objectId", id}}, session_);
  cdp_.call("Runtime.releaseObject", {{"objectId", id}}, session_);
}

}  // namespace pacts
