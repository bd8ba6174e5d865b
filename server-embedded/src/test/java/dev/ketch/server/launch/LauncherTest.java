package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.Features;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything the launcher decides before a server starts (the serving part runs in LauncherProcessTest). */
class LauncherTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Properties savedProperties;

    @BeforeEach
    void saveProperties() {
        savedProperties = (Properties) System.getProperties().clone();
    }

    @AfterEach
    void restoreProperties() {
        System.setProperties(savedProperties);
    }

    private Launcher launcher(boolean root) {
        return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Features.CURRENT, new UserCheck(root, name -> name.equals("root") ? OptionalLong.of(0) : OptionalLong.empty()),
                new ListenPreflight(host -> {
                    if (host.equals("fooble")) {
                        throw new java.net.UnknownHostException(host);
                    }
                }),
                (settings, beforeListening) -> {
                    throw new AssertionError("prepare must not start a server");
                });
    }

    private Launcher.Prepared prepare(boolean root, String... args) {
        return launcher(root).prepare(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        Launcher.Prepared p = prepare(true, "-h");
        assertNull(p.settings());
        assertEquals(0, p.exitStatus());
        assertTrue(out().startsWith("ketch-server "));
        assertEquals("", err());
    }

    @Test
    void parseErrorsGoToStderrWithMemcachedsStatus() {
        assertEquals(1, prepare(true, "-c", "0").exitStatus());
        assertEquals("Maximum connections must be greater than 0\n", err());
        assertEquals("", out());
    }

    @Test
    void illegalSuboptionsGoToStdout() {
        assertEquals(1, prepare(true, "-u", "root", "-o", "proxy_config=/x").exitStatus());
        assertEquals("Illegal suboption \"proxy_config=/x\"\n", out());
    }

    @Test
    void rootWithoutUserStartsBecauseAJvmHasNoPrivilegeToDrop() {
        assertEquals(0, prepare(true, "-p", "0").exitStatus());
        assertEquals("", err());
    }

    @Test
    void udpUnixSocketsAsciiAuthAndBinaryOnlyAreAccepted() {
        assertEquals(0, prepare(true, "-U", "11222").exitStatus());
        assertEquals(0, prepare(true, "-s", "/tmp/ketch-test.sock").exitStatus());
        assertEquals(0, prepare(true, "-Y", "/tmp/ketch-users", "-U", "0").exitStatus());
        assertEquals(0, prepare(true, "-B", "binary").exitStatus());
        assertEquals("", err());
    }

    @Test
    void asciiAuthRefusesUdpAndTheBinaryProtocolAsMemcachedDoes() {
        assertEquals(64, prepare(true, "-Y", "/tmp/ketch-users", "-U", "11222").exitStatus());
        assertEquals(64, prepare(true, "-Y", "/tmp/ketch-users", "-U", "0", "-B", "binary").exitStatus());
        assertEquals(64, prepare(true, "-Y", "/tmp/ketch-users", "-U", "0", "-B", "auto").exitStatus());
        assertEquals("Cannot use UDP with ascii authentication enabled (-U 0 to disable)\n"
                + "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.\n"
                + "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.\n", err());
    }

    @Test
    void unresolvableListenAddressIsEXOSErr() {
        assertEquals(71, prepare(true, "-u", "root", "-l", "fooble").exitStatus());
        assertEquals("getaddrinfo(): Name or service not known\n"
                + "failed to listen on one of interface(s) fooble: Success\n", err());
    }

    @Test
    void aGoodCommandLineIsReadyToStartAfterPrintingWarnings() {
        Launcher.Prepared p = prepare(false, "-t", "65", "-k", "-p", "12345", "-vv");
        assertEquals(12345, p.settings().port);
        assertEquals(0, p.exitStatus());
        assertEquals("WARNING: Setting a high number of workerthreads is not recommended.\n"
                + " Set this value to the number of cores in your machine or less.\n"
                + Launcher.MLOCK_WARNING + "\n", err());
        assertEquals("", out());
    }

    @Test
    void theLogCarriesWarningsWhateverTheVerbosity() {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
        prepare(false, "-vv");
        assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"),
                "memcached's -vv lines are the server's own output, not log records");
    }
}
