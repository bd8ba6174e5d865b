package net.spy.memcached.ops;

/** The status of an operation that timed out: not successful, {@code "timed out"}, {@link StatusCode#TIMEDOUT}. */
public class TimedOutOperationStatus extends OperationStatus {

    public TimedOutOperationStatus() {
        super(false, "timed out", StatusCode.TIMEDOUT);
    }
}
