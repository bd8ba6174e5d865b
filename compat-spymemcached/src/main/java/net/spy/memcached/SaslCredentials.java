package net.spy.memcached;

import net.spy.memcached.auth.AuthDescriptor;
import java.io.IOException;
import java.util.Arrays;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

/** The user name and password of an {@link AuthDescriptor}, for the Ketch client's PLAIN authentication. */
record SaslCredentials(String username, String password) {

    static SaslCredentials of(AuthDescriptor descriptor) {
        String[] mechs = descriptor.getMechs();
        if (mechs == null || Arrays.stream(mechs).noneMatch("PLAIN"::equalsIgnoreCase)) {
            throw new UnsupportedOperationException("Ketch authenticates with SASL PLAIN only, which the "
                    + "AuthDescriptor does not offer: " + Arrays.toString(mechs));
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            descriptor.getCallback().handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new IllegalArgumentException("the AuthDescriptor's callback handler gave no user name and password", e);
        }
        if (name.getName() == null || password.getPassword() == null) {
            throw new IllegalArgumentException("the AuthDescriptor's callback handler gave no user name and password");
        }
        return new SaslCredentials(name.getName(), new String(password.getPassword()));
    }
}
