// Compiled with the discovery module's include tree: discovery may use the browser, so this compiles.
#include "browser/page.h"
#include "discovery/page_agent.h"
