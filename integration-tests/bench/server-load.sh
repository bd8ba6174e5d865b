#!/usr/bin/env bash
# server-load.sh [PROFILE...]        (default profiles: get90 set mget10 pipelined-get90)
#
# Load benchmark, not a test. Builds nothing: it starts the already built Ketch server jar and
# Debian's memcached with the same flags (same -t thread count and -m memory), runs load profiles
# against each, and prints a table of ops/s with the Ketch/memcached ratio, followed by the exact
# command lines it ran. Each server is started fresh for each profile; both get the same warm-up
# load first (the JVM needs its JIT warm-up; memcached gets the same treatment so the comparison
# stays like for like).
#
# Profiles:
#   get90 set mget10 get90-bin set-bin   memaslap-load.sh (memaslap): one request in flight per
#                      connection, so mostly a measure of system calls on loopback
#   pipelined-get90 pipelined-set        PipelinedLoad.java (next to this script, compiled with
#                      javac into the log directory): PIPELINED_CONNECTIONS connections (4), each
#                      writing PIPELINED_DEPTH requests (100) at once and awaiting their replies,
#                      so the server's per-request work is the limit; same keys and values as get90
#
# Compare numbers only from one run on one machine (as a ratio), never across machines. Each run
# also reads the server's CPU time (user + system, all threads, from /proc) before and after, and
# the table gives a second ratio, of requests served per second of the server's own CPU: on a
# machine busy with other work the throughput of both servers swings with what else runs, while
# the CPU each spends per request moves much less.
#
# Environment:
#   BENCH_THREADS      worker threads (-t) for both servers                      (default 1)
#   BENCH_MEMORY_MB    -m for both servers                                       (default 1024)
#   BENCH_PIN          1: servers under "taskset -c $BENCH_SERVER_CPUS", load client on
#                      LOADGEN_CLIENT_CPUS; 0: nothing pinned          (default 1 if >= 2 CPUs)
#   BENCH_SERVER_CPUS  CPU list for the servers when pinned                      (default 1)
#   LOADGEN_CLIENT_CPUS CPU list for memaslap when pinned (read by memaslap-load.sh) (default 0)
#   BENCH_WARMUP_SECS  warm-up load before measuring, per server and profile; 0 = none (default 5)
#   LOADGEN_RUNS       measured run pairs per profile, alternating memcached and Ketch (default 3)
#   LOADGEN_SECS, LOADGEN_CONC, LOADGEN_WIN, LOADGEN_THREADS   passed on to memaslap-load.sh
#                      (LOADGEN_SECS, default 10, also times the pipelined runs)
#   PIPELINED_CONNECTIONS, PIPELINED_DEPTH   the pipelined load's shape              (4, 100)
#   LOADGEN            the memaslap driver          (default: memaslap-load.sh next to this script)
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
[ ${#PROFILES[@]} -eq 0 ] && PROFILES=(get90 set mget10 pipelined-get90)

THREADS=${BENCH_THREADS:-1}
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
MEMORY_MB=${BENCH_MEMORY_MB:-1024}
CPUS=$(nproc 2>/dev/null || echo 1)
if [ -z "${BENCH_PIN:-}" ]; then
  if [ "$CPUS" -ge 2 ]; then BENCH_PIN=1; else BENCH_PIN=0; fi
fi
SERVER_CPUS=${BENCH_SERVER_CPUS:-1}
WARMUP_SECS=${BENCH_WARMUP_SECS:-5}
export LOADGEN_RUNS=${LOADGEN_RUNS:-3}
LOADGEN=${LOADGEN:-$HERE/memaslap-load.sh}

die() { echo "server-load.sh: $*" >&2; exit 2; }

[ -x "$LOADGEN" ] || die "load driver not found or not executable: $LOADGEN"
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
    # the self-contained jar when the build made one, else the plain one
    for j in "$REPO"/server-embedded/target/ketch-server-*-all.jar; do jars+=("$j"); done
    if [ ${#jars[@]} -eq 0 ]; then
      for j in "$REPO"/server-embedded/target/ketch-server-*.jar; do
        case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) jars+=("$j") ;; esac
      done
    fi
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

PIPELINED=()
for p in "${PROFILES[@]}"; do
  case "$p" in
    pipelined-*)
      JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
      mkdir -p "$LOGDIR/pipelined"
      "$JAVAC" -d "$LOGDIR/pipelined" "$HERE/PipelinedLoad.java" || die "cannot compile $HERE/PipelinedLoad.java"
      CLIENT_PIN=()
      [ -n "${LOADGEN_CLIENT_CPUS:-}" ] && CLIENT_PIN=(taskset -c "$LOADGEN_CLIENT_CPUS")
      PIPELINED=("${CLIENT_PIN[@]}" "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$LOGDIR/pipelined" PipelinedLoad)
      break ;;
  esac
done
declare -A PIDS=()
COMMANDS=()
stop_servers() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  PIDS=()
}
trap 'stop_servers' EXIT
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

# start_server NAME CMD... : starts CMD plus memcached's flags, waits until it listens; sets PORT
start_server() {
  local name=$1; shift
  PORT=$(free_port)
  local cmd=("${PIN[@]}" "$@" -l 127.0.0.1 -p "$PORT" -U 0 -m "$MEMORY_MB" -t "$THREADS")
  COMMANDS+=("$name: ${cmd[*]}")
  "${cmd[@]}" >"$LOGDIR/$name.log" 2>&1 &
  PIDS[$name]=$!
  for _ in $(seq 1 300); do
    listening "$PORT" && return 0
    kill -0 "${PIDS[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start listening on 127.0.0.1:$PORT; command: ${cmd[*]}" >&2
  tail -20 "$LOGDIR/$name.log" >&2
  exit 1
}

# one_run NAME PORT PROFILE LOG : one loadgen run; prints its ops/sec (0 on failure)
one_run() {
  local name=$1 port=$2 profile=$3 log=$4
  case "$profile" in
    pipelined-*)
      "${PIPELINED[@]}" 127.0.0.1 "$port" --profile "${profile#pipelined-}" --seconds "${LOADGEN_SECS:-10}" \
        --connections "${PIPELINED_CONNECTIONS:-4}" --depth "${PIPELINED_DEPTH:-100}" >"$log" 2>&1 ;;
    *) LOADGEN_RUNS=1 "$LOADGEN" 127.0.0.1 "$port" "$profile" >"$log" 2>&1 ;;
  esac
  local rc=$? ops
  ops=$(tail -1 "$log" | awk '/ops\/sec$/ {print $1}')
  if [ $rc -ne 0 ] || [ -z "$ops" ] || [ "$ops" = 0 ]; then
    echo "loadgen failed against $name ($profile), see $log:" >&2
    tail -8 "$log" >&2
    ops=0
  fi
  echo "$ops"
}

