package dev.ketch.client.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition the system under test brings about by itself (a poll, a refresh), with a generous bound. */
public final class Await {

    /** Far beyond any poll interval the tests use: only a broken client waits this long. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test, saying {@code what}, after {@link #BOUND}. */
    public static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("still not " + what + " after " + BOUND.toSeconds() + " s: " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
