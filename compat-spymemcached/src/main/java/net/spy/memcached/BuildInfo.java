package net.spy.memcached;

import java.io.FileNotFoundException;
import java.net.URL;
import java.util.Properties;

/**
 * Build facts, as spymemcached's generated class gives them. {@link #VERSION} is the spymemcached
 * API this jar implements; the other constants name this jar rather than a spymemcached build.
 */
public final class BuildInfo extends Properties {

    private static final long serialVersionUID = 1L;

    /** The spymemcached version whose API this jar implements. */
    public static final String VERSION = "2.12.3";
    /** The source revision: this jar is Ketch's drop-in, not a spymemcached build. */
    public static final String GIT_HASH = "ketch-spymemcached";
    /** The spymemcached version whose API this jar implements. */
    public static final String TREE_VERSION = "2.12.3";
    /** Not recorded. */
    public static final String COMPILE_USER = "ketch";
    /** Not recorded. */
    public static final String COMPILE_HOST = "ketch";
    /** Not recorded. */
    public static final String COMPILE_DATE = "ketch";

    /** The facts above as properties ({@code build.version}, {@code git.hash}, ...). */
    public BuildInfo() {
        setProperty("build.version", VERSION);
        setProperty("git.hash", GIT_HASH);
        setProperty("tree.version", TREE_VERSION);
        setProperty("java.vendor", System.getProperty("java.vendor"));
        setProperty("java.version", System.getProperty("java.version"));
    }

    @Override
    public synchronized String toString() {
        return "spymemcached API " + VERSION + " (" + GIT_HASH + ")";
    }

    /**
     * The resource {@code rel} next to this class.
     *
     * @throws FileNotFoundException if there is none
     */
    public URL getFile(String rel) throws FileNotFoundException {
        URL url = BuildInfo.class.getResource(rel);
        if (url == null) {
            throw new FileNotFoundException("Can't find " + rel + " relative to " + BuildInfo.class);
        }
        return url;
    }

    /** Prints the build facts. */
    public static void main(String[] args) throws Exception {
        System.out.println(new BuildInfo());
    }
}
