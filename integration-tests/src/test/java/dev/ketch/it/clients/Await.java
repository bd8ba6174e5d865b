package dev.ketch.it.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the futures that asynchronous clients return, never longer than {@link ClientTimeouts#OPERATION}. */
public final class Await {

    private Await() {
    }

    /** The value {@code stage} completes with; its failure is rethrown as is (unwrapped). */
    public static <T> T result(CompletionStage<T> stage) throws Exception {
        return result((Future<T>) stage.toCompletableFuture());
    }

    /** The value {@code future} completes with; its failure is rethrown as is (unwrapped). */
    public static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get(ClientTimeouts.OPERATION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("no result within " + ClientTimeouts.OPERATION.toMillis() + " ms");
        }
    }

    /** The exception {@code stage} fails with; fails the test if it completes normally or times out. */
    public static Throwable failure(CompletionStage<?> stage) throws InterruptedException {
        try {
            Object value = stage.toCompletableFuture().get(ClientTimeouts.OPERATION.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a failure, but the operation completed with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("expected a failure reported by the client, but the operation did not complete within "
                    + ClientTimeouts.OPERATION.toMillis() + " ms");
        }
    }
}
