package net.spy.memcached.transcoders;

import net.spy.memcached.CachedData;
import net.spy.memcached.compat.SpyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Longs in {@link SerializingTranscoder}'s long form; other values decode as null. */
public final class LongTranscoder extends SpyObject implements Transcoder<Long> {

    private static final int FLAGS = SerializingTranscoder.SPECIAL_LONG;
    private static final Logger LOG = LoggerFactory.getLogger(LongTranscoder.class);

    private final TranscoderUtils tu = new TranscoderUtils(true);

    @Override
    public boolean asyncDecode(CachedData d) {
        return false;
    }

    @Override
    public CachedData encode(Long l) {
        return new CachedData(FLAGS, tu.encodeLong(l), getMaxSize());
    }

    @Override
    public Long decode(CachedData d) {
        if (d.getFlags() == FLAGS) {
            return tu.decodeLong(d.getData());
        }
        LOG.error("Unexpected flags for long:  {} wanted {}", d.getFlags(), FLAGS);
        return null;
    }

    @Override
    public int getMaxSize() {
        return CachedData.MAX_SIZE;
    }
}
