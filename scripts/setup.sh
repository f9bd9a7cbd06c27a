#!/usr/bin/env bash
# Installs what is missing on Debian 12 (quietly, and only what is missing), then configures and builds pacts
# into build/. Safe to run again: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config ccache
  libsqlitecpp-dev libhiredis-dev libpqxx-dev libtomlplusplus-dev libcxxopts-dev libspdlog-dev catch2
  nlohmann-json3-dev libcpp-httplib-dev libboost-dev
  python3-prometheus-client python3-junitparser
  chromium redis-server postgresql
  openjdk-17-jre-headless chromium-driver curl   # scripts/grid.sh: a local Selenium Grid 4 for the Grid tests
  clang libclang-rt-14-dev llvm-14   # scripts/sanitizer-build.sh: libFuzzer, the sanitizer runtimes, llvm-symbolizer
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node's npm fetches the real component libraries the tests run on (tests/reallibs).
if ! command -v npm >/dev/null; then
  echo "setup: installing nodejs npm"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

build_type=${PACTS_BUILD_TYPE:-RelWithDebInfo}
if [ ! -f build/CMakeCache.txt ] || ! grep -q "CMAKE_BUILD_TYPE:STRING=$build_type" build/CMakeCache.txt; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
fi
cmake --build build -j "$(nproc)" -- --no-print-directory | grep -vE '^\[ *[0-9]+%\] (Building|Linking)|^Consolidate' || true
# grep above only trims progress noise; the build's own status decides.
test "${PIPESTATUS[0]}" -eq 0
# The test material: published npm packages at pinned versions, integrity checked, cached in ~/.cache.
./scripts/fetch-test-material.sh build/material-site
