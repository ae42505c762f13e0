#!/usr/bin/env bash
# End-to-end POST /api/v1/match throughput against the real server on the loopback interface.
# Starts cairn-server.jar (embedded H2) with --demo in a temporary working directory, seeds SIGNALS synthetic signals
# through POST /api/v1/signals/batch, runs the HTTP load driver, stops the server and removes the directory.
# Client and server share the machine. Build first:
#   ./mvnw -q -o package -DskipTests -pl cairn-core,cairn-server,cairn-bench -am
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PORT=${PORT:-18080}
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
cd "$WORK"
# shellcheck disable=SC2086
CAIRN_DATA_DIR="$WORK/data" PORT=$PORT "$JAVA" -Xms$SERVER_HEAP -Xmx$SERVER_HEAP $SERVER_OPTS \
  -jar "$ROOT/cairn-server/target/cairn-server.jar" --demo --server.address=127.0.0.1 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  [[ -s "$WORK/data/demo-keys.env" ]] && curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.5
done
# shellcheck disable=SC1091
. "$WORK/data/demo-keys.env"
cd "$ROOT"
BENCH=("$JAVA" -Xmx1g -cp cairn-bench/target/cairn-bench.jar dev.cairn.bench.http.MatchLoad)
"${BENCH[@]}" seed --url="http://127.0.0.1:$PORT" --key="$CAIRN_KEY_NORTHWIND" --signals="$SIGNALS" --batch="$BATCH" --concurrency=1
grep -m1 "Match index loaded" "$WORK/server.log" || true
echo "# load before match: $(cut -d' ' -f1-3 /proc/loadavg)"
"${BENCH[@]}" match --url="http://127.0.0.1:$PORT" --key="$CAIRN_KEY_FABRIKAM" --signals="$SIGNALS" --batch="$BATCH" \
  --concurrency="$CONCURRENCY" --requests="$REQUESTS" --seconds="$SECONDS_MAX" --hit-rate="$HIT_RATE" --types="$TYPES" \
  ${EXTRA_MATCH_ARGS:-}
echo "# load after match: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${KEEP_LOG:-}" ]]; then cp "$WORK/server.log" "$KEEP_LOG"; fi
