# Sourced by the scripts in bin/ and .ci/: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+, else the default java if it is 21+, else the newest
# JDK 21+ under /usr/lib/jvm or /opt.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    local home
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(java_major "$home/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$home"; return 0
    fi
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "gatehouse: needs a JDK 21 or newer; install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME" >&2
    exit 2
  fi
  export JAVA_HOME="$best"
}
pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
