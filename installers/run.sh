#!/usr/bin/env bash
# The README's main command ends here: the console with a local server where there is a display,
# else the server alone (headless: a developer's shell, a CI runner, a remote host).
# Usage: installers/run.sh <java-home>   (from the repository's root; ./mvnw -Prun passes the JDK it found)
set -euo pipefail
java_home="${1:?usage: installers/run.sh <java-home>}"
cd "$(dirname "$0")/.."

server_jar=server/target/nexusai-server.jar
console_jar=app-desktop/target/nexusai-app-desktop.jar
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -f "$console_jar" && "${NEXUSAI_HEADLESS:-}" != "true" ]]; then
  echo "Display found: starting the console with a local server (NEXUSAI_HEADLESS=true for the server alone)"
  exec "$java_home/bin/java" --enable-native-access=javafx.graphics -Dnexusai.server.jar="$server_jar" \
    --module-path "$console_jar:app-desktop/target/lib" -m com.nexusai.desktop/com.nexusai.desktop.shell.Main --local
fi
# extracted, with its AOT cache (trained by the first run of this jar); the heap starts small and is capped, as the
# console's local server and bin/nexusai-server do (JAVA_OPTS adds or overrides)
JVM_OPTIONS="-Xms64m -Xmx512m ${JAVA_OPTS:-}" exec installers/server/bin/nexusai-java "$java_home/bin/java" "$server_jar" server/target/aot
