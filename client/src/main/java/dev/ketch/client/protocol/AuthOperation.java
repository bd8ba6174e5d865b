package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheStatus;

/**
 * Authentication sent first on every new connection: SASL PLAIN in the binary protocol, or
 * memcached's text-protocol authentication. A refusal fails it with
 * {@link MemcacheAuthenticationException}.
 */
public final class AuthOperation extends Operation<Void> {

    private final String username;
    private final String password;

    public AuthOperation(OpKind kind, String username, String password) {
        super(kind);
        if (kind != OpKind.SASL_PLAIN && kind != OpKind.TEXT_AUTH) {
            throw new IllegalArgumentException("not an authentication: " + kind);
        }
        this.username = username;
        this.password = password;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public boolean onReply(Reply reply) {
        if (reply.isOk()) {
            complete(null);
        } else if (reply.status() == MemcacheStatus.AUTH_ERROR || kind() == OpKind.TEXT_AUTH) {
            fail(new MemcacheAuthenticationException("server refused the credentials of user '" + username + "'"
                    + (reply.message().isEmpty() ? "" : ": " + reply.message())));
        } else {
            fail(Results.error(reply));
        }
        return true;
    }

    @Override
    public String toString() {
        return kind() + " as " + username;
    }
}
