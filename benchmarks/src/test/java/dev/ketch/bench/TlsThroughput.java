package dev.ketch.bench;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheClientBuilder;
import dev.ketch.client.Protocol;
import dev.ketch.client.TlsSettings;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import dev.ketch.server.testing.TestPki;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What TLS costs the Ketch client, against one real memcached serving both plain TCP (a
 * {@code notls:} listener) and TLS ({@code -Z}) with certificates made at start: async get and
 * set throughput of 100-byte values (1 and 16 caller threads), blocking get p50/p99, for plain TCP,
 * TLS through the JDK's engine and TLS through OpenSSL (BoringSSL, netty-tcnative). The three
 * take turns round after round; each figure is the median over the rounds, and the TLS columns
 * are also given as ratios to plain TCP. Then the time to connect to a cluster of 10 memcached
 * servers (build to {@code awaitConnected}), plain and with each provider, median of the rounds.
 *
 * <p>Options: {@code --seconds N} per measurement (default 5), {@code --rounds N} (3),
 * {@code --window N} (256), {@code --threads 1,16}, {@code --memcached-threads N} (2),
 * {@code --cluster N} servers for the connect time (10), {@code --connects N} per round (5).
 */
public final class TlsThroughput {

    private static final byte[] VALUE = new byte[100];
    private static final List<String> MODES = List.of("plain", "tls-jdk", "tls-openssl");

