#!/usr/bin/env bash
# Builds the server's distribution (guide §2) from the production jar (server/production: no embedded platform):
#   <out>/nexusai-server-<version>.jar and .jar.sha256   the artifact bin/deploy.sh and bin/rolling-update.sh fetch
#   <out>/nexusai-server-<version>.tar.gz                  a host's /opt/nexusai: app/ (the jar), bin/, config/
#                                                          (env.sh, application-prod.yml), and the systemd unit,
#                                                          HAProxy and Prometheus files to copy where they go
# Called by the build (installers/pom.xml, package phase):
#   package.sh <server-jar> <version> <out-dir>
set -euo pipefail
jar=${1:?server jar} version=${2:?version} out=${3:?output dir}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

artifact="nexusai-server-$version.jar"
cp "$jar" "$out/$artifact"
(cd "$out" && sha256sum "$artifact" > "$artifact.sha256")

root="$work/nexusai-server-$version"
mkdir -p "$root/app" "$root/bin" "$root/config"
cp "$jar" "$root/app/nexusai-server.jar"
install -m 0755 "$here"/bin/* "$root/bin/"
install -m 0600 "$here/config/env.sh" "$root/config/env.sh"
# the profile's settings as the jar has them, to read and override in place (spring.config.additional-location)
install -m 0644 "$here/../../server/src/main/resources/application-prod.yml" "$root/config/application-prod.yml"
cp -r "$here/systemd" "$here/haproxy" "$here/prometheus" "$root/"
tar -C "$work" -czf "$out/nexusai-server-$version.tar.gz" "nexusai-server-$version"
echo "server distribution: $out/nexusai-server-$version.tar.gz, $artifact (+ .sha256)"
