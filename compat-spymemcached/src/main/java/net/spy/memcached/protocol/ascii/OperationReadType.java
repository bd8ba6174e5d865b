package net.spy.memcached.protocol.ascii;

/** What a text reply is being read as. */
enum OperationReadType {
    /** A line ending in CRLF. */
    LINE,
    /** The bytes of a value. */
    DATA
}
