#!/usr/bin/env bash
# Builds the self-contained runtime image: the console's modules, the JDK modules the server needs,
# and the server jar, so that the console and "Start a local server" run with no Java installed.
# Called by the build (jlink/pom.xml, package phase):
#   build-image.sh <java-home> <module-dir> <server-jar> <launcher-dir> <output-dir>
set -euo pipefail
java_home=${1:?java home} module_dir=${2:?module dir} server_jar=${3:?server jar}
launchers=${4:?launcher dir} image=${5:?output dir}

# What the server's class path needs from the JDK: the first four lines are jdeps's answer over the
# server jar's libraries plus the JDK modules their descriptors require (the command is in the README,
# "Runtime image"); the last line adds what is loaded by name and jdeps cannot see: extra charsets,
# EC keys for TLS, the exporters' HTTP server, French locale data for the console, DNS, JAAS
# modules (Kafka SASL) and the zip file system.
server_modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.sql.rowset,\
java.transaction.xa,java.xml,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,\
jdk.charsets,jdk.crypto.ec,jdk.httpserver,jdk.localedata,jdk.naming.dns,jdk.security.auth,jdk.zipfs

rm -rf "$image"
# The console's modules only: JavaFX's classifier-less jars are empty automatic modules that jlink
# must not see (platform-facts).
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
for jar in "$module_dir"/*.jar; do
  case $(basename "$jar") in
    javafx-*-linux.jar|javafx-*-win.jar|javafx-*-mac*.jar) cp "$jar" "$modules/" ;;
    javafx-*) ;;
    *) cp "$jar" "$modules/" ;;
  esac
done

"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules "com.nexusai.desktop,$server_modules" \
  --include-locales en,fr \
  --strip-debug --no-header-files --no-man-pages --compress zip-0 \
  --output "$image"

# Uncompressed on purpose (zip-0 here, stored entries in the server jar): the image ships inside xz-compressed
# packages and archives, and xz does twice as well on raw classes as on deflate streams (BENCHMARKS.md,
# "Desktop package"); classes also load without inflating.
mkdir -p "$image/server"
"$java_home/bin/java" "$(dirname "$0")/../server/src/build/SlimServerJar.java" "$server_jar" "$image/server/nexusai-server.jar"
install -m 0755 "$launchers"/* "$image/bin/"
# the server's launcher runs it extracted with an AOT cache, as the server distribution does (one script for both)
install -m 0755 "$(dirname "$0")/../installers/server/bin/nexusai-java" "$image/bin/"
echo "runtime image: $image ($(du -sh "$image" | cut -f1))"
