# Sourced by scripts/run.sh test. Installs a Debian package when its command is missing and we are root.

# ensure_debian_package COMMAND PACKAGE: succeeds when COMMAND is on PATH afterwards.
ensure_debian_package() {
  local command="$1" package="$2"
  if command -v "$command" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[debian] installing $package"
    DEBIAN_FRONTEND=noninteractive real_clock apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 ||
      { real_clock apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive real_clock apt-get install -y -qq --no-install-recommends "$package" >/dev/null; }
  fi
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "[debian] $command is missing: install Debian's $package (apt-get install $package)" >&2
    return 1
  fi
}
