package net.spy.memcached;

/** Couchbase's persistence requirement: on how many servers an item must be on disk. */
public enum PersistTo {
    /** No requirement. */
    ZERO(0),
    /** The master. */
    MASTER(1),
    /** One server. */
    ONE(1),
    /** Two servers. */
    TWO(2),
    /** Three servers. */
    THREE(3),
    /** Four servers. */
    FOUR(4);

    private final int value;

    PersistTo(int value) {
        this.value = value;
    }

    /** The number of servers. */
    public int getValue() {
        return value;
    }
}
