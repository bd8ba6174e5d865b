package dev.ketch.server.protocol.binary;

import io.netty.buffer.ByteBuf;

/**
 * memcached's {@code -vv} dump of a binary header: a title, then the 24 bytes four to a line, each
 * line started by a prefix, each byte as {@code " 0x%02x"}.
 */
final class HeaderDump {

    private HeaderDump() {
    }

    static String of(String title, String linePrefix, ByteBuf buf, int from) {
        StringBuilder sb = new StringBuilder(title);
        for (int i = 0; i < RequestHeader.LENGTH; i++) {
            if (i % 4 == 0) {
                sb.append('\n').append(linePrefix);
            }
            int b = buf.getUnsignedByte(from + i);
            sb.append(" 0x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
