package dev.ketch.server.protocol.text;

/** What the connection does after a command line was processed. */
enum CommandResult {
    /** Go on with the next command. */
    DONE,
    /** Go on; memcached would have transmitted the replies now (after gets, {@code mn}). */
    DONE_SENT,
    /** A data block follows: stream it into {@link TextSession#pending()}. */
    READ_VALUE,
    /** Close without sending unsent replies (memcached's {@code conn_closing}). */
    CLOSE,
    /** Send the replies, then close ({@code quit}). */
    CLOSE_AFTER_WRITE,
    /** The connection was lent to another thread ({@code watch}, {@code lru_crawler metadump}): stop. */
    LENT
}
