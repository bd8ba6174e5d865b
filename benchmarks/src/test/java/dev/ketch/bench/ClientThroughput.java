package dev.ketch.bench;

import dev.ketch.client.Protocol;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and latency of Ketch beside spymemcached, xmemcached and Folsom, each in its binary
 * and its text protocol, against one real memcached started here. Clients take turns, round after
 * round, so noise on a shared machine hits all of them; each figure is the median over the rounds.
 * Every Ketch protocol is compared with the best peer of the same run (ratio of medians), and with
 * Ketch's binary protocol and its baseline build by the median of the rounds' ratios (clients of one
 * round run close together in time, so this follows the machine's drift better).
 *
 * <p>Workloads ({@code --workloads}, default all): {@code get64}, {@code get512}, {@code set64},
 * {@code set512} (one caller keeping 64 or 512 requests in flight), {@code mget10}, {@code mget100}
 * (multi-gets of 10 or 100 keys from 16 callers, one multi-get in flight each: keys/s),
 * {@code blocking1}, {@code blocking16} (blocking gets from 1 or 16 threads: ops/s, p50, p99).
 * Clients that have no asynchronous API (xmemcached) block the caller, so they keep one request in
 * flight per caller thread.
 *
 * <p>Options: {@code --seconds N} per measurement (default 3), {@code --rounds N} (3),
 * {@code --clients a,b,...} (see {@link BenchClients}), {@code --memcached-threads N} (1),
 * {@code --pin true|false}: memcached on CPU 1 and this JVM on CPU 0 ({@code taskset}; default
 * true on machines with 2 or more CPUs), {@code --out file} (raw samples as TSV, default
 * {@code benchmarks/target/throughput.tsv}; {@code benchmarks/run.sh plot} draws them). With
 * {@code -Dketch.baseline=DIR} (an older build's {@code client/target/classes}), clients such as
 * {@code ketch-text-before} measure that build beside the current one.
 *
 * <p>Beside each throughput, the CPU time memcached spent per 1000 operations or keys of it (see
 * {@link ServerCpu}): what a client's requests cost the server, which decides the throughput
 * when memcached's one thread is saturated, and which the machine's noise hardly moves.
 */
public final class ClientThroughput {

    static final int KEYS = 10_000;
    static final byte[] VALUE = new byte[100];

    private ClientThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "3"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<String> clients = List.of(options.getOrDefault("clients", String.join(",", BenchClients.ALL)).split(","));
        List<Workload> workloads = Workload.select(options.getOrDefault("workloads", "all"));
        String memcachedThreads = options.getOrDefault("memcached-threads", "1");
        boolean pin = Boolean.parseBoolean(options.getOrDefault("pin",
                Boolean.toString(Runtime.getRuntime().availableProcessors() >= 2 && taskset() != null)));
        Path out = Path.of(options.getOrDefault("out", "benchmarks/target/throughput.tsv"));

        if (pin) {
            pinThisProcess("0");
        }
        int port = freePort();
        Process memcached = startMemcached(port, memcachedThreads, pin ? "1" : null);
        Results results = new Results();
        try {
            preload(port);
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(clients);
                Collections.rotate(order, round);
                for (String name : order) {
                    try (BenchClient client = BenchClients.create(name, port)) {
                        Workload.warmUp(client);
                        for (Workload workload : workloads) {
                            long cpuBefore = ServerCpu.micros(memcached.pid());
                            Map<String, Double> measured = workload.run(client, seconds);
                            long cpuUsed = ServerCpu.micros(memcached.pid()) - cpuBefore;
                            measured.forEach((metric, value) -> results.add(name, metric, value));
                            if (cpuBefore >= 0) {
                                ServerCpu.perThousand(measured, cpuUsed, seconds).forEach((metric, value) ->
                                        results.add(name, metric, value));
                            }
                        }
                    }
                    System.err.printf(Locale.ROOT, "round %d: %s done%n", round, name);
                }
            }
        } finally {
            memcached.destroy();
            memcached.waitFor(5, TimeUnit.SECONDS);
        }
        System.out.printf(Locale.ROOT, "memcached 1 process, -t %s%s; %d rounds of %d s; medians%n", memcachedThreads,
                pin ? ", on CPU 1, clients on CPU 0" : ", unpinned", rounds, seconds);
        System.out.print(results.table(clients));
        System.out.println("ratios are value / reference: above 1 is better for ops/s and keys/s, below 1 for µs");
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            results.writeTsv(w);
        }
        System.err.println("raw samples: " + out);
    }

    /** Every sample, and the table of medians with the ratios. */
    static final class Results {
        private final Map<String, Map<String, List<Double>>> byMetric = new LinkedHashMap<>();

        void add(String client, String metric, double value) {
            byMetric.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(client, c -> new ArrayList<>())
                    .add(value);
        }

        static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        static boolean lowerIsBetter(String metric) {
            return metric.contains("µs");
        }

        /**
         * Medians per client, then ratios: each current Ketch protocol to the best peer, Ketch's
         * other protocols to its binary one, and each Ketch client to its baseline build.
         */
        String table(List<String> clients) {
            List<String> ketch = clients.stream().filter(c -> BenchClients.isKetch(c) && !BenchClients.isBaseline(c)).toList();
            boolean peers = clients.stream().anyMatch(c -> !BenchClients.isKetch(c));
            List<String[]> ratios = new ArrayList<>();
            if (peers) {
                ketch.forEach(k -> ratios.add(new String[] {k, null, k + " / best peer"}));
            }
            if (ketch.contains("ketch-binary")) {
                ketch.stream().filter(k -> !k.equals("ketch-binary"))
                        .forEach(k -> ratios.add(new String[] {k, "ketch-binary", k.substring(6) + " / binary"}));
            }
            ketch.stream().filter(k -> clients.contains(k + BenchClients.BEFORE))
                    .forEach(k -> ratios.add(new String[] {k, k + BenchClients.BEFORE, k + " / before"}));
            StringBuilder s = new StringBuilder("| metric |");
            clients.forEach(c -> s.append(' ').append(c).append(" |"));
            ratios.forEach(r -> s.append(' ').append(r[2]).append(" |"));
            s.append('\n');
            s.append("|---".repeat(clients.size() + ratios.size() + 1)).append("|\n");
            for (Map.Entry<String, Map<String, List<Double>>> e : byMetric.entrySet()) {
                String metric = e.getKey();
                boolean lower = lowerIsBetter(metric);
                s.append("| ").append(metric).append(" |");
                Map<String, Double> medians = new LinkedHashMap<>();
                double best = Double.NaN;
                for (String client : clients) {
                    List<Double> values = e.getValue().get(client);
                    double m = values == null ? Double.NaN : median(values);
                    medians.put(client, m);
                    s.append(String.format(Locale.ROOT, lower ? " %.1f |" : " %,.0f |", m));
                    if (!BenchClients.isKetch(client) && !Double.isNaN(m)
                            && (Double.isNaN(best) || (lower ? m < best : m > best))) {
                        best = m;
                    }
                }
                for (String[] r : ratios) {
                    double ratio = r[1] == null ? ratio(medians.get(r[0]), best, lower)
                            : pairedRatio(e.getValue().get(r[0]), e.getValue().get(r[1]), lower);
                    s.append(String.format(Locale.ROOT, " %.2f |", ratio));
                }
                s.append('\n');
            }
            return s.toString();
        }

        /**
         * The median over the rounds of each round's ratio: the two clients of a round ran
         * minutes apart at most, so this follows the machine's drift better than a ratio of medians.
         */
        static double pairedRatio(List<Double> values, List<Double> references, boolean lowerIsBetter) {
            if (values == null || references == null || values.size() != references.size()) {
                return Double.NaN;
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(ratio(values.get(i), references.get(i), lowerIsBetter));
            }
            return median(ratios);
        }

        /** {@code value / reference}: above 1 is better for throughput, below 1 for latency (µs). */
        static double ratio(double value, double reference, boolean lowerIsBetter) {
            return value / reference;
        }

        void writeTsv(PrintWriter w) {
            w.println("metric\tclient\tround\tvalue");
            byMetric.forEach((metric, byClient) -> byClient.forEach((client, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    w.printf(Locale.ROOT, "%s\t%s\t%d\t%.3f%n", metric, client, i + 1, values.get(i));
                }
            }));
        }
    }

    static void preload(int port) throws Exception {
        try (BenchClient ketch = BenchClients.ketch(port, Protocol.BINARY)) {
            List<CompletableFuture<?>> sets = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                sets.add(ketch.set("key:" + i, VALUE));
            }
            CompletableFuture.allOf(sets.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String taskset() {
        return onPath("taskset");
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, name).canExecute()) {
                return new File(dir, name).getPath();
            }
        }
        return null;
    }

    /** Every thread of this JVM (and so every thread it starts later) onto {@code cpus}. */
    private static void pinThisProcess(String cpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(taskset(), "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("taskset could not pin the benchmark to CPU " + cpus);
        }
    }

    private static Process startMemcached(int port, String threads, String cpu) throws IOException, InterruptedException {
        String binary = onPath("memcached");
        if (binary == null) {
            throw new IllegalStateException("memcached not on PATH: apt-get install memcached");
        }
        List<String> command = new ArrayList<>();
        if (cpu != null) {
            command.addAll(List.of(taskset(), "-c", cpu));
        }
        command.addAll(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0", "-t", threads, "-c",
                "4096"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        Process p = new ProcessBuilder(command).inheritIO().start();
        for (int i = 0; i < 250; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("memcached did not start");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    static String[] split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
