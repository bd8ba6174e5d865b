package dev.ketch.server.sasl;

/**
 * The outcome of one step of a SASL exchange.
 *
 * @param outcome whether the client is authenticated, must answer {@code challenge}, or failed
 * @param challenge the server's challenge for {@link Outcome#CONTINUE}, otherwise empty
 */
public record SaslStep(Outcome outcome, byte[] challenge) {

    /** How a step ended. */
    public enum Outcome {
        OK,
        CONTINUE,
        FAIL
    }

    private static final byte[] NONE = new byte[0];
    public static final SaslStep OK = new SaslStep(Outcome.OK, NONE);
    public static final SaslStep FAIL = new SaslStep(Outcome.FAIL, NONE);

    public static SaslStep challenge(byte[] challenge) {
        return new SaslStep(Outcome.CONTINUE, challenge);
    }
}
