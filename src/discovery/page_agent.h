#pragma once
// The runner's typed view of the page agent (the script built from src/discovery/agent/*.js): one
// Runtime.evaluate per call, results parsed into plain structs. The agent is installed in every new document;
// a page that lost it (about:blank, a document written before our init script) gets it on the first call.
//
// Contract shared by every method:
// - Element handles are indexes into the agent's table in the current document. A navigation invalidates them:
//   after one, a call on an old handle reports the element as detached (it never reaches another element).
// - A call that runs while the page navigates throws ContextLost (browser/page.h); the caller's poll loop
//   retries on the new document.
// - A script error in the agent throws ScriptError; a browser that does not answer within `timeout` throws
//   Error(Browser). Nothing else throws.
#include <optional>
#include <string>
#include <vector>

#include "browser/page.h"
#include "discovery/interaction.h"

namespace pacts {

// One page-agent call may take this long before the page counts as stuck.
inline constexpr Millis kAgentCallTimeout{10000};
// Reading what the page shows, for a failure message.
inline constexpr Millis kPageTextTimeout{5000};

struct CandidateElement {
  int handle = -1;
  int order = 0;  // document order
  std::string tag, role, type, id, name_attr, testid_attr, testid;
  std::string aria_label, labelledby, label, placeholder, title, alt, value, text, own_text, name, href;
  std::string context_label, row_header, column_header;  // names from context, for controls with no name
  std::string haspopup;                                   // aria-haspopup: the control opens a list or a dialog
  std::vector<std::string> classes;
  bool visible = false, enabled = true, editable = false, interactive = false, inert = false;
  bool in_shadow = false, in_frame = false, outside_modal = false;
  std::optional<bool> checked;
  int proxy_of = -1;          // a custom element standing for its one control: that control's handle
  int parent = -1;            // index (in the snapshot) of the nearest ancestor that is also a candidate
  std::vector<int> scopes;    // indexes of the snapshot's scopes that contain it
  int context_depth = -1;     // depth of the lowest common ancestor with the context text; -1: none
  int context_lca = -1;       // handle of that ancestor
};

struct ScopeElement {
  int handle = -1;
  std::string tag, role, name, id, text;
  std::vector<std::string> classes;
  bool visible = false;
  bool modal = false;
  bool selected = false;  // matched by the query's within_selector
};

// What to collect. The page keeps only elements that could match (a cheap test in the page), so the
// ranking in C++ sees every plausible candidate and nothing else.
struct SnapshotQuery {
  std::vector<std::string> words;   // lower-case words of the target: candidates mention every one
  std::string compact;              // or the words run together ("addtocart", "firstname")
  std::vector<std::string> roles;   // or have one of these roles (kind targets: "first video result")
  std::vector<std::string> within;  // words of a scope: containers are reported with their members
  std::vector<std::string> named;   // containers whose id, class or label has one of these words are reported
                                    // even when empty (kind targets wait for "results" to fill)
  std::string context;              // relative targets: the text of the item that holds the target
  std::string within_selector;      // a scope given as a PACTS selector ("#main"): the elements it matches
  bool all_interactive = false;     // every interactive element (for reports of what is on the page)
};

struct Snapshot {
  std::vector<CandidateElement> candidates;
  std::vector<ScopeElement> scopes;
  int modal = -1;  // handle of the open modal dialog, -1 when none
  int context_anchors = 0;
  int visited = 0;
  double page_ms = 0;  // time the script took in the page
  std::string url;
};

// What kind of element a handle is now: enough to tell whether an action can use it.
struct ElementBasics {
  bool detached = false;
  std::string tag, role, type, name, haspopup;
  bool editable = false, visible = false;
  std::optional<bool> checked;  // a checkbox, radio, switch or aria-checked element: whether it is checked
  std::string expanded;         // its aria-expanded ("true": a list or menu it controls says it is open)
};

struct Resolution {
  int count = 0;
  std::vector<int> handles;  // at most 10
  std::vector<bool> visible;
  std::optional<ElementBasics> basics;  // when exactly one element matches: its basics (no second call)
  std::string fingerprint;   // when exactly one matches and it was asked for: its fingerprint() JSON
  std::string error;         // non-empty: the selector is malformed (count is 0)
};

struct Synthesis {
  std::string selector;
  bool stable = false;
  int strategy_index = -1;  // which candidate part won, -1 for a positional path
  std::string error;        // non-empty: the element is detached
};

struct Actionability {
  bool attached = false, visible = false, enabled = false, editable = false, inert = false;
  bool stable = false, receives_events = false;
  double x = 0, y = 0;     // where to click: the centre of the element's first line box, in viewport pixels
  std::string covered_by;  // when !receives_events: what the hit test landed on
  // What was asked of the call for a ready element (WhenReady) was done: the hit check armed, or the focus given
  // (focused: whether the keyboard focus is on the element afterwards).
  bool prepared = false;
  bool focused = false;
};

// What an actionability call also does when it finds the element ready for the interaction, in the same round
// trip: arm a click's hit check, or give the element the keyboard focus for keys (FocusAndSelectAll: with its
// content selected, so that a fill replaces it; ArmHitCheckNotingPopups: arm it after remembering the popups open
// now, as note_popups() does, for a click that opens a list).
enum class WhenReady { Nothing, ArmHitCheck, ArmHitCheckNotingPopups, Focus, FocusAndSelectAll };

struct ListboxOption {
  int handle = -1;
  std::string name, text;
  bool selected = false;
};

struct ElementState {
  bool detached = false;
  std::optional<bool> checked;  // nullopt: not a checkbox, radio, switch or aria-checked element
  std::string expanded, name, text;
  std::optional<std::string> value;
  std::string shown;  // what a select-like control shows as chosen: its text, value, the chips around it
  bool disabled = false;  // disabled, or inside an aria-disabled container
  bool visible = false;
};

// What an element holds for a check of its value: a form field's value (field=true), else its visible text.
struct ElementValue {
  bool field = false;
  std::string value;
};

struct ElementText {
  std::string text;  // visible text, spaces collapsed
  bool visible = false;
};

struct HitCheck {
  bool seen = false;         // a pointer event reached the page while armed
  std::string intercepted;   // non-empty: what took it instead of the element (and the gesture was stopped)
  // What AfterClick asked, read in the same call (not read when the click was intercepted).
  std::optional<std::vector<ListboxOption>> options;
  std::optional<ElementState> state;
};

// What hit_check_result() also reads after the click's task, saving the call that would read it next: the
// choices of the list a control opened (listbox_options), the state of a control a choice changed (state).
struct AfterClick {
  std::optional<int> options_of;
  std::optional<int> state_of;
};

class PageAgent {
 public:
  // Installs the agent in every new document of the page.
  explicit PageAgent(Page& page);

