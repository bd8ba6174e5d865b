package dev.ketch.bench;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * An older build of Ketch's client in the same JVM, to compare before and after in one run: its
 * classes (a {@code client/target/classes} directory or a ketch-client jar, given by
 * {@code -Dketch.baseline=PATH}) are loaded child-first beside the current ones, together with a
 * second copy of {@link KetchBenchClient}; Netty and everything else are shared.
 */
final class Baseline {

    private static ClassLoader loader;

    private Baseline() {
    }

    static BenchClient create(int port, String protocol, String name) throws Exception {
        Class<?> adapter = Class.forName(KetchBenchClient.class.getName(), true, loader());
        return (BenchClient) adapter.getMethod("create", int.class, String.class, String.class).invoke(null, port, protocol,
                name);
    }

    private static synchronized ClassLoader loader() throws IOException {
        if (loader == null) {
            String path = System.getProperty("ketch.baseline");
            if (path == null || !new File(path).exists()) {
                throw new IllegalStateException("-before clients need -Dketch.baseline=<older client classes or jar>, not "
                        + path);
            }
            URL adapterHome = KetchBenchClient.class.getProtectionDomain().getCodeSource().getLocation();
            loader = new ChildFirst(new URL[] {Path.of(path).toUri().toURL(), adapterHome},
                    Baseline.class.getClassLoader());
        }
        return loader;
    }

    /** Loads the client's classes and the adapter itself first; everything else from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.ketch.client.") && !name.startsWith(KetchBenchClient.class.getName())) {
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
    }
}
