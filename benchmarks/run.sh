#!/bin/sh
# Runs a benchmark of this module with its test classpath (JMH and the peer clients are test scope).
#   benchmarks/run.sh jmh [JMH options, e.g. LocateBenchmark -f 1 -wi 3 -i 5]
#   benchmarks/run.sh throughput [options of dev.ketch.bench.ClientThroughput]
#   benchmarks/run.sh tls [options of dev.ketch.bench.TlsThroughput]
#   benchmarks/run.sh plot [samples.tsv [directory]]   (PNGs of a throughput run; defaults:
#       benchmarks/target/throughput.tsv, docs)
# JAVA_OPTS is passed to the JVM (e.g. -Dketch.baseline=DIR, -XX:StartFlightRecording=...).
# Builds this checkout's modules in one reactor and runs them from their target directories;
# nothing is installed into ~/.m2 (other checkouts may share it).
set -e
cd "$(dirname "$0")/.."
case "$1" in
  jmh|throughput|tls|plot) ;;
  *) echo "usage: $0 jmh|throughput|tls|plot [options]" >&2; exit 2 ;;
esac
build="-B -pl benchmarks -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/run-classpath.txt"
mvn -q -o $build >/dev/null 2>&1 || mvn -q $build
cp="benchmarks/target/test-classes:$(cat benchmarks/target/run-classpath.txt)"
what=$1
shift
case "$what" in
  jmh) exec java $JAVA_OPTS -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  throughput) exec java $JAVA_OPTS -cp "$cp" dev.ketch.bench.ClientThroughput "$@" ;;
  tls) exec java $JAVA_OPTS -cp "$cp" dev.ketch.bench.TlsThroughput "$@" ;;
  plot) exec java -Djava.awt.headless=true -cp "$cp" dev.ketch.bench.Plots "${1:-benchmarks/target/throughput.tsv}" "${2:-docs}" ;;
esac
