package net.spy.memcached;

import java.util.concurrent.CountDownLatch;

/**
 * A non-daemon thread that keeps the JVM running until the client is shut down, as spymemcached's
 * I/O thread does unless the factory says {@code isDaemon()} (Ketch's own threads are daemons).
 */
final class KeepAlive {

    private final CountDownLatch stopped = new CountDownLatch(1);

    private KeepAlive() {
    }

    /** Starts the thread; {@code name} names it. */
    static KeepAlive start(String name) {
        KeepAlive keepAlive = new KeepAlive();
        Thread thread = new Thread(() -> {
            while (keepAlive.stopped.getCount() > 0) {
                try {
                    keepAlive.stopped.await();
                } catch (InterruptedException e) {
                    // only shutdown ends this thread
                }
            }
        }, name);
        thread.setDaemon(false);
        thread.start();
        return keepAlive;
    }

    void stop() {
        stopped.countDown();
    }
}
