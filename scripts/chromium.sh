# Sourced by scripts/run.sh test. The end-to-end tests drive Debian's Chromium through playwright-core;
# no browser is ever downloaded by a test tool.

ensure_chromium() {
  export EKS_PLATFORM_CHROMIUM="${EKS_PLATFORM_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$EKS_PLATFORM_CHROMIUM" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[chromium] installing Debian's chromium"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
  fi
  if [ ! -x "$EKS_PLATFORM_CHROMIUM" ]; then
    echo "[chromium] $EKS_PLATFORM_CHROMIUM is missing: install Debian's chromium (apt-get install chromium)" >&2
    return 1
  fi
}
