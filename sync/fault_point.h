#pragma once
// Fault injection for the crash tests (tests/integration/sync_test.cpp): when the environment variable
// PACTS_SYNC_STOP_AT is "<point>:<n>", the process stops itself (SIGSTOP) the n-th time it reaches <point>,
// so that a test can kill -9 it at exactly that place (for instance between the team store's commit and the
// local acknowledgement, a window too short to hit from outside). Without the variable it does nothing.
// Points: after_merge, before_commit (inside a batch's transaction), after_commit, after_ack.
namespace pacts {

void fault_point(const char* point);

}  // namespace pacts
