#!/usr/bin/env bash
# Builds the Linux desktop packages from the runtime image (jlink/target/image):
#   <out>/nexusai-console-<version>-linux-x64.tar.xz   the app image (unpack anywhere, run bin/nexusai-console)
#   <out>/nexusai-console_<version>_amd64.deb          the same, installed in /usr/lib/nexusai-console with a menu entry
#                                                       (deb/build-deb.sh: lintian-clean, no maintainer script)
# Called by the build (installers/pom.xml, package phase):
#   package.sh <java-home> <runtime-image> <version> <out-dir>
# The version loses its -SNAPSHOT: jpackage and dpkg want a plain numeric version.
set -euo pipefail
java_home=${1:?java home} image=${2:?runtime image} version=${3:?version} out=${4:?output dir}
cd "$(dirname "$0")"
version=${version%-SNAPSHOT}
image=$(cd "$image" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
training_server=
trap '[[ -z "$training_server" ]] || kill "$training_server" 2>/dev/null; rm -rf "$work"' EXIT

if [[ "$(uname -s)" != Linux ]]; then
  echo "desktop packages: built on Linux only by this script; see jpackage/windows.args and jpackage/macos.args" >&2
  exit 0
fi

step() { echo "desktop packages: $* ($(date +%T))"; }

step "app image from $image"
"$java_home/bin/jpackage" @jpackage/common.args @jpackage/launcher.args --icon icons/nexusai.png --type app-image \
  --runtime-image "$image" --app-version "$version" --dest "$work"

# An AOT cache (JDK 25, JEP 483/514) made by one training run of the packaged console; the launcher then starts
# with it (BENCHMARKS.md, "Desktop package"). The training signs in to a server of the image's own, started here
# in embedded mode on free ports, and stops at the first painted dashboard, so the cache holds what a real start
# loads (the HTTP client, Jackson, the panels and charts). When that server cannot start, the training stops at the
# sign-in screen instead. The training needs a display: Xvfb when there is none. Without either, the package is
# made without the cache (it starts slower).
app="$work/nexusai-console"
start_training_server() {
  "$image/bin/java" -Xms64m -Xmx512m -jar "$image/server/nexusai-server.jar" --nexusai.data-dir="$work/training-data" \
    --server.port=0 --nexusai.embedded.postgres.port=0 --nexusai.embedded.redis.port=0 --nexusai.embedded.kafka.port=0 \
    --nexusai.embedded.kafka.controller-port=0 --nexusai.embedded.s3.port=0 > "$work/training-server.log" 2>&1 &
  training_server=$!
  for _ in $(seq 360); do
    grep -q 'NexusAI server ready at' "$work/training-server.log" && return 0
    kill -0 "$training_server" 2>/dev/null || break
    sleep 0.5
  done
  echo "desktop packages: the training server did not start; training to the sign-in screen:" >&2
  tail -20 "$work/training-server.log" >&2
  stop_training_server
  return 1
}
stop_training_server() {
  if [[ -n "$training_server" ]]; then
    kill "$training_server" 2>/dev/null || true
    wait "$training_server" 2>/dev/null || true
    training_server=
  fi
}
train() {
  local first=(-Dnexusai.first-frame.of=connect) sign_in=()
  if start_training_server; then
    local url
    url=$(sed -n 's/.*NexusAI server ready at \(http:[^ ]*\) .*/\1/p' "$work/training-server.log" | head -1)
    first=() sign_in=(--url="$url" --user=admin --password-file="$work/training-data/secrets/admin-password")
    step "AOT cache: training server at $url"
  fi
  JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$app/lib/app/nexusai-console.aot -Dnexusai.first-frame=exit ${first[*]} -Duser.home=$work/training-home" \
    timeout 120 "$app/bin/nexusai-console" --lang=en "${sign_in[@]}" > "$work/training.log" 2>&1
  local status=$?
  stop_training_server
  return $status
}
if [[ -n "${DISPLAY:-}" ]] || command -v Xvfb >/dev/null; then
  step "AOT cache: training run"
  if [[ -n "${DISPLAY:-}" ]]; then
    train || true
  else
    Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5> "$work/display" 2>/dev/null &
    xvfb=$!
    for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
    DISPLAY=":$(cat "$work/display")" train || true
    kill "$xvfb" 2>/dev/null || true
  fi
  if [[ -s "$app/lib/app/nexusai-console.aot" ]]; then
    # $APPDIR is the launcher's lib/app, wherever the package is installed
    # shellcheck disable=SC2016
    echo 'java-options=-XX:AOTCache=$APPDIR/nexusai-console.aot' >> "$app/lib/app/nexusai-console.cfg"
    step "AOT cache: $(du -h "$app/lib/app/nexusai-console.aot" | cut -f1)"
  else
    echo "desktop packages: the AOT training run made no cache; packaging without it:" >&2
    cat "$work/training.log" >&2
  fi
else
  echo "desktop packages: no display and no Xvfb: packaging without an AOT cache (apt-get install xvfb)" >&2
fi

archive="$out/nexusai-console-$version-linux-x64.tar.xz"
step "archive $(basename "$archive")"
tar -C "$work" -cf - nexusai-console | xz -T0 -6 > "$archive"

if ! command -v dpkg-deb >/dev/null || ! command -v strip >/dev/null; then
  echo "desktop packages: no .deb: dpkg-deb and strip are needed (apt-get install dpkg-dev binutils)" >&2
  exit 1
fi
step ".deb"
deb/build-deb.sh "$work/nexusai-console" "$version" "$out"
step "done"
ls -l "$out"
