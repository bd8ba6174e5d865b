package dev.ketch.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs memcached's own perl test suite ({@code t/*.t} of the memcached source tree named by
 * {@code MC_T_SRC}) through the project's runner ({@code integration-tests/perl-suite/run.sh}),
 * against a launcher script generated here.
 */
public final class MemcachedPerlSuite {

    /** Skip message used when {@code MC_T_SRC} is not set to a checkout with {@code t/}. */
    public static final String NO_SOURCE = "set MC_T_SRC to memcached 1.6.18's source tree to run memcached's own"
            + " test suite (Debian 12: `apt-get source memcached`; or a checkout of github.com/memcached/memcached at"
            + " tag 1.6.18; .ci/run fetches it)";
    /** Environment variable the launcher exports so its servers can be found afterwards. */
    static final String RUN_MARKER = "KETCH_IT_PERL_SUITE_RUN";

    private MemcachedPerlSuite() {
    }

    /** The memcached checkout; skips the calling test when {@code MC_T_SRC} does not name one. */
    public static Path sourceCheckout() {
        String src = System.getenv("MC_T_SRC");
        Skip.unless(src != null && !src.isBlank() && Files.isDirectory(Path.of(src, "t", "lib")),
                NO_SOURCE + (src == null || src.isBlank() ? "" : " (MC_T_SRC=" + src + " has no t/lib)"));
        Skip.unless(Executables.onPath("perl").isPresent(), "install perl to run memcached's own test suite");
        return Path.of(src);
    }

