#pragma once
// Several tests at once (run.workers): each worker takes the next test of the plan, runs it (with its retries)
// in a browser of its own, and takes the next, until none is left. Workers share the store and the cache
// (both take their own locks) and the observer (called one worker at a time, labelled with worker_label()).
// Results keep the plan's order whatever order the tests finish in. A lost browser stops every worker after
// its current test; Ctrl-C and SIGTERM stop them all (their waits see the signal), and every browser launched
// for a worker is closed by the thread that launched it before the run returns.
#include <functional>
#include <memory>

#include "run/runner.h"

namespace pacts {

// How many workers `workers` (run.workers; 0: auto, half the cores) means for `tests` tests.
int worker_count(int workers, size_t tests);

// The run of `plan` by `workers` workers: worker 1 in browsers.first when there is one, the others in browsers
// from browsers.launch. Without browsers.renewable, a worker whose browser does not start is a warning and the
// others go on; with it, see BrowserSource. Throws Error(Interrupted) after every worker stopped; fills
// report.tests, report.without_browser and report.stopped.
void run_in_workers(const Plan& plan, int workers, const BrowserSource& browsers, Store* store, SelectorCache* cache,
                    RunObserver& observer, const ExecutorOptions& options, RunReport& report);

}  // namespace pacts
