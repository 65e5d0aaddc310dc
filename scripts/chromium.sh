# Sourced by scripts/run.sh test. The end-to-end tests drive Debian's Chromium through playwright-core;
# no browser is ever downloaded by a test tool.
source "$(dirname "${BASH_SOURCE[0]}")/debian.sh"

ensure_chromium() {
  export EKS_PLATFORM_CHROMIUM="${EKS_PLATFORM_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$EKS_PLATFORM_CHROMIUM" ]; then return 0; fi
  ensure_debian_package chromium chromium || true
  if [ ! -x "$EKS_PLATFORM_CHROMIUM" ]; then
    echo "[chromium] $EKS_PLATFORM_CHROMIUM is missing: install Debian's chromium (apt-get install chromium)" >&2
    return 1
  fi
}
