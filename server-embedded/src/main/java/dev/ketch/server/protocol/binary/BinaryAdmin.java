package dev.ketch.server.protocol.binary;

import dev.ketch.server.Version;
import dev.ketch.server.protocol.ServerContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code VERSION}, {@code NOOP}, {@code QUIT}(Q) and {@code FLUSH}(Q): the commands without a key
 * (memcached's {@code dispatch_bin_command} cases and {@code process_bin_flush}).
 */
final class BinaryAdmin {

    private final BinarySession session;
    private final ServerContext server;

    BinaryAdmin(BinarySession session) {
        this.session = session;
        this.server = session.server;
    }

    Next version() {
        session.replies.success(Version.full().getBytes(StandardCharsets.US_ASCII));
        return Next.NEW_COMMAND;
    }

    /** {@code NOOP} answers and makes memcached transmit everything pending. */
    Next noop() {
        session.replies.success(new byte[0]);
        return Next.TRANSMIT;
    }

    Next quit() {
        if (!session.quiet) {
            session.replies.success(new byte[0]);
        }
        return Next.CLOSE_AFTER_WRITE;
    }

    /**
     * Optional 4-byte extras: the delay. Refused with an auth error under {@code -F}; unlike the
     * text protocol's, a refused binary flush is not counted.
     */
    Next flush() {
        if (!server.settings().flushEnabled) {
            session.replies.error(Status.AUTH_ERROR);
            return Next.TRANSMIT;
        }
        long exptime = session.header.extrasLength() == Integer.BYTES ? session.extrasUnsignedInt(0) : 0;
        server.cache().flushAll(exptime);
        server.stats().flushCmds.increment();
        if (!session.quiet) {
            session.replies.success(new byte[0]);
        }
        return Next.NEW_COMMAND;
    }
}
