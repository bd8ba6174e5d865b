package net.spy.memcached.ops;

/** The status of a cancelled operation: not successful, {@code "cancelled"}, {@link StatusCode#CANCELLED}. */
public class CancelledOperationStatus extends OperationStatus {

    public CancelledOperationStatus() {
        super(false, "cancelled", StatusCode.CANCELLED);
    }
}