  // The candidates for a query, with the containers around them.
  Snapshot snapshot(const SnapshotQuery& query, Millis timeout);
  // Every element a PACTS selector matches now (Resolution::error for a malformed one). with_fingerprint: when
  // exactly one matches, its fingerprint() too, in the same call (the drift check of a cache hit).
  Resolution resolve(const std::string& selector, Millis timeout, bool with_fingerprint = false);

  struct SynthesisHints {
    std::string context;             // relative targets: scope by the item holding this text
    int ordinal = 0;                 // ordinal targets: "<group> >> nth=N"
    std::vector<std::string> group;  // what the ordinal counts ("role=link", "role=button[name=...]")
    std::vector<std::string> anchors;  // texts that identify the element's row or field (its names from context)
  };
  // The first of `candidates` (selector parts) that matches the element alone, else one scoped by a stable
  // ancestor, else a positional path (stable = false).
  Synthesis synthesize(int handle, const std::vector<std::string>& candidates, const SynthesisHints& hints,
                       Millis timeout);

  using Basics = ElementBasics;
  Basics basics(int handle, Millis timeout);
  // JSON: tag, role, name, id, classes, attributes, text, label, neighbour text, path, box; or {"error":
  // "detached"}.
  std::string fingerprint(int handle, Millis timeout);
  // Scrolls the element into view and measures what `interaction` needs; attached=false for a detached handle.
  // when_ready: done in the same call when the element is ready for the interaction (as not_ready() in run
  // judges it: visible, not inert, enabled / editable / still / hit as the interaction needs), as
  // arm_hit_check() or focus_for_input() would do it; prepared=true says it was.
  Actionability actionability(int handle, Interaction interaction, Millis timeout,
                              WhenReady when_ready = WhenReady::Nothing);
  // Focuses the element (clear: selecting its content first). False when the keyboard focus is elsewhere
  // afterwards (or the handle is detached): keys would go to another element.
  bool focus_for_input(int handle, bool clear, Millis timeout);
  // The identity guarantee for clicks: armed just before the mouse events, it stops the gesture if its first
  // event lands on anything but the element (or a part of it). hit_check_result() disarms and says what
  // happened, after one task of the page's (Page::note_task_turn). A navigation meanwhile throws ContextLost
  // (the click was delivered).
  void arm_hit_check(int handle, Millis timeout);
  HitCheck hit_check_result(Millis timeout, const AfterClick& also = {});
  // Remembers the lists and popups open now, so that listbox_options() can find the one a click opens; answers
  // whether the control's own list is open already with choices in it (aria-expanded, and listbox_options()
  // finds some), in the same call.
  bool note_popups(int handle, Millis timeout);
  // The element's value (inputs, textareas, selects) or text; nullopt when detached.
  std::optional<std::string> value_of(int handle, Millis timeout);
  // Fires `change`, as a person leaving the field would, and lets the page run one task (Page::note_task_turn);
  // the value the field holds afterwards (nullopt when detached).
  std::optional<std::string> commit_input(int handle, Millis timeout);

