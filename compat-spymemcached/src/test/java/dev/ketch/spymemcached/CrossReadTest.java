package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import dev.ketch.spymemcached.testing.Impl;
import dev.ketch.spymemcached.testing.TestServer;
import dev.ketch.spymemcached.testing.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * During a migration both clients share the cache: what spymemcached writes the drop-in reads, and
 * the other way round, for every value type {@code SerializingTranscoder} knows, compressed and
 * not, in both protocols, on the bundled server and on a real memcached (skipped with a message where
 * memcached is not installed), and the stored flags and bytes are identical whoever wrote them (and
 * equal to what Ketch's own {@link dev.ketch.client.transcode.SerializingTranscoder} writes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossReadTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static final int COMPRESSED = 2;

    private final Map<TestServer.Kind, TestServer> servers = new java.util.EnumMap<>(TestServer.Kind.class);
    private final Map<TestServer.Kind, MemcacheClient<byte[]>> raws = new java.util.EnumMap<>(TestServer.Kind.class);
    private final dev.ketch.client.transcode.SerializingTranscoder ketchCore =
            dev.ketch.client.transcode.SerializingTranscoder.allowing("dev.ketch.spymemcached.testing.*", "java.util.*",
                    "java.lang.*", "[I");

    private synchronized TestServer server(TestServer.Kind kind) {
        return servers.computeIfAbsent(kind, k -> {
            TestServer server = k.start();
            raws.put(k, MemcacheClient.builder().servers(dev.ketch.client.ServerAddress.of(server.address()))
                    .transcoder(ByteArrayTranscoder.INSTANCE).maxItemSize(2 * 1024 * 1024)
                            .operationTimeout(PATIENT).connectTimeout(PATIENT).build());
            return server;
        });
    }

    @AfterAll
    void stop() {
        raws.values().forEach(MemcacheClient::close);
        servers.values().forEach(TestServer::close);
    }

    static Stream<Arguments> cases() {
        return Stream.of(TestServer.Kind.values())
                .flatMap(kind -> Stream.of(false, true).map(binary -> Arguments.of(kind, binary)));
    }

    @ParameterizedTest(name = "{0}, binary protocol: {1}")
    @MethodSource("cases")
    void eachReadsWhatTheOtherWrote(TestServer.Kind kind, boolean binary) throws Exception {
        TestServer server = server(kind);
        MemcacheClient<byte[]> raw = raws.get(kind);
        Map<String, Object> values = Values.all();
        Map<String, Object> bySpy = new LinkedHashMap<>();
        Map<String, Object> byKetch = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            bySpy.put(key(binary, "spy", name), value);
            byKetch.put(key(binary, "ketch", name), value);
        });
        Impl.SPYMEMCACHED.call("Clients", "setAll", binary, server.address(), bySpy);
        Impl.KETCH.call("Clients", "setAll", binary, server.address(), byKetch);
        Map<String, Object> spyReadByKetch = Impl.KETCH.call("Clients", "getAll", binary, server.address(),
                List.copyOf(bySpy.keySet()));
        Map<String, Object> ketchReadBySpy = Impl.SPYMEMCACHED.call("Clients", "getAll", binary, server.address(),
                List.copyOf(byKetch.keySet()));
        for (Map.Entry<String, Object> value : values.entrySet()) {
            String name = value.getKey();
            String spyKey = key(binary, "spy", name);
            String ketchKey = key(binary, "ketch", name);
            assertValue(name + ", written by spymemcached, read by the drop-in", value.getValue(), spyReadByKetch.get(spyKey));
            assertValue(name + ", written by the drop-in, read by spymemcached", value.getValue(), ketchReadBySpy.get(ketchKey));

            GetResult<byte[]> storedBySpy = raw.blocking().gets(spyKey);
            GetResult<byte[]> storedByKetch = raw.blocking().gets(ketchKey);
            assertEquals(storedBySpy.flags(), storedByKetch.flags(), name + ": flags");
            assertArrayEquals(storedBySpy.value(), storedByKetch.value(), name + ": bytes");
            assertEquals(name.endsWith("compressed") && !name.contains("never"),
                    (storedBySpy.flags() & COMPRESSED) != 0, name + ": compressed flag");

            dev.ketch.client.transcode.CachedData core = ketchCore.encode(value.getValue());
            assertEquals(storedBySpy.flags(), core.flags(), name + ": Ketch's own SerializingTranscoder's flags");
            assertArrayEquals(storedBySpy.value(), core.data(), name + ": Ketch's own SerializingTranscoder's bytes");
            assertValue(name + ", written by spymemcached, read by Ketch's own SerializingTranscoder", value.getValue(),
                    ketchCore.decode(new dev.ketch.client.transcode.CachedData(storedBySpy.flags(), storedBySpy.value())));
        }
    }

    private static String key(boolean binary, String writer, String name) {
        return binary + ":" + writer + ":" + name.replace(' ', '_').replace(',', '_');
    }

    static void assertValue(String what, Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual, what);
        } else {
            assertEquals(expected, actual, what);
            assertEquals(expected.getClass(), actual.getClass(), what);
        }
    }
}
