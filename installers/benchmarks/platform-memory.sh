#!/usr/bin/env bash
# Idle memory of the whole embedded platform (BENCHMARKS.md, "Idle embedded platform"): starts the server jar the
# shipped way (bin/nexusai-java: extracted, AOT cache; run it twice, the first run trains the cache), waits for
# /actuator/health UP, lets it idle, then sums every process of the platform: the server, the Kafka broker's JVM,
# redis-server and PostgreSQL (its postmaster and backends, which pg_ctl detaches). The S3 store runs in the server.
#   installers/benchmarks/platform-memory.sh <java> <server jar> [idle seconds, default 60]
# Prints, per process and in total, the proportional set size (PSS: shared pages divided among the processes that
# map them, so that the sum is the platform's real share of memory) and the resident set size (RSS, which counts a
# shared page once in every process).
set -euo pipefail
java=${1:?java} jar=$(realpath "${2:?server jar}") idle=${3:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
work=${NEXUSAI_BENCH_DIR:-$HOME/.cache/nexusai-bench}
mkdir -p "$work"
port=18080
JVM_OPTIONS="-Xms64m -Xmx512m" "$here/server/bin/nexusai-java" "$java" "$jar" "$work/cache" \
  --nexusai.data-dir="$work/data" --server.port=$port >"$work/server.log" 2>&1 &
launcher=$!
trap 'kill "$launcher" 2>/dev/null; wait "$launcher" 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
  kill -0 "$launcher" 2>/dev/null || { echo "the server stopped: see $work/server.log" >&2; exit 1; }
  sleep 0.1
done
echo "health UP after $(echo "$(date +%s.%N) - $start" | bc) s; idling ${idle} s"
sleep "$idle"
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
postmaster=$(head -1 "$work/data/postgres/postmaster.pid")
total_pss=0 total_rss=0
printf "%8s %10s %10s  %s\n" pid "PSS MiB" "RSS MiB" process
for pid in "$launcher" $(pgrep -P "$launcher") "$postmaster" $(pgrep -P "$postmaster"); do
  p=$(pss "$pid") r=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  total_pss=$((total_pss + p)) total_rss=$((total_rss + r))
  printf "%8d %10.1f %10.1f  %s\n" "$pid" "$(echo "$p / 1024" | bc -l)" "$(echo "$r / 1024" | bc -l)" "$(ps -o args= -p "$pid" | cut -c1-70)"
done
printf "total: PSS %.0f MiB, RSS %.0f MiB\n" "$(echo "$total_pss / 1024" | bc -l)" "$(echo "$total_rss / 1024" | bc -l)"
