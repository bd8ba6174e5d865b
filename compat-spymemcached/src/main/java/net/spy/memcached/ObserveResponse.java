package net.spy.memcached;

/** Couchbase's answers to an observe request, by their byte on the wire. */
public enum ObserveResponse {
    /** Not yet observed. */
    UNINITIALIZED((byte) 0xff),
    /** The item changed. */
    MODIFIED((byte) 0xfe),
    /** Found and persisted. */
    FOUND_PERSISTED((byte) 0x01),
    /** Found, not yet persisted. */
    FOUND_NOT_PERSISTED((byte) 0x00),
    /** Deleted and persisted. */
    NOT_FOUND_PERSISTED((byte) 0x80),
    /** Deleted, not yet persisted. */
    NOT_FOUND_NOT_PERSISTED((byte) 0x81);

    private final byte response;

    ObserveResponse(byte response) {
        this.response = response;
    }

    /** The response of byte {@code b}; {@link #UNINITIALIZED} for an unknown byte. */
    public static ObserveResponse valueOf(byte b) {
        for (ObserveResponse r : values()) {
            if (r.response == b) {
                return r;
            }
        }
        return UNINITIALIZED;
    }

    /** The byte on the wire. */
    public byte getResponse() {
        return response;
    }
}
