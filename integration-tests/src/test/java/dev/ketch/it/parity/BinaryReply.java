package dev.ketch.it.parity;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A decoded binary-protocol response packet.
 *
 * @param magic     0x81 for a response
 * @param opcode    the request's opcode
 * @param dataType  always 0 (raw bytes) in memcached
 * @param status    see {@link BinaryCodes}
 * @param opaque    echoed from the request
 * @param cas       the item's CAS, or 0
 * @param extras    e.g. the 4-byte flags of a GET reply
 * @param key       present for GETK, GATK and STAT replies
 * @param value     the value, an error message, or an 8-byte counter
 */
public record BinaryReply(int magic, int opcode, int dataType, int status, int opaque, long cas,
                          byte[] extras, byte[] key, byte[] value) {

    /** The body length the header announces. */
    static int bodyLength(byte[] header) {
        return ByteBuffer.wrap(header, 8, 4).getInt();
    }

    /** Decodes a 24-byte header and the body that followed it. */
    static BinaryReply decode(byte[] header, byte[] body) {
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.get(0) & 0xff;
        int opcode = h.get(1) & 0xff;
        int keyLength = h.getShort(2) & 0xffff;
        int extrasLength = h.get(4) & 0xff;
        int dataType = h.get(5) & 0xff;
        int status = h.getShort(6) & 0xffff;
        int opaque = h.getInt(12);
        long cas = h.getLong(16);
        int extrasEnd = Math.min(body.length, extrasLength);
        int keyEnd = Math.min(body.length, extrasEnd + keyLength);
        return new BinaryReply(magic, opcode, dataType, status, opaque, cas,
                Arrays.copyOfRange(body, 0, extrasEnd), Arrays.copyOfRange(body, extrasEnd, keyEnd),
                Arrays.copyOfRange(body, keyEnd, body.length));
    }
}
