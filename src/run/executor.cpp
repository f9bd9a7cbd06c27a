#include "run/executor.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "browser/browser.h"
#include "browser/page.h"
#include "cache/selector_cache.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/interrupt.h"
#include "core/text.h"
#include "core/url.h"
#include "discovery/locator.h"
#include "discovery/match.h"
#include "discovery/page_agent.h"
#include "store/store.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

Millis left_until(Clock::time_point deadline) {
  return std::max(Millis(0), std::chrono::duration_cast<Millis>(deadline - Clock::now()));
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

// What an element found for a step is, and where it came from.
struct Found {
  bool ok = false;
  int handle = -1;
  int64_t navigations = 0;  // the page's document when found: a handle or selector is only good on it
  std::string selector;
  std::string source;    // sqlite, redis, postgres, discovery
  std::string strategy;
  std::optional<double> score;
  std::string reason;    // when !ok
  std::string error;
  std::vector<std::string> candidates;
};

class TestRun {
 public:
  TestRun(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer, const ExecutorOptions& options)
      : browser_(browser), store_(store), cache_(cache), observer_(observer), opt_(options) {}

  TestResult run(const Test& test);

 private:
  StepResult run_step(const Step& step, int index);
  AssertionResult check(const Assertion& a);

  Found find(const Step& step, Clock::time_point deadline, StepResult& r);
  bool hit_still_fits(const CacheHit& hit, int handle, const Step& step);
  Found find_element(const Step& step, Clock::time_point deadline, StepResult& r);
  Found find_override(const Step& step, Clock::time_point deadline);
  Found discover(const Step& step, Clock::time_point deadline, const SelectorKey& key, StepResult& r);
  SelectorKey key_for(const Step& step) const;

  // Waits until the element passes the checks `kind` needs; re-finds it by selector if the page replaced it.
  bool wait_actionable(Found& f, const char* kind, Clock::time_point deadline, StepResult& r, Actionability& out);
  bool act(const Step& step, Found& f, Clock::time_point deadline, StepResult& r);
  bool act_select(const Step& step, Found* f, Clock::time_point deadline, StepResult& r);
  bool act_check(const Step& step, Found& f, Clock::time_point deadline, StepResult& r);
  bool act_manual(const Step& step, StepResult& r);
  bool click_option(const std::string& value, int combobox, Clock::time_point deadline, StepResult& r);
  ElementState state_after_action(Found& f);

  void fail(StepResult& r, const std::string& reason, const std::string& error) {
    r.outcome = "failed";
    r.reason = reason;
    r.error = error;
  }
  std::string screenshot(const std::string& name, std::optional<int> step_idx);
  void record_step(const StepResult& s, const char* kind);
  void store_safely(const std::function<void()>& fn);

  Browser& browser_;
  Store* store_;
  SelectorCache* cache_;
  RunObserver& observer_;
  const ExecutorOptions& opt_;
  std::unique_ptr<Page> page_;
  std::unique_ptr<PageAgent> agent_;
  TestResult result_;
  bool store_warned_ = false;
};

void TestRun::store_safely(const std::function<void()>& fn) {
  if (!store_) return;
  try {
    fn();
  } catch (const std::exception& e) {
    // The run goes on; the records it could not write are lost for this run only, and said so once.
    if (!store_warned_) observer_.warning(fmt::format("could not record this run in the store: {}", e.what()));
    store_warned_ = true;
  }
}

std::string TestRun::screenshot(const std::string& name, std::optional<int> step_idx) {
  try {
    std::string png = page_->screenshot_png();
    fs::path dir = fs::path(opt_.run.artifacts_dir) / result_.run_id;
    fs::create_directories(dir);
    fs::path path = dir / (name + ".png");
    std::ofstream(path, std::ios::binary) << png;
    std::string abs = fs::absolute(path).string();
    result_.artifacts.push_back(abs);
    ArtifactRecord a{new_uuid_v7(), result_.run_id, step_idx, "screenshot", abs, static_cast<int64_t>(png.size()),
                     sha256_hex(png), now_iso8601()};
    store_safely([&] { store_->add_artifact(a); });
    return abs;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    return "";
  } catch (const std::exception&) {
    return "";
  }
}

void TestRun::record_step(const StepResult& s, const char* kind) {
  StepRecord rec;
  rec.id = new_uuid_v7();
  rec.run_id = result_.run_id;
  rec.kind = kind;
  rec.idx = s.index;
  rec.line = s.line;
  rec.action = s.action;
  rec.target = s.target;
  rec.value = s.value;
  rec.selector = s.selector;
  rec.strategy = s.strategy;
  rec.source = s.source;
  rec.score = s.score;
  rec.outcome = s.outcome;
  if (!s.reason.empty()) rec.reason = s.reason;
  if (!s.error.empty()) rec.error = s.error;
  rec.started_at = s.started_at.empty() ? now_iso8601() : s.started_at;
  rec.duration_ms = s.duration_ms;
  rec.lookup_ms = s.lookup_ms;
  rec.discovery_ms = s.discovery_ms;
  rec.action_ms = s.action_ms;
  rec.settle_ms = s.settle_ms;
  store_safely([&] { store_->add_step(rec); });
}

SelectorKey TestRun::key_for(const Step& step) const {
  SelectorKey k;
  k.url_pattern = url_pattern(page_->current_url(), opt_.base_url);
  k.action = action_name(step.action);
  // The kind of element the sentence names is part of its meaning: "the Login button" and "the Login link"
  // are two entries.
  k.target = collapse_spaces(step.target.value_or(""));
  if (!step.role_hint.empty()) k.target += " [" + step.role_hint + "]";
  if (step.target_kind == TargetKind::Kind) k.target += " [kind]";
  k.scope = step.within.value_or("");
  k.ordinal = step.ordinal.value_or(0);
  k.context = step.context.value_or("");
  return k;
}

Found TestRun::find_override(const Step& step, Clock::time_point deadline) {
  Found f;
  const std::string& t = *step.target;
  std::string selector;
  if (step.target_kind == TargetKind::Css) {
    selector = trim(t.substr(4));
    f.strategy = "css_override";
  } else {
    // role:button=Save -> role=button[name="Save"]
    std::string spec = trim(t.substr(5));
    auto eq = spec.find('=');
    selector = eq == std::string::npos ? "role=" + spec
                                       : fmt::format("role={}[name={}]", trim(spec.substr(0, eq)),
                                                     css_attribute_value(trim(spec.substr(eq + 1))));
    f.strategy = "role_override";
  }
  f.selector = selector;
  for (;;) {
    auto res = agent_->resolve(selector, Millis(10000));
    if (!res.error.empty()) {
      f.reason = reason::kNotFound;
      f.error = fmt::format("the selector {} is not valid: {}", selector, res.error);
      return f;
    }
    if (res.count == 1) {
      f.ok = true;
      f.handle = res.handles[0];
      return f;
    }
    if (res.count > 1) {
      f.reason = reason::kAmbiguous;
      f.error = fmt::format("{} matches {} elements", selector, res.count);
      return f;
    }
    if (Clock::now() >= deadline) {
      f.reason = reason::kNotFound;
      f.error = fmt::format("{} matches nothing", selector);
      return f;
    }
    page_->wait_for_change(std::min(Millis(250), left_until(deadline)));
  }
}

Found TestRun::discover(const Step& step, Clock::time_point deadline, const SelectorKey& key, StepResult& r) {
  Found f;
  auto start = Clock::now();
  LocateOptions lo;
  lo.ambiguity_margin = opt_.run.ambiguity_margin;
  auto res = locate(*agent_, locate_request_for(step), lo, deadline);
  for (const auto& c : res.candidates) f.candidates.push_back(c.describe());
  if (res.status != LocateStatus::Found) {
    r.discovery_ms += ms_between(start, Clock::now());
    f.reason = res.status == LocateStatus::Ambiguous      ? reason::kAmbiguous
               : res.status == LocateStatus::NotVisible   ? reason::kNotVisible
               : res.status == LocateStatus::Blocked      ? reason::kCovered
                                                          : reason::kNotFound;
    f.error = res.message;
    return f;
  }
  auto choice = choose_selector(*agent_, res.best.element, locate_request_for(step), Millis(10000));
  r.discovery_ms += ms_between(start, Clock::now());
  f.ok = true;
  f.handle = res.best.element.handle;
  f.selector = choice.selector;
  f.strategy = res.strategy;
  f.score = res.best.score;
  f.source = "discovery";
  if (cache_) {
    bool stored = false;
    if (choice.stable && !choice.selector.empty()) {
      SelectorRecord rec;
      rec.key = key;
      rec.selector = choice.selector;
      rec.strategy = res.strategy;
      rec.confidence = res.best.score;
      rec.stable = true;
      rec.fingerprint = agent_->fingerprint(f.handle, Millis(10000));
      rec.verified_at = now_iso8601();
      cache_->store(rec);
      stored = true;
    }
    cache_->count_discovery(stored, choice.stable);
  }
  return f;
}

bool TestRun::hit_still_fits(const CacheHit& hit, int handle, const Step& step) {
  // One element matches; it must still be the kind of element that was stored, and one the action can use.
  auto now = agent_->basics(handle, Millis(10000));
  if (now.detached) return false;
  auto then = summarize_fingerprint(hit.record.fingerprint);
  if (!then.tag.empty() && then.tag != now.tag) return false;
  if (!then.role.empty() && then.role != now.role) return false;
  CandidateElement e;
  e.tag = now.tag;
  e.role = now.role;
  e.type = now.type;
  e.editable = now.editable;
  return action_accepts(e, step.action);
}

Found TestRun::find(const Step& step, Clock::time_point deadline, StepResult& r) {
  Found f = find_element(step, deadline, r);
  f.navigations = page_->navigations();
  return f;
}

Found TestRun::find_element(const Step& step, Clock::time_point deadline, StepResult& r) {
  SelectorKey key = key_for(step);
  auto lookup_start = Clock::now();
  std::optional<CacheHit> hit;
  if (cache_) hit = cache_->lookup(key);
  r.lookup_ms += ms_between(lookup_start, Clock::now());

  if (step.target_kind == TargetKind::Css || step.target_kind == TargetKind::Role) {
    // An explicit selector needs no discovery; it is cached all the same so that a warm run reads it locally.
    Found f = find_override(step, deadline);
    if (f.ok) {
      f.source = hit ? hit->tier : "discovery";
      if (cache_ && hit) cache_->confirm(*hit);
      if (cache_ && !hit) {
        SelectorRecord rec;
        rec.key = key;
        rec.selector = f.selector;
        rec.strategy = f.strategy;
        rec.confidence = 1.0;
        rec.fingerprint = agent_->fingerprint(f.handle, Millis(10000));
        cache_->store(rec);
      }
    }
    return f;
  }

  while (hit) {
    // Verify the cached selector on the page: exactly one element.
    auto verify_start = Clock::now();
    auto res = agent_->resolve(hit->record.selector, Millis(10000));
    r.lookup_ms += ms_between(verify_start, Clock::now());
    if (res.error.empty() && res.count == 1 && !hit_still_fits(*hit, res.handles[0], step)) {
      cache_->reject(*hit);
      break;
    }
    if (res.error.empty() && res.count == 1) {
      cache_->confirm(*hit);
      Found f;
      f.ok = true;
      f.handle = res.handles[0];
      f.selector = hit->record.selector;
      f.source = hit->tier;
      f.strategy = hit->record.strategy;
      f.score = hit->record.confidence;
      return f;
    }
    if (!res.error.empty() || res.count > 1) {
      cache_->reject(*hit);
      break;
    }
    // Nothing matches yet: the page may still be rendering, or the selector went stale. Discovery tells which.
    LocateOptions lo;
    lo.ambiguity_margin = opt_.run.ambiguity_margin;
    auto d_start = Clock::now();
    LocateResult probe;
    try {
      probe = locate_once(*agent_, locate_request_for(step), lo, Millis(10000));
    } catch (const ContextLost&) {
      probe.status = LocateStatus::NotFound;
    }
    r.discovery_ms += ms_between(d_start, Clock::now());
    if (probe.status == LocateStatus::Found) {
      // The page may have finished rendering between the two looks (an iframe loading): ask the selector
      // again before calling it stale.
      auto again = agent_->resolve(hit->record.selector, Millis(10000));
      if (again.error.empty() && again.count == 1) continue;
    }
    if (probe.status == LocateStatus::Found || Clock::now() >= deadline) {
      cache_->reject(*hit);
      break;
    }
    page_->wait_for_change(std::min(Millis(250), left_until(deadline)));
  }
  return discover(step, deadline, key, r);
}

bool TestRun::wait_actionable(Found& f, const char* kind, Clock::time_point deadline, StepResult& r,
                              Actionability& out) {
  std::string last_reason, last_error;
  for (;;) {
    Actionability a;
    try {
      a = agent_->actionability(f.handle, kind, Millis(10000));
    } catch (const ContextLost&) {
      a.attached = false;
    }
    if (page_->navigations() != f.navigations) {
      fail(r, reason::kTimeout, "the page navigated away before the element could be used");
      return false;
    }
    if (!a.attached) {
      // The page replaced the element (a re-render): find it again by its selector.
      auto res = agent_->resolve(f.selector, Millis(10000));
      if (res.count == 1) {
        f.handle = res.handles[0];
        continue;
      }
      last_reason = reason::kNotFound;
      last_error = "the element was removed from the page";
    } else {
      std::string k = kind;
      bool need_events = k == "click" || k == "hover";
      bool need_enabled = k == "click" || k == "fill" || k == "select";
      bool need_stable = k == "click" || k == "hover";
      if (!a.visible) {
        last_reason = reason::kNotVisible;
        last_error = "the element is not visible";
        // The page may have rendered a new, visible copy (a list re-rendered): the selector tells.
        auto res = agent_->resolve(f.selector, Millis(10000));
        if (res.count == 1 && res.handles[0] != f.handle) {
          f.handle = res.handles[0];
          continue;
        }
      } else if (a.inert) {
        last_reason = reason::kCovered;
        last_error = "the element is behind an open dialog (inert)";
      } else if (need_enabled && !a.enabled) {
        last_reason = reason::kDisabled;
        last_error = "the element is disabled";
      } else if (k == "fill" && !a.editable) {
        last_reason = reason::kNotEditable;
        last_error = "the element is not editable (read-only or not a text field)";
      } else if (need_stable && !a.stable) {
        last_reason = reason::kTimeout;
        last_error = "the element kept moving (animation)";
      } else if (need_events && !a.receives_events) {
        last_reason = reason::kCovered;
        last_error = "the element is covered by " + a.covered_by;
      } else {
        out = a;
        return true;
      }
    }
    if (Clock::now() >= deadline) {
      fail(r, last_reason, last_error);
      return false;
    }
    page_->wait_for_change(std::min(Millis(100), left_until(deadline)));
  }
}

bool TestRun::click_option(const std::string& value, int combobox, Clock::time_point deadline, StepResult& r) {
  for (;;) {
    auto options = agent_->listbox_options(combobox, Millis(10000));
    std::vector<ListboxOption> exact;
    double best = 0;
    for (const auto& o : options) {
      double q = std::max(text_match(value, o.name), text_match(value, o.text));
      if (q < 0.9) continue;
      if (q > best + 1e-9) {
        exact.clear();
        best = q;
      }
      if (q >= best - 1e-9) exact.push_back(o);
    }
    if (exact.size() > 1) {
      fail(r, reason::kAmbiguous, fmt::format("{} options are named \"{}\"", exact.size(), value));
      return false;
    }
    if (exact.size() == 1) {
      Found opt;
      opt.handle = exact[0].handle;
      opt.navigations = page_->navigations();
      opt.selector = fmt::format("role=option[name={}]", css_attribute_value(exact[0].name));
      Actionability a;
      if (!wait_actionable(opt, "click", deadline, r, a)) return false;
      page_->mouse_click(a.x, a.y);
      return true;
    }
    if (Clock::now() >= deadline) {
      std::string names;
      for (size_t i = 0; i < options.size() && i < 15; ++i) names += (i ? ", " : "") + options[i].name;
      fail(r, reason::kNotFound,
           options.empty() ? std::string("no list of options opened")
                           : fmt::format("no option \"{}\"; the options are: {}", value, names));
      return false;
    }
    page_->wait_for_change(std::min(Millis(150), left_until(deadline)));
  }
}

bool TestRun::act_select(const Step& step, Found* f, Clock::time_point deadline, StepResult& r) {
  const std::string value = step.value.value_or("");
  if (!f) return click_option(value, -1, deadline, r);  // "Select "X"" in the list that is open
  auto b = agent_->basics(f->handle, Millis(10000));
  if (b.tag == "select") {
    Actionability a;
    if (!wait_actionable(*f, "select", deadline, r, a)) return false;
    auto res = agent_->select_native(f->handle, value, Millis(10000));
    if (!res.error.empty()) {
      fail(r, reason::kNotFound,
           fmt::format("{}: \"{}\"; the options are: {}", res.error, value, join(res.options, ", ")));
      return false;
    }
    return true;
  }
  // An ARIA combobox: open it, then choose the option by its name (the list may be rendered elsewhere).
  Actionability a;
  if (!wait_actionable(*f, "click", deadline, r, a)) return false;
  if (b.role == "listbox") return click_option(value, f->handle, deadline, r);
  // Open it unless a "Click the Stage dropdown" step already did.
  auto st0 = agent_->state(f->handle, Millis(10000));
  if (st0.expanded != "true" || agent_->listbox_options(f->handle, Millis(10000)).empty()) {
    page_->mouse_click(a.x, a.y);
    page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
  }
  if (b.editable && agent_->listbox_options(f->handle, Millis(10000)).empty()) {
    agent_->focus_for_input(f->handle, true, Millis(10000));
    page_->insert_text(value);
    page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
  }
  if (!click_option(value, f->handle, deadline, r)) return false;
  page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
  auto st = state_after_action(*f);
  std::string shown = st.name + " " + st.text + " " + st.value.value_or("");
  if (st.detached || to_lower(shown).find(to_lower(value)) == std::string::npos) {
    fail(r, reason::kTimeout,
         st.detached ? std::string("the dropdown went away after the choice")
                     : fmt::format("the dropdown shows \"{}\", not \"{}\"", collapse_spaces(shown), value));
    return false;
  }
  return true;
}

ElementState TestRun::state_after_action(Found& f) {
  // The widget may have re-rendered: find it again by its selector, on the same page only.
  auto st = agent_->state(f.handle, Millis(10000));
  if (!st.detached || page_->navigations() != f.navigations) return st;
  auto res = agent_->resolve(f.selector, Millis(10000));
  if (res.count != 1) return st;
  f.handle = res.handles[0];
  return agent_->state(f.handle, Millis(10000));
}

bool TestRun::act_check(const Step& step, Found& f, Clock::time_point deadline, StepResult& r) {
  bool want = step.action == Action::Check;
  auto st = agent_->state(f.handle, Millis(10000));
  if (st.checked && *st.checked == want) return true;  // already as asked
  Actionability a;
  if (!wait_actionable(f, "click", deadline, r, a)) return false;
  page_->mouse_click(a.x, a.y);
  page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
  st = state_after_action(f);
  if (!st.checked) {
    fail(r, reason::kTimeout, "after the click PACTS cannot tell whether the box is checked");
    return false;
  }
  if (*st.checked != want) {
    fail(r, reason::kTimeout, fmt::format("the checkbox is still {}", want ? "unchecked" : "checked"));
    return false;
  }
  return true;
}

bool TestRun::act_manual(const Step& step, StepResult& r) {
  if (opt_.ci) {
    fail(r, reason::kManual,
         fmt::format("a manual step cannot run in CI: \"{}\". Run it on a workstation, or leave it out of CI suites.",
                     step.display_value.value_or(step.sentence)));
    return false;
  }
  fs::path signal = opt_.run.manual_signal_file;
  std::error_code ec;
  fs::create_directories(signal.parent_path().empty() ? fs::path(".") : signal.parent_path(), ec);
  Millis limit(step.timeout_ms.value_or(opt_.run.manual_timeout_ms));
  bool tty = isatty(STDIN_FILENO) == 1;
  observer_.warning(fmt::format("MANUAL STEP: {}\n  complete it in the browser, then create {}{} (waiting up to {} s)",
                                step.display_value.value_or(step.sentence), signal.string(),
                                tty ? " or press Enter here" : "", limit.count() / 1000));
  auto deadline = Clock::now() + limit;
  // Wait on file creation events in the signal's folder, and on the terminal: no polling.
  int ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  std::string dir = signal.parent_path().empty() ? "." : signal.parent_path().string();
  if (ino >= 0) inotify_add_watch(ino, dir.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
  bool done = false;
  while (!done) {
    if (fs::exists(signal, ec)) {
      fs::remove(signal, ec);
      done = true;
      break;
    }
    auto left = left_until(deadline);
    if (left.count() == 0) break;
    pollfd fds[2];
    int n = 0;
    if (ino >= 0) fds[n++] = {ino, POLLIN, 0};
    if (tty) fds[n++] = {STDIN_FILENO, POLLIN, 0};
    int rc = poll(fds, static_cast<nfds_t>(n), static_cast<int>(left.count()));
    throw_if_interrupted();
    if (rc <= 0) continue;
    for (int i = 0; i < n; ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      char buf[4096];
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      (void)got;
      if (fds[i].fd == STDIN_FILENO) done = true;
    }
  }
  if (ino >= 0) close(ino);
  if (!done) {
    fail(r, reason::kTimeout, fmt::format("nobody completed the manual step within {} s", limit.count() / 1000));
    return false;
  }
  return true;
}

bool TestRun::act(const Step& step, Found& f, Clock::time_point deadline, StepResult& r) {
  Actionability a;
  switch (step.action) {
    case Action::Click:
      if (!wait_actionable(f, "click", deadline, r, a)) return false;
      page_->mouse_click(a.x, a.y);
      return true;
    case Action::Hover:
      if (!wait_actionable(f, "hover", deadline, r, a)) return false;
      page_->mouse_move(a.x, a.y);
      return true;
    case Action::Fill: {
      if (!wait_actionable(f, "fill", deadline, r, a)) return false;
      const std::string value = step.value.value_or("");
      if (!agent_->focus_for_input(f.handle, true, Millis(10000))) {
        fail(r, reason::kNotEditable, "the field could not take the keyboard focus");
        return false;
      }
      if (value.empty()) page_->press_key("Delete");
      else page_->insert_text(value);
      agent_->commit_input(f.handle, Millis(10000));
      auto now = agent_->value_of(f.handle, Millis(10000));
      if (now && *now != value && slug(*now) != slug(value)) {
        fail(r, reason::kNotEditable,
             step.secret() ? std::string("the field did not take the value")
                           : fmt::format("the field shows \"{}\" after filling \"{}\"", *now, value));
        return false;
      }
      return true;
    }
    case Action::Type:
      if (!wait_actionable(f, "fill", deadline, r, a)) return false;
      if (!agent_->focus_for_input(f.handle, false, Millis(10000))) {
        fail(r, reason::kNotEditable, "the field could not take the keyboard focus");
        return false;
      }
      page_->type_text(step.value.value_or(""));
      return true;
    case Action::Press:
      if (!wait_actionable(f, "press", deadline, r, a)) return false;
      if (!agent_->focus_for_input(f.handle, false, Millis(10000))) {
        fail(r, reason::kNotEditable, "the element could not take the keyboard focus, so the key would go elsewhere");
        return false;
      }
      page_->press_key(step.value.value_or("Enter"));
      return true;
    case Action::Select:
      return act_select(step, &f, deadline, r);
    case Action::Check:
    case Action::Uncheck:
      return act_check(step, f, deadline, r);
    default:
      fail(r, reason::kBrowser, "this action has no element");
      return false;
  }
}

StepResult TestRun::run_step(const Step& step, int index) {
  StepResult r;
  r.index = index;
  r.line = step.line;
  r.action = action_name(step.action);
  r.target = step.target;
  r.value = step.display_value ? step.display_value : step.value;
  r.started_at = now_iso8601();
  auto start = Clock::now();
  double browser_before = page_->browser_wait_ms();
  auto deadline = start + Millis(opt_.run.step_timeout_ms);
  bool ok = false;
  bool settle_after = true;
  try {
    switch (step.action) {
      case Action::Goto: {
        std::string base = opt_.base_url.empty() ? page_->current_url() : opt_.base_url;
        std::string url = resolve_url(base, step.value.value_or(""));
        auto nav = page_->navigate(url, Millis(opt_.run.navigation_timeout_ms));
        if (!nav.ok)
          fail(r, reason::kNavigationFailed,
               fmt::format("could not load {}: {}", resolve_url(base, r.value.value_or("")), nav.error));
        ok = nav.ok;
        break;
      }
      case Action::Wait: {
        auto a_start = Clock::now();
        if (step.value) {
          for (;;) {
            try {
              ok = agent_->wait_for("text_visible", *step.value, left_until(deadline));
            } catch (const ContextLost&) {
              if (Clock::now() < deadline) continue;  // the page navigated: wait on the new one
            }
            break;
          }
          if (!ok) fail(r, reason::kTimeout, fmt::format("\"{}\" did not appear within {} ms", *r.value, opt_.run.step_timeout_ms));
        } else {
          auto s = page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.step_timeout_ms));
          ok = s.settled;
          if (!ok) fail(r, reason::kTimeout, "the page did not settle (requests or DOM changes kept going)");
          settle_after = false;
        }
        r.action_ms = ms_between(a_start, Clock::now());
        break;
      }
      case Action::Manual:
        ok = act_manual(step, r);
        break;
      case Action::Press:
        if (!step.target) {
          page_->press_key(step.value.value_or("Enter"));
          ok = true;
          break;
        }
        [[fallthrough]];
      default: {
        if (step.action == Action::Select && !step.target) {
          ok = act_select(step, nullptr, deadline, r);
          break;
        }
        Found f = find(step, deadline, r);
        r.selector = f.selector.empty() ? std::nullopt : std::optional<std::string>(f.selector);
        r.candidates = f.candidates;
        if (!f.ok) {
          fail(r, f.reason, f.error);
          break;
        }
        r.source = f.source;
        r.strategy = f.strategy;
        r.score = f.score;
        auto a_start = Clock::now();
        ok = act(step, f, deadline, r);
        r.action_ms = ms_between(a_start, Clock::now());
        break;
      }
    }
    if (ok && settle_after) {
      auto s_start = Clock::now();
      page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
      r.settle_ms = ms_between(s_start, Clock::now());
    }
  } catch (const ContextLost&) {
    ok = false;
    fail(r, reason::kTimeout, "the page navigated away during the step");
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    ok = false;
    fail(r, reason::kBrowser, e.what());
  } catch (const std::exception& e) {
    ok = false;
    fail(r, reason::kBrowser, std::string("internal error: ") + e.what());
  }
  if (ok) r.outcome = "passed";
  r.duration_ms = ms_between(start, Clock::now());
  r.browser_ms = page_->browser_wait_ms() - browser_before;
  if (!ok) r.screenshot = screenshot(fmt::format("step-{:02}-{}", index + 1, r.reason), index);
  return r;
}

