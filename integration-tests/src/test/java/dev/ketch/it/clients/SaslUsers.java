package dev.ketch.it.clients;

import dev.ketch.it.support.Executables;
import dev.ketch.it.support.Skip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One SASL user, {@link #USER} with {@link #PASSWORD}, in a temporary directory, in the two forms
 * the servers read:
 * <ul>
 *   <li>Ketch: a {@code user:password} file named by {@code MEMCACHED_SASL_PWDB} (memcached's own
 *       format when built with {@code --enable-sasl-pwdb});</li>
 *   <li>Debian's memcached (built with Cyrus SASL, without the pwdb option): a sasldb made by
 *       {@code saslpasswd2} and a {@code memcached.conf} in the directory named by
 *       {@code SASL_CONF_PATH}, allowing PLAIN and CRAM-MD5.</li>
 * </ul>
 */
public final class SaslUsers implements AutoCloseable {

    public static final String USER = "it-user";
    public static final String PASSWORD = "it-password-1";

    /** Skip message when the Cyrus tools for the memcached control are missing. */
    public static final String CYRUS_NOT_FOUND = "saslpasswd2 not found on PATH: the SASL control against real"
            + " memcached needs Debian packages 'sasl2-bin' and 'libsasl2-modules' (apt-get install sasl2-bin"
            + " libsasl2-modules)";

    private final Path directory;
    private boolean cyrusReady;

    private SaslUsers(Path directory) {
        this.directory = directory;
    }

    /** Writes the {@code user:password} file into a new temporary directory. */
    public static SaslUsers create() {
        try {
            SaslUsers users = new SaslUsers(Files.createTempDirectory("ketch-it-sasl-"));
            Files.writeString(users.directory.resolve("pwdb"), USER + ":" + PASSWORD + "\n", StandardCharsets.UTF_8);
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SASL password file", e);
        }
    }

    /** The environment for Ketch: {@code MEMCACHED_SASL_PWDB} naming the {@code user:password} file. */
    public Map<String, String> pwdbEnvironment() {
        return Map.of("MEMCACHED_SASL_PWDB", directory.resolve("pwdb").toString());
    }

    /**
     * The environment for Debian's memcached: {@code SASL_CONF_PATH} naming a directory with a
     * sasldb and {@code memcached.conf}; skips the calling test when {@code saslpasswd2} is missing.
     */
    public synchronized Map<String, String> cyrusEnvironment() {
        if (!cyrusReady) {
            Optional<Path> saslpasswd2 = Executables.onPath("saslpasswd2");
            Skip.unless(saslpasswd2.isPresent(), CYRUS_NOT_FOUND);
            createSasldb(saslpasswd2.get());
            cyrusReady = true;
        }
        return Map.of("SASL_CONF_PATH", directory.toString());
    }

    private void createSasldb(Path saslpasswd2) {
        Path sasldb = directory.resolve("sasldb2");
        try {
            Path password = directory.resolve("password");
            Files.writeString(password, PASSWORD, StandardCharsets.UTF_8);
            Path output = directory.resolve("saslpasswd2.out");
            Process process = new ProcessBuilder(List.of(saslpasswd2.toString(), "-p", "-c", "-a", "memcached",
                    "-f", sasldb.toString(), USER))
                    .redirectInput(password.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("saslpasswd2 did not finish within 10 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("saslpasswd2 failed (" + process.exitValue() + "): " + Files.readString(output));
            }
            Files.writeString(directory.resolve("memcached.conf"),
                    "mech_list: plain cram-md5\nsasldb_path: " + sasldb + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sasldb for the memcached control", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running saslpasswd2", e);
        }
    }

    /** Deletes the temporary directory. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
