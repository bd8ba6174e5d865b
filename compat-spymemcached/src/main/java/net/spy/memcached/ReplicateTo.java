package net.spy.memcached;

/** Couchbase's replication requirement: to how many replicas an item must be copied. */
public enum ReplicateTo {
    /** No requirement. */
    ZERO(0),
    /** One replica. */
    ONE(1),
    /** Two replicas. */
    TWO(2),
    /** Three replicas. */
    THREE(3);

    private final int value;

    ReplicateTo(int value) {
        this.value = value;
    }

    /** The number of replicas. */
    public int getValue() {
        return value;
    }
}