  struct SelectResult {
    std::string chosen;  // the chosen option's label
    std::string error;   // non-empty: not a select, no such option, or a disabled one
    std::vector<std::string> options;  // with "no option": the labels there are
    bool single = false;               // keep_others asked of a list that takes one choice
  };
  // keep_others: add the option to those chosen before (a list that takes several); single is set, and nothing
  // chosen, when the list takes one. Without it, a list that takes several keeps only this option. A choice made
  // answers after one task of the page's (Page::note_task_turn).
  SelectResult select_native(int handle, const std::string& value, bool keep_others, Millis timeout);
  // The visible choices (options, menu items, radios) of the list a control opened: the one it controls, else
  // the lists opened since note_popups(), else every visible list (handle -1: the list that is open).
  std::vector<ListboxOption> listbox_options(int handle, Millis timeout);
  ElementState state(int handle, Millis timeout);
  // Waits in the page until the condition holds (type: text_visible, text_hidden, text_matches, text_not_matches
  // (an ECMAScript regular expression on the page's visible text), title_contains, url_contains) or the timeout;
  // true when it held.
  bool wait_for(const std::string& type, const std::string& value, Millis timeout);
  // Whether two handles are the same control for a person: the same element, a custom element and its one
  // control, or a control and one of its labels.
  bool same_control(int a, int b, Millis timeout);
  // The start of the page's visible text, for failure messages.
  std::string page_text_sample(Millis timeout);

  // Scrolls the element to the middle of the view; whether it is then in the viewport (nullopt: detached).
  std::optional<bool> scroll_into_view(int handle, Millis timeout);
  // A script expression whose value is the <input type=file> the element stands for (itself, a label's control,
  // a custom element's own input), or null: for Page::set_input_files.
  static std::string file_input_expression(int handle);
  // Whether element `handle` is inside element `scope` (through shadow roots and frames).
  bool inside(int scope, int handle, Millis timeout);
  // nullopt: detached.
  std::optional<ElementValue> read_value(int handle, Millis timeout);
  std::optional<ElementText> visible_text_of(int handle, Millis timeout);
  // Containers a scope could name: landmarks, regions, forms, dialogs, rows, and elements whose id, class,
  // label or name holds one of the (lower-case) words.
  std::vector<ScopeElement> scopes_named(const std::vector<std::string>& words, Millis timeout);

  Page& page() { return page_; }

 private:
  std::string call(const std::string& expression, Millis timeout, bool await_promise = false);

  Page& page_;
};

const std::string& agent_source();

// What a stored fingerprint says the element was (for checking a cached selector still points at that kind).
struct FingerprintSummary {
  std::string tag, role, name;
};
FingerprintSummary summarize_fingerprint(const std::string& fingerprint_json);

}  // namespace pacts
