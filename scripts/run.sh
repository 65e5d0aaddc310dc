#!/usr/bin/env bash
# The repository's two entry points, as given in the README's Quick start:
#   bash scripts/run.sh start   install what is missing, start the simulated fleet and Backstage
#   bash scripts/run.sh test    install what is missing, then type-check, lint, unit and end-to-end tests
# Works on a machine with only Node 20 and npm: Node 22 and Yarn 4 come from the npm registry into .tools/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$REPO_ROOT"

usage() {
  echo "usage: bash scripts/run.sh start|test" >&2
  exit 2
}

# The embedded GitOps default: a local bare repository the eks-microservice template commits to, and the
# directory the template writes new components' catalog files to (read by a catalog `file` location).
ensure_local_gitops() {
  export EKS_PLATFORM_GITOPS_DIR="$REPO_ROOT/.gitops"
  mkdir -p "$EKS_PLATFORM_GITOPS_DIR/catalog"
  if [ ! -d "$EKS_PLATFORM_GITOPS_DIR/platform.git" ]; then
    git init --quiet --bare --initial-branch=main "$EKS_PLATFORM_GITOPS_DIR/platform.git"
    echo "[start] created the local GitOps repository .gitops/platform.git"
  fi
}

cmd_start() {
  ensure_toolchain
  ensure_dependencies
  ensure_local_gitops
  source "$REPO_ROOT/scripts/fleet.sh"
  start_fleet_simulator
  trap stop_fleet_simulator EXIT
  trap 'exit 130' INT TERM
  echo "[start] Backstage: frontend http://localhost:3000, backend http://localhost:7007"
  yarn start
}

cmd_test() {
  ensure_toolchain
  ensure_dependencies
  source "$REPO_ROOT/scripts/postgres.sh"
  ensure_postgres || echo "[test] PostgreSQL is not available: database tests run on SQLite only" >&2
  source "$REPO_ROOT/scripts/chromium.sh"
  ensure_chromium
  # The time-travel pass runs the unit and integration tests with their clock 400 days ahead.
  ensure_debian_package faketime faketime
  exec node "$REPO_ROOT/scripts/test-all.mjs" "$@"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) usage ;;
esac
