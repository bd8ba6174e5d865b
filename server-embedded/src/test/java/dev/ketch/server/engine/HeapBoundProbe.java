package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.storage.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Run in a JVM with a small heap by {@link HeapBoundTest}: fills a cache far larger than the heap
 * with small items (the worst case for per-item overhead) and prints what it holds.
 * Arguments: memory limit in MB, bytes to write in MB, value size.
 */
public final class HeapBoundProbe {

    public static void main(String[] args) {
        long limitMb = Long.parseLong(args[0]);
        long writeMb = Long.parseLong(args[1]);
        int valueSize = Integer.parseInt(args[2]);
        ServerSettings s = new ServerSettings();
        s.maxBytes = limitMb * 1024 * 1024;
        byte[] value = new byte[valueSize];
        java.util.Arrays.fill(value, (byte) 'v');
        ByteBuf data = Unpooled.wrappedBuffer(value);
        try (Cache cache = new Cache(s, new Clock())) {
            long written = 0;
            long i = 0;
            while (written < writeMb * 1024 * 1024) {
                PendingItem p = cache.allocate(StoreMode.SET, bytes("key:" + i++), 0, 0, valueSize);
                data.readerIndex(0);
                p.write(data);
                p.writeTerminator();
                if (cache.store(p, 0) != StoreResult.STORED) {
                    throw new IllegalStateException("not stored");
                }
                written += valueSize;
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            cache.lock().lock();
            try {
                System.out.println("items=" + cache.storage().currItems()
                        + " bytes=" + cache.storage().currBytes()
                        + " malloced=" + cache.storage().slabs().memMalloced()
                        + " heapUsed=" + (rt.totalMemory() - rt.freeMemory())
                        + " heapMax=" + rt.maxMemory());
            } finally {
                cache.lock().unlock();
            }
        }
    }
}
