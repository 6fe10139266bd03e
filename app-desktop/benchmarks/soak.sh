#!/usr/bin/env bash
# Soak benchmark (BENCHMARKS.md): the console from the runtime image monitoring a fleet at a 1 s refresh;
# its resident memory and CPU sampled every 30 s.
#   app-desktop/benchmarks/soak.sh <image> <minutes> <url,url,url> <user> <password-file>
# Needs a display (Xvfb :99 will do). Prints one line per sample, then a summary.
set -euo pipefail
image=$(cd "${1:?image}" && pwd) minutes=${2:?minutes} urls=${3:?urls} user=${4:?user}
password_file=$(realpath "${5:?password file}")
: "${DISPLAY:?a display is needed: Xvfb :99 & export DISPLAY=:99}"
work=$(mktemp -d)
HOME="$work" "$image/bin/nexusai-console" --url="$urls" --user="$user" --password-file="$password_file" --refresh=1s --lang=en \
  >"$work/console.log" 2>&1 &
launcher=$!
trap 'kill "$launcher" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 30 # start-up and the first minute of charts are not the steady state
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$launcher/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$launcher/status"; }
start_cpu=$(cpu) start_time=$(date +%s)
echo "minute  rss_MiB  cpu_%_of_one_core_since_last"
last_cpu=$start_cpu last_time=$start_time
for _ in $(seq $((minutes * 2))); do
  sleep 30
  now_cpu=$(cpu) now_time=$(date +%s)
  awk -v m="$(( (now_time - start_time) / 60 ))" -v r="$(rss)" -v c=$((now_cpu - last_cpu)) -v t=$((now_time - last_time)) -v hz="$ticks" \
    'BEGIN {printf "%6d  %7.1f  %5.2f\n", m, r / 1024, 100 * c / hz / t}'
  last_cpu=$now_cpu last_time=$now_time
done
end_cpu=$(cpu) end_time=$(date +%s)
awk -v c=$((end_cpu - start_cpu)) -v t=$((end_time - start_time)) -v hz="$ticks" \
  'BEGIN {printf "overall: %.2f %% of one core over %d s\n", 100 * c / hz / t, t}'
