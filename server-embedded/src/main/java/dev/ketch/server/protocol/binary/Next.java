package dev.ketch.server.protocol.binary;

/** What the connection does after a command ran: memcached's next connection state. */
enum Next {
    /** Parse the next request ({@code conn_new_cmd}); responses stay buffered. */
    NEW_COMMAND,
    /** Transmit the responses so far, then go on ({@code conn_mwrite}). */
    TRANSMIT,
    /** Transmit everything, then close ({@code close_after_write}). */
    CLOSE_AFTER_WRITE,
    /** Close now; responses not transmitted yet are dropped ({@code conn_closing}). */
    CLOSE,
    /** Stream the value into the session's pending item ({@code conn_nread}). */
    READ_VALUE,
    /** Read the SASL data into the session ({@code conn_nread}, SASL substate). */
    READ_SASL_DATA,
    /** Discard the session's {@code swallow} bytes ({@code conn_swallow}). */
    SWALLOW
}
