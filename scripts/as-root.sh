# Sourced by the install scripts: as_root runs a command as root — directly when we are root, else through passwordless
# sudo — or says what to install by hand (through the caller's log function) and fails.
as_root() {
  if [[ "$(id -u)" == "0" ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    log "cannot install system packages: not root and no passwordless sudo. Install them yourself: $*"
    return 1
  fi
}
