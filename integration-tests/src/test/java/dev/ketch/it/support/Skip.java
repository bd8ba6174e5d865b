package dev.ketch.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Skips a test (JUnit assumption) when an optional part of the environment is missing, and says
 * so once on stdout: Maven's console summary only counts skips, it does not show their reasons.
 */
public final class Skip {

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Skip() {
    }

    /** Skips the calling test with {@code message} (what to install or set) unless {@code condition}. */
    public static void unless(boolean condition, String message) {
        if (!condition && ANNOUNCED.add(message)) {
            System.out.println("SKIPPED: " + message);
        }
        assumeTrue(condition, message);
    }
}
