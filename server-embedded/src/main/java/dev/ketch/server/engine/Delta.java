package dev.ketch.server.engine;

import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;
import dev.ketch.server.storage.Storage;
import java.nio.charset.StandardCharsets;

/**
 * Applies an incr/decr to a found item: memcached's {@code do_add_delta} after its lookup, shared
 * by {@code incr}/{@code decr} and meta arithmetic. The value must be a decimal number up to
 * 2^64-1; incr wraps around, decr stops at 0. A result no longer than the stored text is written
 * in place, padded with spaces; a longer one goes into a new item that replaces the old one.
 * Requires the engine lock.
 */
final class Delta {

    private final Storage storage;
    private final EngineCounters counters;
    private final StoredNumber numbers = new StoredNumber();

    Delta(Storage storage, EngineCounters counters) {
        this.storage = storage;
        this.counters = counters;
    }

    /**
     * Applies the delta to {@code it}, the live item of {@code key}, and fills {@code result}.
     *
     * <p>Returns the item memcached hands back to its caller, pinned ({@link Storage#pin}): the
     * caller must {@link Storage#unpin} it. After an in-place update that is the live item. After
     * a replacement it is the old, unlinked item carrying the new item's CAS unique, exactly what
     * memcached's meta arithmetic goes on to read and modify. Returns 0 if the value could not be
     * changed; the status says why.
     *
     * @param casUnique non-zero to require a matching CAS unique
     */
    long apply(long it, byte[] key, int hv, boolean incr, long delta, long casUnique, ArithmeticResult result) {
        int nbytes = ItemLayout.nbytes(it);
        if (nbytes <= 2 || ItemLayout.hasFlag(it, ItemLayout.CHUNKED) || ItemLayout.hasFlag(it, ItemLayout.HDR)) {
            result.set(ArithmeticResult.Status.NON_NUMERIC, 0, 0);
            return 0;
        }
        if (casUnique != 0 && ItemLayout.cas(it) != casUnique) {
            result.set(ArithmeticResult.Status.CAS_MISMATCH, 0, 0);
            return 0;
        }
        long data = ItemLayout.dataAddress(it);
        if (!numbers.parse(data, nbytes)) {
            result.set(ArithmeticResult.Status.NON_NUMERIC, 0, 0);
            return 0;
        }
        long value = numbers.value();
        if (incr) {
            value += delta;
            counters.incrHits[ItemLayout.clsid(it)]++;
        } else {
            value = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
            counters.decrHits[ItemLayout.clsid(it)]++;
        }
        byte[] digits = Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
        if (digits.length + 2 <= nbytes) {
            storage.assignNewCas(it);
            NativeMemory.copyFromArray(digits, 0, data, digits.length);
            for (int i = digits.length; i < nbytes - 2; i++) {
                NativeMemory.putByte(data + i, (byte) ' ');
            }
            storage.update(it);
            result.set(ArithmeticResult.Status.OK, value, ItemLayout.cas(it));
            storage.pin(it);
            return it;
        }
        storage.pin(it);
        long n = storage.itemAlloc(key, key.length, ItemLayout.clientFlags(it), ItemLayout.exptime(it), digits.length + 2);
        if (n == 0) {
            storage.unpin(it);
            result.set(ArithmeticResult.Status.NO_MEMORY, 0, 0);
            return 0;
        }
        long nd = ItemLayout.dataAddress(n);
        NativeMemory.copyFromArray(digits, 0, nd, digits.length);
        NativeMemory.putByte(nd + digits.length, (byte) '\r');
        NativeMemory.putByte(nd + digits.length + 1, (byte) '\n');
        if (ItemLayout.hasFlag(it, ItemLayout.LINKED)) {
            storage.replace(it, n, hv);
        } else {
            storage.link(n, hv);
        }
        ItemLayout.cas(it, ItemLayout.cas(n));
        result.set(ArithmeticResult.Status.OK, value, ItemLayout.cas(n));
        return it;
    }
}
