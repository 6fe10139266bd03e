#!/usr/bin/env bash
# Start-up benchmark (BENCHMARKS.md): time from process start to the first painted dashboard of the
# console from the runtime image, against the smallest JavaFX window started from the same image; then
# the same with an AOT cache (JDK 25, JEP 483/514) made by one training run.
# Needs a display (Xvfb :99 will do) and a running server.
#   app-desktop/benchmarks/startup.sh <image> <server-url> <user> <password-file> [runs]
set -euo pipefail
image=$(cd "${1:?image}" && pwd) url=${2:?server url} user=${3:?user} password_file=$(realpath "${4:?password file}")
runs=${5:-10}
: "${DISPLAY:?a display is needed: Xvfb :99 & export DISPLAY=:99}"
# JAVAC: a JDK 25's javac (the image has none), default the one on the PATH
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the reference window, compiled against the image's JavaFX by the JDK that built it
javac_bin=${JAVAC:-javac}
"$javac_bin" --release 25 --module-path "$here/../target/lib" --add-modules javafx.controls -d "$work/minimal" "$here/MinimalWindow.java"
# a jar, not a directory: the AOT cache accepts only jars on the class path
(cd "$work/minimal" && "$(dirname "$javac_bin")/jar" --create --file "$work/minimal.jar" MinimalWindow.class)

console() {
  HOME="$work/home" "$image/bin/java" --enable-native-access=javafx.graphics "$@" \
    -Dnexusai.server.jar="$image/server/nexusai-server.jar" -Dnexusai.first-frame=exit \
    -m com.nexusai.desktop/com.nexusai.desktop.shell.Main \
    --url="$url" --user="$user" --password-file="$password_file" --lang=en
}
minimal() {
  "$image/bin/java" --enable-native-access=javafx.graphics "$@" -cp "$work/minimal.jar" MinimalWindow
}
measure() { # name, command...
  local name=$1 total=0 values=()
  shift
  for _ in $(seq "$runs"); do
    local ms
    ms=$("$@" 2>/dev/null | sed -n 's/^first-frame [a-z]* \([0-9]*\) ms$/\1/p')
    values+=("$ms")
    total=$((total + ms))
  done
  local sorted median
  sorted=$(printf '%s\n' "${values[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-28s median %5d ms   mean %5d ms   all: %s\n' "$name" "$median" $((total / runs)) "$(echo "$sorted" | tr '\n' ' ')"
}

measure "minimal window" minimal
measure "console, first dashboard" console
minimal -XX:AOTCacheOutput="$work/minimal.aot" >/dev/null 2>&1
console -XX:AOTCacheOutput="$work/console.aot" >/dev/null 2>&1
measure "minimal window, AOT cache" minimal -XX:AOTCache="$work/minimal.aot"
measure "console, AOT cache" console -XX:AOTCache="$work/console.aot"
echo "AOT cache sizes: console $(du -h "$work/console.aot" | cut -f1), minimal $(du -h "$work/minimal.aot" | cut -f1)"
