package net.spy.memcached.transcoders;

import net.spy.memcached.CachedData;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spymemcached's default transcoder, writing and reading exactly the bytes and flags spymemcached
 * 2.12 does, so both clients share a cache during a migration: strings in the charset (UTF-8) with
 * flags 0; {@code Long}, {@code Integer}, {@code Boolean}, {@code Date}, {@code Byte}, {@code
 * Float}, {@code Double} and {@code byte[]} in compact forms marked in flags bits 8-15 (numbers
 * big-endian without leading zero bytes); everything else Java-serialized (flag bit 0). Values
 * larger than the compression threshold (16 KiB) are gzipped (flag bit 1) when that makes them
 * smaller, except strings that look like JSON, which are never compressed.
 *
 * <p>Deserialization accepts any class unless {@link #setAllowedClasses} restricts it: see {@link
 * BaseSerializingTranscoder} on why you should.
 */
public class SerializingTranscoder extends BaseSerializingTranscoder implements Transcoder<Object> {

    static final int SERIALIZED = 1;
    static final int COMPRESSED = 2;
    private static final int SPECIAL_MASK = 0xff00;
    static final int SPECIAL_BOOLEAN = 1 << 8;
    static final int SPECIAL_INT = 2 << 8;
    static final int SPECIAL_LONG = 3 << 8;
    static final int SPECIAL_DATE = 4 << 8;
    static final int SPECIAL_BYTE = 5 << 8;
    static final int SPECIAL_FLOAT = 6 << 8;
    static final int SPECIAL_DOUBLE = 7 << 8;
    static final int SPECIAL_BYTEARRAY = 8 << 8;

    private static final Logger LOG = LoggerFactory.getLogger(SerializingTranscoder.class);

    private final TranscoderUtils tu = new TranscoderUtils(true);

    /** A transcoder accepting values up to {@link CachedData#MAX_SIZE}. */
    public SerializingTranscoder() {
        this(CachedData.MAX_SIZE);
    }

    /** @param max the largest encoded value accepted, in bytes */
    public SerializingTranscoder(int max) {
        super(max);
    }

    @Override
    public boolean asyncDecode(CachedData d) {
        return (d.getFlags() & (COMPRESSED | SERIALIZED)) != 0;
    }

    @Override
    public Object decode(CachedData d) {
        byte[] data = d.getData();
        if ((d.getFlags() & COMPRESSED) != 0) {
            data = decompress(data);
        }
        int special = d.getFlags() & SPECIAL_MASK;
        if ((d.getFlags() & SERIALIZED) != 0 && data != null) {
            return deserialize(data);
        }
        if (special == 0 || data == null) {
            return decodeString(data);
        }
        switch (special) {
            case SPECIAL_BOOLEAN:
                return tu.decodeBoolean(data);
            case SPECIAL_INT:
                return tu.decodeInt(data);
            case SPECIAL_LONG:
                return tu.decodeLong(data);
            case SPECIAL_DATE:
                return new Date(tu.decodeLong(data));
            case SPECIAL_BYTE:
                return tu.decodeByte(data);
            case SPECIAL_FLOAT:
                return Float.intBitsToFloat(tu.decodeInt(data));
            case SPECIAL_DOUBLE:
                return Double.longBitsToDouble(tu.decodeLong(data));
            case SPECIAL_BYTEARRAY:
                return data;
            default:
                LOG.warn("Undecodeable with flags {}", Integer.toHexString(special));
                return null;
        }
    }

    @Override
    public CachedData encode(Object o) {
        byte[] b;
        int flags = 0;
        if (o instanceof String) {
            b = encodeString((String) o);
            if (looksLikeJson((String) o)) {
                return new CachedData(flags, b, getMaxSize());
            }
        } else if (o instanceof Long) {
            b = tu.encodeLong((Long) o);
            flags = SPECIAL_LONG;
        } else if (o instanceof Integer) {
            b = tu.encodeInt((Integer) o);
            flags = SPECIAL_INT;
        } else if (o instanceof Boolean) {
            b = tu.encodeBoolean((Boolean) o);
            flags = SPECIAL_BOOLEAN;
        } else if (o instanceof Date) {
            b = tu.encodeLong(((Date) o).getTime());
            flags = SPECIAL_DATE;
        } else if (o instanceof Byte) {
            b = tu.encodeByte((Byte) o);
            flags = SPECIAL_BYTE;
        } else if (o instanceof Float) {
            b = tu.encodeInt(Float.floatToRawIntBits((Float) o));
            flags = SPECIAL_FLOAT;
        } else if (o instanceof Double) {
            b = tu.encodeLong(Double.doubleToRawLongBits((Double) o));
            flags = SPECIAL_DOUBLE;
        } else if (o instanceof byte[]) {
            b = (byte[]) o;
            flags = SPECIAL_BYTEARRAY;
        } else {
            b = serialize(o);
            flags = SERIALIZED;
        }
        if (b.length > compressionThreshold) {
            byte[] compressed = compress(b);
            if (compressed.length < b.length) {
                b = compressed;
                flags |= COMPRESSED;
            }
        }
        return new CachedData(flags, b, getMaxSize());
    }

    /**
     * spymemcached stores these strings uncompressed whatever their size: starting with {@code '{'}
     * or {@code '['}, {@code true}, {@code false}, {@code null}, or a decimal integer.
     */
    static boolean looksLikeJson(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.startsWith("{") || s.startsWith("[") || s.equals("true") || s.equals("false") || s.equals("null")) {
            return true;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
