package dev.ketch.server.auth;

/** The {@code -Y} file cannot be used; the message is memcached's. memcached then exits with status 1. */
public final class AuthFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthFileException(String message) {
        super(message);
    }
}
