#!/bin/sh
# Installs a NexusAI server jar on this host and restarts the service (guide §2.3/§7.1, corrected by
# seed-errata 2.3/2.4/7.1): the artifact's SHA-256 is fetched and checked before anything is touched, the
# service is restarted through systemd (which waits for health: bin/wait-healthy), and a failed start
# puts the previous jar back and starts it again.
#   deploy.sh <jar URL or path>      (its checksum: the same with ".sha256" appended, "sha256  name" format)
# For several instances, one at a time behind the load balancer: bin/rolling-update.sh.
set -eu
artifact="${1:?usage: deploy.sh <jar URL or path>}"
app_dir="${NEXUSAI_APP_DIR:-/opt/nexusai/app}"
systemctl="${SYSTEMCTL:-systemctl}"
service="${NEXUSAI_SERVICE:-nexusai}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # source, target
  case "$1" in
    http://*|https://*) curl --fail --silent --show-error --location --output "$2" "$1" ;;
    *) cp "$1" "$2" ;;
  esac
}

echo "Fetching $artifact and its checksum"
fetch "$artifact" "$work/nexusai-server.jar"
if ! fetch "$artifact.sha256" "$work/expected.sha256"; then
  echo "No checksum at $artifact.sha256: refusing to deploy an unverified artifact" >&2
  exit 2
fi
expected=$(cut -d' ' -f1 < "$work/expected.sha256")
actual=$(sha256sum "$work/nexusai-server.jar" | cut -d' ' -f1)
if [ "$expected" != "$actual" ]; then
  echo "Checksum mismatch for $artifact: expected $expected, got $actual; nothing was changed" >&2
  exit 2
fi
echo "Checksum verified: $actual"

if [ -f "$app_dir/nexusai-server.jar" ]; then
  cp -p "$app_dir/nexusai-server.jar" "$app_dir/nexusai-server.jar.previous"
fi
install -m 0644 "$work/nexusai-server.jar" "$app_dir/nexusai-server.jar.new"
mv "$app_dir/nexusai-server.jar.new" "$app_dir/nexusai-server.jar"

echo "Restarting $service (graceful stop, then start; the start waits for health)"
if "$systemctl" restart "$service"; then
  echo "Deployed $actual"
  exit 0
fi
echo "$service did not start healthy with the new jar" >&2
if [ -f "$app_dir/nexusai-server.jar.previous" ]; then
  echo "Rolling back to the previous jar" >&2
  mv "$app_dir/nexusai-server.jar.previous" "$app_dir/nexusai-server.jar"
  "$systemctl" restart "$service" || echo "The previous jar did not start either: see journalctl -u $service" >&2
fi
exit 1
