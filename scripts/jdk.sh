# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK 21 or newer, for ./mvnw and java.
# Takes $JAVA_HOME when it is 21+, else the newest JDK 21+ under /usr/lib/jvm; fails with a message otherwise.
# This is the one thing Maven cannot do for itself (the wrapper runs on whatever java it is given; the
# enforcer rejects a JDK older than 21 but cannot pick another).

jdk_feature() { # prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_feature "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/ /opt/java/*/ ; do
    [ -d "$d" ] || continue
    d="${d%/}"
    v="$(jdk_feature "$d")"
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}

JAVA_HOME="$(pick_jdk)" || true
if [ -z "$JAVA_HOME" ]; then
  echo "error: reactor-asyncio needs a JDK 21 or newer (it runs coroutines on virtual threads)." >&2
  echo "       None was found in \$JAVA_HOME or under /usr/lib/jvm." >&2
  echo "       Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guice touches sun.misc.Unsafe; JDK 24+ warns about it on every run ...
if [ "$(jdk_feature "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  # ... and Netty, run inside Maven by scripts/run-example, loads its native transport
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
fi
