package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every public method of spymemcached 2.12.3's API classes exists here with the same name,
 * parameters and return type (each {@code net.spy.memcached} type replaced by its {@code
 * dev.ketch.spymemcached} twin), so that code compiles after changing its imports; except the
 * members listed, which expose spymemcached's I/O internals or exist only for Couchbase.
 */
class ApiSurfaceTest {

    private static final String SPY = "net.spy.memcached";
    private static final String KETCH = "dev.ketch.spymemcached";

    /** spymemcached class name -> its methods this module leaves out (name or name(params)). */
    private static final List<Object[]> CLASSES = List.of(
            new Object[] {"MemcachedClientIF", Set.of("broadcastOp")},
            new Object[] {"MemcachedClient", Set.of("broadcastOp", "getConnection", "getTranscoderService",
                    "connectionEstablished", "connectionLost")},
            new Object[] {"internal.OperationFuture", Set.of("set", "setCas", "setOperation", "signalComplete")},
            new Object[] {"internal.GetFuture", Set.of("set", "setOperation", "signalComplete")},
            new Object[] {"internal.BulkGetFuture", Set.of("setStatus", "signalComplete")},
            new Object[] {"internal.BulkFuture", Set.of()},
            new Object[] {"ConnectionFactoryBuilder", Set.of("setOpFact", "setEnableMetrics", "setMetricCollector")},
            new Object[] {"ConnectionFactory", Set.of("createConnection", "createMemcachedNode", "createOperationQueue",
                    "createReadOperationQueue", "createWriteOperationQueue", "createLocator", "getOperationFactory",
                    "enableMetrics", "getMetricCollector")},
            new Object[] {"DefaultConnectionFactory", Set.of("createConnection", "createMemcachedNode", "createOperationQueue",
                    "createReadOperationQueue", "createWriteOperationQueue", "createLocator", "getOperationFactory",
                    "enableMetrics", "getMetricCollector")},
            new Object[] {"BinaryConnectionFactory", Set.of("createConnection", "createMemcachedNode", "createOperationQueue",
                    "createReadOperationQueue", "createWriteOperationQueue", "createLocator", "getOperationFactory",
                    "enableMetrics", "getMetricCollector")},
            new Object[] {"KetamaConnectionFactory", Set.of("createConnection", "createMemcachedNode", "createOperationQueue",
                    "createReadOperationQueue", "createWriteOperationQueue", "createLocator", "getOperationFactory",
                    "enableMetrics", "getMetricCollector")},
            new Object[] {"CASMutator", Set.of()},
            new Object[] {"CASMutation", Set.of()},
            new Object[] {"CASValue", Set.of()},
            new Object[] {"CachedData", Set.of()},
            new Object[] {"AddrUtil", Set.of()},
            new Object[] {"ConnectionObserver", Set.of()},
            new Object[] {"DefaultHashAlgorithm", Set.of()},
            new Object[] {"HashAlgorithm", Set.of()},
            new Object[] {"ops.OperationStatus", Set.of()},
            new Object[] {"ops.StatusCode", Set.of()},
            new Object[] {"transcoders.Transcoder", Set.of()},
            new Object[] {"transcoders.SerializingTranscoder", Set.of()},
            new Object[] {"transcoders.LongTranscoder", Set.of()},
            new Object[] {"transcoders.IntegerTranscoder", Set.of()},
            new Object[] {"transcoders.TranscoderUtils", Set.of()},
            new Object[] {"auth.AuthDescriptor", Set.of()},
            new Object[] {"auth.PlainCallbackHandler", Set.of()});

    /** A type's name with spymemcached's package replaced by this module's. */
    private static String mapped(Class<?> type) {
        return type.getName().replace(SPY, KETCH).replace("$", ".");
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(ApiSurfaceTest::mapped)
                .collect(Collectors.joining(",", "(", ")")) + " -> " + mapped(m.getReturnType());
    }

    private static Set<String> publicMethods(Class<?> type, Set<?> excluded) {
        Set<String> methods = new TreeSet<>();
        for (Method m : type.getMethods()) {
            boolean fromObject = m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Enum.class;
            if (!fromObject && !m.isSynthetic() && Modifier.isPublic(m.getModifiers()) && !excluded.contains(m.getName())) {
                methods.add(signature(m));
            }
        }
        return methods;
    }

