#!/usr/bin/env bash
# Installs what the test suite needs, only when it is missing: idempotent, no prompts. Called by scripts/test.sh.
#
#   scripts/deps.sh
#
# Add system packages to APT_PACKAGES (installed with one `apt-get update` when any is missing) and tools installed
# through npm to the "npm tools" section.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

# System packages the tests need (Debian/Ubuntu package names).
APT_PACKAGES=(
  git    # workspace tests drive the git CLI
  nodejs # the Claude Code CLI and node test-runner tests
  npm    # installs the Claude Code CLI
  postgresql # PostgreSQL store tests (scripts/postgres.sh starts a throwaway cluster)
  chromium   # dashboard browser tests (Playwright drives Debian's Chromium)
  bubblewrap # the sandbox of every agent turn and test run (bwrap)
  python3-coverage # the QA gate's Python coverage (coverage.py, run with Debian's python3) and its tests
)

log() { echo "deps.sh: $*" >&2; }

# shellcheck source=scripts/as-root.sh
source "$repo_root/scripts/as-root.sh"

# A package counts as present when dpkg says it is installed, or (for tools) its command is on PATH.
apt_missing() {
  local missing=() package
  for package in "$@"; do
    case "$package" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm | git) command -v "$package" >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" && continue
    missing+=("$package")
  done
  echo "${missing[@]+"${missing[@]}"}"
}

ensure_apt_packages() {
  local missing
  missing="$(apt_missing "$@")"
  [[ -z "$missing" ]] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing packages ($missing) and no apt-get on this machine; install them with your package manager."
    return 1
  fi

  log "installing $missing"
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  as_root apt-get update -qq &&
    as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

ensure_apt_packages "${APT_PACKAGES[@]}"

# npm tools (each installer is idempotent and installs into <repo>/.tools).
"$repo_root/scripts/install-claude.sh" >/dev/null
"$repo_root/scripts/install-azurite.sh" >/dev/null
log "dependencies present"
