package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.MemcachedPerlSuite;
import dev.ketch.it.support.PerlSuiteReport;
import dev.ketch.it.support.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * memcached's own perl test suite (the files listed in {@code memcached-t-files.txt}) against the
 * Ketch server, through the project's {@code perl-suite/run.sh} and a generated launcher that
 * {@code exec}s {@code java -jar <ketch jar> --enable-debugtime "$@"}. Every listed file must pass
 * unmodified. Needs {@code MC_T_SRC} (memcached 1.6.18's source tree) and perl; skips with a
 * message otherwise. {@code binary-sasl.t} runs with
 * {@code RUN_SASL_TESTS=1} when saslpasswd2, db5.3_dump and perl are installed, and is left out
 * with a message otherwise. The {@code ssl_*.t} files run in a second pass with {@code SSL_TEST=1}
 * (which turns TLS on for every server the suite starts, with the suite's own certificates in
 * {@code t/}); they need perl's IO::Socket::SSL and are left out with a message without it. TAP
 * logs: {@code target/memcached-t-logs/}.
 */
class MemcachedPerlSuiteIT {

    private static final Duration PER_FILE_TIMEOUT =
            Duration.ofSeconds(Long.getLong("ketch.it.perlFileTimeoutSeconds", 120));
    private static final Duration WALL_CLOCK_LIMIT =
            Duration.ofSeconds(Long.getLong("ketch.it.perlSuiteTimeoutSeconds", 1500));
    private static final Duration SERVER_EXIT_GRACE = Duration.ofSeconds(5);

    @Test
    void everyListedFilePassesAgainstKetch(@TempDir Path launcherDir) throws Exception {
        Path source = MemcachedPerlSuite.sourceCheckout();
        Path runner = MemcachedPerlSuite.runnerScript();
        List<String> files = MemcachedPerlSuite.fileList();
        Optional<String> saslSkip = MemcachedPerlSuite.saslToolsMissing();
        if (files.contains(MemcachedPerlSuite.SASL_FILE) && saslSkip.isPresent()) {
            System.out.println(saslSkip.get());
            files = files.stream().filter(f -> !f.equals(MemcachedPerlSuite.SASL_FILE)).toList();
        }
        Optional<String> tlsSkip = MemcachedPerlSuite.tlsToolsMissing();
        List<String> tlsFiles = files.stream().filter(MemcachedPerlSuite::isTlsFile).toList();
        files = files.stream().filter(f -> !MemcachedPerlSuite.isTlsFile(f)).toList();
        if (!tlsFiles.isEmpty() && tlsSkip.isPresent()) {
            System.out.println(tlsSkip.get());
            tlsFiles = List.of();
        }
        MemcachedPerlSuite.Launcher launcher = MemcachedPerlSuite.writeLauncher(launcherDir);
        Path logDir = Files.createDirectories(ProjectLayout.buildDir().resolve("memcached-t-logs"));
        System.out.println("memcached t/ suite against " + KetchServer.label() + ", launcher:\n"
                + launcher.content());

        PerlSuiteReport report = MemcachedPerlSuite.run(runner, source, launcher, files, logDir,
                PER_FILE_TIMEOUT, WALL_CLOCK_LIMIT);
        System.out.println("memcached t/ results against " + KetchServer.label() + ":\n" + report.summary());
        List<String> notPassed = new ArrayList<>(report.notPassed());
        if (!tlsFiles.isEmpty()) {
            PerlSuiteReport tls = MemcachedPerlSuite.run(runner, source, launcher, tlsFiles, logDir,
                    PER_FILE_TIMEOUT, WALL_CLOCK_LIMIT, Map.of("SSL_TEST", "1"));
            System.out.println("memcached t/ results with SSL_TEST=1 against " + KetchServer.label() + ":\n"
                    + tls.summary());
            notPassed.addAll(tls.notPassed());
        }

        List<ProcessHandle> survivors = awaitServersExited(launcher);
        assertTrue(notPassed.isEmpty(), () -> "memcached t/ files not passing against "
                + KetchServer.label() + " (TAP logs in " + logDir + "):\n" + String.join("\n", notPassed));
        if (!survivors.isEmpty()) {
            fail("server processes started by the suite still ran " + SERVER_EXIT_GRACE.toSeconds()
                    + " s after it ended (killed now); the server must exit on SIGINT/SIGTERM: "
                    + survivors.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        }
    }

    private static List<ProcessHandle> awaitServersExited(MemcachedPerlSuite.Launcher launcher)
            throws InterruptedException {
        long deadline = System.nanoTime() + SERVER_EXIT_GRACE.toNanos();
        List<ProcessHandle> survivors = launcher.survivors();
        while (!survivors.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            survivors = launcher.survivors();
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }
}
