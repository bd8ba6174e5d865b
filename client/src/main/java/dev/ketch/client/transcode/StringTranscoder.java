package dev.ketch.client.transcode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Strings as UTF-8 (or another charset) with flags 0, the convention other memcached clients
 * (spymemcached, Folsom, PHP, Python) read as text.
 */
public final class StringTranscoder implements Transcoder<String> {

    /** UTF-8, flags 0. */
    public static final StringTranscoder UTF8 = new StringTranscoder(StandardCharsets.UTF_8);

    private final Charset charset;

    /** A transcoder that writes and reads strings in {@code charset}, with flags 0. */
    public StringTranscoder(Charset charset) {
        this.charset = Objects.requireNonNull(charset);
    }

    @Override
    public CachedData encode(String value) {
        return new CachedData(0, value.getBytes(charset));
    }

    @Override
    public String decode(CachedData data) {
        return new String(data.data(), charset);
    }
}
