package dev.ketch.it.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test whose clients left threads running after it: every thread started during the test
 * must have ended within {@link ClientTimeouts#THREADS_END} after it, except the JVM-wide pools some
 * libraries keep on purpose (Folsom's shared Netty event loop and reply executor, Netty's global
 * executor, JUnit's and this module's helpers).
 */
public final class NoLeakedClientThreads implements BeforeEachCallback, AfterEachCallback {

    /** Name prefixes of threads that are shared by design and outlive any one client. */
    private static final List<String> SHARED_POOLS = List.of(
            "defaultRawMemcacheClient-", // Folsom: one static Netty event loop group for all clients
            "ForkJoinPool-",             // Folsom: its static reply executor
            "ForkJoinPool.commonPool-",  // the JDK's common pool (completions of async futures)
            "folsom-reconnecter",        // Folsom: static reconnect scheduler
            "globalEventExecutor-",      // Netty's global executor, ends itself when idle
            "process reaper",            // the JDK's process reaper (servers started as processes)
            "text-connection-write-watchdog",
            "junit-");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NoLeakedClientThreads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", new HashSet<>(liveThreads()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> before = context.getStore(NAMESPACE).remove("before", Set.class);
        long deadline = System.nanoTime() + ClientTimeouts.THREADS_END.toNanos();
        Set<Thread> leaked;
        do {
            leaked = liveThreads().stream()
                    .filter(t -> !before.contains(t) && SHARED_POOLS.stream().noneMatch(t.getName()::startsWith))
                    .collect(Collectors.toSet());
            if (leaked.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("threads started during the test still run " + ClientTimeouts.THREADS_END.toSeconds()
                + " s after it (a client was not shut down?): "
                + leaked.stream().map(Thread::getName).sorted().toList());
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
