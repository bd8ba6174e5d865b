package net.spy.memcached.transcoders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.spy.memcached.compat.SpyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What spymemcached's serializing transcoders share: Java serialization, gzip compression above a
 * threshold, a string charset, and here also an optional allow-list of classes to deserialize.
 *
 * <p><b>Security:</b> like spymemcached, this deserializes any class unless told otherwise (only
 * the JVM-wide {@code jdk.serialFilter} applies). Java deserialization of bytes someone else wrote
 * runs code of their choosing through gadget classes on the class path, and anyone who can write to
 * the cache can write such bytes. Call {@link #setAllowedClasses} with your value classes.
 */
public abstract class BaseSerializingTranscoder extends SpyObject {

    /** Values larger than this many bytes are compressed unless configured otherwise. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 16384;

    private static final Logger LOG = LoggerFactory.getLogger(BaseSerializingTranscoder.class);

    /** Values larger than this are compressed. */
    protected volatile int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
    /** The charset of stored strings. */
    protected volatile String charset = "UTF-8";

    private final int maxSize;
    private volatile ObjectInputFilter filter;

    /** @param max the largest encoded value accepted, in bytes */
    protected BaseSerializingTranscoder(int max) {
        this.maxSize = max;
    }

    /** Whether decoding is worth doing off the I/O thread (never the case for the base types). */
    public boolean asyncDecode(net.spy.memcached.CachedData d) {
        return false;
    }

    /** Compress values larger than {@code to} bytes. */
    public void setCompressionThreshold(int to) {
        compressionThreshold = to;
    }

    /** Store strings in charset {@code to} (UTF-8 by default). */
    public void setCharset(String to) {
        try {
            new String(new byte[0], to); // as spymemcached checks it: an unknown or illegal name fails here
        } catch (UnsupportedEncodingException e) {
            throw new RuntimeException(e);
        }
        charset = to;
    }

    /**
     * Deserialize only classes matching {@code patterns} ({@link ObjectInputFilter.Config#createFilter}
     * syntax: {@code "com.example.model.*"} for a package, {@code "com.example.**"} with its
     * subpackages, a class name for one class; list the JDK types your classes contain too, e.g.
     * {@code "java.util.*"}, {@code "java.lang.*"}). Anything else decodes as null with a warning,
     * as spymemcached treats a value it cannot deserialize.
     */
    public void setAllowedClasses(String... patterns) {
        StringBuilder spec = new StringBuilder("maxdepth=64;maxrefs=1000000;maxbytes=134217728");
        for (String pattern : patterns) {
            Objects.requireNonNull(pattern, "pattern");
            String p = pattern.trim();
            if (p.isEmpty() || p.contains(";") || p.startsWith("!") || p.equals("*")) {
                throw new IllegalArgumentException("not an allow-list pattern: '" + pattern + "'");
            }
            spec.append(';').append(p);
        }
        filter = ObjectInputFilter.Config.createFilter(spec.append(";!*").toString());
    }

    /** The largest encoded value accepted, in bytes. */
    public int getMaxSize() {
        return maxSize;
    }

    /** Java-serializes {@code o}. */
    protected byte[] serialize(Object o) {
        if (o == null) {
            throw new NullPointerException("Can't serialize null");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("Non-serializable object", e);
        }
        return bytes.toByteArray();
    }

    /** The object serialized in {@code in}; null (with a warning) if it cannot be read or is not allowed. */
    protected Object deserialize(byte[] in) {
        if (in == null) {
            return null;
        }
        try (ObjectInputStream is = new ObjectInputStream(new ByteArrayInputStream(in))) {
            ObjectInputFilter allowed = filter;
            if (allowed != null) {
                is.setObjectInputFilter(allowed);
            }
            return is.readObject();
        } catch (InvalidClassException e) {
            LOG.warn("Refused to deserialize {} bytes: {}", in.length, e.getMessage());
        } catch (IOException | ClassNotFoundException e) {
            LOG.warn("Caught {} decoding {} bytes of data", e.getClass().getSimpleName(), in.length, e);
        }
        return null;
    }

    /** gzip of {@code in}. */
    protected byte[] compress(byte[] in) {
        if (in == null) {
            throw new NullPointerException("Can't compress null");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(in);
        } catch (IOException e) {
            throw new UncheckedIOException("IO exception compressing data", e);
        }
        return bytes.toByteArray();
    }

    /** The gunzipped {@code in}; null (with a warning) if it is not gzip data. */
    protected byte[] decompress(byte[] in) {
        if (in == null) {
            return null;
        }
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
            return gz.readAllBytes();
        } catch (IOException e) {
            LOG.warn("Failed to decompress data", e);
            return null;
        }
    }

    /** {@code data} as a string in the configured charset. */
    protected String decodeString(byte[] data) {
        try {
            return data == null ? null : new String(data, charset);
        } catch (UnsupportedEncodingException e) {
            throw new RuntimeException(e);
        }
    }

    /** {@code in}'s bytes in the configured charset. */
    protected byte[] encodeString(String in) {
        try {
            return in.getBytes(charset);
        } catch (UnsupportedEncodingException e) {
            throw new RuntimeException(e);
        }
    }
}
