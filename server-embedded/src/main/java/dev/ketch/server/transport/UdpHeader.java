package dev.ketch.server.transport;

import io.netty.buffer.ByteBuf;

/**
 * memcached's UDP frame header: eight bytes in front of every request and reply datagram, four
 * big-endian 16-bit fields: the request id (echoed in every reply datagram), the sequence number
 * of the datagram within one response, the number of datagrams of that response, and a reserved
 * zero.
 */
final class UdpHeader {

    static final int SIZE = 8;
    /** Largest reply datagram memcached sends, header included ({@code UDP_MAX_PAYLOAD_SIZE}). */
    static final int MAX_DATAGRAM = 1400;
    /** Reply bytes per datagram ({@code UDP_DATA_SIZE}). */
    static final int MAX_DATA = MAX_DATAGRAM - SIZE;
    /** memcached's read buffer for a UDP socket ({@code UDP_READ_BUFFER_SIZE}). */
    static final int READ_BUFFER = 65536;

    private UdpHeader() {
    }

    /** The request id of a datagram of more than {@link #SIZE} bytes. */
    static int requestId(ByteBuf datagram) {
        return datagram.getUnsignedShort(datagram.readerIndex());
    }

    /**
     * memcached serves only requests that fit one datagram: their "number of datagrams" field is
     * 1. It ignores the sequence number and the reserved field.
     */
    static boolean isSingleDatagram(ByteBuf datagram) {
        return datagram.getUnsignedShort(datagram.readerIndex() + 4) == 1;
    }

    /** Writes a reply header. {@code total} and {@code sequence} wrap at 16 bits as memcached's do. */
    static void write(ByteBuf out, int requestId, int sequence, int total) {
        out.writeShort(requestId);
        out.writeShort(sequence);
        out.writeShort(total);
        out.writeShort(0);
    }

    /** Datagrams for a response of {@code length} bytes (0 for an empty one), at most 65535 as memcached caps it. */
    static int datagramsFor(int length) {
        int total = (length + MAX_DATA - 1) / MAX_DATA;
        return Math.min(total, 0xFFFF);
    }
}
