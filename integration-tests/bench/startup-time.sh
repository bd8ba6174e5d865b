#!/usr/bin/env bash
# startup-time.sh [RUNS]          (default 10)
#
# Start-up benchmark, not a test: how long the Ketch server jar and Debian's memcached take from
# exec until their TCP port accepts a connection. Each server is started RUNS times, alternating,
# on a free loopback port, polled with connection attempts every millisecond, then stopped; prints
# each run and the median of each, with the commands it ran. Besides the wall-clock time it reports
# the CPU time (user + system, all threads) the process had used when the port accepted, which a
# machine busy with other work disturbs far less.
#
# Environment: KETCH_JAR (default: the ketch-server-*-all.jar in server-embedded/target),
# KETCH_JAVA_OPTS (extra JVM options), MEMCACHED (default: memcached on PATH).
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RUNS=${1:-10}
die() { echo "startup-time.sh: $*" >&2; exit 2; }
MEMCACHED=${MEMCACHED:-$(command -v memcached || true)}
[ -n "$MEMCACHED" ] || die "memcached not found: apt-get install memcached (or set MEMCACHED)"
if [ -z "${KETCH_JAR:-}" ]; then
  shopt -s nullglob
  jars=("$REPO"/server-embedded/target/ketch-server-*-all.jar)
  shopt -u nullglob
  [ ${#jars[@]} -eq 1 ] || die "build the server jar first: mvn -pl server-embedded -am package (or set KETCH_JAR)"
  KETCH_JAR=${jars[0]}
fi
read -r -a JAVA_OPTS <<<"${KETCH_JAVA_OPTS:-}"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
ROOT=()
[ "$(id -u)" -eq 0 ] && ROOT=(-u root)

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

# time_to_listen CMD... : prints "WALL_MS CPU_MS": milliseconds from exec until the port (last
# argument) accepts, and the process's CPU time by then
time_to_listen() {
  local port=${*: -1}
  local start end pid
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited before listening: $*" >&2; echo "-1 -1"; return; }
    sleep 0.001
  done
  end=$(date +%s%N)
  local cpu
  cpu=$(awk -v hz="$HZ" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat" 2>/dev/null)
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo "$(((end - start) / 1000000)) ${cpu:--1}"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ketch=(); ketch_cpu=()
memcached=(); memcached_cpu=()
for i in $(seq 1 "$RUNS"); do
  p=$(free_port)
  read -r wall cpu <<<"$(time_to_listen "$MEMCACHED" "${ROOT[@]}" -U 0 -l 127.0.0.1 -p "$p")"
  memcached+=("$wall"); memcached_cpu+=("$cpu")
  p=$(free_port)
  read -r wall cpu <<<"$(time_to_listen "$JAVA" "${JAVA_OPTS[@]}" -jar "$KETCH_JAR" -U 0 -l 127.0.0.1 -p "$p")"
  ketch+=("$wall"); ketch_cpu+=("$cpu")
  echo "run $i: memcached ${memcached[-1]} ms (cpu ${memcached_cpu[-1]} ms), ketch ${ketch[-1]} ms (cpu ${ketch_cpu[-1]} ms)" >&2
done
echo "memcached: median $(printf '%s\n' "${memcached[@]}" | median) ms to listening, cpu $(printf '%s\n' "${memcached_cpu[@]}" | median) ms, over $RUNS runs"
echo "ketch:     median $(printf '%s\n' "${ketch[@]}" | median) ms to listening, cpu $(printf '%s\n' "${ketch_cpu[@]}" | median) ms, over $RUNS runs"
echo "commands: $MEMCACHED ${ROOT[*]} -U 0 -l 127.0.0.1 -p <port>"
echo "          $JAVA ${JAVA_OPTS[*]} -jar $KETCH_JAR -U 0 -l 127.0.0.1 -p <port>"
