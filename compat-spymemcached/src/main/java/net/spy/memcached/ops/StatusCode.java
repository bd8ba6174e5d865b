package net.spy.memcached.ops;

/** What an operation's {@link OperationStatus} says happened, as in spymemcached. */
public enum StatusCode {
    /** The operation succeeded. */
    SUCCESS,
    /** The key holds nothing. */
    ERR_NOT_FOUND,
    /** The key holds a value (add), or its CAS unique changed. */
    ERR_EXISTS,
    /** The value is too large for the server. */
    ERR_2BIG,
    /** The server found the arguments invalid. */
    ERR_INVAL,
    /** The value was not stored. */
    ERR_NOT_STORED,
    /** incr or decr of a value that is not a number. */
    ERR_DELTA_BADVAL,
    /** Couchbase only; never reported by this client. */
    ERR_NOT_MY_VBUCKET,
    /** The server does not know the command. */
    ERR_UNKNOWN_COMMAND,
    /** The server is out of memory. */
    ERR_NO_MEM,
    /** The server does not support the command. */
    ERR_NOT_SUPPORTED,
    /** The server failed internally. */
    ERR_INTERNAL,
    /** The server is busy. */
    ERR_BUSY,
    /** The server failed temporarily. */
    ERR_TEMP_FAIL,
    /** The operation was cancelled. */
    CANCELLED,
    /** The waiting thread was interrupted. */
    INTERRUPTED,
    /** The operation timed out. */
    TIMEDOUT,
    /** A client error reply, or a status this client does not know. */
    ERR_CLIENT;

    /** The code for a binary protocol status; unknown statuses are {@link #ERR_CLIENT}. */
    public static StatusCode fromBinaryCode(int code) {
        return switch (code) {
            case 0x00 -> SUCCESS;
            case 0x01 -> ERR_NOT_FOUND;
            case 0x02 -> ERR_EXISTS;
            case 0x03 -> ERR_2BIG;
            case 0x04 -> ERR_INVAL;
            case 0x05 -> ERR_NOT_STORED;
            case 0x06 -> ERR_DELTA_BADVAL;
            case 0x07 -> ERR_NOT_MY_VBUCKET;
            case 0x81 -> ERR_UNKNOWN_COMMAND;
            case 0x82 -> ERR_NO_MEM;
            case 0x83 -> ERR_NOT_SUPPORTED;
            case 0x84 -> ERR_INTERNAL;
            case 0x85 -> ERR_BUSY;
            case 0x86 -> ERR_TEMP_FAIL;
            default -> ERR_CLIENT;
        };
    }

    /** The code for a text protocol reply line. */
    public static StatusCode fromAsciiLine(String line) {
        if (line.equals("STORED") || line.equals("DELETED")) {
            return SUCCESS;
        } else if (line.equals("NOT_STORED")) {
            return ERR_NOT_STORED;
        } else if (line.equals("EXISTS")) {
            return ERR_EXISTS;
        } else if (line.equals("NOT_FOUND")) {
            return ERR_NOT_FOUND;
        } else if (line.equals("ERROR") || line.startsWith("CLIENT_ERROR") || line.startsWith("SERVER_ERROR")) {
            return ERR_INTERNAL;
        }
        return ERR_CLIENT;
    }
}