AssertionResult TestRun::check(const Assertion& a) {
  AssertionResult r;
  r.line = a.line;
  r.type = assertion_type_name(a.type);
  r.value = a.display_value.empty() ? a.value : a.display_value;
  r.started_at = now_iso8601();
  auto start = Clock::now();
  auto deadline = start + Millis(opt_.run.assertion_timeout_ms);
  bool ok = false;
  std::string error;
  try {
    switch (a.type) {
      case AssertionType::TextVisible:
      case AssertionType::TitleContains:
      case AssertionType::UrlContains: {
        const char* type = a.type == AssertionType::TextVisible     ? "text_visible"
                           : a.type == AssertionType::TitleContains ? "title_contains"
                                                                    : "url_contains";
        for (;;) {
          try {
            ok = agent_->wait_for(type, a.value, left_until(deadline));
          } catch (const ContextLost&) {
            if (Clock::now() < deadline) continue;
          }
          break;
        }
        if (!ok) {
          if (a.type == AssertionType::TextVisible) {
            std::string sample = agent_->page_text_sample(Millis(5000));
            if (sample.size() > 200) sample = sample.substr(0, 200) + "...";
            error = fmt::format("\"{}\" is not on the page; the page shows: \"{}\"", r.value, sample);
          } else if (a.type == AssertionType::TitleContains) {
            error = fmt::format("the title is \"{}\", not containing \"{}\"", page_->title(), r.value);
          } else {
            error = fmt::format("the URL is {}, not containing \"{}\"", page_->current_url(), r.value);
          }
        }
        break;
      }
      case AssertionType::ElementVisible:
      case AssertionType::ElementHidden: {
        bool want_visible = a.type == AssertionType::ElementVisible;
        std::vector<ScoredCandidate> seen;
        for (;;) {
          try {
            // Named as written (exact, case or marks aside), and of the kind the sentence says.
            seen = visible_matches(*agent_, a.value, a.role_hint, 0.9, Millis(10000));
            ok = want_visible ? !seen.empty() : seen.empty();
          } catch (const ContextLost&) {
            ok = false;
          }
          if (ok || Clock::now() >= deadline) break;
          page_->wait_for_change(std::min(Millis(200), left_until(deadline)));
        }
        if (!ok)
          error = want_visible ? fmt::format("nothing visible is named \"{}\"", r.value)
                               : fmt::format("\"{}\" is still visible: {}", r.value, seen.empty() ? "" : seen[0].describe());
        break;
      }
    }
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    ok = false;
    error = e.what();
  }
  r.outcome = ok ? "passed" : "failed";
  r.error = error;
  r.duration_ms = ms_between(start, Clock::now());
  if (!ok) r.screenshot = screenshot(fmt::format("assertion-line-{}", a.line), std::nullopt);
  return r;
}

