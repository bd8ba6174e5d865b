package dev.ketch.server.engine;

/**
 * The outcome of an incr/decr, filled in by {@link Cache#arithmetic}. Reusable: a connection keeps
 * one and passes it to every call.
 */
public final class ArithmeticResult {

    /** What happened. */
    public enum Status {
        /** {@link #value()} holds the new value. */
        OK,
        /** The item's value is not a decimal number that fits 64 bits. */
        NON_NUMERIC,
        /** The new value needed a new item and there was no memory for it. */
        NO_MEMORY,
        NOT_FOUND,
        /** A CAS unique was given and did not match. */
        CAS_MISMATCH,
        /** The key was absent and an initial value was requested, but it could not be stored. */
        NOT_STORED
    }

    Status status;
    long value;
    long cas;
    boolean created;

    public Status status() {
        return status;
    }

    /** The new value, unsigned: print it with {@link Long#toUnsignedString(long)}. */
    public long value() {
        return value;
    }

    /** The item's CAS unique after the operation. */
    public long cas() {
        return cas;
    }

    /** True if the key was absent and the initial value was stored instead. */
    public boolean created() {
        return created;
    }

    void set(Status status, long value, long cas) {
        this.status = status;
        this.value = value;
        this.cas = cas;
        this.created = false;
    }
}
