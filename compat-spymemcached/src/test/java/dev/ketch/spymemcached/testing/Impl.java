package dev.ketch.spymemcached.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two implementations of spymemcached's API, spymemcached 2.12.3's jar and this module's
 * drop-in, each in a class loader of its own: both define {@code net.spy.memcached}. Code written
 * against that API (the {@code dev.ketch.spymemcached.scenario} package of the tests, compiled
 * against the drop-in) is loaded anew in each, so the same bytecode runs on both.
 */
public enum Impl {
    SPYMEMCACHED,
    KETCH;

    /** The classes each implementation loads itself rather than from the test class path. */
    private static final List<String> OWN = List.of("net.spy.memcached.", "dev.ketch.spymemcached.scenario.");

    private volatile ClassLoader loader;

    /** This implementation's class loader. */
    public ClassLoader loader() {
        ClassLoader l = loader;
        if (l == null) {
            synchronized (this) {
                if (loader == null) {
                    loader = new ChildFirst(this + " class loader", this == SPYMEMCACHED ? spymemcachedJar() : dropInClasses(),
                            location(Impl.class));
                }
                l = loader;
            }
        }
        return l;
    }

    /** The jar the build copied for the tests (see the module's pom). */
    private static URL spymemcachedJar() {
        String path = System.getProperty("spymemcached.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("spymemcached.jar (system property) names no file: " + path
                    + "; run the tests through Maven, which copies spymemcached's jar");
        }
        try {
            return Path.of(path).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL dropInClasses() {
        try {
            return location(Class.forName("net.spy.memcached.MemcachedClient"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the drop-in is not on the test class path", e);
        }
    }

    private static URL location(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (MalformedURLException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a client is configured in a test. */
    public record Settings(boolean binary, long opTimeoutMillis, String failureMode) {

        public static Settings of(boolean binary) {
            return new Settings(binary, 2500, "Redistribute");
        }

        public Settings timeout(long millis) {
            return new Settings(binary, millis, failureMode);
        }

        public Settings failureMode(String mode) {
            return new Settings(binary, opTimeoutMillis, mode);
        }
    }

    /** A client of {@code servers}, built through this implementation's ConnectionFactoryBuilder. */
    public Object client(Settings settings, List<InetSocketAddress> servers) {
        return call("Clients", "build", settings.binary(), settings.opTimeoutMillis(), settings.failureMode(), servers);
    }

    /** A new instance of this implementation's class {@code simpleName} (e.g. {@code transcoders.LongTranscoder}). */
    public Object instance(String simpleName) {
        try {
            return type(simpleName).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This implementation's class {@code simpleName} of {@code net.spy.memcached}. */
    public Class<?> type(String simpleName) {
        return load("net.spy.memcached." + simpleName);
    }

    /** This implementation's class {@code name}, or null if it has none. */
    public Class<?> find(String name) {
        try {
            return Class.forName(name, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(this + " has no " + name, e);
        }
    }

    /**
     * Calls the public static method {@code method} of the scenario class {@code scenario} (simple
     * name, in {@code dev.ketch.spymemcached.scenario}) as loaded by this implementation, with the
     * first method of that name taking {@code args.length} arguments. What it throws is thrown.
     */
    @SuppressWarnings("unchecked")
    public <T> T call(String scenario, String method, Object... args) {
        Class<?> type = load("dev.ketch.spymemcached.scenario." + scenario);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return (T) m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(this + ": " + scenario + "." + method, cause);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(scenario + " has no static " + method + " of " + args.length + " arguments");
    }

    /** Loads {@link #OWN} packages from its own URLs first, everything else from the test class path. */
    private static final class ChildFirst extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        ChildFirst(String name, URL implementation, URL tests) {
            super(name, new URL[] {implementation, tests}, Impl.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (OWN.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
