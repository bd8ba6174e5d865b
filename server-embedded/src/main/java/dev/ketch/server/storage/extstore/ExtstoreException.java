package dev.ketch.server.storage.extstore;

/** The external storage could not be set up; the message is memcached's reason. */
public final class ExtstoreException extends Exception {

    private static final long serialVersionUID = 1L;

    ExtstoreException(String message) {
        super(message);
    }

    ExtstoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
