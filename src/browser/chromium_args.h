#pragma once
// The Chromium switches every browser we start has, launched here or by a Grid node's chromedriver: a quiet
// browser (no updates, sync, crash reports or first-run pages) whose pages keep full speed when they are not
// in front. A test's page may be a background tab of its browser (a Grid's browser opens its own first tab),
// and Chromium throttles a background page's timers to once a second, later once a minute: a page that shows
// its answer from a timer would then miss every deadline.
#include <string>
#include <vector>

namespace pacts {

inline std::vector<std::string> common_chromium_args() {
  return {
      "--no-sandbox",  // we run as root in containers; the profile is private and thrown away
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-default-apps",
      "--mute-audio",
      "--hide-scrollbars",
      "--disable-features=Translate,MediaRouter,OptimizationHints",
      "--disable-breakpad",
      "--disable-crash-reporter",
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
      "--disable-renderer-backgrounding",
  };
}

}  // namespace pacts
