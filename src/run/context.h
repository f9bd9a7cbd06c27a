#pragma once
// What every part of one test's run shares: the page and its agent, the options, the cache, the recorder and
// the observer. Built by the executor for each test; the parts (resolve, actionability, actions, assertions,
// the manual step) take it by reference and own nothing in it.
#include <optional>
#include <string>

#include "config/config.h"
#include "core/outcome.h"

namespace pacts {

class Page;
class PageAgent;
class SelectorCache;
class RunObserver;
class Recorder;

struct ExecutorOptions {
  RunConfig run;
  std::string base_url;       // relative URLs resolve against it; it is also the "{base}" of URL patterns
  std::string invocation_id;  // the `pacts run` this test belongs to
  bool ci = false;            // manual steps fail at once instead of waiting for a person
};

struct TestContext {
  Page& page;
  PageAgent& agent;
  const ExecutorOptions& options;
  SelectorCache* cache;  // null with --no-cache
  RunObserver& observer;
  Recorder& recorder;
};

// Why a part of a step could not do its job, in the words the user reads.
struct StepFailure {
  FailureReason reason = FailureReason::None;
  std::string message;
};

// A part's answer: nullopt when it did its job, else why not.
using StepError = std::optional<StepFailure>;

inline StepError fail(FailureReason reason, std::string message) { return StepFailure{reason, std::move(message)}; }

}  // namespace pacts
