#!/usr/bin/env bash
# server-load.sh [PROFILE...]        (default profiles: get90 set mget10)
#
# Load benchmark, not a test. Builds nothing: it starts the already built Ketch server jar and
# Debian's memcached with the same flags (same -t thread count and -m memory), runs the team's
# loadgen.sh (memaslap) profiles against each, and prints a table of ops/s with the
# Ketch/memcached ratio, followed by the exact command lines it ran. Each server is started fresh
# for each profile; both get the same warm-up load first (the JVM needs its JIT warm-up; memcached
# gets the same treatment so the comparison stays like for like).
#
# Compare numbers only from one run on one machine (as a ratio), never across machines.
#
# Environment:
#   BENCH_THREADS      worker threads (-t) for both servers                      (default 1)
#   BENCH_MEMORY_MB    -m for both servers                                       (default 1024)
#   BENCH_PIN          1: servers under "taskset -c $BENCH_SERVER_CPUS", load client on
#                      LOADGEN_CLIENT_CPUS; 0: nothing pinned          (default 1 if >= 2 CPUs)
#   BENCH_SERVER_CPUS  CPU list for the servers when pinned                      (default 1)
#   LOADGEN_CLIENT_CPUS CPU list for memaslap when pinned (read by loadgen.sh)   (default 0)
#   BENCH_WARMUP_SECS  warm-up load before measuring, per server and profile; 0 = none (default 5)
#   LOADGEN_RUNS       measured runs per profile; loadgen.sh prints their median (default 3)
#   LOADGEN_SECS, LOADGEN_CONC, LOADGEN_WIN, LOADGEN_THREADS   passed on to loadgen.sh
#   LOADGEN            path of loadgen.sh           (default <repo>/../shared/tools/loadgen.sh)
#   MEMCACHED          memcached binary             (default: memcached on PATH)
#   KETCH_JAR          the server jar   (default: the ketch-server-*.jar in server-embedded/target)
#   KETCH_JAVA_OPTS    extra JVM options for the Ketch server                   (default none)
#   KETCH_SERVER_CMD   command that replaces "java $KETCH_JAVA_OPTS -jar $KETCH_JAR" (it gets
#                      memcached's flags appended), e.g. to check this script with a second
#                      memcached before the Ketch server exists
#
# Example (the team's reference configuration A: one server thread on CPU 1, client on CPU 0):
#   integration-tests/bench/server-load.sh
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PROFILES=("$@")
[ ${#PROFILES[@]} -eq 0 ] && PROFILES=(get90 set mget10)

THREADS=${BENCH_THREADS:-1}
MEMORY_MB=${BENCH_MEMORY_MB:-1024}
CPUS=$(nproc 2>/dev/null || echo 1)
if [ -z "${BENCH_PIN:-}" ]; then
  if [ "$CPUS" -ge 2 ]; then BENCH_PIN=1; else BENCH_PIN=0; fi
fi
SERVER_CPUS=${BENCH_SERVER_CPUS:-1}
WARMUP_SECS=${BENCH_WARMUP_SECS:-5}
export LOADGEN_RUNS=${LOADGEN_RUNS:-3}
LOADGEN=${LOADGEN:-$REPO/../shared/tools/loadgen.sh}

die() { echo "server-load.sh: $*" >&2; exit 2; }

[ -f "$LOADGEN" ] || die "loadgen.sh not found at $LOADGEN (clone the shared tools next to the repository or set LOADGEN)"
MEMCACHED=${MEMCACHED:-$(command -v memcached || true)}
[ -n "$MEMCACHED" ] && [ -x "$MEMCACHED" ] || die "memcached not found: apt-get install memcached (or set MEMCACHED)"
command -v memcaslap >/dev/null || command -v memaslap >/dev/null \
  || die "memaslap not found: apt-get install libmemcached-tools"

if [ -n "${KETCH_SERVER_CMD:-}" ]; then
  read -r -a KETCH_CMD <<<"$KETCH_SERVER_CMD"
else
  if [ -z "${KETCH_JAR:-}" ]; then
    shopt -s nullglob
    jars=()
    for j in "$REPO"/server-embedded/target/ketch-server-*.jar; do
      case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) jars+=("$j") ;; esac
    done
    shopt -u nullglob
    [ ${#jars[@]} -eq 1 ] || die "expected one ketch-server-*.jar in $REPO/server-embedded/target, found ${#jars[@]}: build it first (mvn -pl server-embedded -am package) or set KETCH_JAR"
    KETCH_JAR=${jars[0]}
  fi
  [ -f "$KETCH_JAR" ] || die "Ketch jar not found: $KETCH_JAR"
  JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
  read -r -a JAVA_OPTS <<<"${KETCH_JAVA_OPTS:-}"
  KETCH_CMD=("$JAVA" "${JAVA_OPTS[@]}" -jar "$KETCH_JAR")
fi

MEMCACHED_CMD=("$MEMCACHED")
[ "$(id -u)" -eq 0 ] && MEMCACHED_CMD+=(-u root)

PIN=()
if [ "$BENCH_PIN" = 1 ]; then
  command -v taskset >/dev/null || die "BENCH_PIN=1 needs taskset (util-linux)"
  PIN=(taskset -c "$SERVER_CPUS")
  export LOADGEN_CLIENT_CPUS=${LOADGEN_CLIENT_CPUS:-0}
fi

LOGDIR=$(mktemp -d /tmp/server-load.XXXXXX)
SERVER_PID=""
COMMANDS=()
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    listening "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

# start_server NAME CMD... : starts CMD plus memcached's flags, waits until it listens
start_server() {
  local name=$1; shift
  PORT=$(free_port)
  local cmd=("${PIN[@]}" "$@" -l 127.0.0.1 -p "$PORT" -U 0 -m "$MEMORY_MB" -t "$THREADS")
  COMMANDS+=("$name: ${cmd[*]}")
  "${cmd[@]}" >"$LOGDIR/$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    listening "$PORT" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start listening on 127.0.0.1:$PORT; command: ${cmd[*]}" >&2
  tail -20 "$LOGDIR/$name.log" >&2
  stop_server
  exit 1
}

# measure NAME PROFILE CMD... : sets OPS to the median ops/sec of LOADGEN_RUNS runs (0 on failure)
measure() {
  local name=$1 profile=$2; shift 2
  start_server "$name" "$@"
  if [ "$WARMUP_SECS" -gt 0 ]; then
    LOADGEN_SECS=$WARMUP_SECS LOADGEN_RUNS=1 "$LOADGEN" 127.0.0.1 "$PORT" "$profile" \
      >"$LOGDIR/$name-$profile-warmup.log" 2>&1
  fi
  local env_used="LOADGEN_RUNS=$LOADGEN_RUNS"
  for v in LOADGEN_SECS LOADGEN_CONC LOADGEN_WIN LOADGEN_THREADS LOADGEN_CLIENT_CPUS; do
    [ -n "${!v:-}" ] && env_used="$env_used $v=${!v}"
  done
  COMMANDS+=("load on $name: $env_used $LOADGEN 127.0.0.1 $PORT $profile")
  "$LOADGEN" 127.0.0.1 "$PORT" "$profile" >"$LOGDIR/$name-$profile.log" 2>&1
  local rc=$?
  stop_server
  OPS=$(tail -1 "$LOGDIR/$name-$profile.log" | awk '/ops\/sec$/ {print $1}')
  if [ $rc -ne 0 ] || [ -z "$OPS" ] || [ "$OPS" = 0 ]; then
    echo "loadgen failed against $name ($profile), see $LOGDIR/$name-$profile.log:" >&2
    tail -8 "$LOGDIR/$name-$profile.log" >&2
    OPS=0
    return 1
  fi
}

echo "server-load: profiles ${PROFILES[*]}, -t $THREADS, -m $MEMORY_MB, pinned=$BENCH_PIN" \
     "(servers on CPUs ${SERVER_CPUS}, client on ${LOADGEN_CLIENT_CPUS:-any}), warm-up ${WARMUP_SECS}s," \
     "median of $LOADGEN_RUNS runs; logs in $LOGDIR" >&2

ROWS=()
failed=0
for profile in "${PROFILES[@]}"; do
  echo "running $profile against memcached..." >&2
  measure memcached "$profile" "${MEMCACHED_CMD[@]}" || failed=1
  mc=$OPS
  echo "running $profile against ketch..." >&2
  measure ketch "$profile" "${KETCH_CMD[@]}" || failed=1
  kt=$OPS
  ratio=$(awk -v k="$kt" -v m="$mc" 'BEGIN { if (m > 0) printf "%.2f", k / m; else print "n/a" }')
  ROWS+=("$(printf '%-8s %16s %16s %16s' "$profile" "$mc" "$kt" "$ratio")")
done

echo
printf '%-8s %16s %16s %16s\n' profile "memcached ops/s" "ketch ops/s" "ketch/memcached"
printf '%s\n' "${ROWS[@]}"
echo
echo "commands:"
printf '  %s\n' "${COMMANDS[@]}"
exit $failed
