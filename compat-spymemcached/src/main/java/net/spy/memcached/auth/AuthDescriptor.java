package net.spy.memcached.auth;

import javax.security.auth.callback.CallbackHandler;

/**
 * The credentials every connection authenticates with. Ketch authenticates with SASL PLAIN in the
 * binary protocol and with memcached's {@code -Y} authentication in the text protocol, so the
 * mechanisms must include {@code PLAIN}; the user name and password are taken from the callback
 * handler once, when the client is built.
 */
public class AuthDescriptor {

    private final String[] mechs;
    private final CallbackHandler callback;
    private final int allowedAttempts;
    private int attempts;

    /**
     * @param mechs the SASL mechanisms acceptable, in order of preference (must include {@code PLAIN})
     * @param handler answers the name and password callbacks
     */
    public AuthDescriptor(String[] mechs, CallbackHandler handler) {
        this.mechs = mechs;
        this.callback = handler;
        String threshold = System.getProperty("net.spy.memcached.auth.AuthThreshold");
        this.allowedAttempts = threshold == null ? -1 : Integer.parseInt(threshold);
    }

    /** {@code CRAM-MD5} and {@code PLAIN} with a fixed user name and password (Ketch uses PLAIN). */
    public static AuthDescriptor typical(String username, String password) {
        return new AuthDescriptor(new String[] {"CRAM-MD5", "PLAIN"}, new PlainCallbackHandler(username, password));
    }

    /**
     * Counts an authentication attempt; true once more were made than the system property {@code
     * net.spy.memcached.auth.AuthThreshold} allows (never without it). Kept for compatibility: Ketch
     * retries authentication with its reconnect backoff and does not consult it.
     */
    public synchronized boolean authThresholdReached() {
        if (allowedAttempts < 0) {
            return false;
        }
        if (attempts >= allowedAttempts) {
            return true;
        }
        attempts++;
        return false;
    }

    public String[] getMechs() {
        return mechs;
    }

    public CallbackHandler getCallback() {
        return callback;
    }
}
