#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs the main job on the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec ./build/pacts plan examples/requirements/ "$@"
