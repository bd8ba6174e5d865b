package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spotify.folsom.BinaryMemcacheClient;
import com.spotify.folsom.MemcacheAuthenticationException;
import com.spotify.folsom.MemcacheClosedException;
import com.spotify.folsom.MemcacheStatus;
import dev.ketch.it.clients.Await;
import dev.ketch.it.clients.ClientHandle;
import dev.ketch.it.clients.ClientTestServers;
import dev.ketch.it.clients.ClientTimeouts;
import dev.ketch.it.clients.Expiry;
import dev.ketch.it.clients.Folsom;
import dev.ketch.it.clients.Keys;
import dev.ketch.it.clients.NoLeakedClientThreads;
import dev.ketch.it.clients.SaslUsers;
import dev.ketch.it.clients.Side;
import dev.ketch.it.clients.SpyLog;
import dev.ketch.it.clients.Spymemcached;
import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.RealMemcached;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.PlainCallbackHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SASL authentication (binary protocol, {@code -S}) with unmodified Folsom and spymemcached: the
 * right password lets a client store and read, a wrong one is refused with the failure the
 * client reports for a rejected authentication (not a timeout by accident) and stores nothing.
 *
 * <p>Ketch reads its users from the {@code user:password} file named by
 * {@code MEMCACHED_SASL_PWDB}. The control, Debian's memcached, is built with Cyrus SASL but not
 * with that option, so it gets the same user in a sasldb made by {@code saslpasswd2} (skipped
 * with a message when sasl2-bin is not installed).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientSaslIT {

    private static final String WRONG_PASSWORD = "not-the-password";
    /** How long spymemcached lets an operation wait for the authentication before cancelling it. */
    private static final long AUTH_WAIT_MILLIS = 1000;

    private static final SaslUsers USERS = SaslUsers.create();
    private static final ClientTestServers SERVERS = new ClientTestServers(
            () -> RealMemcached.start(USERS.cyrusEnvironment(), "-S", "-m", "64"),
            () -> KetchServer.start(ketchEnvironment(), "-S", "-m", "64"));

    @RegisterExtension
    static final NoLeakedClientThreads THREADS = new NoLeakedClientThreads();

    @AfterAll
    static void stopServers() {
        try {
            SERVERS.close();
        } finally {
            USERS.close();
        }
    }

    /** Ketch reads MEMCACHED_SASL_PWDB; a memcached standing in for Ketch needs the Cyrus set-up. */
    private static Map<String, String> ketchEnvironment() {
        Map<String, String> environment = new HashMap<>(USERS.pwdbEnvironment());
        if (KetchServer.substitutedByMemcached()) {
            environment.putAll(USERS.cyrusEnvironment());
        }
        return environment;
    }

    private static AuthDescriptor plain(String password) {
        return new AuthDescriptor(new String[] {"PLAIN"}, new PlainCallbackHandler(SaslUsers.USER, password));
    }

    private static ClientHandle<BinaryMemcacheClient<String>> folsom(int port, String password) throws Exception {
        return Folsom.connected(Folsom.builder(port).withUsernamePassword(SaslUsers.USER, password).connectBinary());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void folsomWithTheRightPasswordStoresAndReads(Side side) throws Exception {
        String key = Keys.unique("sasl-folsom");
        try (ClientHandle<BinaryMemcacheClient<String>> handle = folsom(SERVERS.port(side), SaslUsers.PASSWORD)) {
            assertEquals(MemcacheStatus.OK, Await.result(handle.client().set(key, "secret value", Expiry.NEVER)));
            assertEquals("secret value", Await.result(handle.client().get(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void folsomWithAWrongPasswordIsRefusedAsAnAuthenticationFailure(Side side) throws Exception {
        int port = SERVERS.port(side);
        String key = Keys.unique("sasl-folsom-wrong");
        try (ClientHandle<BinaryMemcacheClient<String>> handle = Folsom.handle(Folsom.builder(port)
                .withUsernamePassword(SaslUsers.USER, WRONG_PASSWORD).connectBinary())) {
            BinaryMemcacheClient<String> client = handle.client();
            MemcacheAuthenticationException refused = assertThrows(MemcacheAuthenticationException.class,
                    () -> client.awaitConnected(ClientTimeouts.CONNECT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("Authentication failed", refused.getMessage());
            assertInstanceOf(MemcacheClosedException.class, Await.failure(client.set(key, "x", Expiry.NEVER)),
                    "after a refused authentication Folsom gives up the connection");
        }
        assertNothingStoredUnder(key, port);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void folsomWithoutCredentialsIsRefusedAsAnAuthenticationFailure(Side side) throws Exception {
        try (ClientHandle<BinaryMemcacheClient<String>> handle = Folsom.handle(
                Folsom.builder(SERVERS.port(side)).connectBinary())) {
            BinaryMemcacheClient<String> client = handle.client();
            // Folsom validates a new binary connection with a NOOP, which a SASL server refuses
            assertThrows(MemcacheAuthenticationException.class,
                    () -> client.awaitConnected(ClientTimeouts.CONNECT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void spymemcachedPlainWithTheRightPasswordStoresAndReads(Side side) throws Exception {
        String key = Keys.unique("sasl-spy");
        try (ClientHandle<MemcachedClient> handle = Spymemcached.connect(SERVERS.port(side),
                plain(SaslUsers.PASSWORD), ClientTimeouts.CONNECT.toMillis())) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "secret value")));
            assertEquals("secret value", client.get(key));
        }
    }

    /** {@code AuthDescriptor.typical} offers CRAM-MD5 before PLAIN; the JDK's SASL client takes CRAM-MD5. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void spymemcachedTypicalAuthenticationUsesCramMd5AndWorks(Side side) throws Exception {
        String key = Keys.unique("sasl-spy-cram");
        try (ClientHandle<MemcachedClient> handle = Spymemcached.connect(SERVERS.port(side),
                AuthDescriptor.typical(SaslUsers.USER, SaslUsers.PASSWORD), ClientTimeouts.CONNECT.toMillis())) {
            assertTrue(Await.result(handle.client().set(key, Expiry.NEVER, "x")));
            assertEquals("x", handle.client().get(key));
        }
    }

    /**
     * spymemcached reports a rejected authentication in its log only: its SASL operation logs the
     * server's error, then it closes the connection and reconnects to try again. Operations held
     * back for the authentication are released and refused by the server, so a set answers false
     * (or is cancelled, in failure mode Cancel, when the authentication wait runs out first). The
     * test requires the logged rejection (the server answered with an error status: no timeout
     * by accident), a set that did not store, well before the operation timeout, and no item.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void spymemcachedWithAWrongPasswordLogsTheRejectionAndCannotStore(Side side) throws Exception {
        int port = SERVERS.port(side);
        String key = Keys.unique("sasl-spy-wrong");
        SpyLog.clear();
        try (ClientHandle<MemcachedClient> handle = Spymemcached.connect(port, plain(WRONG_PASSWORD), AUTH_WAIT_MILLIS)) {
            long start = System.nanoTime();
            boolean stored;
            try {
                stored = Await.result(handle.client().set(key, Expiry.NEVER, "x"));
            } catch (CancellationException e) {
                stored = false;
            }
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(stored, "a client that failed to authenticate must not store");
            assertTrue(waitedMillis < ClientTimeouts.OPERATION.toMillis(), "refused, not timed out: waited "
                    + waitedMillis + " ms");
            String rejection = awaitWarning("SASLAuthOperationImpl: Error");
            System.out.println("spymemcached logged the rejection by " + side.label() + ": " + rejection);
        }
        assertNothingStoredUnder(key, port);
    }

    private static String awaitWarning(String text) throws InterruptedException {
        long deadline = System.nanoTime() + ClientTimeouts.CONNECT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String warning : SpyLog.warnings()) {
                if (warning.contains(text)) {
                    return warning;
                }
            }
            Thread.sleep(20);
        }
        List<String> warnings = SpyLog.warnings();
        throw new AssertionError("spymemcached logged no '" + text + "' within " + ClientTimeouts.CONNECT.toMillis()
                + " ms; its warnings: " + warnings);
    }

    /** Reads {@code key} with a correctly authenticated client: the refused one must not have stored it. */
    private static void assertNothingStoredUnder(String key, int port) throws Exception {
        try (ClientHandle<BinaryMemcacheClient<String>> handle = folsom(port, SaslUsers.PASSWORD)) {
            assertNull(Await.result(handle.client().get(key)));
        }
    }
}
