package dev.ketch.server.sasl;

/**
 * One connection's authentication state, following memcached with Cyrus SASL:
 *
 * <ul>
 *   <li>every SASL command ({@code LIST_MECHS}, {@code AUTH}, {@code STEP}) first marks the
 *       connection unauthenticated;
 *   <li>{@code AUTH} starts an exchange; once one has succeeded, the connection cannot
 *       authenticate again (Cyrus refuses a second start), while after a failure it may retry;
 *   <li>{@code STEP} continues the started exchange and fails when none was started.
 * </ul>
 */
public final class SaslConversation {

    private final SaslAuthenticator authenticator;
    private boolean authenticated;
    /** memcached's {@code sasl_started}: the last AUTH was not refused. */
    private boolean started;
    /** An exchange has succeeded on this connection. */
    private boolean completed;
    private SaslExchange exchange;

    SaslConversation(SaslAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** {@code SASL_LIST_MECHS}: the offered mechanisms, space-separated. */
    public String listMechanisms() {
        authenticated = false;
        return SaslAuthenticator.MECHANISMS;
    }

    /** {@code SASL_AUTH}: starts an exchange with {@code mechanism}. */
    public SaslStep start(String mechanism, byte[] response) {
        authenticated = false;
        exchange = completed ? null : authenticator.exchange(mechanism);
        SaslStep step = exchange == null ? SaslStep.FAIL : exchange.start(response);
        started = step.outcome() != SaslStep.Outcome.FAIL;
        return finish(step);
    }

    /** {@code SASL_STEP}: the client's answer to the last challenge. */
    public SaslStep step(byte[] response) {
        authenticated = false;
        if (!started || exchange == null) {
            return SaslStep.FAIL;
        }
        return finish(exchange.step(response));
    }

    private SaslStep finish(SaslStep step) {
        switch (step.outcome()) {
            case OK -> {
                authenticated = true;
                completed = true;
                exchange = null;
            }
            case FAIL -> exchange = null;
            default -> {
            }
        }
        return step;
    }
}
