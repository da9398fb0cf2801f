#!/usr/bin/env bash
# Installs Azurite (npm package `azurite`, Microsoft's Azure Storage emulator) into <repo>/.tools/azurite, idempotently,
# and prints the path of the binary. The tests start it on free loopback ports (tests/Nexus.Testing/Azurite).
#
#   scripts/install-azurite.sh                     # installs the pinned version (once) and prints the binary path
#   AZURITE_VERSION=x.y.z scripts/install-azurite.sh
set -euo pipefail

version="${AZURITE_VERSION:-3.35.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$repo_root/.tools/azurite"
binary="$prefix/node_modules/.bin/azurite"

if [[ -x "$binary" && "$("$binary" --version 2>/dev/null)" == "$version" ]]; then
  echo "$binary"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-azurite.sh: npm is required (install Node.js and npm, e.g. 'apt-get install -y nodejs npm')." >&2
  exit 1
fi

mkdir -p "$prefix"
echo "install-azurite.sh: installing azurite@$version into $prefix" >&2
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "azurite@$version" >&2

if [[ "$("$binary" --version 2>/dev/null)" != "$version" ]]; then
  echo "install-azurite.sh: $binary does not run after the install." >&2
  exit 1
fi

echo "$binary"
