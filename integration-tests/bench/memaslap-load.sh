#!/usr/bin/env bash
# memaslap-load.sh HOST PORT [PROFILE]
#
# One memaslap run (Debian's libmemcached-tools: memcaslap or memaslap) against a server on
# loopback. The last line printed is "<N> ops/sec", memaslap's TPS (gets and sets per second seen
# by the client); exit status 1 (and "0 ops/sec") when memaslap fails.
#
# PROFILE: get90 (90% get, 10% set; the default), set (100% set), mget10 (gets of 10 keys),
# get90-bin and set-bin (binary protocol). Keys of 32 bytes, values of 100 bytes, over
# LOADGEN_CONC connections with a window of LOADGEN_WIN keys each (10 x 1k: about 10k keys).
# memaslap only reads keys it has written, so a correct server reports no get_misses.
#
# Environment: LOADGEN_SECS (10), LOADGEN_CONC (10), LOADGEN_WIN (1k), LOADGEN_THREADS (1),
# LOADGEN_CLIENT_CPUS (unset: client not pinned; e.g. 0: taskset -c 0).
set -u
host=${1:?usage: memaslap-load.sh HOST PORT [get90|set|mget10|get90-bin|set-bin]}
port=${2:?usage: memaslap-load.sh HOST PORT [PROFILE]}
profile=${3:-get90}
case "$host" in
  127.*|localhost|::1) ;;
  *) echo "memaslap-load.sh: only loopback targets" >&2; echo "0 ops/sec"; exit 2 ;;
esac
memaslap=$(command -v memcaslap || command -v memaslap || true)
if [ -z "$memaslap" ]; then
  echo "memaslap-load.sh: memaslap not found: apt-get install libmemcached-tools" >&2
  echo "0 ops/sec"; exit 2
fi
set_share=0.1; get_share=0.9; flags=()
case "$profile" in
  get90) ;;
  set) set_share=1.0; get_share=0.0 ;;
  mget10) flags=(-d 10) ;;
  get90-bin) flags=(-B) ;;
  set-bin) set_share=1.0; get_share=0.0; flags=(-B) ;;
  *) echo "memaslap-load.sh: unknown profile $profile" >&2; echo "0 ops/sec"; exit 2 ;;
esac
work=$(mktemp -d /tmp/memaslap-load.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf 'key\n32 32 1\nvalue\n100 100 1\ncmd\n0 %s\n1 %s\n' "$set_share" "$get_share" > "$work/config"
pin=()
[ -n "${LOADGEN_CLIENT_CPUS:-}" ] && pin=(taskset -c "$LOADGEN_CLIENT_CPUS")
secs=${LOADGEN_SECS:-10}
# HOME is the scratch directory so that no ~/.memaslap.cnf is read
( cd "$work" && HOME="$work" timeout -k 5 $((secs + 30)) "${pin[@]}" "$memaslap" -s "$host:$port" \
    -F "$work/config" -T "${LOADGEN_THREADS:-1}" -c "${LOADGEN_CONC:-10}" -w "${LOADGEN_WIN:-1k}" \
    -t "${secs}s" "${flags[@]}" ) > "$work/out" 2>&1
rc=$?
grep -aE 'cmd_get|cmd_set|get_misses|Run time|rror' "$work/out" | head -8
tps=$(grep -aoE 'TPS: [0-9]+' "$work/out" | tail -1 | awk '{print $2}')
if [ $rc -ne 0 ] || [ -z "$tps" ]; then
  echo "memaslap failed (exit $rc):"; tail -5 "$work/out"
  echo "0 ops/sec"; exit 1
fi
echo "$tps ops/sec"
