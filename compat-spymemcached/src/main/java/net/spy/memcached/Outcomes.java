package net.spy.memcached;

import dev.ketch.client.CasResult;
import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheClosedException;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.StoreReply;
import net.spy.memcached.ops.OperationErrorType;
import net.spy.memcached.ops.OperationException;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Turns Ketch's results and failures into the outcomes spymemcached reports for the same server
 * reply: its statuses (which differ between the text and binary protocol: a text get miss is a
 * successful {@code END}, a binary one {@code Not found}), its refusal values (false, -1, null),
 * and its exceptions.
 */
final class Outcomes {

    private static final OperationStatus OK = new OperationStatus(true, "OK", StatusCode.SUCCESS);
    private static final OperationStatus END = new OperationStatus(true, "END", StatusCode.SUCCESS);
    private static final OperationStatus STORED = new OperationStatus(true, "STORED", StatusCode.SUCCESS);
    private static final OperationStatus DELETED = new OperationStatus(true, "DELETED", StatusCode.SUCCESS);
    private static final OperationStatus TOUCHED = new OperationStatus(true, "TOUCHED", StatusCode.SUCCESS);
    private static final OperationStatus TEXT_NOT_FOUND = new OperationStatus(false, "NOT_FOUND", StatusCode.ERR_NOT_FOUND);
    private static final OperationStatus TEXT_NOT_STORED = new OperationStatus(false, "NOT_STORED", StatusCode.ERR_NOT_STORED);
    private static final OperationStatus TEXT_EXISTS = new OperationStatus(false, "EXISTS", StatusCode.ERR_EXISTS);
    // memcached's binary error texts, which spymemcached shows as the status message
    private static final OperationStatus BINARY_NOT_FOUND = new OperationStatus(false, "Not found", StatusCode.ERR_NOT_FOUND);
    private static final OperationStatus BINARY_EXISTS = new OperationStatus(false, "Data exists for key.", StatusCode.ERR_EXISTS);
    private static final OperationStatus BINARY_NOT_STORED = new OperationStatus(false, "Not stored.", StatusCode.ERR_NOT_STORED);

    private final boolean binary;
    private final FailureMode failureMode;

    Outcomes(boolean binary, FailureMode failureMode) {
        this.binary = binary;
        this.failureMode = failureMode;
    }

    /** set, add, replace: in the binary protocol with the stored item's CAS unique. */
    Outcome<Boolean> stored(StoreReply reply) {
        if (reply.stored()) {
            return Outcome.completed(true, binary ? OK : STORED, binary ? reply.cas() : null);
        }
        return Outcome.completed(false, refusal(reply.status()));
    }

    /** append, prepend: spymemcached reports no CAS unique for them. */
    Outcome<Boolean> concatenated(StoreReply reply) {
        return reply.stored() ? Outcome.completed(true, binary ? OK : STORED) : Outcome.completed(false, refusal(reply.status()));
    }

    /** asyncCAS. */
    Outcome<CASResponse> swapped(StoreReply reply) {
        if (reply.stored()) {
            return Outcome.completed(CASResponse.OK, binary ? OK : STORED, binary ? reply.cas() : null);
        }
        boolean changed = reply.status() == MemcacheStatus.KEY_EXISTS;
        OperationStatus status = binary ? refusal(reply.status()) : changed ? TEXT_EXISTS : TEXT_NOT_FOUND;
        return Outcome.completed(changed ? CASResponse.EXISTS : CASResponse.NOT_FOUND, status);
    }

    private OperationStatus refusal(MemcacheStatus status) {
        if (!binary) {
            return TEXT_NOT_STORED;
        }
        return switch (status) {
            case KEY_EXISTS -> BINARY_EXISTS;
            case KEY_NOT_FOUND -> BINARY_NOT_FOUND;
            default -> BINARY_NOT_STORED;
        };
    }

    /** get, gets, getAndTouch: a hit decoded when first read, or null (a miss is NOT_FOUND in both protocols). */
    <T> Outcome<T> read(boolean hit, Supplier<T> decode) {
        if (hit) {
            return Outcome.decoded(decode, binary ? OK : END);
        }
        return Outcome.completed(null, notFound());
    }

    /** The success of a server command whose text reply is {@code textReply} ({@code OK}, {@code END}). */
    OperationStatus answered(String textReply) {
        return binary ? OK : new OperationStatus(true, textReply, StatusCode.SUCCESS);
    }