# cpu_ticks PID : user + system CPU time of the process (all its threads) in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# per_cpu_second OPS_PER_SEC TICKS : requests served per second of the server's own CPU time
per_cpu_second() {
  awk -v ops="$1" -v t="$2" -v secs="${LOADGEN_SECS:-10}" -v hz="$HZ" \
    'BEGIN { if (t > 0) printf "%.0f", ops * secs / (t / hz); else print 0 }'
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "server-load: profiles ${PROFILES[*]}, -t $THREADS, -m $MEMORY_MB, pinned=$BENCH_PIN" \
     "(servers on CPUs ${SERVER_CPUS}, client on ${LOADGEN_CLIENT_CPUS:-any}), warm-up ${WARMUP_SECS}s," \
     "$LOADGEN_RUNS interleaved run pairs; logs in $LOGDIR" >&2

# Both servers run side by side (only the one under load uses its CPU) and the measured runs
# alternate between them, so a noisy neighbour on a shared machine hits both alike; the ratio
# reported is the median of the per-pair ratios.
ROWS=()
failed=0
for profile in "${PROFILES[@]}"; do
  start_server memcached "${MEMCACHED_CMD[@]}"
  mc_port=$PORT
  start_server ketch "${KETCH_CMD[@]}"
  kt_port=$PORT
  env_used="LOADGEN_RUNS=1"
  for v in LOADGEN_SECS LOADGEN_CONC LOADGEN_WIN LOADGEN_THREADS LOADGEN_CLIENT_CPUS; do
    [ -n "${!v:-}" ] && env_used="$env_used $v=${!v}"
  done
  case "$profile" in
    pipelined-*) COMMANDS+=("load, alternating: ${PIPELINED[*]} 127.0.0.1 <port> --profile ${profile#pipelined-} --seconds ${LOADGEN_SECS:-10} --connections ${PIPELINED_CONNECTIONS:-4} --depth ${PIPELINED_DEPTH:-100}") ;;
    *) COMMANDS+=("load, alternating: $env_used $LOADGEN 127.0.0.1 <port> $profile") ;;
  esac
  if [ "$WARMUP_SECS" -gt 0 ]; then
    echo "warming up $profile..." >&2
    LOADGEN_SECS=$WARMUP_SECS one_run memcached "$mc_port" "$profile" "$LOGDIR/memcached-$profile-warmup.log" >/dev/null
    LOADGEN_SECS=$WARMUP_SECS one_run ketch "$kt_port" "$profile" "$LOGDIR/ketch-$profile-warmup.log" >/dev/null
  fi
  mcs=(); kts=(); ratios=(); cpu_ratios=()
  for run in $(seq 1 "$LOADGEN_RUNS"); do
    echo "running $profile, pair $run of $LOADGEN_RUNS..." >&2
    t0=$(cpu_ticks "${PIDS[memcached]}")
    mc=$(one_run memcached "$mc_port" "$profile" "$LOGDIR/memcached-$profile-$run.log")
    t1=$(cpu_ticks "${PIDS[memcached]}")
    k0=$(cpu_ticks "${PIDS[ketch]}")
    kt=$(one_run ketch "$kt_port" "$profile" "$LOGDIR/ketch-$profile-$run.log")
    k1=$(cpu_ticks "${PIDS[ketch]}")
    [ "$mc" = 0 ] || [ "$kt" = 0 ] && failed=1
    mcs+=("$mc"); kts+=("$kt")
    ratios+=("$(awk -v k="$kt" -v m="$mc" 'BEGIN { if (m > 0) printf "%.3f", k / m; else print 0 }')")
    mc_eff=$(per_cpu_second "$mc" $((t1 - t0)))
    kt_eff=$(per_cpu_second "$kt" $((k1 - k0)))
    cpu_ratios+=("$(awk -v k="$kt_eff" -v m="$mc_eff" 'BEGIN { if (m > 0) printf "%.3f", k / m; else print 0 }')")
    echo "  memcached $mc ops/s ($mc_eff per CPU-second), ketch $kt ops/s ($kt_eff per CPU-second)" >&2
  done
  stop_servers
  ratio=$(median "${ratios[@]}")
  cpu_ratio=$(median "${cpu_ratios[@]}")
  ROWS+=("$(printf '%-16s %16s %16s %10.2f %10.2f   pairs: %s; per CPU-second: %s' "$profile" "$(median "${mcs[@]}")" \
    "$(median "${kts[@]}")" "$ratio" "$cpu_ratio" "${ratios[*]}" "${cpu_ratios[*]}")")
done

echo
printf '%-16s %16s %16s %10s %10s\n' profile "memcached ops/s" "ketch ops/s" "ratio" "per-CPU"
printf '%s\n' "${ROWS[@]}"
echo "ratio: ketch/memcached ops/s, median of the pair ratios; per-CPU: the same for requests per"
echo "second of the server's own CPU time (user + system), which a busy machine disturbs far less"
echo
echo "commands:"
printf '  %s\n' "${COMMANDS[@]}"
exit $failed
