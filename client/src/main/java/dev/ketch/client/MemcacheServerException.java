package dev.ketch.client;

/**
 * The server answered with an error: an error status in the binary protocol, or an
 * {@code ERROR}/{@code CLIENT_ERROR}/{@code SERVER_ERROR} line in the text protocol. {@link #status()}
 * says which, {@link #serverMessage()} is the server's own text.
 */
public class MemcacheServerException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** What the server answered. */
    private final MemcacheStatus status;
    /** The server's own text, possibly empty. */
    private final String serverMessage;

    /**
     * An error reply: {@code status}, with the server's text {@code serverMessage} (null reads as
     * empty).
     */
    public MemcacheServerException(MemcacheStatus status, String serverMessage) {
        super(status + (serverMessage == null || serverMessage.isEmpty() ? "" : ": " + serverMessage));
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    /** The error the server reported. */
    public MemcacheStatus status() {
        return status;
    }

    /** The server's own text after the error word or status, possibly empty. */
    public String serverMessage() {
        return serverMessage;
    }
}