    @Test
    void everyMemberOfSpymemcachedsApiExistsWithTheSameTypes() throws Exception {
        List<String> missing = new ArrayList<>();
        int compared = 0;
        for (Object[] entry : CLASSES) {
            String name = (String) entry[0];
            Class<?> theirs = Class.forName(SPY + "." + name);
            Class<?> ours = Class.forName(KETCH + "." + name);
            Set<String> ourMethods = publicMethods(ours, Set.of());
            for (String method : publicMethods(theirs, (Set<?>) entry[1])) {
                compared++;
                if (!ourMethods.contains(method)) {
                    missing.add(name + "." + method);
                }
            }
        }
        assertEquals(List.of(), missing, "missing members");
        assertTrue(compared > 300, "compared " + compared + " members");
    }

    @Test
    void theClientsCovariantReturnTypesAreSpymemcacheds() throws Exception {
        Method set = MemcachedClient.class.getMethod("set", String.class, int.class, Object.class);
        Method asyncGet = MemcachedClient.class.getMethod("asyncGet", String.class);
        Method bulk = MemcachedClient.class.getMethod("asyncGetBulk", String[].class);
        assertEquals(dev.ketch.spymemcached.internal.OperationFuture.class, set.getReturnType());
        assertEquals(dev.ketch.spymemcached.internal.GetFuture.class, asyncGet.getReturnType());
        assertEquals(dev.ketch.spymemcached.internal.BulkFuture.class, bulk.getReturnType());
    }

    @Test
    void theConstantsAreSpymemcacheds() {
        assertEquals(net.spy.memcached.MemcachedClientIF.MAX_KEY_LENGTH, MemcachedClientIF.MAX_KEY_LENGTH);
        assertEquals(net.spy.memcached.CachedData.MAX_SIZE, CachedData.MAX_SIZE);
        assertEquals(net.spy.memcached.DefaultConnectionFactory.DEFAULT_OPERATION_TIMEOUT,
                DefaultConnectionFactory.DEFAULT_OPERATION_TIMEOUT);
        assertEquals(net.spy.memcached.DefaultConnectionFactory.DEFAULT_OP_QUEUE_LEN, DefaultConnectionFactory.DEFAULT_OP_QUEUE_LEN);
        assertEquals(net.spy.memcached.DefaultConnectionFactory.DEFAULT_MAX_RECONNECT_DELAY,
                DefaultConnectionFactory.DEFAULT_MAX_RECONNECT_DELAY);
        assertEquals(net.spy.memcached.DefaultConnectionFactory.DEFAULT_FAILURE_MODE.name(),
                DefaultConnectionFactory.DEFAULT_FAILURE_MODE.name());
        assertEquals(net.spy.memcached.transcoders.SerializingTranscoder.DEFAULT_COMPRESSION_THRESHOLD,
                dev.ketch.spymemcached.transcoders.SerializingTranscoder.DEFAULT_COMPRESSION_THRESHOLD);
        for (Class<?>[] pair : List.of(new Class<?>[] {net.spy.memcached.FailureMode.class, FailureMode.class},
                new Class<?>[] {net.spy.memcached.CASResponse.class, CASResponse.class},
                new Class<?>[] {net.spy.memcached.ops.StatusCode.class, dev.ketch.spymemcached.ops.StatusCode.class},
                new Class<?>[] {net.spy.memcached.DefaultHashAlgorithm.class, DefaultHashAlgorithm.class},
                new Class<?>[] {net.spy.memcached.ConnectionFactoryBuilder.Protocol.class, ConnectionFactoryBuilder.Protocol.class},
                new Class<?>[] {net.spy.memcached.ConnectionFactoryBuilder.Locator.class, ConnectionFactoryBuilder.Locator.class},
                new Class<?>[] {net.spy.memcached.KetamaNodeKeyFormatter.Format.class, KetamaNodeKeyFormatter.Format.class})) {
            assertEquals(Arrays.stream(pair[0].getEnumConstants()).map(Object::toString).toList(),
                    Arrays.stream(pair[1].getEnumConstants()).map(Object::toString).toList(), pair[1].getName());
        }
    }
}
