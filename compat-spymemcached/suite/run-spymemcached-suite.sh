#!/usr/bin/env bash
# Runs spymemcached 2.12.3's own test suite, unmodified, twice per server: on spymemcached itself
# (the control) and on the drop-in (ketch-spymemcached), each against a fresh server, and prints
# for every test class how many tests passed on each, then every test that passed on the control
# and not on the drop-in.
#
#   run-spymemcached-suite.sh SPYMEMCACHED_SOURCES [OUT_DIR]
#
# SPYMEMCACHED_SOURCES is a checkout of spymemcached at tag 2.12.3, which this script only reads
# (its src/test/java, TAP tests excluded: memcached removed TAP). It fetches nothing itself; Maven
# resolves the class paths (suite/pom.xml) and builds the drop-in and the bundled server.
# Environment: SERVERS ("bundled memcached" by default; memcached is /usr/bin/memcached, skipped
# with a message when absent), CLASSES (test classes to run, simple or full names; all by
# default), CLASS_TIMEOUT (seconds per test class, 300 by default), REPORT_ONLY (set: print the
# tables of the results already in OUT_DIR, building and running nothing).
set -euo pipefail

sources=${1:?usage: run-spymemcached-suite.sh SPYMEMCACHED_SOURCES [OUT_DIR]}
sources=$(cd "$sources" && pwd)
out=${2:-${TMPDIR:-/tmp}/spymemcached-suite}
suite=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$suite/../.." && pwd)
servers=${SERVERS:-bundled memcached}
class_timeout=${CLASS_TIMEOUT:-300}
[ -d "$sources/src/test/java/net/spy/memcached" ] || { echo "no spymemcached test sources in $sources" >&2; exit 2; }
mkdir -p "$out"

report_only=${REPORT_ONLY:-}
if [ -z "$report_only" ]; then
echo "== building the drop-in and the bundled server"
(cd "$root" && mvn -B -q -pl compat-spymemcached,server-embedded -am install -DskipTests -Dmaven.javadoc.skip=true)
for profile in control drop-in server; do
    (cd "$suite" && mvn -B -q -P"$profile" dependency:build-classpath -Dmdep.outputFile="$out/$profile.cp" >/dev/null)
done

runner="$out/runner"
mkdir -p "$runner"
javac -nowarn -d "$runner" -cp "$(cat "$out/control.cp")" "$suite/SuiteRunner.java"
fi

# Compiles the suite against one implementation; files that do not compile are left out, each
# listed in uncompiled.txt, until the rest compiles.
compile() {
    local impl=$1 dir="$out/$1"
    rm -rf "$dir" && mkdir -p "$dir/classes"
    (cd "$sources/src/test/java" && find . -name '*.java' ! -path './net/spy/memcached/tapmessage/*' | sort) > "$dir/sources.txt"
    : > "$dir/uncompiled.txt"
    for _ in $(seq 1 40); do
        if (cd "$sources/src/test/java" && javac -nowarn -encoding UTF-8 -Xmaxerrs 10000 -proc:none -d "$dir/classes" \
                -cp "$(cat "$out/$impl.cp")" @"$dir/sources.txt") > "$dir/javac.log" 2>&1; then
            return 0
        fi
        local bad
        bad=$(grep -oE '^\./[^:]+\.java' "$dir/javac.log" | sort -u || true)
        [ -n "$bad" ] || { cat "$dir/javac.log" >&2; return 1; }
        echo "$bad" >> "$dir/uncompiled.txt"
        grep -vxF -f <(echo "$bad") "$dir/sources.txt" > "$dir/sources.next" || true
        mv "$dir/sources.next" "$dir/sources.txt"
    done
    echo "$impl: the suite still does not compile" >&2
    return 1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

server_pid=
start_server() {
    local kind=$1 port=$2
    case $kind in
        bundled) java -cp "$(cat "$out/server.cp")" dev.ketch.server.Main -p "$port" -U 0 -l "127.0.0.1,[::1]" \
                     > "$out/server-$kind.log" 2>&1 & ;;
        memcached) /usr/bin/memcached -u nobody -p "$port" -U 0 -l "127.0.0.1,[::1]" > "$out/server-$kind.log" 2>&1 & ;;
    esac
    server_pid=$!
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "the $kind server did not start on port $port" >&2
    return 1
}

stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
trap stop_server EXIT

wanted() {
    local class=$1
    [ -z "${CLASSES:-}" ] && return 0
    for c in $CLASSES; do
        [ "$c" = "$class" ] || [ "$c" = "${class##*.}" ] && return 0
    done
    return 1
}

