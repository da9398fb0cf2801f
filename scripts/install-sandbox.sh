#!/usr/bin/env bash
# Installs bubblewrap (bwrap), the sandbox every agent turn and test run starts in, when it is missing: idempotent, no
# prompts. Called by ./nexus and scripts/deps.sh. Debian/Ubuntu (apt-get) as root or with passwordless sudo; elsewhere
# it says what to install and fails (NEXUS then refuses to run agents unless --unsandboxed is given).
set -euo pipefail

command -v bwrap >/dev/null 2>&1 && exit 0
[[ "$(uname -s)" == "Linux" ]] || { echo "install-sandbox.sh: bubblewrap needs Linux; on $(uname -s) run agents with --unsandboxed" >&2; exit 1; }

as_root() {
  if [[ "$(id -u)" == "0" ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    echo "install-sandbox.sh: not root and no passwordless sudo; install the bubblewrap package yourself" >&2
    return 1
  fi
}

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sandbox.sh: no apt-get here; install bubblewrap with your package manager" >&2
  exit 1
fi

echo "nexus: installing bubblewrap (the agents' sandbox)" >&2
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq >/dev/null
as_root apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null
command -v bwrap >/dev/null 2>&1
