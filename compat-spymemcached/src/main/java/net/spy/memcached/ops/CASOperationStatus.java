package net.spy.memcached.ops;

import net.spy.memcached.CASResponse;

/** The status of a CAS operation, with its {@link CASResponse}. */
public class CASOperationStatus extends OperationStatus {

    private final CASResponse casResponse;

    /** A status of {@code response}. */
    public CASOperationStatus(boolean success, String msg, CASResponse cres, StatusCode code) {
        super(success, msg, code);
        casResponse = cres;
    }

    /** How the CAS ended. */
    public CASResponse getCASResponse() {
        return casResponse;
    }
}
