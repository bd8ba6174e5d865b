package dev.ketch.spymemcached.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client of spymemcached's API (spymemcached's or the adapter), driven by method signatures so
 * that one scenario runs unchanged on both, and each call's outcome written to a transcript in
 * terms that do not depend on the implementation: values, enum names, status success, code and
 * message, exception class names (with their causes), CAS uniques only as "present".
 */
public final class Side implements AutoCloseable {

    /** A stand-in for a transcoder argument: each side passes its own class of this name. */
    public record Tc(String simpleName) {
    }

    /** A stand-in for an iterator of transcoders. */
    public record TcIter(List<String> simpleNames) {
    }

    private final Impl impl;
    private final Object client;
    private final List<? extends SocketAddress> servers;
    private final List<String> transcript = new ArrayList<>();

    public Side(Impl impl, Object client, List<? extends SocketAddress> servers) {
        this.impl = impl;
        this.client = client;
        this.servers = servers;
    }

    /**
     * Waits until every server is connected: spymemcached sends what is issued before to whichever
     * server happens to be connected already (FailureMode.Redistribute), so a scenario starting
     * earlier would depend on connection timing.
     */
    public Side connected() {
        return connected(servers.size());
    }

    /** Waits until {@code count} servers are connected. */
    public Side connected(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (((Collection<?>) invoke("getAvailableServers()")).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(impl + " did not connect to " + servers);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    public Impl impl() {
        return impl;
    }

    public Object client() {
        return client;
    }

    public List<String> transcript() {
        return transcript;
    }

    /** Calls {@code signature} (e.g. {@code "set(String,int,Object)"}) and records the outcome. */
    public Object call(String signature, Object... args) {
        Object result = invoke(signature, args);
        note(signature, result);
        return result;
    }

    /** Records {@code value} under {@code label}. */
    public void note(String label, Object value) {
        transcript.add(label + " -> " + describe(value));
    }

    /** Calls {@code signature} without recording; a thrown exception is returned. */
    public Object invoke(String signature, Object... args) {
        return invokeOn(client, signature, args);
    }

    /** Calls {@code signature} on {@code target} (a future, a status); a thrown exception is returned. */
    public Object invokeOn(Object target, String signature, Object... args) {
        int open = signature.indexOf('(');
        String name = signature.substring(0, open);
        String params = signature.substring(open + 1, signature.length() - 1);
        List<Class<?>> types = new ArrayList<>();
        if (!params.isEmpty()) {
            for (String type : params.split(",")) {
                types.add(type(type.trim()));
            }
        }
        Object[] actual = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            actual[i] = argument(args[i]);
        }
        try {
            Method method = target.getClass().getMethod(name, types.toArray(new Class<?>[0]));
            method.setAccessible(true);
            return method.invoke(target, actual);
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(impl + " has no " + signature, e);
        }
    }

    private Class<?> type(String name) {
        return switch (name) {
            case "String" -> String.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "boolean" -> boolean.class;
            case "Object" -> Object.class;
            case "Collection" -> Collection.class;
            case "Iterator" -> Iterator.class;
            case "String[]" -> String[].class;
            case "TimeUnit" -> TimeUnit.class;
            case "Transcoder" -> impl.type("transcoders.Transcoder");
            default -> impl.type(name);
        };
    }

    private Object argument(Object arg) {
        if (arg instanceof Tc tc) {
            return impl.instance("transcoders." + tc.simpleName());
        }
        if (arg instanceof TcIter it) {
            return it.simpleNames().stream().map(n -> impl.instance("transcoders." + n)).iterator();
        }
        return arg;
    }

    /** A listener of this side's {@code internal.<type>} that hands the future it is called with to {@code onComplete}. */
    public Object listener(String type, Consumer<Future<?>> onComplete) {
        Class<?> listenerType = impl.type("internal." + type);
        return Proxy.newProxyInstance(impl.loader(), new Class<?>[] {listenerType}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "onComplete":
                    onComplete.accept((Future<?>) args[0]);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "listener";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    /** Describes {@code o} in implementation-neutral terms. */
    public String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Throwable t) {
            return "threw " + chain(t);
        }
        if (o instanceof String s) {
            return "\"" + s + "\"";
        }
        if (o instanceof byte[] b) {
            return "byte[" + (b.length > 64 ? b.length + " bytes" : HexFormat.of().formatHex(b)) + "]";
        }
        if (o instanceof Future<?> f) {
            return describeFuture(f);
        }
        if (o instanceof Enum<?> e) {
            return e.getDeclaringClass().getSimpleName() + "." + e.name();
        }
        if (o instanceof SocketAddress a) {
            int index = servers.indexOf(a);
            return index >= 0 ? "server#" + index : "unknown server";
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(describe(k), describe(v)));
            return "{" + String.join(", ", sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + "}";
        }
        if (o instanceof Set<?> s) {
            return "set" + s.stream().map(this::describe).sorted().toList();
        }
        if (o instanceof Collection<?> c) {
            return "list" + c.stream().map(this::describe).toList();
        }
        if (o instanceof Date d) {
            return "Date(" + d.getTime() + ")";
        }
        String type = o.getClass().getSimpleName();
        if (type.equals("CASValue")) {
            long cas = (Long) invokeOn(o, "getCas()");
            return "CASValue(" + describe(invokeOn(o, "getValue()")) + ", cas " + (cas > 0 ? "present" : String.valueOf(cas)) + ")";
        }
        if (type.endsWith("OperationStatus")) {
            return "Status(" + invokeOn(o, "isSuccess()") + ", " + describe(invokeOn(o, "getStatusCode()")) + ", "
                    + describe(invokeOn(o, "getMessage()")) + ")";
        }
        return type + "(" + o + ")";
    }

    private String describeFuture(Future<?> f) {
        Object value;
        try {
            value = f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            value = e;
        }
        StringBuilder text = new StringBuilder("future(get ").append(describe(value));
        text.append(", status ").append(describe(invokeOn(f, "getStatus()")));
        if (hasMethod(f, "getCas")) {
            Object cas = invokeOn(f, "getCas()");
            text.append(", cas ").append(cas instanceof Long n ? (n > 0 ? "present" : n) : describe(cas));
        }
        if (hasMethod(f, "getKey")) {
            text.append(", key ").append(describe(invokeOn(f, "getKey()")));
        }
        text.append(", done ").append(f.isDone()).append(", cancelled ").append(f.isCancelled());
        return text.append(")").toString();
    }

    private static boolean hasMethod(Object o, String name) {
        for (Method m : o.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Exception class names from the outermost in, with the messages that name no server. The cause
     * the adapter gives a timeout (why Ketch gave up, e.g. a connection failure) has no counterpart in
     * spymemcached and is not described.
     */
    public static String chain(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (int depth = 0; t != null && depth < 4; depth++) {
            if (depth > 0) {
                text.append(" <- ");
            }
            String type = t.getClass().getSimpleName();
            text.append(type);
            String message = t.getMessage();
            boolean namesServer = message != null && (message.contains("node") || message.contains("Node status")
                    || message.contains("/127.0.0.1"));
            boolean causeText = t.getCause() != null && String.valueOf(t.getCause()).equals(message);
            if (message != null && !namesServer && !causeText) {
                text.append("(").append(message).append(")");
            }
            t = type.equals("CheckedOperationTimeoutException") ? null : t.getCause();
        }
        return text.toString();
    }

    @Override
    public void close() {
        invoke("shutdown()");
    }
}
