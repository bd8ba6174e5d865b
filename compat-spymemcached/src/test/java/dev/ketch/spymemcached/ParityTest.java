package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.spymemcached.testing.TestServer;
import dev.ketch.spymemcached.testing.Impl;
import dev.ketch.spymemcached.testing.Side;
import dev.ketch.spymemcached.testing.Side.Tc;
import dev.ketch.spymemcached.testing.Side.TcIter;
import dev.ketch.spymemcached.testing.Values;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same scenarios on spymemcached 2.12.3 and on the drop-in, each against its own three servers
 * (keys spread by spymemcached's default array-mod), bundled servers and real memcacheds (skipped
 * with a message where memcached is not installed), in the text and the binary protocol:
 * every call's result, future status, exception type and message (where it names no server) must be
 * identical. The few intended differences are pinned in {@link DocumentedDifferencesTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParityTest {

    /** A scenario: calls on one side, keys prefixed with {@code p}. */
    @FunctionalInterface
    interface Scenario {
        void run(Side s, String p, boolean binary) throws Exception;
    }

    /** Three servers for each implementation, by kind of server, started when first needed. */
    private final Map<TestServer.Kind, List<List<TestServer>>> servers = new java.util.EnumMap<>(TestServer.Kind.class);

    private synchronized List<List<TestServer>> serversOf(TestServer.Kind kind) {
        List<List<TestServer>> started = servers.get(kind);
        if (started == null) {
            started = List.of(new ArrayList<>(), new ArrayList<>());
            servers.put(kind, started);
            for (int i = 0; i < 3; i++) {
                started.get(0).add(kind.start());
                started.get(1).add(kind.start());
            }
        }
        return started;
    }

    @AfterAll
    void stop() {
        servers.values().forEach(sets -> sets.forEach(set -> set.forEach(TestServer::close)));
    }

    static Stream<Arguments> scenarios() {
        Map<String, Scenario> scenarios = new TreeMap<>();
        scenarios.put("storage and retrieval", ParityTest::storage);
        scenarios.put("cas", ParityTest::cas);
        scenarios.put("counters, all 24 forms", ParityTest::counters);
        scenarios.put("bulk gets, every overload", ParityTest::bulk);
        scenarios.put("every SerializingTranscoder type", ParityTest::values);
        scenarios.put("key validation", ParityTest::keys);
        scenarios.put("server errors", ParityTest::serverErrors);
        scenarios.put("server commands", ParityTest::serverCommands);
        scenarios.put("CASMutator", ParityTest::mutator);
        scenarios.put("listeners", ParityTest::listeners);
        scenarios.put("shutdown", ParityTest::shutdown);
        List<Arguments> arguments = new ArrayList<>();
        for (TestServer.Kind kind : TestServer.Kind.values()) {
            for (String protocol : List.of("text", "binary")) {
                scenarios.forEach((name, scenario) -> arguments.add(Arguments.of(kind, protocol, name, scenario)));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @MethodSource("scenarios")
    void sameOutcomes(TestServer.Kind kind, String protocol, String name, Scenario scenario) throws Exception {
        boolean binary = protocol.equals("binary");
        String prefix = protocol + ":" + name.replace(' ', '_') + ":";
        List<List<TestServer>> sets = serversOf(kind);
        List<String> spy = run(Impl.SPYMEMCACHED, sets.get(0), scenario, prefix, binary);
        List<String> ketch = run(Impl.KETCH, sets.get(1), scenario, prefix, binary);
        assertTrue(spy.size() > 3, "a scenario worth comparing: " + spy);
        assertEquals(String.join("\n", spy), String.join("\n", ketch));
    }

    private static List<String> run(Impl impl, List<TestServer> servers, Scenario scenario, String prefix, boolean binary)
            throws Exception {
        List<InetSocketAddress> addresses = servers.stream().map(TestServer::address).toList();
        Side side = new Side(impl, impl.client(Impl.Settings.of(binary), addresses), addresses).connected();
        try {
            scenario.run(side, prefix, binary);
        } finally {
            side.close();
        }
        return side.transcript();
    }

    private static long casOf(Side s, String key) {
        return (Long) s.invokeOn(s.invoke("gets(String)", key), "getCas()");
    }

    // ---------------------------------------------------------------- scenarios

    static void storage(Side s, String p, boolean binary) {
        s.call("get(String)", p + "a");
        s.call("set(String,int,Object)", p + "a", 0, "hello");
        s.call("get(String)", p + "a");
        s.call("asyncGet(String)", p + "a");
        s.call("asyncGet(String)", p + "missing");
        s.call("gets(String)", p + "a");
        s.call("gets(String)", p + "missing");
        s.call("asyncGets(String)", p + "a");
        s.call("asyncGets(String)", p + "missing");
        s.call("add(String,int,Object)", p + "a", 0, "x");
        s.call("add(String,int,Object)", p + "b", 0, "x");
        s.call("replace(String,int,Object)", p + "missing", 0, "x");
        s.call("replace(String,int,Object)", p + "b", 0, "y");
        s.call("append(String,Object)", p + "missing", "x");
        s.call("append(String,Object)", p + "a", " world");
        s.call("prepend(String,Object)", p + "a", ">");
        s.call("prepend(String,Object)", p + "missing", ">");
        s.call("get(String)", p + "a");
        s.call("touch(String,int)", p + "a", 100);
        s.call("touch(String,int)", p + "missing", 100);
        s.call("touch(String,int,Transcoder)", p + "a", 100, new Tc("SerializingTranscoder"));
        s.call("delete(String)", p + "b");
        s.call("delete(String)", p + "b");
        s.call("delete(String,long)", p + "missing", 0L);
        s.call("get(String)", p + "b");
        s.call("set(String,int,Object)", p + "expired", -1, "gone");
        s.call("get(String)", p + "expired");
        s.call("set(String,int,Object,Transcoder)", p + "l", 0, 42L, new Tc("LongTranscoder"));
        s.call("get(String,Transcoder)", p + "l", new Tc("LongTranscoder"));
        s.call("get(String)", p + "l");
        s.call("get(String,Transcoder)", p + "l", new Tc("IntegerTranscoder"));
        s.call("asyncGet(String,Transcoder)", p + "l", new Tc("LongTranscoder"));
        s.call("gets(String,Transcoder)", p + "l", new Tc("LongTranscoder"));
        s.call("asyncGets(String,Transcoder)", p + "l", new Tc("LongTranscoder"));
        s.call("add(String,int,Object,Transcoder)", p + "i", 0, 7, new Tc("IntegerTranscoder"));
        s.call("replace(String,int,Object,Transcoder)", p + "i", 0, 8, new Tc("IntegerTranscoder"));
        s.call("get(String,Transcoder)", p + "i", new Tc("IntegerTranscoder"));
        s.call("append(String,Object,Transcoder)", p + "a", "!", new Tc("SerializingTranscoder"));
        s.call("prepend(String,Object,Transcoder)", p + "a", "<", new Tc("SerializingTranscoder"));
        s.call("get(String)", p + "a");
        if (binary) { // spymemcached's text protocol has no get-and-touch nor delete with CAS
            s.call("getAndTouch(String,int)", p + "a", 100);
            s.call("getAndTouch(String,int)", p + "missing", 100);
            s.call("asyncGetAndTouch(String,int)", p + "a", 100);
            s.call("getAndTouch(String,int,Transcoder)", p + "l", 100, new Tc("LongTranscoder"));
            s.call("asyncGetAndTouch(String,int,Transcoder)", p + "l", 100, new Tc("LongTranscoder"));
            long cas = casOf(s, p + "a");
            s.call("delete(String,long)", p + "a", cas + 1);
            s.call("delete(String,long)", p + "a", cas);
            s.call("delete(String,long)", p + "a", cas);
        }
    }

    static void cas(Side s, String p, boolean binary) {
        String k = p + "k";
        s.call("set(String,int,Object)", k, 0, "v1");
        long cas = casOf(s, k);
        s.call("cas(String,long,Object)", k, cas, "v2");
        s.call("cas(String,long,Object)", k, cas, "v3");
        s.call("cas(String,long,Object)", p + "missing", cas, "v");
        s.call("get(String)", k);
        long cas2 = casOf(s, k);
        s.call("asyncCAS(String,long,Object)", k, cas2, "v4");
        s.call("asyncCAS(String,long,int,Object)", k, cas2, 0, "v5");
        s.call("cas(String,long,int,Object)", k, casOf(s, k), 100, "v6");
        s.call("cas(String,long,Object,Transcoder)", k, casOf(s, k), "v7", new Tc("SerializingTranscoder"));
        s.call("cas(String,long,int,Object,Transcoder)", k, casOf(s, k), 0, "v8", new Tc("SerializingTranscoder"));
        s.call("asyncCAS(String,long,Object,Transcoder)", k, casOf(s, k), "v9", new Tc("SerializingTranscoder"));
        s.call("asyncCAS(String,long,int,Object,Transcoder)", k, casOf(s, k), 0, "v10", new Tc("SerializingTranscoder"));
        s.call("asyncCAS(String,long,int,Object,Transcoder)", k, 1L, 0, "stale", new Tc("SerializingTranscoder"));
        s.call("get(String)", k);
        s.call("cas(String,long,Object)", k, 0L, "cas unique zero");
        s.call("cas(String,long,Object)", p + "missing", 0L, "cas unique zero");
        s.call("get(String)", k);
        long cas3 = casOf(s, k);
        s.call("append(long,String,Object)", cas3 + 1000, k, "+stale");
        s.call("append(long,String,Object)", cas3, k, "+fresh");
        s.call("prepend(long,String,Object)", casOf(s, k) + 1000, k, "stale+");
        s.call("prepend(long,String,Object)", casOf(s, k), k, "fresh+");
        s.call("append(long,String,Object,Transcoder)", casOf(s, k), k, "!", new Tc("SerializingTranscoder"));
        s.call("prepend(long,String,Object,Transcoder)", casOf(s, k), k, "!", new Tc("SerializingTranscoder"));
        s.call("get(String)", k);
    }

    static void counters(Side s, String p, boolean binary) {
        String n = p + "n";
        for (String sig : List.of("incr(String,long)", "decr(String,long)")) {
            s.call(sig, n, 1L);
        }
        for (String sig : List.of("incr(String,int)", "decr(String,int)")) {
            s.call(sig, n, 1);
        }
        s.call("set(String,int,Object)", n, 0, "10");
        s.call("incr(String,long)", n, 5L);
        s.call("incr(String,int)", n, 2);
        s.call("decr(String,long)", n, 20L);
        s.call("decr(String,int)", n, 1);
        s.call("get(String)", n);
        s.call("incr(String,long,long)", p + "d1", 1L, 100L);
        s.call("incr(String,long,long)", p + "d1", 1L, 100L);
        s.call("incr(String,int,long)", p + "d2", 1, 100L);
        s.call("decr(String,long,long)", p + "d3", 1L, 50L);
        s.call("decr(String,long,long)", p + "d3", 1L, 50L);
        s.call("decr(String,int,long)", p + "d4", 1, 50L);
        s.call("incr(String,long,long,int)", p + "d5", 1L, 7L, 0);
        s.call("incr(String,long,long,int)", p + "d5", 1L, 7L, 0);
        s.call("incr(String,int,long,int)", p + "d6", 1, 7L, 100);
        s.call("decr(String,long,long,int)", p + "d7", 1L, 7L, 0);
        s.call("decr(String,int,long,int)", p + "d8", 1, 7L, 0);
        s.call("asyncIncr(String,long)", n, 1L);
        s.call("asyncIncr(String,int)", n, 1);
        s.call("asyncDecr(String,long)", n, 1L);
        s.call("asyncDecr(String,int)", n, 1);
        s.call("asyncIncr(String,long)", p + "missing", 1L);
        s.call("asyncDecr(String,int)", p + "missing", 1);
        s.call("asyncIncr(String,long,long)", p + "a1", 1L, 9L);
        s.call("asyncIncr(String,int,long)", p + "a2", 1, 9L);
        s.call("asyncDecr(String,long,long)", p + "a3", 1L, 9L);
        s.call("asyncDecr(String,int,long)", p + "a4", 1, 9L);
        s.call("asyncIncr(String,long,long,int)", p + "a5", 1L, 9L, 0);
        s.call("asyncIncr(String,int,long,int)", p + "a6", 1, 9L, 0);
        s.call("asyncDecr(String,long,long,int)", p + "a7", 1L, 9L, 0);
        s.call("asyncDecr(String,int,long,int)", p + "a8", 1, 9L, 0);
        s.call("asyncIncr(String,long,long,int)", p + "a9", 1L, 0L, -1);
        s.call("asyncIncr(String,long,long,int)", n, 1L, 0L, -1);
        if (binary) { // spymemcached's text protocol drops the connection here: DocumentedDifferencesTest
            s.call("set(String,int,Object)", p + "text", 0, "abc");
            s.call("incr(String,long)", p + "text", 1L);
            s.call("asyncIncr(String,long)", p + "text", 1L);
            s.call("get(String)", p + "text");
            s.call("incr(String,long,long)", p + "text", 1L, 5L);
        }
    }

    static void bulk(Side s, String p, boolean binary) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(p + "b" + i);
            if (i % 3 != 0) {
                s.invoke("set(String,int,Object)", p + "b" + i, 0, i % 2 == 0 ? i : "value " + i);
            }
        }
        s.invoke("set(String,int,Object,Transcoder)", p + "int", 0, 5, new Tc("IntegerTranscoder"));
        String[] array = keys.toArray(new String[0]);
        s.call("getBulk(String[])", (Object) array);
        s.call("getBulk(Collection)", keys);
        s.call("getBulk(Iterator)", keys.iterator());
        s.call("getBulk(Transcoder,String[])", new Tc("SerializingTranscoder"), array);
        s.call("getBulk(Collection,Transcoder)", keys, new Tc("SerializingTranscoder"));
        s.call("getBulk(Iterator,Transcoder)", keys.iterator(), new Tc("SerializingTranscoder"));
        s.call("asyncGetBulk(String[])", (Object) array);
        s.call("asyncGetBulk(Collection)", keys);
        s.call("asyncGetBulk(Iterator)", keys.iterator());
        s.call("asyncGetBulk(Transcoder,String[])", new Tc("SerializingTranscoder"), array);
        s.call("asyncGetBulk(Collection,Transcoder)", keys, new Tc("SerializingTranscoder"));
        s.call("asyncGetBulk(Iterator,Transcoder)", keys.iterator(), new Tc("SerializingTranscoder"));
        List<String> mixed = List.of(p + "b1", p + "int", p + "b2", p + "b4");
        TcIter perKey = new TcIter(List.of("SerializingTranscoder", "IntegerTranscoder", "SerializingTranscoder"));
        s.call("asyncGetBulk(Iterator,Iterator)", mixed.iterator(), perKey);
        s.call("asyncGetBulk(Collection,Iterator)", mixed, perKey);
        s.call("getBulk(String[])", (Object) new String[] {p + "b1", p + "b1", p + "b2"});
        s.call("getBulk(String[])", (Object) new String[0]);
        s.call("asyncGetBulk(Collection)", Collections.emptyList());
        Object future = s.invoke("asyncGetBulk(Collection)", keys);
        s.note("getSome", s.invokeOn(future, "getSome(long,TimeUnit)", 5000L, TimeUnit.MILLISECONDS));
        s.note("isTimeout", s.invokeOn(future, "isTimeout()"));
        s.note("get with timeout", s.invokeOn(future, "get(long,TimeUnit)", 5000L, TimeUnit.MILLISECONDS));
    }

    static void values(Side s, String p, boolean binary) {
        Values.all().forEach((name, value) -> {
            String key = p + name.replace(' ', '_').replace(',', '_');
            s.call("set(String,int,Object)", key, 0, value);
            s.note("get " + name, s.invoke("get(String)", key));
        });
        s.call("set(String,int,Object)", p + "null", 0, null);
    }

    static void keys(Side s, String p, boolean binary) {
        for (String key : List.of("x".repeat(250), "x".repeat(251), "", "é".repeat(125), "é".repeat(126), "ключ",
                "a b", "a\nb", "a\rb", "a\u0000b", "a\r\nset x 0 0 1")) {
            s.call("set(String,int,Object)", key, 0, "v");
            s.call("get(String)", key);
            s.call("delete(String)", key);
        }
        s.call("getBulk(String[])", (Object) new String[] {p + "ok", "x".repeat(251)});
        s.call("asyncGetBulk(Collection)", List.of(p + "ok", "bad key"));
        s.call("incr(String,long)", "bad key", 1L);
        s.call("asyncIncr(String,long)", "", 1L);
        s.call("touch(String,int)", "x".repeat(300), 0);
        s.call("gets(String)", "bad\nkey");
        s.call("cas(String,long,Object)", "bad key", 1L, "v");
        s.call("append(String,Object)", "bad key", "v");
    }

    static void serverErrors(Side s, String p, boolean binary) {
        s.call("set(String,int,Object)", p + "big", 0, new byte[2 * 1024 * 1024]);
        s.call("get(String)", p + "big");
        s.call("add(String,int,Object)", p + "big", 0, new byte[2 * 1024 * 1024]);
        s.call("set(String,int,Object)", p + "huge", 0, new byte[20 * 1024 * 1024 + 1]);
        s.call("set(String,int,Object)", p + "after", 0, "still fine");
        s.call("get(String)", p + "after");
    }

    static void serverCommands(Side s, String p, boolean binary) {
        s.call("set(String,int,Object)", p + "a", 0, "v");
        s.call("getVersions()");
        s.note("stats keys", keySets(s.invoke("getStats()")));
        s.note("stats settings keys", keySets(s.invoke("getStats(String)", "settings")));
        s.call("waitForQueues(long,TimeUnit)", 5L, TimeUnit.SECONDS);
        s.call("getAvailableServers()");
        s.call("getUnavailableServers()");
        if (!binary) { // both refuse; in binary spymemcached lists a refusal's words: DocumentedDifferencesTest
            s.call("listSaslMechanisms()");
        }
        s.note("transcoder", s.invoke("getTranscoder()").getClass().getSimpleName());
        Object locator = s.invoke("getNodeLocator()");
        for (int i = 0; i < 6; i++) {
            s.note("primary of k" + i, s.invokeOn(s.invokeOn(locator, "getPrimary(String)", "k" + i), "getSocketAddress()"));
        }
        s.note("all servers", s.invokeOn(locator, "getAll()").toString().isEmpty());
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Object observer = observer(s, events);
        s.call("addObserver(ConnectionObserver)", observer);
        s.note("observer events", new TreeSet<>(events));
        s.call("removeObserver(ConnectionObserver)", observer);
        s.call("flush()");
        s.call("get(String)", p + "a");
        s.call("set(String,int,Object)", p + "a", 0, "v");
        s.call("flush(int)", 0);
        s.call("get(String)", p + "a");
    }

    private static Map<Object, Object> keySets(Object stats) {
        Map<Object, Object> keys = new java.util.HashMap<>();
        ((Map<?, ?>) stats).forEach((server, values) -> keys.put(server, new TreeSet<>(((Map<?, ?>) values).keySet())));
        return keys;
    }

    private static Object observer(Side s, List<String> events) {
        return Proxy.newProxyInstance(s.impl().loader(), new Class<?>[] {s.impl().type("ConnectionObserver")},
                (proxy, method, args) -> switch (method.getName()) {
                    case "connectionEstablished" -> events.add("established " + s.describe(args[0]) + " " + args[1]) ? null : null;
                    case "connectionLost" -> events.add("lost " + s.describe(args[0])) ? null : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "observer";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static void mutator(Side s, String p, boolean binary) throws Exception {
        Class<?> clientType = s.impl().type("MemcachedClientIF");
        Class<?> transcoderType = s.impl().type("transcoders.Transcoder");
        Object mutator = s.impl().type("CASMutator").getConstructor(clientType, transcoderType)
                .newInstance(s.client(), s.impl().instance("transcoders.LongTranscoder"));
        Class<?> mutationType = s.impl().type("CASMutation");
        Object addOne = Proxy.newProxyInstance(s.impl().loader(), new Class<?>[] {mutationType},
                (proxy, method, args) -> method.getName().equals("getNewValue") ? (Long) args[0] + 1 : null);
        for (int i = 0; i < 3; i++) {
            s.note("mutate", s.invokeOn(mutator, "cas(String,Object,int,CASMutation)", p + "counter", 10L, 0, addOne));
        }
        s.note("mutate absent without initial", s.invokeOn(mutator, "cas(String,Object,int,CASMutation)", p + "none", null, 0, addOne));
        s.call("get(String,Transcoder)", p + "counter", new Tc("LongTranscoder"));
    }

    static void listeners(Side s, String p, boolean binary) throws Exception {
        s.invoke("set(String,int,Object)", p + "a", 0, "v");
        for (String[] call : List.of(new String[] {"asyncGet(String)", "GetCompletionListener"},
                new String[] {"asyncGets(String)", "OperationCompletionListener"},
                new String[] {"asyncGetBulk(String[])", "BulkGetCompletionListener"})) {
            Object arg = call[0].contains("String[]") ? new String[] {p + "a", p + "b"} : p + "a";
            Future<?> future = (Future<?>) s.invoke(call[0], arg);
            List<String> heard = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch called = new CountDownLatch(2);
            Object listener = s.listener(call[1], f -> {
                heard.add("thread " + Thread.currentThread().getName().replaceAll("-?\\d+$", "") + ", same future "
                        + (f == future) + ", done " + f.isDone());
                called.countDown();
            });
            s.invokeOn(future, "addListener(internal." + call[1] + ")", listener);
            future.get(5, TimeUnit.SECONDS);
            Object late = s.listener(call[1], f -> {
                heard.add("late listener, done " + f.isDone());
                called.countDown();
            });
            s.invokeOn(future, "addListener(internal." + call[1] + ")", late);
            s.note(call[0] + " listeners called", called.await(5, TimeUnit.SECONDS));
            s.note(call[0] + " listeners heard", new TreeSet<>(heard));
        }
    }

    static void shutdown(Side s, String p, boolean binary) {
        s.call("set(String,int,Object)", p + "a", 0, "v");
        s.call("shutdown(long,TimeUnit)", 5L, TimeUnit.SECONDS);
        s.call("shutdown(long,TimeUnit)", 5L, TimeUnit.SECONDS);
        s.call("get(String)", p + "a");
        s.call("set(String,int,Object)", p + "a", 0, "v");
        s.call("getBulk(String[])", (Object) new String[] {p + "a"});
        s.call("incr(String,long)", p + "a", 1L);
        s.call("flush()");
        s.call("getVersions()");
    }
}
