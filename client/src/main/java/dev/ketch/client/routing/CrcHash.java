package dev.ketch.client.routing;

import java.util.zip.CRC32;

/** libmemcached's "CRC": bits 16..30 of the standard CRC-32, so only 15 bits (0..32767). */
final class CrcHash {

    private CrcHash() {
    }

    static int hash(byte[] key) {
        CRC32 crc = new CRC32();
        crc.update(key, 0, key.length);
        return (int) (crc.getValue() >>> 16) & 0x7fff;
    }
}
