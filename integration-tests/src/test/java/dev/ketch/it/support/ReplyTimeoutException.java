package dev.ketch.it.support;

import java.io.IOException;

/** A {@link TextConnection} read or write did not complete within its timeout. */
public final class ReplyTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;

    public ReplyTimeoutException(String message, byte[] partial) {
        super(message);
        this.partial = partial.clone();
    }

    /** The bytes of the incomplete reply received before the timeout. */
    public byte[] partial() {
        return partial.clone();
    }
}
