#!/usr/bin/env bash
# All match figures in one run, on the same synthetic data (dev.cairn.bench.data.Synthetic, 1,000,000 signals):
# JMH index lookups (1 and 2 threads), HTTP POST /api/v1/match against the real server, and the PostgreSQL query.
# Loopback only. Build first: ./mvnw -q -o package -DskipTests -pl cairn-core,cairn-server,cairn-bench -am
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=${OUT:-/tmp/cairn-match-bench}
mkdir -p "$OUT"
echo "# machine: nproc=$(nproc) cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) java=$("$JAVA" -version 2>&1 | head -1)"
for t in 1 2; do
  echo "# JMH -t $t, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" -jar cairn-bench/target/cairn-bench.jar 'dev.cairn.bench.match.MatchBenchmark' -f 1 -wi 3 -i 5 -w 1s -r 1s \
    -t "$t" -jvmArgs -Xmx2g ${JMH_ARGS:-} -rf json -rff "$OUT/jmh-t$t.json" 2>&1 | sed -n '/^Benchmark /,$p'
done
echo "# HTTP, load: $(cut -d' ' -f1-3 /proc/loadavg)"
cairn-bench/scripts/http-match.sh 2>&1 | grep -E '^#|RESULT|loaded|match:'
echo "# PostgreSQL, load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx1g -cp cairn-bench/target/cairn-bench.jar dev.cairn.bench.pg.PgMatchBench \
  --migrations=cairn-server/src/main/resources/db/migration --signals=1000000 --batch=10000 --threads=1,2 \
  --requests=60 --seconds=60 2>&1 | grep -vE '^\s+(Recheck|->)'
echo "# done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
