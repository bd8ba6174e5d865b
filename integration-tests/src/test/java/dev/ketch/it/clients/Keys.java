package dev.ketch.it.clients;

import java.util.concurrent.atomic.AtomicLong;

/** Keys no other test uses, so that scenarios sharing a server cannot see each other's items. */
public final class Keys {

    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private Keys() {
    }

    /** A key unique in this test JVM (and unlikely to clash with another run), mentioning {@code what}. */
    public static String unique(String what) {
        return "it-" + RUN + "-" + NEXT.incrementAndGet() + "-" + what;
    }
}