    private TlsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ClientThroughput.options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "5"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int window = Integer.parseInt(options.getOrDefault("window", "256"));
        int[] threadCounts = Arrays.stream(options.getOrDefault("threads", "1,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String memcachedThreads = options.getOrDefault("memcached-threads", "2");
        int clusterSize = Integer.parseInt(options.getOrDefault("cluster", "10"));
        int connects = Integer.parseInt(options.getOrDefault("connects", "5"));

        Path dir = Files.createTempDirectory("ketch-tls-bench");
        TestPki ca = TestPki.create(dir, "Benchmark CA");
        TestPki.Issued cert = ca.server("127.0.0.1");
        String tlsOptions = "ssl_chain_cert=" + cert.certificate() + ",ssl_key=" + cert.privateKey();
        Map<String, List<Double>> results = new LinkedHashMap<>();

        int plainPort = ClientThroughput.freePort();
        int tlsPort = ClientThroughput.freePort();
        Process memcached = memcached(tlsPort, "-Z", "-l", "notls:127.0.0.1:" + plainPort + ",127.0.0.1:" + tlsPort,
                "-t", memcachedThreads, "-c", "4096", "-o", tlsOptions);
        awaitListening(plainPort);
        try {
            ClientThroughput.preload(plainPort);
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(MODES);
                Collections.rotate(order, round);
                for (String mode : order) {
                    try (BenchClient client = ketch(mode, mode.equals("plain") ? plainPort : tlsPort, ca)) {
                        Workload.warmUp(client);
                        for (int threads : threadCounts) {
                            record(results, mode, "get " + threads + "t ops/s", Workload.AsyncLoad.measure(client,
                                    threads, window, seconds, (c, r) -> c.get(Workload.randomKey(r)), result -> 1));
                            record(results, mode, "set " + threads + "t ops/s", Workload.AsyncLoad.measure(client,
                                    threads, window, seconds, (c, r) -> c.set(Workload.randomKey(r), VALUE), result -> 1));
                        }
                        double[] latency = Workload.BlockingLoad.measure(client, 1, seconds);
                        record(results, mode, "blocking get p50 µs", latency[1]);
                        record(results, mode, "blocking get p99 µs", latency[2]);
                    }
                    System.err.printf(Locale.ROOT, "round %d: %s done%n", round, mode);
                }
            }
        } finally {
            stop(memcached);
        }

        List<Process> cluster = new ArrayList<>();
        List<String> tlsServers = new ArrayList<>();
        List<String> plainServers = new ArrayList<>();
        try {
            for (int i = 0; i < clusterSize; i++) {
                int p = ClientThroughput.freePort();
                int t = ClientThroughput.freePort();
                cluster.add(memcached(t, "-Z", "-l", "notls:127.0.0.1:" + p + ",127.0.0.1:" + t, "-t", "1",
                        "-o", tlsOptions));
                awaitListening(p);
                plainServers.add("127.0.0.1:" + p);
                tlsServers.add("127.0.0.1:" + t);
            }
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(MODES);
                Collections.rotate(order, round);
                for (String mode : order) {
                    List<Double> times = new ArrayList<>();
                    for (int i = 0; i < connects; i++) {
                        times.add(connectMillis(mode, mode.equals("plain") ? plainServers : tlsServers, ca));
                    }
                    record(results, mode, "connect " + clusterSize + " servers ms", median(times));
                }
            }
        } finally {
            cluster.forEach(TlsThroughput::stop);
        }
        print(results);
    }

    private static void record(Map<String, List<Double>> results, String mode, String metric, double value) {
        results.computeIfAbsent(mode + "|" + metric, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> values) {
        return ClientThroughput.Results.median(values);
    }

    private static MemcacheClientBuilder<byte[]> builder(String mode, List<String> servers, TestPki ca) {
        MemcacheClientBuilder<byte[]> b = MemcacheClient.builder().servers(servers.toArray(String[]::new))
                .protocol(Protocol.BINARY).transcoder(ByteArrayTranscoder.INSTANCE).maxOutstanding(1 << 20)
                .ioThreads(1).connectionsPerNode(1);
        if (!mode.equals("plain")) {
            b.tls(TlsSettings.builder().trustedCertificates(ca.certificate())
                    .provider(mode.equals("tls-jdk") ? TlsSettings.Provider.JDK : TlsSettings.Provider.OPENSSL)
                    .build());
        }
        return b;
    }

    private static double connectMillis(String mode, List<String> servers, TestPki ca) throws InterruptedException {
        long start = System.nanoTime();
        try (MemcacheClient<byte[]> client = builder(mode, servers, ca).build()) {
            if (!client.awaitConnected(Duration.ofSeconds(30))) {
                throw new IllegalStateException(mode + " did not connect to " + servers);
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static BenchClient ketch(String mode, int port, TestPki ca) throws InterruptedException {
        MemcacheClient<byte[]> client = builder(mode, List.of("127.0.0.1:" + port), ca).build();
        if (!client.awaitConnected(Duration.ofSeconds(5))) {
            client.close();
            throw new IllegalStateException(mode + " did not connect");
        }
        return new BenchClient() {
            @Override
            public String name() {
                return mode;
            }

            @Override
            public CompletableFuture<?> get(String key) {
                return client.get(key);
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                return client.set(key, 0, value);
            }

            @Override
            public CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys) {
                return client.getMulti(keys);
            }

            @Override
            public Object getBlocking(String key) {
                return client.blocking().get(key);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static void print(Map<String, List<Double>> results) {
        List<String> metrics = new ArrayList<>();
        for (String key : results.keySet()) {
            String metric = key.substring(key.indexOf('|') + 1);
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        System.out.println("| metric | plain | tls-jdk | tls-openssl | jdk / plain | openssl / plain |");
        System.out.println("|---|---|---|---|---|---|");
        for (String metric : metrics) {
            double plain = median(results.get("plain|" + metric));
            double jdk = median(results.get("tls-jdk|" + metric));
            double openssl = median(results.get("tls-openssl|" + metric));
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%n", metric, plain, jdk, openssl,
                    jdk / plain, openssl / plain);
        }
    }

    private static Process memcached(int port, String... flags) throws IOException {
        String binary = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(d, "memcached").canExecute()) {
                binary = new File(d, "memcached").getPath();
                break;
            }
        }
        if (binary == null) {
            throw new IllegalStateException("memcached not on PATH: apt-get install memcached (built with TLS)");
        }
        List<String> command = new ArrayList<>(List.of(binary, "-p", Integer.toString(port), "-U", "0"));
        command.addAll(List.of(flags));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("memcached did not listen on " + port);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
