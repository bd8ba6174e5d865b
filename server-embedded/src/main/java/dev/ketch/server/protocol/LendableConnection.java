package dev.ketch.server.protocol;

import io.netty.channel.Channel;

/**
 * A client connection a command can lend to another thread, as memcached hands a connection to
 * its logger thread ({@code watch}) or crawler thread ({@code lru_crawler metadump}): while lent,
 * the connection runs no commands and the borrower writes to its channel.
 */
public interface LendableConnection {

    /**
     * Lends the connection from the current command on (replies pending so far are written
     * first). With {@code readWhileLent} input is still read and dropped, so that a client that
     * closes is noticed; otherwise reading stops until {@link #giveBack()}.
     *
     * @param onWritable runs on the connection's thread whenever the client has caught up with
     *     what was written to it; may be null
     */
    void lend(boolean readWhileLent, Runnable onWritable);

    /** Ends the loan (any thread): the connection runs commands again, starting with those buffered. */
    void giveBack();

    /** The connection's channel, for the borrower's writes. */
    Channel channel();
}
