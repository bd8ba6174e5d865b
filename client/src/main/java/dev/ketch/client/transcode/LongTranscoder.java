package dev.ketch.client.transcode;

import java.nio.charset.StandardCharsets;

/**
 * Longs as decimal text with flags 0, the form memcached's {@code incr}/{@code decr} work on, so a
 * counter written with {@code set} can be incremented and read back. memcached's numbers are
 * unsigned 64-bit: values above {@link Long#MAX_VALUE} come back negative (use
 * {@link Long#toUnsignedString(long)} to print them). Decoding ignores the spaces memcached pads a
 * shrunken number with.
 */
public final class LongTranscoder implements Transcoder<Long> {

    /** The shared instance (it has no state). */
    public static final LongTranscoder INSTANCE = new LongTranscoder();

    private LongTranscoder() {
    }

    @Override
    public CachedData encode(Long value) {
        return new CachedData(0, Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Long decode(CachedData data) {
        String text = new String(data.data(), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stored value is not a decimal number: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
