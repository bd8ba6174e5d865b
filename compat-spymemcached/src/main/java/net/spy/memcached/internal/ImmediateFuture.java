package net.spy.memcached.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A future that is complete from the start: with a value, or failed with an exception. */
public class ImmediateFuture implements Future<Boolean> {

    private final Boolean value;
    private final ExecutionException exception;

    /** A future of {@code returnValue}. */
    public ImmediateFuture(Boolean returnValue) {
        value = returnValue;
        exception = null;
    }

    /** A future failed with {@code e}. */
    public ImmediateFuture(Exception e) {
        value = null;
        exception = new ExecutionException(e);
    }

    /** False: it is complete. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public Boolean get() throws InterruptedException, ExecutionException {
        if (exception != null) {
            throw exception;
        }
        return value;
    }

    @Override
    public Boolean get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return get();
    }

    /** False. */
    @Override
    public boolean isCancelled() {
        return false;
    }

    /** True. */
    @Override
    public boolean isDone() {
        return true;
    }
}
