package dev.ketch.server.logging;

import dev.ketch.server.storage.NativeMemory;
import java.util.Arrays;

/**
 * A growable line of ASCII bytes for the text memcached writes to watchers and metadump clients:
 * decimal numbers, plain text and keys percent-encoded as memcached's {@code uriencode} does
 * (letters, digits and {@code - . _ ~} as they are, every other byte as {@code %XX}).
 */
public final class AsciiBuilder {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    private byte[] keyScratch = new byte[256];

    public AsciiBuilder(int capacity) {
        this.bytes = new byte[capacity];
    }

    public AsciiBuilder append(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public AsciiBuilder append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Signed decimal. */
    public AsciiBuilder append(long value) {
        return append(Long.toString(value));
    }

    /** {@code value} read as unsigned 64-bit, in decimal. */
    public AsciiBuilder appendUnsigned(long value) {
        return append(Long.toUnsignedString(value));
    }

    /** {@code key[0, length)} percent-encoded. */
    public AsciiBuilder appendUriEncoded(byte[] key, int offset, int keyLength) {
        ensure(keyLength * 3);
        for (int i = 0; i < keyLength; i++) {
            int b = key[offset + i] & 0xff;
            if (unreserved(b)) {
                bytes[length++] = (byte) b;
            } else {
                bytes[length++] = '%';
                bytes[length++] = HEX[b >>> 4];
                bytes[length++] = HEX[b & 0xf];
            }
        }
        return this;
    }

    /** The {@code keyLength} bytes at native {@code address}, percent-encoded. */
    public AsciiBuilder appendUriEncoded(long address, int keyLength) {
        if (keyScratch.length < keyLength) {
            keyScratch = new byte[keyLength];
        }
        NativeMemory.copyToArray(address, keyScratch, 0, keyLength);
        return appendUriEncoded(keyScratch, 0, keyLength);
    }

    private static boolean unreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** The bytes written so far: {@code bytes()[0, length())}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Drops the last bytes, keeping {@code newLength}. */
    public void truncate(int newLength) {
        length = Math.min(length, newLength);
    }

    public void clear() {
        length = 0;
    }
}
