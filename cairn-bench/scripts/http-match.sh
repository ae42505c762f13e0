#!/usr/bin/env bash
# End-to-end POST /api/v1/match throughput against the real server on the loopback interface.
# Starts cairn-server.jar (embedded H2) with --demo in a temporary working directory, seeds SIGNALS synthetic signals
# into its database (see below), runs the HTTP load driver, stops the server and removes the directory.
# Client and server share the machine. Build first:
#   ./mvnw -q -o package -DskipTests -pl cairn-core,cairn-server,cairn-bench -am
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PORT=${PORT:-28417}
SIGNALS=${SIGNALS:-1000000}
BATCH=${BATCH:-10000}
CONCURRENCY=${CONCURRENCY:-2}
REQUESTS=${REQUESTS:-200}
SECONDS_MAX=${SECONDS_MAX:-60}
HIT_RATE=${HIT_RATE:-0.01}
TYPES=${TYPES:-SHA256,MD5,SHA1,EMAIL}
SERVER_HEAP=${SERVER_HEAP:-2g}
SERVER_OPTS=${SERVER_OPTS:-}
WORK=$(mktemp -d /tmp/cairn-http-bench.XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# $(date -u +%FT%TZ) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg) java: $("$JAVA" -version 2>&1 | head -1)"
start_server() {
  rm -f "$WORK/data/demo-keys.env"   # issued afresh at every start
  cd "$WORK"
  # shellcheck disable=SC2086
  CAIRN_DATA_DIR="$WORK/data" PORT=$PORT "$JAVA" -Xms$SERVER_HEAP -Xmx$SERVER_HEAP $SERVER_OPTS \
    -jar "${SERVER_JAR:-$ROOT/cairn-server/target/cairn-server.jar}" --demo --server.address=127.0.0.1 >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  cd "$ROOT"
  local t0=$SECONDS
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && [[ -s "$WORK/data/demo-keys.env" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.5
  done
  echo "# server up in $((SECONDS - t0)) s"
}
stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

# 1. First start: Flyway creates the schema, --demo the participants and keys. 2. Stopped, the embedded file
# database gets SIGNALS rows by JDBC (SeedH2, same rows as SignalRepository.insertAll). 3. Second start loads them
# into the match index, as a production restart would.
# SEED_CACHE=DIR keeps a copy of the seeded database there and reuses it on later runs (delete DIR when done, and
# after any schema change).
if [[ -n "${SEED_CACHE:-}" && -d "$SEED_CACHE/data-$SIGNALS" ]]; then
  cp -r "$SEED_CACHE/data-$SIGNALS" "$WORK/data"
  echo "# reused the seeded database in $SEED_CACHE/data-$SIGNALS"
else
  start_server
  stop_server
  "$JAVA" -Xmx2g -cp cairn-bench/target/cairn-bench.jar dev.cairn.bench.data.SeedH2 "$WORK/data" "$SIGNALS" northwind
  if [[ -n "${SEED_CACHE:-}" ]]; then mkdir -p "$SEED_CACHE" && cp -r "$WORK/data" "$SEED_CACHE/data-$SIGNALS"; fi
fi
start_server
grep "Match index loaded" "$WORK/server.log" | tail -1 | sed 's/.*: //'
# shellcheck disable=SC1091
. "$WORK/data/demo-keys.env"
BENCH=("$JAVA" -Xmx1g -cp cairn-bench/target/cairn-bench.jar dev.cairn.bench.http.MatchLoad)
echo "# load before match: $(cut -d' ' -f1-3 /proc/loadavg)"
"${BENCH[@]}" match --url="http://127.0.0.1:$PORT" --key="$CAIRN_KEY_FABRIKAM" --signals="$SIGNALS" --batch="$BATCH" \
  --concurrency="$CONCURRENCY" --requests="$REQUESTS" --seconds="$SECONDS_MAX" --hit-rate="$HIT_RATE" --types="$TYPES" \
  ${EXTRA_MATCH_ARGS:-}
echo "# load after match: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${KEEP_LOG:-}" ]]; then cp "$WORK/server.log" "$KEEP_LOG"; fi
