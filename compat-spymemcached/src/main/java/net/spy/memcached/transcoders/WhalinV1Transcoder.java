package net.spy.memcached.transcoders;

import java.util.Date;
import net.spy.memcached.CachedData;
import net.spy.memcached.util.StringUtils;

/**
 * Values in the format of Greg Whalin's memcached client, version 1: a type byte before the
 * value's bytes (numbers big-endian), flags only for serialized and compressed values.
 */
public class WhalinV1Transcoder extends BaseSerializingTranscoder implements Transcoder<Object> {

    /** Type byte of a {@link Byte}. */
    public static final int SPECIAL_BYTE = 1;
    /** Type byte of a {@link Boolean}. */
    public static final int SPECIAL_BOOLEAN = 2;
    /** Type byte of an {@link Integer}. */
    public static final int SPECIAL_INTEGER = 3;
    /** Type byte of a {@link Long}. */
    public static final int SPECIAL_LONG = 4;
    /** Type byte of a {@link Character}. */
    public static final int SPECIAL_CHARACTER = 5;
    /** Type byte of a {@link String}. */
    public static final int SPECIAL_STRING = 6;
    /** Type byte of a {@link StringBuffer}. */
    public static final int SPECIAL_STRINGBUFFER = 7;
    /** Type byte of a {@link Float}. */
    public static final int SPECIAL_FLOAT = 8;
    /** Type byte of a {@link Short}. */
    public static final int SPECIAL_SHORT = 9;
    /** Type byte of a {@link Double}. */
    public static final int SPECIAL_DOUBLE = 10;
    /** Type byte of a {@link Date}. */
    public static final int SPECIAL_DATE = 11;
    /** Type byte of a {@link StringBuilder}. */
    public static final int SPECIAL_STRINGBUILDER = 12;
    /** Flag of gzipped data. */
    public static final int COMPRESSED = 2;
    /** Flag of serialized data. */
    public static final int SERIALIZED = 8;

    /** A transcoder of values up to {@link CachedData#MAX_SIZE}. */
    public WhalinV1Transcoder() {
        super(CachedData.MAX_SIZE);
    }

    @Override
    public CachedData encode(Object o) {
        byte[] b;
        int flags = 0;
        if (o instanceof String) {
            b = typed(SPECIAL_STRING, (String) o);
            if (StringUtils.isJsonObject((String) o)) {
                return new CachedData(flags, b, getMaxSize()); // never compressed
            }
        } else if (o instanceof StringBuffer) {
            b = typed(SPECIAL_STRINGBUFFER, o.toString());
        } else if (o instanceof StringBuilder) {
            b = typed(SPECIAL_STRINGBUILDER, o.toString());
        } else if (o instanceof Long) {
            b = number(SPECIAL_LONG, (Long) o, 8);
        } else if (o instanceof Integer) {
            b = number(SPECIAL_INTEGER, (Integer) o, 4);
        } else if (o instanceof Short) {
            b = number(SPECIAL_SHORT, (Short) o, 4);
        } else if (o instanceof Boolean) {
            b = new byte[] {SPECIAL_BOOLEAN, (byte) ((Boolean) o ? 1 : 0)};
        } else if (o instanceof Date) {
            b = number(SPECIAL_DATE, ((Date) o).getTime(), 8);
        } else if (o instanceof Byte) {
            b = new byte[] {SPECIAL_BYTE, (Byte) o};
        } else if (o instanceof Float) {
            b = number(SPECIAL_FLOAT, Float.floatToIntBits((Float) o), 4);
        } else if (o instanceof Double) {
            b = number(SPECIAL_DOUBLE, Double.doubleToLongBits((Double) o), 8);
        } else if (o instanceof Character) {
            b = number(SPECIAL_CHARACTER, (Character) o, 4);
        } else {
            b = serialize(o);
            flags |= SERIALIZED;
        }
        if (b.length > compressionThreshold) {
            byte[] compressed = compress(b);
            if (compressed.length < b.length) {
                b = compressed;
                flags |= COMPRESSED;
            } else {
                getLogger().info("Compression increased the size of %s from %d to %d", o.getClass().getName(), b.length,
                        compressed.length);
            }
        }
        return new CachedData(flags, b, getMaxSize());
    }

    @Override
    public Object decode(CachedData d) {
        byte[] data = d.getData();
        if ((d.getFlags() & COMPRESSED) != 0) {
            data = decompress(data);
        }
        if ((d.getFlags() & SERIALIZED) != 0) {
            return deserialize(data);
        }
        int type = data[0];
        switch (type) {
            case SPECIAL_BOOLEAN:
                return data[1] == 1;
            case SPECIAL_INTEGER:
                return (int) number(data);
            case SPECIAL_SHORT:
                return (short) (int) number(data);
            case SPECIAL_LONG:
                return number(data);
            case SPECIAL_DATE:
                return new Date(number(data));
            case SPECIAL_BYTE:
                return data[1];
            case SPECIAL_FLOAT:
                return Float.intBitsToFloat((int) number(data));
            case SPECIAL_DOUBLE:
                return Double.longBitsToDouble(number(data));
            case SPECIAL_STRING:
                return string(data);
            case SPECIAL_STRINGBUFFER:
                return new StringBuffer(string(data));
            case SPECIAL_STRINGBUILDER:
                return new StringBuilder(string(data));
            case SPECIAL_CHARACTER:
                return (char) (int) number(data);
            default:
                getLogger().warn("Cannot handle data with flags %x", type);
                return null;
        }
    }

    private byte[] typed(int type, String value) {
        byte[] text = encodeString(value);
        byte[] b = new byte[text.length + 1];
        b[0] = (byte) type;
        System.arraycopy(text, 0, b, 1, text.length);
        return b;
    }

    private String string(byte[] b) {
        byte[] text = new byte[b.length - 1];
        System.arraycopy(b, 1, text, 0, text.length);
        return decodeString(text);
    }

    /** The type byte, then {@code bytes} bytes of {@code value}, big-endian. */
    private static byte[] number(int type, long value, int bytes) {
        byte[] b = new byte[bytes + 1];
        b[0] = (byte) type;
        for (int i = 0; i < bytes; i++) {
            b[bytes - i] = (byte) (value >> (8 * i));
        }
        return b;
    }

    /** The big-endian number after the type byte. */
    private static long number(byte[] in) {
        long value = 0;
        for (int i = 1; i < in.length; i++) {
            value = value << 8 | (in[i] & 0xff);
        }
        return value;
    }
}
