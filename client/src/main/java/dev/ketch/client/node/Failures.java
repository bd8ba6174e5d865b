package dev.ketch.client.node;

import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.MemcacheTlsException;
import io.netty.channel.ConnectTimeoutException;
import java.net.SocketTimeoutException;

/**
 * Sorts why a connection attempt failed. Soft: it timed out, the server may only be slow or the
 * network lossy. Hard: anything else (refused, no route, unknown host, closed or reset before the
 * server answered), which the next attempt is unlikely to change.
 */
final class Failures {

    private Failures() {
    }

    static boolean isSoft(Throwable cause) {
        return cause instanceof ConnectTimeoutException || cause instanceof MemcacheTimeoutException
                || cause instanceof SocketTimeoutException
                || cause instanceof MemcacheTlsException tls && tls.reason() == MemcacheTlsException.Reason.TIMEOUT;
    }
}
