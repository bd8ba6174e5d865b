package dev.ketch.spymemcached.bench;

import dev.ketch.spymemcached.testing.Impl;
import dev.ketch.spymemcached.testing.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: spymemcached 2.12.3 and the drop-in, same application code ({@code
 * scenario.Throughput}), against one real memcached, taking turns round after round so that noise
 * on a shared machine hits both; prints the median operations per second of each and their ratio.
 * Run by {@code compat-spymemcached/bench/throughput.sh [rounds] [seconds]}.
 */
public final class DropInThroughput {

    private DropInThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int window = 256;
        try (TestServer server = TestServer.Kind.MEMCACHED.start()) {
            System.out.println("| protocol, operation | spymemcached 2.12.3 (ops/s) | drop-in (ops/s) | drop-in / spymemcached |");
            System.out.println("|---|---|---|---|");
            for (boolean binary : new boolean[] {true, false}) {
                for (String operation : List.of("get", "set")) {
                    List<Double> spy = new ArrayList<>();
                    List<Double> dropIn = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        Impl first = round % 2 == 0 ? Impl.SPYMEMCACHED : Impl.KETCH;
                        Impl second = first == Impl.SPYMEMCACHED ? Impl.KETCH : Impl.SPYMEMCACHED;
                        for (Impl impl : List.of(first, second)) {
                            double opsPerSecond = impl.<Double>call("Throughput", "measure", server.address(), binary,
                                    operation, window, seconds);
                            (impl == Impl.SPYMEMCACHED ? spy : dropIn).add(opsPerSecond);
                        }
                    }
                    double s = median(spy);
                    double d = median(dropIn);
                    System.out.printf(Locale.ROOT, "| %s, %s | %,.0f | %,.0f | %.2f |%n", binary ? "binary" : "text",
                            operation, s, d, d / s);
                }
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
