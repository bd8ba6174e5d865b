package dev.ketch.it.support;

import java.io.IOException;

/** The server closed (or reset) the connection while a {@link TextConnection} was reading or writing. */
public final class ConnectionClosedException extends IOException {

    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;

    public ConnectionClosedException(String message, byte[] partial, Throwable cause) {
        super(message, cause);
        this.partial = partial.clone();
    }

    /** The bytes of the interrupted reply received before the close. */
    public byte[] partial() {
        return partial.clone();
    }
}
