package dev.ketch.client;

/**
 * What a server answered, in protocol-neutral terms: the binary protocol's status codes, which the
 * text protocol's replies map onto.
 */
public enum MemcacheStatus {
    /** Success ({@code STORED}, {@code DELETED}, {@code TOUCHED}, a value, a number). */
    OK(0x00),
    /** The key is absent ({@code NOT_FOUND}, a get miss). */
    KEY_NOT_FOUND(0x01),
    /** A CAS unique did not match ({@code EXISTS}). */
    KEY_EXISTS(0x02),
    /** The value is larger than the server's item size limit. */
    VALUE_TOO_LARGE(0x03),
    /** The request was malformed ({@code CLIENT_ERROR}). */
    INVALID_ARGUMENTS(0x04),
    /** The store's condition failed: add of a present key, replace/append/prepend of an absent one. */
    ITEM_NOT_STORED(0x05),
    /** incr/decr of a value that is not a decimal number. */
    NON_NUMERIC_VALUE(0x06),
    /** Authentication required or refused. */
    AUTH_ERROR(0x20),
    /** The SASL exchange needs another step. */
    AUTH_CONTINUE(0x21),
    /** The server does not know the command ({@code ERROR}). */
    UNKNOWN_COMMAND(0x81),
    /** The server is out of memory ({@code SERVER_ERROR out of memory ...}). */
    OUT_OF_MEMORY(0x82),
    /** Any other server-side failure ({@code SERVER_ERROR}). */
    SERVER_ERROR(0x84);

    private final int binaryCode;

    MemcacheStatus(int binaryCode) {
        this.binaryCode = binaryCode;
    }

    /** The binary protocol's status code. */
    public int binaryCode() {
        return binaryCode;
    }

    /** The status for a binary protocol status code; unknown codes are {@link #SERVER_ERROR}. */
    public static MemcacheStatus ofBinaryCode(int code) {
        for (MemcacheStatus s : values()) {
            if (s.binaryCode == code) {
                return s;
            }
        }
        return SERVER_ERROR;
    }
}