    /** The project's runner of memcached's suite, {@code integration-tests/perl-suite/run.sh}. */
    public static Path runnerScript() {
        Path script = ProjectLayout.repoRoot().resolve("integration-tests/perl-suite/run.sh");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("the perl-suite runner is missing: " + script);
        }
        return script;
    }

    /**
     * The test files to run (names without ".t"): those in {@code memcached-t-files.txt}, or the
     * comma-separated subset in {@code -Dketch.it.perlFiles} (for working on a few files).
     */
    public static List<String> fileList() {
        String subset = System.getProperty("ketch.it.perlFiles", "").strip();
        if (!subset.isEmpty()) {
            return List.of(subset.split("\\s*,\\s*"));
        }
        try (InputStream in = MemcachedPerlSuite.class.getResourceAsStream("/memcached-t-files.txt")) {
            if (in == null) {
                throw new AssertionError("test resource memcached-t-files.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** memcached's TLS files ({@code ssl_*.t}) run only with {@code SSL_TEST=1}, which turns TLS on for every file. */
    public static boolean isTlsFile(String name) {
        return name.startsWith("ssl_");
    }

    /**
     * Why the {@code ssl_*.t} files cannot run here (they connect with perl's IO::Socket::SSL), or
     * empty.
     */
    public static Optional<String> tlsToolsMissing() {
        if (Executables.onPath("perl").isEmpty()) {
            return Optional.of("skipping ssl_*.t: missing perl");
        }
        try {
            Process p = new ProcessBuilder("perl", "-MIO::Socket::SSL", "-e", "1").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return Optional.of("skipping ssl_*.t: missing perl's IO::Socket::SSL (Debian libio-socket-ssl-perl)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("skipping ssl_*.t: cannot run perl: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("skipping ssl_*.t: interrupted");
        }
    }

    /** The SASL file's name in {@link #fileList()}. */
    public static final String SASL_FILE = "binary-sasl";

    /**
     * Why {@code binary-sasl.t} cannot run here (it needs Cyrus's {@code saslpasswd2} to create its
     * user, and the launcher's bridge needs {@code db5.3_dump} and perl to read it), or empty.
     */
    public static Optional<String> saslToolsMissing() {
        List<String> missing = new ArrayList<>();
        if (Executables.onPath("saslpasswd2").isEmpty() && !Files.isExecutable(Path.of("/usr/sbin/saslpasswd2"))) {
            missing.add("saslpasswd2 (Debian sasl2-bin)");
        }
        if (Executables.onPath("db5.3_dump").isEmpty()) {
            missing.add("db5.3_dump (Debian db5.3-util)");
        }
        if (Executables.onPath("perl").isEmpty()) {
            missing.add("perl");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("skipping " + SASL_FILE + ".t: missing "
                + String.join(", ", missing));
    }

    /**
     * Writes {@code launcher.sh} into {@code dir}: it {@code exec}s the server under test with the
     * suite's memcached flags, so the suite's signals reach the server process itself. For Ketch
     * it first runs the SASL bridge ({@code launcher-sasl-bridge.sh}), which serves the suite's
     * Cyrus sasldb as memcached's {@code MEMCACHED_SASL_PWDB} password file.
     */
    public static Launcher writeLauncher(Path dir) {
        String marker = UUID.randomUUID().toString();
        String exec;
        String bridge = "";
        if (KetchServer.substitutedByMemcached()) {
            exec = "exec " + quote(RealMemcached.binary().toString()) + " \"$@\"";
        } else {
            exec = "exec " + quote(KetchServer.javaBinary().toString()) + " -jar "
                    + quote(KetchServer.requireJar().toString()) + " --enable-debugtime \"$@\"";
            bridge = resource("/launcher-sasl-bridge.sh");
        }
        String script = "#!/bin/sh\n"
                + "# Generated by " + MemcachedPerlSuite.class.getName() + ": starts the server under test\n"
                + "# with the memcached flags memcached's t/ suite passes.\n"
                + "export " + RUN_MARKER + "=" + marker + "\n"
                + bridge
                + exec + "\n";
        try {
            Files.createDirectories(dir);
            Path launcher = dir.resolve("launcher.sh");
            Files.writeString(launcher, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new Launcher(launcher, marker, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated launcher script and the marker its servers carry in their environment. */
    public record Launcher(Path path, String marker, String content) {

        /** Server processes started by this launcher that are still running. */
        public List<ProcessHandle> survivors() {
            List<ProcessHandle> found = new ArrayList<>();
            byte[] needle = (RUN_MARKER + "=" + marker).getBytes(StandardCharsets.US_ASCII);
            ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(p -> {
                try {
                    byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                    if (indexOf(environ, needle) >= 0) {
                        found.add(p);
                    }
                } catch (IOException | SecurityException e) {
                    // process gone or not ours: not a survivor of this run
                }
            });
            return found;
        }
    }

    /**
     * Runs {@code files} with {@code runner} against {@code launcher}; every output line is echoed
     * to stdout as it arrives. Per-file TAP logs go to {@code logDir}.
     */
    public static PerlSuiteReport run(Path runner, Path source, Launcher launcher, List<String> files,
                                      Path logDir, Duration perFileTimeout, Duration wallClockLimit) {
        return run(runner, source, launcher, files, logDir, perFileTimeout, wallClockLimit, Map.of());
    }

    /** Like the other {@code run}, with more environment variables for the suite (e.g. {@code SSL_TEST=1}). */
    public static PerlSuiteReport run(Path runner, Path source, Launcher launcher, List<String> files,
                                      Path logDir, Duration perFileTimeout, Duration wallClockLimit,
                                      Map<String, String> extraEnvironment) {
        List<String> command = new ArrayList<>(List.of("bash", runner.toString(), launcher.path().toString()));
        command.addAll(files);
        Map<String, String> env = new HashMap<>();
        env.put("MC_T_SRC", source.toString());
        env.put("MC_T_LOGDIR", logDir.toString());
        env.put("MC_T_TIMEOUT", Long.toString(perFileTimeout.toSeconds()));
        env.put("MC_T_VERBOSE", "1");
        env.put("RUN_SASL_TESTS", "1"); // binary-sasl.t runs only with it
        env.putAll(extraEnvironment);
        ExternalCommand.Result result = new ExternalCommand(command, env, null)
                .run(wallClockLimit, line -> System.out.println("[memcached t/] " + line));
        List<String> lines = new ArrayList<>(result.outputLines());
        if (result.timedOut()) {
            lines.add("(suite killed after " + wallClockLimit.toSeconds() + " s)");
        }
        return PerlSuiteReport.parse(lines, files);
    }

    private static String resource(String name) {
        try (InputStream in = MemcachedPerlSuite.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
