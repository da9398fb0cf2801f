#!/usr/bin/env bash
# Installs the Claude Code CLI (npm package @anthropic-ai/claude-code) into <repo>/.tools/claude, idempotently,
# and prints the path of the binary. NEXUS's ClaudeCodeBackend finds it there when `claude` is not on PATH.
#
#   scripts/install-claude.sh            # installs the pinned version (once) and prints the binary path
#   CLAUDE_CODE_VERSION=x.y.z scripts/install-claude.sh   # another version
#
# The version is pinned because the backend's behaviour was verified against it (see tests/…/Backends/Claude).
set -euo pipefail

version="${CLAUDE_CODE_VERSION:-2.1.330}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$repo_root/.tools/claude"
binary="$prefix/node_modules/.bin/claude"
manifest="$prefix/node_modules/@anthropic-ai/claude-code/package.json"

installed_version() {
  [[ -f "$manifest" ]] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

if [[ -x "$binary" && "$(installed_version)" == "$version" ]] && "$binary" --version >/dev/null 2>&1; then
  echo "$binary"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-claude.sh: npm is required (install Node.js and npm, e.g. 'apt-get install -y nodejs npm')." >&2
  exit 1
fi

mkdir -p "$prefix"
echo "install-claude.sh: installing @anthropic-ai/claude-code@$version into $prefix" >&2
# The package's postinstall links the platform's native binary to node_modules/.bin/claude.
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
  "@anthropic-ai/claude-code@$version" >&2

if ! "$binary" --version >/dev/null 2>&1; then
  echo "install-claude.sh: $binary does not run after the install." >&2
  exit 1
fi

echo "$binary"
