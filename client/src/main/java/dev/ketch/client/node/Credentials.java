package dev.ketch.client.node;

import java.util.Objects;

/**
 * A user name and password for memcached's authentication (SASL PLAIN in the binary protocol,
 * {@code -Y} authentication in the text protocol).
 */
public final class Credentials {

    private final String username;
    private final String password;

    public Credentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", password hidden]";
    }
}
