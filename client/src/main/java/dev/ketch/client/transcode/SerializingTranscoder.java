package dev.ketch.client.transcode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Any {@link Serializable} value, in spymemcached's layout, so Java applications still on
 * spymemcached read what Ketch writes and the other way round: strings as UTF-8 (flags 0), the
 * boxed primitives, {@link Date} and {@code byte[]} in compact forms marked in flags bits 8-15,
 * everything else Java-serialized (flag bit 0); values larger than the compression threshold are
 * gzipped (flag bit 1), except strings that look like JSON (starting with <code>'&#123;'</code> or
 * {@code '['}, {@code true}, {@code false}, {@code null}, decimal integers), which spymemcached
 * never compresses. The bytes written equal spymemcached 2.12's for every value type.
 *
 * <p><b>Security:</b> Java deserialization of bytes an attacker can write executes code of the
 * attacker's choosing through "gadget" classes on the class path. Anyone who can store into the
 * cache (another application, a compromised web tier, an open memcached port) can write such
 * bytes. This transcoder therefore deserializes only classes matching the allow-list it was
 * built with ({@link ObjectInputFilter} patterns such as {@code "com.example.model.*"}); anything
 * else fails with {@link IllegalArgumentException}. Keep the list to your own value classes.
 */
public final class SerializingTranscoder implements Transcoder<Object> {

    /** Values larger than this are compressed unless configured otherwise (spymemcached's default). */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 16384;

    static final int SERIALIZED = 1;
    static final int COMPRESSED = 2;
    private static final int TYPE_MASK = 0xff00;
    static final int TYPE_BOOLEAN = 1 << 8;
    static final int TYPE_INT = 2 << 8;
    static final int TYPE_LONG = 3 << 8;
    static final int TYPE_DATE = 4 << 8;
    static final int TYPE_BYTE = 5 << 8;
    static final int TYPE_FLOAT = 6 << 8;
    static final int TYPE_DOUBLE = 7 << 8;
    static final int TYPE_BYTE_ARRAY = 8 << 8;

    private final ObjectInputFilter filter;
    private final int compressionThreshold;

    private SerializingTranscoder(ObjectInputFilter filter, int compressionThreshold) {
        this.filter = filter;
        this.compressionThreshold = compressionThreshold;
    }

    /**
     * A transcoder deserializing only classes that match {@code allowedPatterns}
     * ({@link ObjectInputFilter.Config#createFilter} syntax: {@code "com.example.*"} for a package,
     * {@code "com.example.**"} with subpackages, a class name for one class). The JDK's
     * collections and boxed types used inside your classes must be listed too (e.g.
     * {@code "java.util.*"}, {@code "java.lang.*"}).
     */
    public static SerializingTranscoder allowing(String... allowedPatterns) {
        return allowing(DEFAULT_COMPRESSION_THRESHOLD, allowedPatterns);
    }

