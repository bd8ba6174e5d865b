package net.spy.memcached;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The synchronous calls' waiting, with spymemcached's exceptions: a timeout becomes {@link
 * OperationTimeoutException}, a cancellation is rethrown as the {@link CancellationException}, a
 * failure is wrapped in {@code RuntimeException}, an interrupt too (with the flag kept).
 */
final class Waits {

    /** The messages of one kind of call. */
    record Messages(String interrupted, String failed, String timedOut) {
    }

    static final Messages VALUE = new Messages("Interrupted waiting for value", "Exception waiting for value",
            "Timeout waiting for value");
    static final Messages BULK = new Messages("Interrupted getting bulk values", "Exception waiting for bulk values",
            "Timeout waiting for bulk values");

    private Waits() {
    }

    /**
     * Waits for {@code future} up to {@code millis}.
     *
     * @param detail appended to the timeout message, or null
     */
    static <T> T await(Future<T> future, long millis, Messages messages, Supplier<String> detail) {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(messages.interrupted(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                throw (CancellationException) e.getCause();
            }
            throw new RuntimeException(messages.failed(), e);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException(detail == null ? messages.timedOut() : messages.timedOut() + ": " + detail.get(), e);
        }
    }
}
