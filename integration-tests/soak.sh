#!/usr/bin/env bash
# The soak (see docs/contributing.md): builds the client, the bundled server and the tests, then
# runs dev.ketch.it.soak.Soak in a JVM of its own with paranoid Netty leak detection.
#   integration-tests/soak.sh [--minutes 30] [--servers 3..5] [--clients 4] [--seed S]
# Its report goes to integration-tests/target/soak-report.txt; exit status 0 only if it passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp_file=integration-tests/target/soak.classpath
mvn -B -q -pl integration-tests -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/soak.classpath
exec java -Dio.netty.leakDetection.level="${SOAK_LEAK_LEVEL:-paranoid}" -Dio.netty.leakDetection.targetRecords=4 \
    -Xmx1g -XX:MaxDirectMemorySize=1g \
    -cp "integration-tests/target/test-classes:$(cat "$cp_file")" dev.ketch.it.soak.Soak "$@"
