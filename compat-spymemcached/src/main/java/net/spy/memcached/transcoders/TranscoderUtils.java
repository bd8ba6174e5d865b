package net.spy.memcached.transcoders;

/**
 * spymemcached's encodings of numbers and booleans: big-endian, and when packing, without leading
 * zero bytes (so 0 is stored as no bytes at all).
 */
public final class TranscoderUtils {

    private final boolean packZeros;

    /** @param pack whether to drop leading zero bytes */
    public TranscoderUtils(boolean pack) {
        this.packZeros = pack;
    }

    /** {@code l}'s low {@code maxBytes} bytes, big-endian, packed if configured. */
    public byte[] encodeNum(long l, int maxBytes) {
        byte[] full = new byte[maxBytes];
        for (int i = 0; i < maxBytes; i++) {
            full[maxBytes - 1 - i] = (byte) (l >> (8 * i));
        }
        if (!packZeros) {
            return full;
        }
        int first = 0;
        while (first < full.length && full[first] == 0) {
            first++;
        }
        byte[] packed = new byte[full.length - first];
        System.arraycopy(full, first, packed, 0, packed.length);
        return packed;
    }

    public byte[] encodeLong(long l) {
        return encodeNum(l, 8);
    }

    /** The big-endian number in {@code b} (any length; longer than 8 bytes keeps the low ones). */
    public long decodeLong(byte[] b) {
        long rv = 0;
        for (byte x : b) {
            rv = (rv << 8) | (x & 0xff);
        }
        return rv;
    }

    public byte[] encodeInt(int in) {
        return encodeNum(in, 4);
    }

    public int decodeInt(byte[] in) {
        return (int) decodeLong(in);
    }

    public byte[] encodeByte(byte in) {
        return new byte[] {in};
    }

    /** The single byte, or 0 for none. */
    public byte decodeByte(byte[] in) {
        return in.length == 1 ? in[0] : 0;
    }

    /** {@code '1'} or {@code '0'}. */
    public byte[] encodeBoolean(boolean b) {
        return new byte[] {(byte) (b ? '1' : '0')};
    }

    public boolean decodeBoolean(byte[] in) {
        return in.length > 0 && in[0] == '1';
    }
}
