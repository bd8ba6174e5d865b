package net.spy.memcached.internal;

import java.util.EventListener;
import java.util.concurrent.Future;

/**
 * Called once when a future completes (or is cancelled), on the client's listener executor, never on
 * an I/O thread.
 *
 * @param <F> the future type
 */
public interface GenericCompletionListener<F extends Future<?>> extends EventListener {

    /** {@code future} is done; exceptions thrown here are logged and otherwise ignored. */
    void onComplete(F future) throws Exception;
}
