#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd build
exec ctest --output-on-failure -j "$(nproc)" "$@"
