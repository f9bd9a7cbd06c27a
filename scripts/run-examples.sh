#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs the main job: every bundled example in headless
# Chromium, against the example sites served on a free loopback port. Extra arguments go to `pacts run`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec ./build/pacts run --serve examples/sites examples/requirements/ examples/features/ "$@"
