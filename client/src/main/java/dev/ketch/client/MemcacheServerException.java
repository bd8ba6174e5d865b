package dev.ketch.client;

/**
 * The server answered with an error: an error status in the binary protocol, or an
 * {@code ERROR}/{@code CLIENT_ERROR}/{@code SERVER_ERROR} line in the text protocol. {@link #status()}
 * says which, {@link #serverMessage()} is the server's own text.
 */
public class MemcacheServerException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    private final MemcacheStatus status;
    private final String serverMessage;

    public MemcacheServerException(MemcacheStatus status, String serverMessage) {
        super(status + (serverMessage == null || serverMessage.isEmpty() ? "" : ": " + serverMessage));
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    public MemcacheStatus status() {
        return status;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
