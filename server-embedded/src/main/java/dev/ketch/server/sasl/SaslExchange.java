package dev.ketch.server.sasl;

/** One authentication attempt with one mechanism; stateful, used by one connection. */
public interface SaslExchange {

    /** The client's initial response (may be empty). */
    SaslStep start(byte[] response);

    /** The client's answer to the last challenge. */
    SaslStep step(byte[] response);
}
