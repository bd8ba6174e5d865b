#!/usr/bin/env bash
# run.sh LAUNCHER [FILE ...|all]
#
# Runs memcached's own perl test suite (the t/*.t files of a memcached source tree) against any
# server started by LAUNCHER, an executable that takes memcached's command line. FILEs are names
# such as "cas", "cas.t" or "t/cas.t"; "all" means every file except the Lua proxy's (proxy*.t)
# and the source-tree lint checks (line-lengths.t, whitespace.t).
#
# Environment:
#   MC_T_SRC      memcached's source tree holding t/ (required; the version the server claims to
#                 be: 1.6.18 for Ketch). Debian's source package has it: `apt-get source memcached`.
#   MC_T_TIMEOUT  seconds one file may take (default 180)
#   MC_T_LOGDIR   where each file's TAP output goes (default: a new temporary directory)
#   MC_T_VERBOSE  1: print the failing assertions of each file that does not pass
#
# The suite runs "$builddir/memcached-debug" from its working directory and greps its -h for
# features (unix-socket, sasl, ext_path, enable-ssl, proxy_config). This script makes such a
# directory: t/ copied from MC_T_SRC, memcached-debug exec'ing LAUNCHER, and timedrun.
#
# Output: one line per file, "STATUS file.t  ok/run assertions, plan N, exit E, Ss", STATUS being
# PASS, FAIL, TIMEOUT, SKIP (the file planned no tests: a feature the server lacks, or a switch
# such as RUN_SASL_TESTS unset) or MISSING; then a line of totals. Exits 0 when none failed.
set -u
launcher=${1:?usage: run.sh LAUNCHER [FILE ...|all]}
shift
launcher=$(readlink -f "$(command -v "$launcher" || echo "$launcher")")
[ -x "$launcher" ] || { echo "not an executable: $launcher" >&2; exit 2; }
src=${MC_T_SRC:-}
if [ -z "$src" ] || [ ! -d "$src/t/lib" ]; then
  echo "MC_T_SRC must name memcached's source tree (with t/lib); Debian: apt-get source memcached" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
per_file=${MC_T_TIMEOUT:-180}
logs=${MC_T_LOGDIR:-$(mktemp -d /tmp/memcached-t-logs.XXXXXX)}
mkdir -p "$logs"
build=$(mktemp -d /tmp/memcached-t-build.XXXXXX)
trap 'rm -rf "$build"' EXIT

cp -R "$src/t" "$build/t"
cp "$here/timedrun" "$build/timedrun"
# The suite always adds "-o relaxed_privileges", which only memcached builds with seccomp know
# (Debian's refuses it): leave it out, pass everything else on.
cat > "$build/memcached-debug" <<LAUNCH
#!/usr/bin/env bash
args=()
while [ \$# -gt 0 ]; do
  if [ "\$1" = -o ] && [ "\${2:-}" = relaxed_privileges ]; then shift 2; continue; fi
  args+=("\$1")
  shift
done
exec "$launcher" "\${args[@]}"
LAUNCH
chmod +x "$build/memcached-debug" "$build/timedrun"

if [ $# -eq 0 ]; then
  echo "usage: run.sh LAUNCHER [FILE ...|all]" >&2
  exit 2
elif [ "$1" = all ]; then
  set -- $(cd "$build/t" && ls -- *.t | grep -vE '^(proxy.*|line-lengths|whitespace)\.t$')
fi

echo "suite: $src  server: $launcher  logs: $logs"
passed=0 failed=0 skipped=0 assertions_ok=0 assertions_run=0
for name in "$@"; do
  name=${name#t/}
  name=${name%.t}.t
  if [ ! -f "$build/t/$name" ]; then
    printf '%-7s %s\n' MISSING "$name"
    failed=$((failed + 1))
    continue
  fi
  log="$logs/${name%.t}.log"
  began=$SECONDS
  (cd "$build" && timeout -k 10 "$per_file" perl "t/$name") >"$log" 2>&1
  exit_status=$?
  took=$((SECONDS - began))
  ok=$(grep -acE '^ok [0-9]+' "$log")
  not_ok=$(grep -acE '^not ok [0-9]+' "$log")
  plan=$(grep -aoE -m1 '^1\.\.[0-9]+' "$log" | cut -d. -f3)
  skip_reason=$(grep -aiE -m1 '^1\.\.0 # skip' "$log" | cut -c10-90)
  assertions_ok=$((assertions_ok + ok))
  assertions_run=$((assertions_run + ok + not_ok))
  if [ "$exit_status" -eq 124 ] || [ "$exit_status" -eq 137 ]; then
    status=TIMEOUT
  elif [ "$exit_status" -eq 0 ] && [ -n "$skip_reason" ]; then
    status=SKIP
  elif [ "$exit_status" -eq 0 ] && [ "$not_ok" -eq 0 ] && { [ -z "$plan" ] || [ "$plan" -eq "$ok" ]; }; then
    status=PASS
  else
    status=FAIL
  fi
  printf '%-7s %-28s %6s/%-6s assertions, plan %s, exit %s, %ss%s\n' "$status" "$name" "$ok" \
    "$((ok + not_ok))" "${plan:-?}" "$exit_status" "$took" "${skip_reason:+ (skip:$skip_reason)}"
  case $status in
    PASS) passed=$((passed + 1)) ;;
    SKIP) skipped=$((skipped + 1)) ;;
    *)
      failed=$((failed + 1))
      if [ "${MC_T_VERBOSE:-0}" = 1 ]; then
        grep -aE '^not ok|^# +(got|expected|Failed)|died|Dubious' "$log" | head -20 | sed 's/^/    /'
      fi
      ;;
  esac
done
echo "assertions: $assertions_ok ok of $assertions_run run"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
