package net.spy.memcached.transcoders;

import java.util.Date;
import net.spy.memcached.CachedData;
import net.spy.memcached.util.StringUtils;

/**
 * Values in the format of Greg Whalin's memcached client (version 2): the type in the flags, one
 * bit each, the value's bytes as they are; other objects serialized, large values gzipped.
 */
public class WhalinTranscoder extends BaseSerializingTranscoder implements Transcoder<Object> {

    static final int SPECIAL_BYTE = 1;
    static final int SPECIAL_BOOLEAN = 8192;
    static final int SPECIAL_INT = 4;
    static final int SPECIAL_LONG = 16384;
    static final int SPECIAL_CHARACTER = 16;
    static final int SPECIAL_STRING = 32;
    static final int SPECIAL_STRINGBUFFER = 64;
    static final int SPECIAL_FLOAT = 128;
    static final int SPECIAL_SHORT = 256;
    static final int SPECIAL_DOUBLE = 512;
    static final int SPECIAL_DATE = 1024;
    static final int SPECIAL_STRINGBUILDER = 2048;
    static final int SPECIAL_BYTEARRAY = 4096;
    static final int COMPRESSED = 2;
    static final int SERIALIZED = 8;

    private final TranscoderUtils tu = new TranscoderUtils(false);

    /** A transcoder of values up to {@link CachedData#MAX_SIZE}. */
    public WhalinTranscoder() {
        super(CachedData.MAX_SIZE);
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
        int type = d.getFlags() & ~COMPRESSED;
        switch (type) {
            case SPECIAL_BOOLEAN:
                return decodeBoolean(data);
            case SPECIAL_INT:
                return tu.decodeInt(data);
            case SPECIAL_SHORT:
                return (short) tu.decodeInt(data);
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
            case SPECIAL_STRING:
                return decodeString(data);
            case SPECIAL_STRINGBUFFER:
                return new StringBuffer(decodeString(data));
            case SPECIAL_STRINGBUILDER:
                return new StringBuilder(decodeString(data));
            case SPECIAL_CHARACTER:
                return decodeCharacter(data);
            default:
                getLogger().warn("Cannot handle data with flags %x", type);
                return null;
        }
    }

    @Override
    public CachedData encode(Object o) {
        byte[] b;
        int flags;
        if (o instanceof String) {
            b = encodeString((String) o);
            flags = SPECIAL_STRING;
            if (StringUtils.isJsonObject((String) o)) {
                return new CachedData(flags, b, getMaxSize()); // never compressed
            }
        } else if (o instanceof StringBuffer) {
            b = encodeString(String.valueOf(o));
            flags = SPECIAL_STRINGBUFFER;
        } else if (o instanceof StringBuilder) {
            b = encodeString(String.valueOf(o));
            flags = SPECIAL_STRINGBUILDER;
        } else if (o instanceof Long) {
            b = tu.encodeLong((Long) o);
            flags = SPECIAL_LONG;
        } else if (o instanceof Integer) {
            b = tu.encodeInt((Integer) o);
            flags = SPECIAL_INT;
        } else if (o instanceof Short) {
            b = tu.encodeInt((Short) o);
            flags = SPECIAL_SHORT;
        } else if (o instanceof Boolean) {
            b = encodeBoolean((Boolean) o);
            flags = SPECIAL_BOOLEAN;
        } else if (o instanceof Date) {
            b = tu.encodeLong(((Date) o).getTime());
            flags = SPECIAL_DATE;
        } else if (o instanceof Byte) {
            b = tu.encodeByte((Byte) o);
            flags = SPECIAL_BYTE;
        } else if (o instanceof Float) {
            b = tu.encodeInt(Float.floatToIntBits((Float) o));
            flags = SPECIAL_FLOAT;
        } else if (o instanceof Double) {
            b = tu.encodeLong(Double.doubleToLongBits((Double) o));
            flags = SPECIAL_DOUBLE;
        } else if (o instanceof byte[]) {
            b = (byte[]) o;
            flags = SPECIAL_BYTEARRAY;
        } else if (o instanceof Character) {
            b = tu.encodeInt((Character) o);
            flags = SPECIAL_CHARACTER;
        } else {
            b = serialize(o);
            flags = SERIALIZED;
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

    /** The character of an encoded int. */
    protected Character decodeCharacter(byte[] b) {
        return (char) tu.decodeInt(b);
    }

    /** One byte: 1 for true, 0 for false. */
    public byte[] encodeBoolean(boolean b) {
        return new byte[] {(byte) (b ? 1 : 0)};
    }

    /** True if the byte is 1. */
    public boolean decodeBoolean(byte[] in) {
        return in[0] == 1;
    }
}