    /** Like {@link #allowing(String...)}, compressing values over {@code compressionThreshold} bytes. */
    public static SerializingTranscoder allowing(int compressionThreshold, String... allowedPatterns) {
        if (compressionThreshold < 0) {
            throw new IllegalArgumentException("negative compression threshold");
        }
        StringBuilder spec = new StringBuilder("maxdepth=64;maxrefs=1000000;maxbytes=134217728");
        for (String pattern : allowedPatterns) {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!") || pattern.equals("*")) {
                throw new IllegalArgumentException("not an allow-list pattern: '" + pattern + "'");
            }
            spec.append(';').append(pattern.trim());
        }
        spec.append(";!*");
        return new SerializingTranscoder(ObjectInputFilter.Config.createFilter(spec.toString()), compressionThreshold);
    }

    @Override
    public CachedData encode(Object value) {
        Objects.requireNonNull(value, "value");
        int flags;
        byte[] data;
        if (value instanceof String) {
            flags = 0;
            data = ((String) value).getBytes(StandardCharsets.UTF_8);
            if (looksLikeJson((String) value)) {
                return new CachedData(flags, data); // never compressed, as spymemcached does
            }
        } else if (value instanceof Long) {
            flags = TYPE_LONG;
            data = number((Long) value, 8);
        } else if (value instanceof Integer) {
            flags = TYPE_INT;
            data = number((Integer) value, 4);
        } else if (value instanceof Boolean) {
            flags = TYPE_BOOLEAN;
            data = new byte[] {(byte) ((Boolean) value ? '1' : '0')};
        } else if (value instanceof Date) {
            flags = TYPE_DATE;
            data = number(((Date) value).getTime(), 8);
        } else if (value instanceof Byte) {
            flags = TYPE_BYTE;
            data = new byte[] {(Byte) value};
        } else if (value instanceof Float) {
            flags = TYPE_FLOAT;
            data = number(Float.floatToRawIntBits((Float) value), 4);
        } else if (value instanceof Double) {
            flags = TYPE_DOUBLE;
            data = number(Double.doubleToRawLongBits((Double) value), 8);
        } else if (value instanceof byte[]) {
            flags = TYPE_BYTE_ARRAY;
            data = (byte[]) value;
        } else if (value instanceof Serializable) {
            flags = SERIALIZED;
            data = serialize(value);
        } else {
            throw new IllegalArgumentException(value.getClass().getName() + " is not Serializable");
        }
        if (data.length > compressionThreshold) {
            byte[] compressed = gzip(data);
            if (compressed.length < data.length) {
                return new CachedData(flags | COMPRESSED, compressed);
            }
        }
        return new CachedData(flags, data);
    }

    @Override
    public Object decode(CachedData stored) {
        int flags = stored.flags();
        byte[] data = (flags & COMPRESSED) != 0 ? gunzip(stored.data()) : stored.data();
        if ((flags & SERIALIZED) != 0) {
            return deserialize(data);
        }
        switch (flags & TYPE_MASK) {
            case 0:
                return new String(data, StandardCharsets.UTF_8);
            case TYPE_LONG:
                return number(data, 8);
            case TYPE_INT:
                return (int) number(data, 4);
            case TYPE_BOOLEAN:
                return data.length == 1 && data[0] == '1';
            case TYPE_DATE:
                return new Date(number(data, 8));
            case TYPE_BYTE:
                return data.length == 0 ? (byte) 0 : data[0];
            case TYPE_FLOAT:
                return Float.intBitsToFloat((int) number(data, 4));
            case TYPE_DOUBLE:
                return Double.longBitsToDouble(number(data, 8));
            case TYPE_BYTE_ARRAY:
                return data;
            default:
                throw new IllegalArgumentException("unknown value type in flags 0x" + Integer.toHexString(flags));
        }
    }

    /**
     * spymemcached's test for a string it stores uncompressed whatever its length, so that other
     * readers (Couchbase views) see JSON: one starting with {@code '{'} or {@code '['}, the words
     * {@code true}, {@code false} and {@code null}, and decimal integers.
     */
    private static boolean looksLikeJson(String s) {
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

    /** Big-endian with leading zero bytes dropped, as spymemcached writes numbers. */
    private static byte[] number(long value, int width) {
        byte[] full = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            full[i] = (byte) value;
            value >>>= 8;
        }
        int first = 0;
        while (first < width && full[first] == 0) {
            first++;
        }
        byte[] trimmed = new byte[width - first];
        System.arraycopy(full, first, trimmed, 0, trimmed.length);
        return trimmed;
    }

    private static long number(byte[] data, int width) {
        if (data.length > width) {
            throw new IllegalArgumentException("a " + width + "-byte number stored in " + data.length + " bytes");
        }
        long value = 0;
        for (byte b : data) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    private Object deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("refused to deserialize a class outside the allow-list: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize the stored value: " + e, e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("stored value is marked compressed but is not gzip data: " + e, e);
        }
    }
}