TestResult TestRun::run(const Test& test) {
  auto start = Clock::now();
  result_.run_id = new_uuid_v7();
  result_.test = test.name;
  result_.file = test.file;
  // The browser gets the bound URL; records, reports and messages get the one with secrets masked.
  std::string nav_url = test.url.empty() ? "" : resolve_url(opt_.base_url, test.url);
  result_.url = test.display_url.empty() ? nav_url : resolve_url(opt_.base_url, test.display_url);
  result_.started_at = now_iso8601();
  observer_.test_started(test, result_.run_id);
  RunRecord run;
  run.id = result_.run_id;
  run.invocation_id = opt_.invocation_id;
  run.test_name = test.name;
  run.file = test.file;
  run.url = result_.url;
  run.started_at = result_.started_at;
  store_safely([&] { store_->begin_run(run); });

  size_t next_assertion = 0;
  bool failed = false;
  auto check_until = [&](int after_step) {
    for (; next_assertion < test.assertions.size() && test.assertions[next_assertion].after_step <= after_step; ++next_assertion) {
      const auto& a = test.assertions[next_assertion];
      AssertionResult ar;
      if (failed) {
        ar.line = a.line;
        ar.type = assertion_type_name(a.type);
        ar.value = a.display_value;
        ar.outcome = "skipped";
      } else {
        ar = check(a);
        if (ar.outcome != "passed") {
          failed = true;
          result_.reason = reason::kAssertionFailed;
          result_.error = fmt::format("line {}: {}", a.line, ar.error);
        }
      }
      result_.assertions.push_back(ar);
      observer_.assertion_finished(ar);
    }
  };

  try {
    page_ = browser_.new_page();
    agent_ = std::make_unique<PageAgent>(*page_);
    if (!nav_url.empty()) {
      auto nav = page_->navigate(nav_url, Millis(opt_.run.navigation_timeout_ms));
      if (!nav.ok) {
        failed = true;
        result_.reason = reason::kNavigationFailed;
        result_.error = fmt::format("could not load {}: {}", result_.url, nav.error);
        screenshot("navigation", std::nullopt);
      } else {
        page_->settle(Millis(opt_.run.settle_quiet_ms), Millis(opt_.run.settle_timeout_ms));
      }
    }
    for (size_t i = 0; i < test.steps.size(); ++i) {
      check_until(static_cast<int>(i));
      const Step& s = test.steps[i];
      StepResult sr;
      if (failed) {
        sr.index = static_cast<int>(i);
        sr.line = s.line;
        sr.action = action_name(s.action);
        sr.target = s.target;
        sr.value = s.display_value ? s.display_value : s.value;
        sr.outcome = "skipped";
      } else {
        sr = run_step(s, static_cast<int>(i));
        if (sr.outcome != "passed") {
          failed = true;
          result_.reason = sr.reason;
          result_.error = fmt::format("line {}: {}", s.line, sr.error);
        }
      }
      result_.steps.push_back(sr);
      observer_.step_finished(sr);
    }
    check_until(static_cast<int>(test.steps.size()));
    result_.verdict = failed ? "fail" : "pass";
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) {
      result_.verdict = "error";
      result_.reason = "interrupted";
      result_.error = e.what();
      run.verdict = "error";
      run.reason = result_.reason;
      run.error = result_.error;
      run.finished_at = now_iso8601();
      store_safely([&] { store_->finish_run(run); });
      throw;
    }
    result_.verdict = "error";
    result_.reason = reason::kBrowser;
    result_.error = e.what();
  } catch (const std::exception& e) {
    result_.verdict = "error";
    result_.reason = reason::kBrowser;
    result_.error = std::string("internal error: ") + e.what();
  }
  result_.duration_ms = ms_between(start, Clock::now());

  for (const auto& s : result_.steps) record_step(s, "step");
  for (size_t i = 0; i < result_.assertions.size(); ++i) {
    const auto& a = result_.assertions[i];
    StepResult as;
    as.index = static_cast<int>(i);
    as.line = a.line;
    as.action = a.type;
    as.value = a.value;
    as.outcome = a.outcome;
    as.error = a.error;
    if (a.outcome == "failed") as.reason = reason::kAssertionFailed;
    as.started_at = a.started_at;
    as.duration_ms = a.duration_ms;
    record_step(as, "assertion");
  }
  run.verdict = result_.verdict;
  run.reason = result_.reason;
  run.error = result_.error;
  run.finished_at = now_iso8601();
  run.duration_ms = static_cast<int64_t>(result_.duration_ms);
  run.total_steps = static_cast<int>(test.steps.size());
  for (const auto& s : result_.steps) run.steps_passed += s.outcome == "passed";
  run.total_assertions = static_cast<int>(test.assertions.size());
  for (const auto& a : result_.assertions) run.assertions_passed += a.outcome == "passed";
  store_safely([&] { store_->finish_run(run); });
  agent_.reset();
  page_.reset();
  observer_.test_finished(result_);
  return result_;
}

}  // namespace

TestExecutor::TestExecutor(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                           ExecutorOptions options)
    : browser_(browser), store_(store), cache_(cache), observer_(observer), options_(std::move(options)) {}

TestResult TestExecutor::run(const Test& test) {
  TestRun run(browser_, store_, cache_, observer_, options_);
  return run.run(test);
}

}  // namespace pacts
