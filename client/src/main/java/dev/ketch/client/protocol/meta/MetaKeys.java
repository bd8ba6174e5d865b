package dev.ketch.client.protocol.meta;

import io.netty.buffer.ByteBuf;
import java.util.Base64;

/**
 * Keys on a meta command line: as they are when they are printable, else base64 with the
 * {@code b} flag, so that any byte string is a key. memcached stores a base64 key decoded: the
 * item is the same one the binary protocol reaches with the raw bytes.
 */
final class MetaKeys {

    static final int MAX_KEY_LENGTH = 250;
    /** memcached takes a base64 key token of at most 250 characters: 62 groups of 3 bytes. */
    static final int MAX_BINARY_KEY_LENGTH = MAX_KEY_LENGTH / 4 * 3;

    private MetaKeys() {
    }

    /** True if the key can go on a command line as it is (no whitespace, no control characters). */
    static boolean printable(byte[] key) {
        for (byte b : key) {
            if ((b & 0xff) <= ' ' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static void validate(byte[] key) {
        if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("memcached keys are 1 to " + MAX_KEY_LENGTH + " bytes, not " + key.length);
        }
        if (key.length > MAX_BINARY_KEY_LENGTH && !printable(key)) {
            throw new IllegalArgumentException("keys with whitespace or control characters go base64-encoded in the meta "
                    + "protocol, which memcached takes up to " + MAX_BINARY_KEY_LENGTH + " bytes long, not " + key.length);
        }
    }

    /** Writes the key; true if it went base64-encoded (the command then needs the {@code b} flag). */
    static boolean write(ByteBuf out, byte[] key) {
        if (printable(key)) {
            out.writeBytes(key);
            return false;
        }
        out.writeBytes(Base64.getEncoder().encode(key));
        return true;
    }
}
