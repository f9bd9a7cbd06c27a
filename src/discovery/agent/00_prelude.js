// The PACTS page agent: installed in every document before the page's scripts, called by the runner with
// one Runtime.evaluate per operation. It collects candidates (discovery), resolves PACTS selectors, describes
// elements (fingerprints), checks actionability and performs the DOM side of actions. Scoring and every
// decision live in C++; the agent only observes the page. It walks open shadow roots and same-origin iframes.
// The build concatenates src/discovery/agent/*.js in name order into the one injected script: this file
// opens its scope, 99_install.js closes it.
(() => {
  'use strict';
  const VERSION = 3;
  if (window.__pacts && window.__pacts.version === VERSION) return;

  const P = { version: VERSION, handles: [] };

  // ------------------------------------------------------------------------------------------------------
  // Text helpers

  const WS = /[\t\n\f\r ]+/g;
  // Collapse and trim ASCII whitespace only: a non-breaking space is part of a name, as in Chromium.
  const norm = (s) => (s == null ? '' : String(s)).replace(WS, ' ').replace(/^ | $/g, '');
  const lower = (s) => norm(s).toLowerCase();
