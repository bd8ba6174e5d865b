#!/bin/sh
# Runs a benchmark of this module with its test classpath (JMH and the peer clients are test scope).
#   benchmarks/run.sh jmh [JMH options, e.g. LocateBenchmark -f 1 -wi 3 -i 5]
#   benchmarks/run.sh throughput [options of dev.ketch.bench.ClientThroughput]
set -e
cd "$(dirname "$0")/.."
mvn -q -B -o install -DskipTests -pl benchmarks -am >/dev/null 2>&1 || mvn -q -B install -DskipTests -pl benchmarks -am
cp=$(mvn -q -B -o -Dstyle.color=never -pl benchmarks dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | sed "s/\x1b\[[0-9;]*m//g")
what=$1
shift
case "$what" in
  jmh) exec java -cp "benchmarks/target/test-classes:$cp" org.openjdk.jmh.Main "$@" ;;
  throughput) exec java -cp "benchmarks/target/test-classes:$cp" dev.ketch.bench.ClientThroughput "$@" ;;
  *) echo "usage: $0 jmh|throughput [options]" >&2; exit 2 ;;
esac
