# Starts a PostgreSQL server for one test run and stops it on exit. Source this file, then call
# start_throwaway_postgres; it exports AIMEMORY_TEST_POSTGRES with an Npgsql connection string.
# The server listens on 127.0.0.1 only, on a free port, with its socket and data in a temporary folder.

find_postgres_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
    echo "$candidate"
    return 0
  fi
  return 1
}

install_postgres() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) are missing. Install the 'postgresql' package, or set AIMEMORY_TEST_POSTGRES." >&2
    return 1
  fi
  echo "Installing PostgreSQL from the distribution's packages..." >&2
  apt-get update -qq >&2
  # The package's own cluster is not used; the test server below gets a folder of its own.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free port found between 20000 and 50000." >&2
  return 1
}

stop_throwaway_postgres() {
  if [ -n "${THROWAWAY_PG_DIR:-}" ] && [ -d "$THROWAWAY_PG_DIR" ]; then
    $THROWAWAY_PG_RUN "$THROWAWAY_PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$THROWAWAY_PG_DIR"
  fi
  THROWAWAY_PG_DIR=""
}

start_throwaway_postgres() {
  THROWAWAY_PG_BIN=$(find_postgres_bin) || { install_postgres && THROWAWAY_PG_BIN=$(find_postgres_bin); } || return 1
  THROWAWAY_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/aimemory-pg.XXXXXX")
  THROWAWAY_PG_RUN=""

  # PostgreSQL will not run as root, so as root the server runs as an unprivileged system user.
  if [ "$(id -u)" -eq 0 ]; then
    local pg_user=aimemory-pg
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    chown "$pg_user" "$THROWAWAY_PG_DIR"
    chmod 755 "$THROWAWAY_PG_DIR"
    THROWAWAY_PG_RUN="runuser -u $pg_user --"
  fi

  local port
  port=$(free_port) || return 1
  $THROWAWAY_PG_RUN "$THROWAWAY_PG_BIN/initdb" -D "$THROWAWAY_PG_DIR/data" -U aimemory -A trust -E UTF8 --locale=C.UTF-8 \
    >"$THROWAWAY_PG_DIR/initdb.log" 2>&1 || { cat "$THROWAWAY_PG_DIR/initdb.log" >&2; return 1; }

  # Durability settings are relaxed for speed: this server lives for one run and is thrown away.
  # THROWAWAY_PG_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks that should match a real server.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${THROWAWAY_PG_DURABLE:-0}" = "1" ] && durability=""
  $THROWAWAY_PG_RUN "$THROWAWAY_PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -l "$THROWAWAY_PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $THROWAWAY_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $durability" \
    start >/dev/null || { cat "$THROWAWAY_PG_DIR/server.log" >&2; return 1; }

  trap stop_throwaway_postgres EXIT
  trap 'stop_throwaway_postgres; exit 130' INT TERM
  export AIMEMORY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=aimemory;Database=postgres"
  export AIMEMORY_TEST_POSTGRES_BIN="$THROWAWAY_PG_BIN"
  echo "Throwaway PostgreSQL on 127.0.0.1:$port (data in $THROWAWAY_PG_DIR)" >&2
}
