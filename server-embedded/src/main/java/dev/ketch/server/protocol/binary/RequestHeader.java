package dev.ketch.server.protocol.binary;

import io.netty.buffer.ByteBuf;

/**
 * The 24-byte header of a binary protocol request, decoded (network byte order, unsigned fields
 * widened). One instance per connection, refilled by {@link #read} for every request.
 *
 * <pre>
 *  0 magic  1 opcode  2-3 key length  4 extras length  5 data type  6-7 vbucket
 *  8-11 total body length  12-15 opaque  16-23 CAS
 * </pre>
 */
public final class RequestHeader {

    /** Size of a request or response header. */
    public static final int LENGTH = 24;
    /** Magic byte of a request. */
    public static final int REQUEST_MAGIC = 0x80;
    /** Magic byte of a response. */
    public static final int RESPONSE_MAGIC = 0x81;

    private int magic;
    private int opcode;
    private int keyLength;
    private int extrasLength;
    private long bodyLength;
    private int opaque;
    private long cas;

    /** Decodes the header starting at {@code index} of {@code in} (which must hold 24 bytes there). */
    public RequestHeader read(ByteBuf in, int index) {
        magic = in.getUnsignedByte(index);
        opcode = in.getUnsignedByte(index + 1);
        keyLength = in.getUnsignedShort(index + 2);
        extrasLength = in.getUnsignedByte(index + 4);
        bodyLength = in.getUnsignedInt(index + 8);
        opaque = in.getInt(index + 12);
        cas = in.getLong(index + 16);
        return this;
    }

    public int magic() {
        return magic;
    }

    public int opcode() {
        return opcode;
    }

    public int keyLength() {
        return keyLength;
    }

    public int extrasLength() {
        return extrasLength;
    }

    /** The total body length (extras, key and value), unsigned 32-bit. */
    public long bodyLength() {
        return bodyLength;
    }

    /** Echoed unchanged in every response to this request. */
    public int opaque() {
        return opaque;
    }

    public long cas() {
        return cas;
    }

    /** Bytes that must be buffered before the request can be dispatched: header, extras and key. */
    public int fixedLength() {
        return LENGTH + extrasLength + keyLength;
    }

    /**
     * The value length as memcached computes it: body minus key and extras, in a C {@code int}
     * (a body of 2 GiB or more wraps to a negative length, as it does in memcached).
     */
    public int valueLength() {
        return (int) (bodyLength - keyLength - extrasLength);
    }
}
