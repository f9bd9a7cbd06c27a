#!/usr/bin/env bash
# Private Redis and PostgreSQL servers on free loopback ports, with their data in a folder of your choice.
#
#   scripts/services.sh start DIR [redis] [postgres]   start them (both by default); prints their URLs:
#                                                       PACTS_REDIS_URL=redis://127.0.0.1:PORT/0
#                                                       PACTS_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/services.sh stop DIR [redis] [postgres]    stop them by PID (data kept: start again reuses the port)
#   scripts/services.sh urls DIR                        print the URLs of what runs there
#
# Servers bind 127.0.0.1 only. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
set -euo pipefail

cmd=${1:?usage: services.sh start|stop|urls DIR [redis] [postgres]}
dir=${2:?usage: services.sh start|stop|urls DIR [redis] [postgres]}
shift 2
want=("$@")
[ ${#want[@]} -gt 0 ] || want=(redis postgres)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
chmod 755 "$dir"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

free_port() {
  local used port
  used=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! grep -qx "$port" <<<"$used"; then echo "$port"; return; fi
  done
  echo "services.sh: no free port found" >&2
  return 1
}

port_of() {  # remembered port, so a restart keeps its URL
  local f="$dir/$1.port"
  [ -s "$f" ] || free_port >"$f"
  cat "$f"
}

redis_url() { echo "redis://127.0.0.1:$(cat "$dir/redis.port")/0"; }
pg_url() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/postgres.port")/postgres"; }

start_redis() {
  local port
  port=$(port_of redis)
  mkdir -p "$dir/redis"
  if [ -s "$dir/redis/redis.pid" ] && kill -0 "$(cat "$dir/redis/redis.pid")" 2>/dev/null &&
     redis-cli -p "$port" ping >/dev/null 2>&1; then return; fi
  for attempt in 1 2 3 4 5; do
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --pidfile "$dir/redis/redis.pid" \
      --logfile "$dir/redis/redis.log" --dir "$dir/redis" --save '' --appendonly no >/dev/null
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && return
      sleep 0.05
    done
    # The port was taken meanwhile (tests start servers side by side): try another one.
    free_port >"$dir/redis.port"
    port=$(cat "$dir/redis.port")
  done
  echo "services.sh: redis did not start; see $dir/redis/redis.log" >&2
  return 1
}

stop_redis() {
  [ -s "$dir/redis.port" ] || return 0
  redis-cli -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1 ||
    { [ -s "$dir/redis/redis.pid" ] && kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null; } || true
  for _ in $(seq 1 100); do
    redis-cli -p "$(cat "$dir/redis.port")" ping >/dev/null 2>&1 || break
    sleep 0.05
  done
  rm -f "$dir/redis/redis.pid"
}

start_postgres() {
  local port
  port=$(port_of postgres)
  [ -n "$pgbin" ] || { echo "services.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  if [ ! -s "$dir/pg/PG_VERSION" ]; then
    install -d -m 700 "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
    as_pg "'$pgbin/initdb' -D '$dir/pg' -U postgres -A trust -E UTF8 --no-locale --no-sync" >/dev/null
  fi
  if as_pg "'$pgbin/pg_ctl' -D '$dir/pg' status" >/dev/null 2>&1; then return; fi
  # Another process may take the free port first (tests start servers side by side): try another one.
  for attempt in 1 2 3 4 5; do
    if as_pg "'$pgbin/pg_ctl' -D '$dir/pg' -l '$dir/pg/server.log' -w -t 30 -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir/pg' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null; then
      return
    fi
    [ "$attempt" = 5 ] && break
    free_port >"$dir/postgres.port"
    port=$(cat "$dir/postgres.port")
  done
  echo "services.sh: postgres did not start; see $dir/pg/server.log" >&2
  tail -5 "$dir/pg/server.log" >&2 || true
  return 1
}

stop_postgres() {
  [ -n "$pgbin" ] && [ -s "$dir/pg/PG_VERSION" ] || return 0
  as_pg "'$pgbin/pg_ctl' -D '$dir/pg' -m fast -w stop" >/dev/null 2>&1 || true
}

for s in "${want[@]}"; do
  case "$cmd:$s" in
    start:redis) start_redis; echo "PACTS_REDIS_URL=$(redis_url)" ;;
    start:postgres) start_postgres; echo "PACTS_POSTGRES_URL=$(pg_url)" ;;
    stop:redis) stop_redis ;;
    stop:postgres) stop_postgres ;;
    urls:redis) [ -s "$dir/redis.port" ] && echo "PACTS_REDIS_URL=$(redis_url)" ;;
    urls:postgres) [ -s "$dir/postgres.port" ] && echo "PACTS_POSTGRES_URL=$(pg_url)" ;;
    *) echo "services.sh: unknown '$cmd $s'" >&2; exit 2 ;;
  esac
done
