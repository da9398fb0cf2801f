#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: created in DIR, listening on 127.0.0.1 on a free port, with
# fsync on (durable commits, as in production). Nothing outside DIR is touched; `stop` removes DIR.
#
#   scripts/postgres.sh start DIR [--watch PID]   # prints ONE line: the connection string
#   scripts/postgres.sh stop DIR                  # fast shutdown, then removes DIR
#
# start installs Debian's `postgresql` when no server binaries are found (apt-get, like scripts/deps.sh), runs initdb
# with trust authentication (as the `postgres` OS user when run as root; DIR is handed to that user), starts the server
# (unix socket in DIR, TCP on 127.0.0.1) and waits until it accepts connections. Starting a DIR whose cluster already
# runs prints its connection string again; stopping a DIR that does not exist does nothing. With --watch PID a detached
# watcher stops the cluster (and removes DIR) once process PID has exited, so a killed caller leaves nothing running.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

usage() {
  echo "usage: scripts/postgres.sh start DIR [--watch PID] | scripts/postgres.sh stop DIR" >&2
  exit 2
}

# The newest installed server's bin directory (Debian keeps them in /usr/lib/postgresql/<major>/bin).
find_bindir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" && -x "$dir/postgres" ]] && best="$dir"
  done
  if [[ -z "$best" ]] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    best="$(dirname "$(command -v pg_ctl)")"
  fi
  echo "$best"
}

as_root() {
  if [[ "$(id -u)" == "0" ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    die "PostgreSQL is not installed and installing it needs root (or passwordless sudo): apt-get install postgresql"
  fi
}

ensure_installed() {
  bindir="$(find_bindir)"
  [[ -n "$bindir" ]] && return 0
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no apt-get here; install the PostgreSQL server yourself."
  log "installing postgresql"
  DEBIAN_FRONTEND=noninteractive as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bindir="$(find_bindir)"
  [[ -n "$bindir" ]] || die "installed postgresql but found no server binaries under /usr/lib/postgresql/*/bin"
}

# Runs a server tool as the cluster's owner: the `postgres` OS user when we are root (the server refuses to run as root).
run_pg() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Whether a TCP port on 127.0.0.1 accepts connections.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

connection_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres"; }

# The port of a running cluster (line 4 of postmaster.pid), or nothing when DIR's cluster is not running.
running_port() {
  local data="$1/data"
  [[ -f "$data/postmaster.pid" ]] || return 0
  if run_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    sed -n 4p "$data/postmaster.pid"
  fi
}

start() {
  local dir="$1" watch_pid="${2:-}"
  ensure_installed
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local data="$dir/data" sock="$dir/sock" port
  if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user (created by Debian's postgresql package)"
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "the postgres OS user cannot write to $dir: every directory above it must be searchable by that user (e.g. use a directory under /tmp)"
  fi

  port="$(running_port "$dir")"
  if [[ -n "$port" ]]; then
    start_watcher "$dir" "$watch_pid"
    connection_string "$port"
    return 0
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    rm -rf "$data"
    run_pg mkdir -p "$data" "$sock"
    run_pg "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
      die "initdb failed; see $dir/initdb.log: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
  fi
  run_pg mkdir -p "$sock"

  # A free port: try random ones until the server binds one (another process may take a port between check and start).
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if run_pg "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=on -c synchronous_commit=on -c max_connections=300" \
      start >/dev/null 2>&1; then
      if run_pg "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30; then
        start_watcher "$dir" "$watch_pid"
        connection_string "$port"
        return 0
      fi
      run_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
      die "the server started on port $port but does not accept connections; see $dir/server.log"
    fi
    log "could not start on port $port (attempt $attempt); trying another"
  done
  die "the server did not start; see $dir/server.log: $(tail -n 3 "$dir/server.log" 2>/dev/null | tr '\n' ' ')"
}

# With --watch PID: a detached process (own session, so the caller's process-group kill does not take it) that stops
# the cluster once PID has exited.
start_watcher() {
  local dir="$1" pid="$2"
  [[ -z "$pid" ]] && return 0
  setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -d "$3" ]]; do sleep 1; done; "$2" stop "$3" >/dev/null 2>&1' \
    watcher "$pid" "$(realpath "${BASH_SOURCE[0]}")" "$dir" </dev/null >/dev/null 2>&1 &
}

stop() {
  local dir="$1"
  [[ -d "$dir" ]] || return 0
  dir="$(cd "$dir" && pwd)"
  local data="$dir/data"
  if [[ -f "$data/postmaster.pid" ]]; then
    bindir="$(find_bindir)"
    [[ -n "$bindir" ]] || die "a cluster runs in $dir but no pg_ctl was found to stop it"
    if ! run_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1; then
      # Still running after the fast shutdown: stop it hard, never leave it behind.
      if [[ -f "$data/postmaster.pid" ]]; then
        local pid
        pid="$(head -n 1 "$data/postmaster.pid")"
        [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf "$dir"
}

[[ $# -ge 2 ]] || usage
command="$1"
dir="$2"
shift 2
[[ -n "$dir" ]] || usage
case "$command" in
  start)
    watch_pid=""
    if [[ $# -gt 0 ]]; then
      [[ "$1" == "--watch" && $# -eq 2 && "$2" =~ ^[0-9]+$ ]] || usage
      watch_pid="$2"
    fi
    start "$dir" "$watch_pid"
    ;;
  stop)
    [[ $# -eq 0 ]] || usage
    stop "$dir"
    ;;
  *) usage ;;
esac
