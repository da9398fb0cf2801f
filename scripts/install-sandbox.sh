#!/usr/bin/env bash
# Installs bubblewrap (bwrap), the sandbox every agent turn and test run starts in, when it is missing: idempotent, no
# prompts. Called by ./nexus (scripts/deps.sh installs it with the test dependencies). Debian/Ubuntu (apt-get) as root or with passwordless sudo; elsewhere
# it says what to install and fails (NEXUS then refuses to run agents unless --unsandboxed is given).
set -euo pipefail

command -v bwrap >/dev/null 2>&1 && exit 0
[[ "$(uname -s)" == "Linux" ]] || { echo "install-sandbox.sh: bubblewrap needs Linux; on $(uname -s) run agents with --unsandboxed" >&2; exit 1; }

log() { echo "install-sandbox.sh: $*" >&2; }
# shellcheck source=scripts/as-root.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/as-root.sh"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sandbox.sh: no apt-get here; install bubblewrap with your package manager" >&2
  exit 1
fi

echo "nexus: installing bubblewrap (the agents' sandbox)" >&2
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq >/dev/null
as_root apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null
command -v bwrap >/dev/null 2>&1
