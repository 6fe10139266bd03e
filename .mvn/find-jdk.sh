# shellcheck shell=sh
# Sourced by ./mvnw before anything else: makes JAVA_HOME name a JDK 25 or newer.
# - JAVA_HOME set: it must be a JDK 25+, or we stop and say so (an explicit choice is never overridden).
# - JAVA_HOME unset: the first JDK 25 (else the newest above 25) under the system's JVM directories,
#   then the `java` on PATH.

nexusai_required_jdk=25

# Prints the major version of the JDK at $1, or nothing when $1 is not a JDK.
nexusai_jdk_major() {
  [ -f "$1/release" ] && [ -x "$1/bin/javac" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
}

nexusai_find_jdk() {
  nexusai_best=""
  nexusai_best_major=0
  nexusai_seen=""
  set +f
  for nexusai_candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$nexusai_candidate" ] || continue
    nexusai_major=$(nexusai_jdk_major "$nexusai_candidate")
    [ -n "$nexusai_major" ] || continue
    nexusai_seen="$nexusai_seen $nexusai_candidate (JDK $nexusai_major)"
    if [ "$nexusai_major" -eq "$nexusai_required_jdk" ]; then
      nexusai_best=$nexusai_candidate
      break
    fi
    if [ "$nexusai_major" -gt "$nexusai_required_jdk" ] && [ "$nexusai_major" -gt "$nexusai_best_major" ]; then
      nexusai_best=$nexusai_candidate
      nexusai_best_major=$nexusai_major
    fi
  done
  set -f
  if [ -z "$nexusai_best" ] && command -v java >/dev/null 2>&1; then
    nexusai_path_java=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
    nexusai_path_home=${nexusai_path_java%/bin/java}
    nexusai_major=$(nexusai_jdk_major "$nexusai_path_home")
    if [ -n "$nexusai_major" ] && [ "$nexusai_major" -ge "$nexusai_required_jdk" ]; then
      nexusai_best=$nexusai_path_home
    fi
  fi
}

if [ -n "${JAVA_HOME-}" ]; then
  nexusai_major=$(nexusai_jdk_major "$JAVA_HOME")
  if [ -z "$nexusai_major" ] || [ "$nexusai_major" -lt "$nexusai_required_jdk" ]; then
    echo "NexusAI needs a JDK $nexusai_required_jdk or newer, but JAVA_HOME=$JAVA_HOME is ${nexusai_major:+JDK }${nexusai_major:-not a JDK (no release file or javac)}." >&2
    echo "Unset JAVA_HOME so that ./mvnw finds a JDK $nexusai_required_jdk by itself, or point JAVA_HOME at one." >&2
    exit 1
  fi
else
  nexusai_find_jdk
  if [ -z "$nexusai_best" ]; then
    echo "NexusAI needs a JDK $nexusai_required_jdk and none was found." >&2
    echo "  JAVA_HOME is not set; looked in /usr/lib/jvm, /Library/Java/JavaVirtualMachines, ~/.sdkman and ~/.jdks, and at the java on PATH." >&2
    [ -z "$nexusai_seen" ] || echo "  Found only:$nexusai_seen" >&2
    echo "  Install a JDK $nexusai_required_jdk (for example Eclipse Temurin 25, package temurin-25-jdk) or set JAVA_HOME to one." >&2
    exit 1
  fi
  JAVA_HOME=$nexusai_best
  export JAVA_HOME
fi
