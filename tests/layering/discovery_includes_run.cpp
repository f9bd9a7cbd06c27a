// Compiled with the discovery module's include tree: discovery sits below run, so this must not compile.
#include "run/executor.h"
