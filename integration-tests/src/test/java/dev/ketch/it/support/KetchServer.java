package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The server under test: the bundled Ketch server, started as a process from the executable jar
 * that module server-embedded builds ({@code java -jar ketch-server-VERSION.jar <memcached flags>}).
 *
 * <p>A missing jar FAILS the test (it is built earlier in the same reactor, so its absence is a
 * build problem, not an optional environment feature).
 *
 * <p>Harness verification only: with {@code -Dketch.it.serverUnderTest=memcached} a second real
 * memcached stands in for Ketch, so the tests can be checked before the server exists. Results of
 * such a run say nothing about Ketch.
 */
public final class KetchServer {

    /** System property selecting what plays the Ketch side: {@code ketch} (default) or {@code memcached}. */
    public static final String SERVER_UNDER_TEST = "ketch.it.serverUnderTest";
    /** System property with extra JVM options for the server process (space separated). */
    public static final String SERVER_JVM_ARGS = "ketch.it.serverJvmArgs";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private KetchServer() {
    }

    /** True when a real memcached plays the Ketch side (harness verification mode). */
    public static boolean substitutedByMemcached() {
        String value = System.getProperty(SERVER_UNDER_TEST, "ketch");
        if (!value.equals("ketch") && !value.equals("memcached")) {
            fail(SERVER_UNDER_TEST + " must be 'ketch' or 'memcached', not '" + value + "'");
        }
        return value.equals("memcached");
    }

    /** How the Ketch side is called in reports. */
    public static String label() {
        return substitutedByMemcached() ? "memcached (standing in for ketch)" : "ketch";
    }

    /**
     * Starts the server under test with {@code -l 127.0.0.1 -p PORT -U 0 <memcachedFlags>} on a
     * free port and waits until it listens.
     */
    public static ServerProcess start(String... memcachedFlags) {
        return start(Map.of(), memcachedFlags);
    }

    /**
     * Like {@link #start(String...)}, with {@code environment} added to the process's environment
     * (e.g. {@code MEMCACHED_SASL_PWDB}).
     */
    public static ServerProcess start(Map<String, String> environment, String... memcachedFlags) {
        if (substitutedByMemcached()) {
            announceSubstitution();
            Path memcached = RealMemcached.binary();
            return ServerProcess.startOnFreePort(label(), environment,
                    port -> RealMemcached.command(memcached, port, memcachedFlags), START_TIMEOUT);
        }
        List<String> launch = javaCommand(serverJvmArgs());
        return ServerProcess.startOnFreePort(label(), environment, port -> {
            List<String> command = new ArrayList<>(launch);
            command.addAll(List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0"));
            command.addAll(List.of(memcachedFlags));
            return command;
        }, START_TIMEOUT);
    }

    /** {@code [<this JVM's java>, jvmArgs..., -jar, <ketch jar>]}; fails if the jar is missing. */
    public static List<String> javaCommand(List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(requireJar().toString());
        return command;
    }

    /** The executable jar; fails the test with a build hint when it does not exist. */
    public static Path requireJar() {
        Path jar = ProjectLayout.serverJar();
        if (!Files.isRegularFile(jar)) {
            fail("Ketch server jar not found at " + jar + ". Module server-embedded builds it earlier in the"
                    + " same reactor: run 'mvn -pl integration-tests -am verify' from the repository root.");
        }
        return jar;
    }

    /** The java launcher of the JVM running the tests. */
    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Fails if the stopped server's stderr holds a Netty leak report (the process runs with the
     * JVM options of {@value #SERVER_JVM_ARGS}, paranoid leak detection in the pom).
     */
    public static void assertNoLeakReports(ServerProcess server) {
        if (server.stderrContains("LEAK:")) {
            fail(server.name() + " reported leaked buffers on stderr:\n" + server.stderr());
        }
    }

    private static List<String> serverJvmArgs() {
        String args = System.getProperty(SERVER_JVM_ARGS, "").strip();
        return args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"));
    }

    private static void announceSubstitution() {
        System.out.println("NOTE: " + SERVER_UNDER_TEST + "=memcached: a second real memcached plays the"
                + " Ketch side. This verifies the test harness only; it says nothing about Ketch.");
    }
}
