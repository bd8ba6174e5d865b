package net.spy.memcached.ops;

/** Which kind of error line a text protocol server sent. */
public enum OperationErrorType {
    /** {@code ERROR}: the server did not understand the command. */
    GENERAL,
    /** {@code CLIENT_ERROR ...}: the request was malformed. */
    CLIENT,
    /** {@code SERVER_ERROR ...}: the server failed. */
    SERVER
}
