package dev.ketch.bench;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.ServerSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server selection for one 20-byte key: {@code locate} is the whole lookup the client does per
 * key operation (key hash, then the ring's binary search; the client adds one array load to reach
 * the node), {@code hashOnly} the key hash alone. Keys rotate through 4096 distinct ones so the
 * search does not always take the same path. Run with
 * {@code benchmarks/run.sh jmh LocateBenchmark -f 1 -wi 3 -i 5} (add {@code -prof gc} for
 * allocation per lookup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LocateBenchmark {

    private static final int KEYS = 4096;
    private static final int KEY_LENGTH = 20;

    @Param({"3", "100"})
    public int servers;

    /** LIBMEMCACHED_KETAMA hashes keys with one-at-a-time, LIBMEMCACHED_KETAMA_WEIGHTED with MD5. */
    @Param({"LIBMEMCACHED_KETAMA", "LIBMEMCACHED_KETAMA_WEIGHTED"})
    public Distribution distribution;

    private ServerSelector selector;
    private byte[][] keys;
    private int next;

    @Setup
    public void setUp() {
        List<ServerAddress> list = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            list.add(new ServerAddress("10.0." + i / 250 + "." + (i % 250 + 1), 11211));
        }
        selector = distribution.selector(list);
        Random random = new Random(1);
        keys = new byte[KEYS][KEY_LENGTH];
        for (byte[] key : keys) {
            for (int j = 0; j < KEY_LENGTH; j++) {
                key[j] = (byte) ('a' + random.nextInt(26));
            }
        }
    }

    private byte[] nextKey() {
        return keys[next++ & (KEYS - 1)];
    }

    @Benchmark
    public int locate() {
        return selector.indexFor(nextKey());
    }

    @Benchmark
    public int hashOnly() {
        return selector.hash(nextKey());
    }
}
