#include "discovery/page_agent.h"

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "discovery/match.h"

namespace pacts {

const std::vector<EmbeddedFile>& discovery_scripts();

using nlohmann::json;

namespace {

constexpr const char* kNoAgent = "__PACTS_NO_AGENT__";

std::string js_string(const std::string& s) { return json(s).dump(); }

json parse(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorKind::Browser, "the page agent returned something that is not JSON: " + text.substr(0, 200));
  return j;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

int integer(const json& j, const char* key, int fallback = -1) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int>() : fallback;
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

const std::string& agent_source() {
  // The agent's files in name order, concatenated: 00_prelude.js opens its scope, 99_install.js closes it.
  static const std::string source = [] {
    std::string all;
    for (const auto& f : discovery_scripts()) all += std::string(f.content) + "\n";
    if (all.empty()) throw Error(ErrorKind::Internal, "the page agent is not compiled in");
    return all;
  }();
  return source;
}

FingerprintSummary summarize_fingerprint(const std::string& text) {
  FingerprintSummary f;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return f;
  f.tag = str(j, "tag");
  f.role = str(j, "role");
  f.name = str(j, "name");
  return f;
}

PageAgent::PageAgent(Page& page) : page_(page) { page_.add_init_script(agent_source()); }

std::string PageAgent::call(const std::string& expression, Millis timeout, bool await_promise) {
  // One round trip when the agent is there (the usual case); install and retry when it is not.
  std::string guarded = std::string("(window.__pacts ? (") + expression + ") : '" + kNoAgent + "')";
  std::string out = page_.evaluate(guarded, timeout, await_promise);
  if (out == kNoAgent) {
    page_.evaluate(agent_source(), timeout);
    out = page_.evaluate(guarded, timeout, await_promise);
  }
  return out;
}

namespace {

CandidateElement candidate_from(const json& c) {
  CandidateElement e;
  e.handle = integer(c, "i");
  e.order = integer(c, "order", 0);
  for (auto [field, key] : {std::pair{&CandidateElement::tag, "tag"}, {&CandidateElement::role, "role"},
                            {&CandidateElement::type, "type"}, {&CandidateElement::id, "id"},
                            {&CandidateElement::name_attr, "name_attr"}, {&CandidateElement::testid_attr, "testid_attr"},
                            {&CandidateElement::testid, "testid"}, {&CandidateElement::aria_label, "aria_label"},
                            {&CandidateElement::labelledby, "labelledby"}, {&CandidateElement::label, "label"},
                            {&CandidateElement::placeholder, "placeholder"}, {&CandidateElement::title, "title"},
                            {&CandidateElement::alt, "alt"}, {&CandidateElement::value, "value"},
                            {&CandidateElement::text, "text"}, {&CandidateElement::own_text, "own_text"},
                            {&CandidateElement::name, "name"}, {&CandidateElement::href, "href"},
                            {&CandidateElement::context_label, "context_label"}, {&CandidateElement::row_header, "row_header"},
                            {&CandidateElement::column_header, "column_header"}, {&CandidateElement::haspopup, "haspopup"}})
    e.*field = str(c, key);
  e.classes = strings(c, "classes");
  for (auto [field, key] : {std::pair{&CandidateElement::visible, "visible"}, {&CandidateElement::enabled, "enabled"},
                            {&CandidateElement::editable, "editable"}, {&CandidateElement::interactive, "interactive"},
                            {&CandidateElement::inert, "inert"}, {&CandidateElement::in_shadow, "in_shadow"},
                            {&CandidateElement::in_frame, "in_frame"}, {&CandidateElement::outside_modal, "outside_modal"}})
    e.*field = flag(c, key);
  if (c.contains("checked") && c["checked"].is_boolean()) e.checked = c["checked"].get<bool>();
  e.parent = integer(c, "parent");
  e.proxy_of = integer(c, "proxy_of");
  if (c.contains("scopes"))
    for (const auto& k : c["scopes"]) e.scopes.push_back(k.get<int>());
  if (c.contains("ctx")) {
    e.context_depth = integer(c["ctx"], "depth");
    e.context_lca = integer(c["ctx"], "lca");
  }
  return e;
}

ScopeElement scope_from(const json& c) {
  ScopeElement e;
  e.handle = integer(c, "i");
  e.tag = str(c, "tag");
  e.role = str(c, "role");
  e.name = str(c, "name");
  e.id = str(c, "id");
  e.text = str(c, "text");
  e.classes = strings(c, "classes");
  e.visible = flag(c, "visible");
  e.modal = flag(c, "modal");
  e.selected = flag(c, "selected");
  return e;
}

}  // namespace

Snapshot PageAgent::snapshot(const SnapshotQuery& q, Millis timeout) {
  json query = {{"words", q.words}, {"compact", q.compact}, {"roles", q.roles}, {"within", q.within},
                {"named", q.named}, {"context", q.context}, {"all", q.all_interactive},
                {"within_selector", q.within_selector}};
  json r = parse(call("__pacts.snapshot(" + query.dump() + ")", timeout));
  Snapshot s;
  s.modal = integer(r, "modal");
  s.context_anchors = integer(r, "anchors", 0);
  s.visited = integer(r, "visited", 0);
  s.page_ms = r.value("ms", 0.0);
  s.url = str(r, "url");
  for (const auto& c : r["candidates"]) s.candidates.push_back(candidate_from(c));
  for (const auto& c : r["scopes"]) s.scopes.push_back(scope_from(c));
  return s;
}

namespace {
ElementBasics basics_from(const json& r) {
  ElementBasics b;
  if (r.contains("error")) {
    b.detached = true;
    return b;
  }
  b.tag = str(r, "tag");
  b.role = str(r, "role");
  b.type = str(r, "type");
  b.name = str(r, "name");
  b.editable = flag(r, "editable");
  b.visible = flag(r, "visible");
  b.haspopup = str(r, "haspopup");
  b.expanded = str(r, "expanded");
  if (r.contains("checked") && r["checked"].is_boolean()) b.checked = r["checked"].get<bool>();
  return b;
}
}  // namespace

Resolution PageAgent::resolve(const std::string& selector, Millis timeout, bool with_fingerprint) {
  json r = parse(call("__pacts.resolve(" + js_string(selector) + (with_fingerprint ? ", true)" : ")"), timeout));
  Resolution res;
  res.error = str(r, "error");
  res.count = integer(r, "count", 0);
  if (r.contains("handles"))
    for (const auto& h : r["handles"]) res.handles.push_back(h.get<int>());
  if (r.contains("visible"))
    for (const auto& v : r["visible"]) res.visible.push_back(v.get<bool>());
  if (r.contains("basics") && r["basics"].is_object()) res.basics = basics_from(r["basics"]);
  if (r.contains("fingerprint") && r["fingerprint"].is_object()) res.fingerprint = r["fingerprint"].dump();
  return res;
}


PageAgent::Basics PageAgent::basics(int handle, Millis timeout) {
  return basics_from(parse(call("__pacts.basics(" + std::to_string(handle) + ")", timeout)));
}

Synthesis PageAgent::synthesize(int handle, const std::vector<std::string>& candidates, const SynthesisHints& hints,
                                Millis timeout) {
  json opts = {{"generated", kGeneratedIdPattern},
               {"generated_class", kGeneratedClassPattern},
               {"context", hints.context},
               {"ordinal", hints.ordinal},
               {"group", hints.group},
               {"anchors", hints.anchors}};
  json r = parse(call("__pacts.synthesize(" + std::to_string(handle) + ", " + json(candidates).dump() + ", " +
                          opts.dump() + ")",
                      timeout));
  Synthesis s;
  s.error = str(r, "error");
  s.selector = str(r, "selector");
  s.stable = flag(r, "stable");
  s.strategy_index = integer(r, "strategy_index");
  return s;
}

std::string PageAgent::fingerprint(int handle, Millis timeout) {
  return call("__pacts.fingerprint(" + std::to_string(handle) + ")", timeout);
}

const char* name(Interaction i) {
  switch (i) {
    case Interaction::Click: return "click";
    case Interaction::Hover: return "hover";
    case Interaction::Fill: return "fill";
    case Interaction::Type: return "type";
    case Interaction::Press: return "press";
    case Interaction::Select: return "select";
    case Interaction::Check: return "check";
    case Interaction::Uncheck: return "uncheck";
    case Interaction::Choose: return "choose";
    case Interaction::Attach: return "attach";
    case Interaction::Focus: return "focus";
    case Interaction::Scroll: return "scroll";
    case Interaction::Read: return "read";
    case Interaction::Inspect: return "inspect";
  }
  return "?";
}

Actionability PageAgent::actionability(int handle, Interaction interaction, Millis timeout, WhenReady when_ready) {
  bool still = needs_stable(interaction) || needs_hit(interaction);
  json prep = {{"enabled", needs_enabled(interaction)}, {"editable", needs_editable(interaction)}};
  if ((when_ready == WhenReady::ArmHitCheck || when_ready == WhenReady::ArmHitCheckNotingPopups) && still)
    prep["arm"] = true;
  if (when_ready == WhenReady::ArmHitCheckNotingPopups && still) prep["notePopups"] = true;
  if (when_ready == WhenReady::Focus) prep["focus"] = "keep";
  if (when_ready == WhenReady::FocusAndSelectAll) prep["focus"] = "clear";
  json r = parse(call("__pacts.actionability(" + std::to_string(handle) + ", " + js_string(name(interaction)) + ", " +
                          (still ? "true" : "false") + ", " + prep.dump() + ")",
                      timeout, true));
  Actionability a;
  a.attached = flag(r, "attached");
  a.visible = flag(r, "visible");
  a.enabled = flag(r, "enabled");
  a.editable = flag(r, "editable");
  a.inert = flag(r, "inert");
  a.stable = flag(r, "stable");
  a.receives_events = flag(r, "receives_events");
  a.covered_by = str(r, "covered_by");
  a.prepared = flag(r, "prepared");
  a.focused = flag(r, "focused");
  if (r.contains("point") && r["point"].is_array() && r["point"].size() == 2) {
    a.x = r["point"][0].get<double>();
    a.y = r["point"][1].get<double>();
  }
  return a;
}

bool PageAgent::focus_for_input(int handle, bool clear, Millis timeout) {
  json r = parse(call("__pacts.focusForInput(" + std::to_string(handle) + ", " + (clear ? "true" : "false") + ")", timeout));
  return flag(r, "focused");
}

std::optional<std::string> PageAgent::value_of(int handle, Millis timeout) {
  json r = parse(call("__pacts.valueOf(" + std::to_string(handle) + ")", timeout));
  if (r.contains("error")) return std::nullopt;
  return str(r, "value");
}

std::optional<std::string> PageAgent::commit_input(int handle, Millis timeout) {
  json r = parse(call("__pacts.commitInput(" + std::to_string(handle) + ")", timeout, true));
  if (r.contains("error")) return std::nullopt;
  page_.note_task_turn();
  return str(r, "value");
}

PageAgent::SelectResult PageAgent::select_native(int handle, const std::string& value, bool keep_others, Millis timeout) {
  json r = parse(call("__pacts.selectNative(" + std::to_string(handle) + ", " + js_string(value) + ", " +
                      (keep_others ? "true" : "false") + ")",
                      timeout, true));
  SelectResult s;
  s.chosen = str(r, "chosen");
  s.error = str(r, "error");
  s.options = strings(r, "options");
  s.single = flag(r, "single");
  if (s.error.empty() && !s.single) page_.note_task_turn();
  return s;
}

namespace {

std::vector<ListboxOption> options_from(const json& list) {
  std::vector<ListboxOption> out;
  if (!list.is_array()) return out;
  for (const auto& o : list) out.push_back({integer(o, "i"), str(o, "name"), str(o, "text"), flag(o, "selected")});
  return out;
}

ElementState state_from(const json& r) {
  ElementState s;
  if (r.contains("error")) {
    s.detached = true;
    return s;
  }
  if (r.contains("checked") && r["checked"].is_boolean()) s.checked = r["checked"].get<bool>();
  s.expanded = str(r, "expanded");
  s.name = str(r, "name");
  s.text = str(r, "text");
  if (r.contains("value") && r["value"].is_string()) s.value = r["value"].get<std::string>();
  s.shown = str(r, "shown");
  s.disabled = flag(r, "disabled");
  s.visible = flag(r, "visible");
  return s;
}

}  // namespace

std::vector<ListboxOption> PageAgent::listbox_options(int handle, Millis timeout) {
  json r = parse(call("__pacts.listboxOptions(" + std::to_string(handle) + ")", timeout));
  return options_from(r["options"]);
}

ElementState PageAgent::state(int handle, Millis timeout) {
  return state_from(parse(call("__pacts.state(" + std::to_string(handle) + ")", timeout)));
}

void PageAgent::arm_hit_check(int handle, Millis timeout) {
  call("__pacts.armHitCheck(" + std::to_string(handle) + ")", timeout);
}

HitCheck PageAgent::hit_check_result(Millis timeout, const AfterClick& also) {
  json what = json::object();
  if (also.options_of) what["options"] = *also.options_of;
  if (also.state_of) what["state"] = *also.state_of;
  json r = parse(call("__pacts.hitCheckResult(" + what.dump() + ")", timeout, true));
  page_.note_task_turn();
  HitCheck hit{flag(r, "seen"), str(r, "intercepted"), std::nullopt, std::nullopt};
  if (r.contains("options")) hit.options = options_from(r["options"]);
  if (r.contains("state") && r["state"].is_object()) hit.state = state_from(r["state"]);
  return hit;
}

bool PageAgent::same_control(int a, int b, Millis timeout) {
  return call("__pacts.sameControl(" + std::to_string(a) + ", " + std::to_string(b) + ")", timeout) == "true";
}

bool PageAgent::note_popups(int handle, Millis timeout) {
  return call("__pacts.notePopups(" + std::to_string(handle) + ")", timeout) == "true";
}

bool PageAgent::wait_for(const std::string& type, const std::string& value, Millis timeout) {
  json cond = {{"type", type}, {"value", value}};
  std::string r = call("__pacts.waitFor(" + cond.dump() + ", " + std::to_string(timeout.count()) + ")",
                       Page::answer_within(timeout), true);
  return r == "true";
}

std::string PageAgent::page_text_sample(Millis timeout) { return call("__pacts.pageTextSample()", timeout); }

std::optional<bool> PageAgent::scroll_into_view(int handle, Millis timeout) {
  json r = parse(call("__pacts.scrollIntoView(" + std::to_string(handle) + ")", timeout));
  if (r.contains("error")) return std::nullopt;
  return flag(r, "in_view");
}

std::string PageAgent::file_input_expression(int handle) {
  return "(window.__pacts ? window.__pacts.fileInputOf(" + std::to_string(handle) + ") : null)";
}

bool PageAgent::inside(int scope, int handle, Millis timeout) {
  return call("__pacts.inside(" + std::to_string(scope) + ", " + std::to_string(handle) + ")", timeout) == "true";
}

std::optional<ElementValue> PageAgent::read_value(int handle, Millis timeout) {
  json r = parse(call("__pacts.readValue(" + std::to_string(handle) + ")", timeout));
  if (r.contains("error")) return std::nullopt;
  return ElementValue{flag(r, "field"), str(r, "value")};
}

std::optional<ElementText> PageAgent::visible_text_of(int handle, Millis timeout) {
  json r = parse(call("__pacts.visibleTextOf(" + std::to_string(handle) + ")", timeout));
  if (r.contains("error")) return std::nullopt;
  return ElementText{str(r, "text"), flag(r, "visible")};
}

std::vector<ScopeElement> PageAgent::scopes_named(const std::vector<std::string>& words, Millis timeout) {
  json r = parse(call("__pacts.scopesNamed(" + json(words).dump() + ")", timeout));
  std::vector<ScopeElement> out;
  for (const auto& c : r["scopes"]) out.push_back(scope_from(c));
  return out;
}

}  // namespace pacts
