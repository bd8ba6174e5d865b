#!/usr/bin/env bash
# Throughput of spymemcached 2.12.3 and of the drop-in, the same application code against one
# memcached from PATH, one caller thread with 256 requests outstanding, rounds alternating which
# client goes first: compat-spymemcached/bench/throughput.sh [rounds] [seconds per measurement]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
module="$root/compat-spymemcached"
(cd "$root" && mvn -B -q -pl compat-spymemcached -am test-compile -DskipTests \
    && mvn -B -q -pl compat-spymemcached dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile="$module/target/test.cp" >/dev/null)
java -Dspymemcached.jar="$module/target/reference/spymemcached.jar" \
     -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dnet.spy.log.LoggerImpl=net.spy.memcached.compat.log.SLF4JLogger \
     -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test.cp")" \
     dev.ketch.spymemcached.bench.DropInThroughput "$@"
