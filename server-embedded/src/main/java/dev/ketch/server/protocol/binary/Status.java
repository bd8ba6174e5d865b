package dev.ketch.server.protocol.binary;

/** Response status codes of memcached's binary protocol, with the texts memcached sends for them. */
public final class Status {

    public static final int SUCCESS = 0x00;
    public static final int KEY_ENOENT = 0x01;
    public static final int KEY_EEXISTS = 0x02;
    public static final int E2BIG = 0x03;
    public static final int EINVAL = 0x04;
    public static final int NOT_STORED = 0x05;
    public static final int DELTA_BADVAL = 0x06;
    public static final int AUTH_ERROR = 0x20;
    public static final int AUTH_CONTINUE = 0x21;
    public static final int UNKNOWN_COMMAND = 0x81;
    public static final int ENOMEM = 0x82;

    private Status() {
    }

    /** The body memcached's {@code write_bin_error} sends when no specific text is given. */
    public static String defaultMessage(int status) {
        return switch (status) {
            case ENOMEM -> "Out of memory";
            case UNKNOWN_COMMAND -> "Unknown command";
            case KEY_ENOENT -> "Not found";
            case EINVAL -> "Invalid arguments";
            case KEY_EEXISTS -> "Data exists for key.";
            case E2BIG -> "Too large.";
            case DELTA_BADVAL -> "Non-numeric server-side value for incr or decr";
            case NOT_STORED -> "Not stored.";
            case AUTH_ERROR -> "Auth failure.";
            default -> throw new IllegalArgumentException("no message for status " + status);
        };
    }
}
