package dev.ketch.server.engine;

/** The outcome of a delete. */
public enum DeleteResult {
    DELETED,
    NOT_FOUND,
    /** A CAS unique was given and did not match. */
    EXISTS
}
