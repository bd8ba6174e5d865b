package net.spy.memcached;

import net.spy.memcached.ops.CancelledOperationStatus;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.TimedOutOperationStatus;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How one Ketch request ended, in spymemcached's terms: completed (with a value that may still need
 * decoding, a status and perhaps a CAS unique), timed out, cancelled, failed, or its server could not
 * be reached. {@link KetchOperation} turns it into the operation's callbacks.
 *
 * @param <T> the value type
 */
final class Outcome<T> {

    /** The ways an operation ends. */
    enum Kind {
        /** The server answered; the status says whether the operation did what it was asked. */
        COMPLETED,
        /** No answer within the operation timeout (or the server could not be reached: see the cause). */
        TIMED_OUT,
        /** Cancelled, by the application or because its server is down under {@code FailureMode.Cancel}. */
        CANCELLED,
        /** An error reply or a local failure. */
        FAILED,
        /** The server cannot be reached now (refused, lost, authentication refused, ejected). */
        UNREACHABLE
    }

    private static final OperationStatus TIMED_OUT = new TimedOutOperationStatus();
    private static final OperationStatus CANCELLED = new CancelledOperationStatus();

    private final Kind kind;
    private final Supplier<T> value;
    private final OperationStatus status;
    private final Long cas;
    private final Throwable cause;

    private Outcome(Kind kind, Supplier<T> value, OperationStatus status, Long cas, Throwable cause) {
        this.kind = kind;
        this.value = value;
        this.status = status;
        this.cas = cas;
        this.cause = cause;
    }

    /** The server answered with {@code value}. */
    static <T> Outcome<T> completed(T value, OperationStatus status) {
        return completed(value, status, null);
    }

    /** The server answered with {@code value} and a CAS unique (null if it gave none). */
    static <T> Outcome<T> completed(T value, OperationStatus status, Long cas) {
        return new Outcome<>(Kind.COMPLETED, () -> value, status, cas, null);
    }

    /** The server answered; {@code decode} computes the value when it is first asked for, once. */
    static <T> Outcome<T> decoded(Supplier<T> decode, OperationStatus status) {
        return new Outcome<>(Kind.COMPLETED, new Once<>(decode), status, null, null);
    }

    /** No answer in time; {@code cause} (may be null) says why Ketch gave up. */
    static <T> Outcome<T> timedOut(Throwable cause) {
        return new Outcome<>(Kind.TIMED_OUT, () -> null, TIMED_OUT, null, cause);
    }

    /** Cancelled. */
    static <T> Outcome<T> cancelled() {
        return new Outcome<>(Kind.CANCELLED, () -> null, CANCELLED, null, null);
    }

    /** The server cannot be reached now, for the reason {@code cause}. */
    static <T> Outcome<T> unreachable(Throwable cause) {
        return new Outcome<>(Kind.UNREACHABLE, () -> null, TIMED_OUT, null, cause);
    }

    /** Failed with {@code cause}. */
    static <T> Outcome<T> failed(Throwable cause, OperationStatus status) {
        return new Outcome<>(Kind.FAILED, () -> null, status, null, Objects.requireNonNull(cause, "cause"));
    }

    Kind kind() {
        return kind;
    }

    OperationStatus status() {
        return status;
    }

    /** The CAS unique the server returned, or null. */
    Long cas() {
        return cas;
    }

    /** Why it failed or timed out; null if it did not, or for a plain timeout. */
    Throwable cause() {
        return cause;
    }

    /**
     * The value of a completed operation (null otherwise), decoding it on the first call.
     *
     * @throws ExecutionException if decoding fails (with the transcoder's exception as cause)
     */
    T value() throws ExecutionException {
        try {
            return value.get();
        } catch (RuntimeException | Error e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public String toString() {
        return "Outcome[" + kind + " " + status + "]";
    }

    /** Runs a decoder at most once and remembers its result or failure. */
    private static final class Once<T> implements Supplier<T> {
        private Supplier<T> decode;
        private T result;
        private RuntimeException failure;

        Once(Supplier<T> decode) {
            this.decode = decode;
        }

        @Override
        public synchronized T get() {
            if (decode != null) {
                try {
                    result = decode.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                decode = null;
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
