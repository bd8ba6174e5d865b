package dev.ketch.server.storage;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Raw off-heap memory: where item bytes live.
 *
 * <p>Slab pages must hold gigabytes of items while the Java heap stays small, and must not count
 * against {@code -XX:MaxDirectMemorySize} (which defaults to the heap size), so they are allocated
 * with {@code Unsafe.allocateMemory}, exactly like memcached's {@code malloc}ed pages. All access
 * goes through this class; addresses are plain {@code long}s, 0 meaning "none". Callers guarantee
 * bounds: the slab allocator hands out whole chunks and item accessors never leave their chunk.
 */
public final class NativeMemory {

    private static final Unsafe UNSAFE = loadUnsafe();
    private static final long BYTE_ARRAY_BASE = UNSAFE.arrayBaseOffset(byte[].class);
    private static final int STAGING_SIZE = 16 * 1024;
    private static final ThreadLocal<byte[]> STAGING = ThreadLocal.withInitial(() -> new byte[STAGING_SIZE]);

    private NativeMemory() {
    }

    private static Unsafe loadUnsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Ketch's server needs sun.misc.Unsafe (module jdk.unsupported): " + e);
        }
    }

    /** Allocates {@code bytes} of uninitialised memory; throws {@link OutOfMemoryError} on failure. */
    public static long allocate(long bytes) {
        return UNSAFE.allocateMemory(bytes);
    }

    public static void free(long address) {
        if (address != 0) {
            UNSAFE.freeMemory(address);
        }
    }

    public static void zero(long address, long bytes) {
        UNSAFE.setMemory(address, bytes, (byte) 0);
    }

    public static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    public static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
    }

    public static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    public static void putInt(long address, int value) {
        UNSAFE.putInt(address, value);
    }

    public static short getShort(long address) {
        return UNSAFE.getShort(address);
    }

    public static void putShort(long address, short value) {
        UNSAFE.putShort(address, value);
    }

    public static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }

    public static void putByte(long address, byte value) {
        UNSAFE.putByte(address, value);
    }

    /** Copies between two native regions (which may overlap). */
    public static void copy(long from, long to, long bytes) {
        UNSAFE.copyMemory(from, to, bytes);
    }

    public static void copyToArray(long from, byte[] to, int offset, int length) {
        UNSAFE.copyMemory(null, from, to, BYTE_ARRAY_BASE + offset, length);
    }

    public static void copyFromArray(byte[] from, int offset, long to, int length) {
        UNSAFE.copyMemory(from, BYTE_ARRAY_BASE + offset, null, to, length);
    }

    /** True if {@code length} bytes at {@code address} equal {@code key[0..length)}. */
    public static boolean equals(long address, byte[] key, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (UNSAFE.getLong(address + i) != UNSAFE.getLong(key, BYTE_ARRAY_BASE + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (UNSAFE.getByte(address + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code length} bytes at {@code from} to {@code to}, advancing its writer index. */
    public static void writeTo(ByteBuf to, long from, int length) {
        to.ensureWritable(length);
        int index = to.writerIndex();
        if (to.hasMemoryAddress()) {
            UNSAFE.copyMemory(from, to.memoryAddress() + index, length);
        } else if (to.hasArray()) {
            copyToArray(from, to.array(), to.arrayOffset() + index, length);
        } else {
            byte[] staging = STAGING.get();
            int done = 0;
            while (done < length) {
                int n = Math.min(staging.length, length - done);
                copyToArray(from + done, staging, 0, n);
                to.setBytes(index + done, staging, 0, n);
                done += n;
            }
        }
        to.writerIndex(index + length);
    }

    /** Copies {@code length} readable bytes of {@code from} to {@code to}, advancing its reader index. */
    public static void readFrom(ByteBuf from, long to, int length) {
        int index = from.readerIndex();
        if (from.hasMemoryAddress()) {
            UNSAFE.copyMemory(from.memoryAddress() + index, to, length);
        } else if (from.hasArray()) {
            copyFromArray(from.array(), from.arrayOffset() + index, to, length);
        } else {
            byte[] staging = STAGING.get();
            int done = 0;
            while (done < length) {
                int n = Math.min(staging.length, length - done);
                from.getBytes(index + done, staging, 0, n);
                copyFromArray(staging, 0, to + done, n);
                done += n;
            }
        }
        from.readerIndex(index + length);
    }
}
