#pragma once
// A step only a person can do (a second factor, a CAPTCHA): PACTS says what to do and waits, up to the
// step's or the configured limit, for the signal file to appear or for Enter on the terminal. It waits on
// events (inotify, the terminal), never by polling. In CI it fails at once.
#include "plan/plan.h"
#include "run/context.h"

namespace pacts {

StepError run_manual_step(const Step& step, const ExecutorOptions& options, RunObserver& observer);

}  // namespace pacts
