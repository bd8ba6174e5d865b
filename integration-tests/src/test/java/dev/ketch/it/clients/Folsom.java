package dev.ketch.it.clients;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.BinaryMemcacheClient;
import com.spotify.folsom.MemcacheClient;
import com.spotify.folsom.MemcacheClientBuilder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates Folsom clients for one server on 127.0.0.1 the way an application would, with the
 * connect limited to {@link ClientTimeouts#CONNECT}.
 *
 * <p>Folsom validates a new connection before using it: the ascii client sends
 * {@code get folsom_authentication_validation}, the binary client a NOOP (or, with credentials, a
 * SASL PLAIN authentication).
 */
public final class Folsom {

    private Folsom() {
    }

    /**
     * A builder for a string client of 127.0.0.1:{@code port} with this module's connect timeout.
     * Folsom leaves request timeouts to the caller: every request future is awaited with
     * {@link Await}, which gives up after {@link ClientTimeouts#OPERATION}.
     */
    public static MemcacheClientBuilder<String> builder(int port) {
        return MemcacheClientBuilder.newStringClient()
                .withAddress("127.0.0.1", port)
                .withConnectionTimeoutMillis(ClientTimeouts.CONNECT.toMillis());
    }

    /** Connects a text (ascii) client and waits until it is connected. */
    public static ClientHandle<AsciiMemcacheClient<String>> connectAscii(int port) throws Exception {
        return connected(builder(port).connectAscii());
    }

    /** Connects a binary client and waits until it is connected. */
    public static ClientHandle<BinaryMemcacheClient<String>> connectBinary(int port) throws Exception {
        return connected(builder(port).connectBinary());
    }

    /** Wraps {@code client} for shutdown and waits (bounded) until it is connected. */
    public static <C extends MemcacheClient<String>> ClientHandle<C> connected(C client) throws Exception {
        ClientHandle<C> handle = handle(client);
        try {
            client.awaitConnected(ClientTimeouts.CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception | Error e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    /** Wraps {@code client} for shutdown without waiting for it to connect. */
    public static <C extends MemcacheClient<String>> ClientHandle<C> handle(C client) {
        return new ClientHandle<>(client, () -> {
            client.shutdown();
            if (client.getConnectionFailure() != null) {
                return; // it gave up by itself (e.g. a refused authentication): nothing left to disconnect
            }
            try {
                client.awaitFullyDisconnected(ClientTimeouts.GRACEFUL_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("Folsom client still connected " + ClientTimeouts.GRACEFUL_SHUTDOWN.toMillis()
                        + " ms after shutdown()", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
