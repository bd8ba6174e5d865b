package net.spy.memcached.transcoders;

import net.spy.memcached.CachedData;
import net.spy.memcached.compat.SpyObject;

/** Integers in {@link SerializingTranscoder}'s int form; other values decode as null. */
public final class IntegerTranscoder extends SpyObject implements Transcoder<Integer> {

    private static final int FLAGS = SerializingTranscoder.SPECIAL_INT;

    private final TranscoderUtils tu = new TranscoderUtils(true);

    @Override
    public boolean asyncDecode(CachedData d) {
        return false;
    }

    @Override
    public CachedData encode(Integer i) {
        return new CachedData(FLAGS, tu.encodeInt(i), getMaxSize());
    }

    @Override
    public Integer decode(CachedData d) {
        return d.getFlags() == FLAGS ? tu.decodeInt(d.getData()) : null;
    }

    @Override
    public int getMaxSize() {
        return CachedData.MAX_SIZE;
    }
}
