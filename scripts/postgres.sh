# Sourced by scripts/run.sh test. Starts the machine's PostgreSQL (installing Debian's `postgresql` when it is
# absent and we are root) and exports the connection string Backstage's TestDatabases reads, so database tests
# run on SQLite and on PostgreSQL.

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "[postgres] installing Debian's postgresql"
      DEBIAN_FRONTEND=noninteractive real_clock apt-get install -y -qq postgresql >/dev/null 2>&1 ||
        { real_clock apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive real_clock apt-get install -y -qq postgresql >/dev/null; } ||
        return 1
    else
      return 1
    fi
  fi
  local line version cluster port
  line=$(pg_lsclusters --no-header | head -n 1)
  if [ -z "$line" ]; then
    echo "[postgres] no PostgreSQL cluster exists on this machine" >&2
    return 1
  fi
  read -r version cluster port _ <<<"$line"
  if ! pg_lsclusters --no-header | awk -v c="$cluster" '$2 == c && $4 == "online"' | grep -q .; then
    echo "[postgres] starting cluster $version/$cluster on port $port"
    real_clock pg_ctlcluster "$version" "$cluster" start
  fi
  local password=backstage-test
  # Local socket auth as the postgres OS user sets a password the tests use over TCP on loopback.
  if [ "$(id -u)" = 0 ]; then
    if ! real_clock su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null; then
      echo "[postgres] could not set the postgres user's password on port $port" >&2
      return 1
    fi
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING="postgresql://postgres:${password}@127.0.0.1:${port}"
  export EKS_PLATFORM_TEST_POSTGRES_VERSION="$version"
  echo "[postgres] PostgreSQL $version ready on 127.0.0.1:$port"
}
