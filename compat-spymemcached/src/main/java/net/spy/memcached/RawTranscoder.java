package net.spy.memcached;

import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;

/**
 * Hands flags and bytes through the Ketch client unchanged: the adapter encodes and decodes with
 * spymemcached-style transcoders itself, per call, off the I/O threads.
 */
final class RawTranscoder implements Transcoder<CachedData> {

    static final RawTranscoder INSTANCE = new RawTranscoder();

    private RawTranscoder() {
    }

    @Override
    public CachedData encode(CachedData value) {
        return value;
    }

    @Override
    public CachedData decode(CachedData data) {
        return data;
    }
}