    /** The status of a bulk get every server answered. */
    OperationStatus bulkAnswered() {
        return binary ? OK : END;
    }

    /** delete: a binary reply carries a CAS unique, which memcached sets to 0 for a delete. */
    Outcome<Boolean> deleted(boolean found) {
        return found ? deleted() : Outcome.completed(false, notFound());
    }

    private Outcome<Boolean> deleted() {
        return binary ? Outcome.completed(true, OK, 0L) : Outcome.completed(true, DELETED);
    }

    /** delete with a CAS unique. */
    Outcome<Boolean> deletedIfUnchanged(CasResult result) {
        return switch (result) {
            case OK -> deleted();
            case EXISTS -> Outcome.completed(false, binary ? BINARY_EXISTS : TEXT_EXISTS);
            case NOT_FOUND -> Outcome.completed(false, notFound());
        };
    }

    /** touch. */
    Outcome<Boolean> touched(boolean found) {
        return found ? Outcome.completed(true, binary ? OK : TOUCHED) : Outcome.completed(false, notFound());
    }

    /** incr, decr: the new value, or -1 for an absent key. */
    Outcome<Long> counted(Long value) {
        if (value == null) {
            return Outcome.completed(-1L, notFound());
        }
        return Outcome.completed(value, new OperationStatus(true, String.valueOf(value), StatusCode.SUCCESS));
    }

    /** flush. */
    Outcome<Boolean> flushed() {
        return Outcome.completed(true, OK);
    }

    private OperationStatus notFound() {
        return binary ? BINARY_NOT_FOUND : TEXT_NOT_FOUND;
    }

    /**
     * What spymemcached reports when the operation fails this way. A server Ketch cannot reach
     * (connection refused or lost, authentication refused) is reported as spymemcached reports a
     * server that is down under the configured {@link FailureMode}: cancelled under {@code Cancel},
     * timed out otherwise, at once rather than after the timeout. A closed client cancels. An error
     * reply fails the operation in the text protocol; in the binary protocol it completes with
     * {@code refusal} and the error's status, except an internal error.
     *
     * @param refusal what a binary error status returns (false, -1, null)
     */
    <T> Outcome<T> failed(Throwable failure, T refusal) {
        Throwable t = unwrap(failure);
        if (t instanceof MemcacheTimeoutException) {
            return Outcome.timedOut(t);
        }
        if (t instanceof MemcacheClosedException) {
            return Outcome.cancelled();
        }
        if (unreachable(t)) {
            return Outcome.unreachable(t);
        }
        if (t instanceof MemcacheServerException) {
            return serverError((MemcacheServerException) t, refusal);
        }
        return Outcome.failed(t, new OperationStatus(false, String.valueOf(t), StatusCode.ERR_CLIENT));
    }

    /**
     * A server this client cannot use now (refused, lost, or dead under fail-fast:
     * {@code MemcacheUnavailableException} is a {@link MemcacheConnectionException}).
     */
    private static boolean unreachable(Throwable t) {
        return t instanceof MemcacheConnectionException || t instanceof MemcacheAuthenticationException;
    }

    private <T> Outcome<T> serverError(MemcacheServerException e, T refusal) {
        if (binary) {
            StatusCode code = StatusCode.fromBinaryCode(e.status().binaryCode());
            OperationStatus status = new OperationStatus(false, e.serverMessage(), code);
            if (code == StatusCode.ERR_INTERNAL || code == StatusCode.ERR_CLIENT) {
                return Outcome.failed(new OperationException(OperationErrorType.SERVER, e.serverMessage()), status);
            }
            return Outcome.completed(refusal, status);
        }
        String message = e.serverMessage();
        OperationException error;
        switch (e.status()) {
            case UNKNOWN_COMMAND:
                error = new OperationException();
                break;
            case INVALID_ARGUMENTS:
            case NON_NUMERIC_VALUE:
                error = new OperationException(OperationErrorType.CLIENT, "CLIENT_ERROR " + message);
                break;
            default:
                error = new OperationException(OperationErrorType.SERVER, "SERVER_ERROR " + message);
        }
        return Outcome.failed(error, new OperationStatus(false, error.getMessage(), StatusCode.ERR_INTERNAL));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
