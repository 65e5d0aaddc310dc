# Sourced by scripts/run.sh start. Runs the fleet simulator (packages/fleet-simulator) with the demo fleet on
# loopback and exports, per simulated cluster, the bearer token app-config.yaml reads
# (FLEET_SIMULATOR_TOKEN_<CLUSTER_NAME_IN_UPPER_SNAKE_CASE>). Its files go to .fleet-sim/ (git-ignored).

FLEET_STATE_DIR="$REPO_ROOT/.fleet-sim"
FLEET_SCENARIO="${FLEET_SCENARIO:-$REPO_ROOT/packages/fleet-simulator/scenarios/demo-fleet.yaml}"
FLEET_PID=""

start_fleet_simulator() {
  mkdir -p "$FLEET_STATE_DIR"
  rm -f "$FLEET_STATE_DIR/fleet.json"
  echo "[fleet] starting the fleet simulator ($(basename "$FLEET_SCENARIO")) on 127.0.0.1:7780-7799"
  node "$REPO_ROOT/packages/fleet-simulator/bin/fleet-simulator" \
    --scenario "$FLEET_SCENARIO" --state-dir "$FLEET_STATE_DIR" \
    >"$FLEET_STATE_DIR/simulator.log" 2>&1 &
  FLEET_PID=$!
  local i
  for i in $(seq 1 100); do
    if [ -s "$FLEET_STATE_DIR/fleet.json" ] && grep -q 'fleet-simulator ready' "$FLEET_STATE_DIR/simulator.log"; then
      break
    fi
    if ! kill -0 "$FLEET_PID" 2>/dev/null; then
      echo "[fleet] the simulator exited; its log:" >&2
      cat "$FLEET_STATE_DIR/simulator.log" >&2
      return 1
    fi
    sleep 0.2
  done
  if [ ! -s "$FLEET_STATE_DIR/fleet.json" ]; then
    echo "[fleet] the simulator did not become ready in 20 s; see $FLEET_STATE_DIR/simulator.log" >&2
    return 1
  fi
  # One environment variable per cluster, read from the simulator's fleet.json (mode 0600).
  eval "$(node -e '
    const fleet = require(process.argv[1]);
    for (const [name, c] of Object.entries(fleet.clusters)) {
      const key = "FLEET_SIMULATOR_TOKEN_" + name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
      console.log(`export ${key}=${JSON.stringify(c.token)}`);
    }' "$FLEET_STATE_DIR/fleet.json")"
  echo "[fleet] ready: $(grep -m1 'fleet-simulator ready' "$FLEET_STATE_DIR/simulator.log")"
}

stop_fleet_simulator() {
  if [ -n "$FLEET_PID" ] && kill -0 "$FLEET_PID" 2>/dev/null; then
    kill "$FLEET_PID" 2>/dev/null || true
    wait "$FLEET_PID" 2>/dev/null || true
  fi
}
