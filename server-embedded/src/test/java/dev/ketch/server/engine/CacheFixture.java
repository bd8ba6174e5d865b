package dev.ketch.server.engine;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.storage.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** A cache plus the few helpers tests need to store and read values as strings. */
final class CacheFixture implements AutoCloseable {

    final ServerSettings settings;
    final Clock clock = new Clock();
    final Cache cache;

    CacheFixture(ServerSettings settings) {
        this.settings = settings;
        this.cache = new Cache(settings, clock);
    }

    CacheFixture() {
        this(new ServerSettings());
    }

    /** memcached's {@code -o no_modern}: flat LRU, no maintainer or crawler, 1 MiB largest chunk. */
    static ServerSettings noModern() {
        ServerSettings s = new ServerSettings();
        s.slabChunkSizeMax = s.slabPageSize;
        s.slabReassign = false;
        s.slabAutomove = 0;
        s.maxConnsFast = false;
        s.lruSegmented = false;
        s.hashAlgorithm = "jenkins";
        s.lruCrawler = false;
        s.lruMaintainerThread = false;
        return s;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    StoreResult store(StoreMode mode, String key, String value, int flags, int exptime, long cas) {
        return store(mode, key, bytes(value), flags, exptime, cas);
    }

    StoreResult store(StoreMode mode, String key, byte[] value, int flags, int exptime, long cas) {
        PendingItem p = cache.allocate(mode, bytes(key), flags, exptime, value.length);
        if (p.status() != PendingItem.Status.READY) {
            throw new IllegalStateException(p.status().toString());
        }
        ByteBuf data = Unpooled.wrappedBuffer(value);
        p.write(data);
        p.writeTerminator();
        return cache.store(p, cas);
    }

    StoreResult set(String key, String value) {
        return store(StoreMode.SET, key, value, 0, 0, 0);
    }

    StoreResult set(String key, String value, int exptime) {
        return store(StoreMode.SET, key, value, 0, exptime, 0);
    }

    /** The value, or null on a miss. */
    String get(String key) {
        String[] out = new String[1];
        cache.get(bytes(key), item -> out[0] = value(item));
        return out[0];
    }

    long gets(String key) {
        long[] out = {-1};
        cache.get(bytes(key), item -> out[0] = item.cas());
        return out[0];
    }

    int flags(String key) {
        int[] out = {-1};
        cache.get(bytes(key), item -> out[0] = item.clientFlags());
        return out[0];
    }

    static String value(ItemView item) {
        ByteBuf buf = Unpooled.buffer();
        item.writeValue(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        cache.close();
    }
}
