#!/usr/bin/env bash
# Builds the Linux desktop packages from the runtime image (jlink/target/image):
#   <out>/nexusai-console-<version>-linux-x64.tar.xz   the app image (unpack anywhere, run bin/nexusai-console)
#   <out>/nexusai-console_<version>_amd64.deb          the same, installed in /opt/nexusai-console with a menu entry
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
trap 'rm -rf "$work"' EXIT

if [[ "$(uname -s)" != Linux ]]; then
  echo "desktop packages: built on Linux only by this script; see jpackage/windows.args and jpackage/macos.args" >&2
  exit 0
fi

step() { echo "desktop packages: $* ($(date +%T))"; }

step "app image from $image"
"$java_home/bin/jpackage" @jpackage/common.args @jpackage/launcher.args --icon icons/nexusai.png --type app-image \
  --runtime-image "$image" --app-version "$version" --dest "$work"
archive="$out/nexusai-console-$version-linux-x64.tar.xz"
step "archive $(basename "$archive")"
tar -C "$work" -cf - nexusai-console | xz -T0 -6 > "$archive"

if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
  echo "desktop packages: no .deb: dpkg-deb and fakeroot are needed (apt-get install dpkg-dev fakeroot)" >&2
  exit 1
fi
step ".deb"
rm -f "$out"/nexusai-console_*.deb
"$java_home/bin/jpackage" @jpackage/common.args @jpackage/linux.args --type deb \
  --app-image "$work/nexusai-console" --app-version "$version" --dest "$out"
step "done"
ls -l "$out"
