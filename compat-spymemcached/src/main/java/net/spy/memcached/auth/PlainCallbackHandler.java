package net.spy.memcached.auth;

import java.io.IOException;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

/** Answers SASL's name and password callbacks with fixed credentials. */
public class PlainCallbackHandler implements CallbackHandler {

    private final String username;
    private final char[] password;

    public PlainCallbackHandler(String username, String password) {
        this.username = username;
        this.password = password.toCharArray();
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback cb : callbacks) {
            if (cb instanceof NameCallback) {
                ((NameCallback) cb).setName(username);
            } else if (cb instanceof PasswordCallback) {
                ((PasswordCallback) cb).setPassword(password);
            } else {
                throw new UnsupportedCallbackException(cb);
            }
        }
    }
}