# Runs every compiled *Test class of one implementation against a fresh server.
run_suite() {
    local impl=$1 kind=$2 results="$out/$2/$1"
    rm -rf "$results" && mkdir -p "$results"
    local port
    port=$(free_port)
    start_server "$kind" "$port"
    local cp="$out/$impl/classes:$runner:$(cat "$out/$impl.cp")"
    for file in $(grep -E 'Test\.java$' "$out/$impl/sources.txt"); do
        local class
        class=$(echo "$file" | sed -e 's|^\./||' -e 's|\.java$||' -e 's|/|.|g')
        wanted "$class" || continue
        timeout "$class_timeout" java -ea -Dserver.address_v4=127.0.0.1 -Dserver.port_number="$port" \
            -cp "$cp" SuiteRunner "$class" "$results/$class.txt" > "$results/$class.log" 2>&1 \
            || echo "TIMEOUT-OR-CRASH	(exit $?)" >> "$results/$class.txt"
    done
    stop_server
}

if [ -z "$report_only" ]; then
    for impl in control drop-in; do
        compile "$impl"
    done
fi

for kind in $servers; do
    if [ -n "$report_only" ] && [ ! -d "$out/$kind/drop-in" ]; then
        continue
    fi
    if [ "$kind" = memcached ] && [ ! -x /usr/bin/memcached ]; then
        echo "== memcached: skipped, /usr/bin/memcached is not installed (Debian: apt-get install memcached)"
        continue
    fi
    for impl in control drop-in; do
        if [ -z "$report_only" ]; then
            echo "== $kind: running the suite on $impl"
            run_suite "$impl" "$kind"
        fi
    done
    echo
    echo "== spymemcached 2.12.3's suite against the $kind server: tests passed (of those run)"
    python3 - "$out" "$kind" "$sources" <<'PY'
import os, sys
out, kind, sources = sys.argv[1:]
def results(impl):
    d = os.path.join(out, kind, impl)
    r = {}
    for f in sorted(os.listdir(d)):
        if f.endswith('.txt'):
            r[f[:-4]] = [l.rstrip('\n').split('\t') for l in open(os.path.join(d, f)) if l.strip()]
    return r
def uncompiled(impl):
    return {l.strip()[2:-5].replace('/', '.') for l in open(os.path.join(out, impl, 'uncompiled.txt')) if l.strip()}
control, dropin = results('control'), results('drop-in')
missing = uncompiled('drop-in')
def needs_tap(cls):
    # a test file that uses TAP's classes (tapmessage, the Tap*OperationImpl) cannot compile
    # without them: TAP is excluded, so its tests are counted apart
    path = os.path.join(sources, 'src/test/java', cls.replace('.', '/') + '.java')
    text = open(path, encoding='utf-8').read() if os.path.exists(path) else ''
    return 'net.spy.memcached.tapmessage' in text or 'TapAckOperationImpl' in text
def count(lines):
    tests = [l for l in lines if l[0] in ('PASS', 'FAIL', 'SKIP')]
    return sum(1 for l in tests if l[0] == 'PASS'), len(tests), any(l[0].startswith('TIMEOUT') for l in lines)
print('| test class | control | drop-in |')
print('|---|---|---|')
totals = [0, 0, 0, 0]
regressions = []
tap = []
for cls in sorted(set(control) | {c for c in missing if c.endswith('Test')}):
    cp, ct, cto = count(control.get(cls, []))
    if cls in dropin:
        dp, dt, dto = count(dropin[cls])
        d = '%d/%d%s' % (dp, dt, ' (timed out)' if dto else '')
        passed = {l[1] for l in dropin[cls] if l[0] == 'PASS'}
    else:
        dp, dt = 0, 0
        d = 'does not compile'
        passed = set()
    if ct == 0 and dt == 0 and cls not in missing:
        continue
    if cls not in dropin and needs_tap(cls):
        tap.append('%s (%d/%d on the control)' % (cls.replace('net.spy.memcached.', ''), cp, ct))
        print('| %s | %d/%d | TAP: not compiled |' % (cls.replace('net.spy.memcached.', ''), cp, ct))
        continue
    totals = [totals[0] + cp, totals[1] + ct, totals[2] + dp, totals[3] + dt]
    print('| %s | %d/%d%s | %s |' % (cls.replace('net.spy.memcached.', ''), cp, ct, ' (timed out)' if cto else '', d))
    for l in control.get(cls, []):
        if l[0] == 'PASS' and l[1] not in passed:
            why = next((x[2] for x in dropin.get(cls, []) if x[0] == 'FAIL' and x[1] == l[1]), 'not run' if cls in dropin else 'does not compile')
            regressions.append('%s.%s: %s' % (cls.replace('net.spy.memcached.', ''), l[1], why[:300]))
print('| **total** (TAP files apart) | %d/%d | %d/%d |' % tuple(totals))
print()
if tap:
    print('Not compiled on the drop-in because they use TAP classes (excluded): ' + ', '.join(tap))
print('Passed on spymemcached, not on the drop-in: %d' % len(regressions))
for r in regressions:
    print('  ' + r)
PY
done
