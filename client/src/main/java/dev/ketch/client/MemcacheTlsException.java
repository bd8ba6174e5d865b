package dev.ketch.client;

/**
 * A TLS connection to a server could not be set up; {@link #reason()} says why. The client treats
 * it as a failed connection attempt (failover counts it, the node backs off), and fails the
 * operations waiting for that connection with it.
 */
public class MemcacheTlsException extends MemcacheConnectionException {

    private static final long serialVersionUID = 1L;

    /** Why a TLS handshake failed. */
    public enum Reason {
        /** The server's certificate is past its end of validity (or not valid yet). */
        CERTIFICATE_EXPIRED,
        /** The server's certificate does not name the host the client was configured with. */
        HOSTNAME_MISMATCH,
        /** The server's certificate was not issued by an authority the client trusts. */
        UNTRUSTED_CERTIFICATE,
        /** The server refused the client's certificate, or required one and got none. */
        CLIENT_CERTIFICATE_REFUSED,
        /** The server did not answer in TLS (a plaintext port). */
        NOT_TLS,
        /** Client and server have no TLS version or cipher suite in common. */
        NO_COMMON_PROTOCOL,
        /** The handshake took longer than the connect timeout. */
        TIMEOUT,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;

    /** A handshake failure for {@code reason}, described by {@code message}. */
    public MemcacheTlsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the handshake failed. */
    public Reason reason() {
        return reason;
    }
}
