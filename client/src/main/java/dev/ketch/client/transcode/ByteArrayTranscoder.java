package dev.ketch.client.transcode;

/** Bytes as they are, flags 0. The values handed in and out are not copied. */
public final class ByteArrayTranscoder implements Transcoder<byte[]> {

    /** The shared instance (it has no state). */
    public static final ByteArrayTranscoder INSTANCE = new ByteArrayTranscoder();

    private ByteArrayTranscoder() {
    }

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(0, value);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.data();
    }
}
