#pragma once
// From a request to what the page agent should collect: the cheap filter that runs in the page before the
// ranking in C++ (rank.h) sees the candidates.
#include "discovery/request.h"

namespace pacts {

SnapshotQuery query_for(const LocateRequest& request);

}  // namespace pacts
