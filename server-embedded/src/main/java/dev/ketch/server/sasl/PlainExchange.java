package dev.ketch.server.sasl;

import java.util.Arrays;

/**
 * SASL PLAIN (RFC 4616): {@code authzid NUL authcid NUL password}. As with Cyrus SASL, an empty
 * initial response asks the client for the message with an empty challenge, and an authorization
 * identity must be empty or equal to the authentication identity (no proxy authorization).
 */
final class PlainExchange implements SaslExchange {

    private final PasswordFile passwords;
    private boolean awaitingMessage;

    PlainExchange(PasswordFile passwords) {
        this.passwords = passwords;
    }

    @Override
    public SaslStep start(byte[] response) {
        if (response.length == 0) {
            awaitingMessage = true;
            return SaslStep.challenge(new byte[0]);
        }
        return verify(response);
    }

    @Override
    public SaslStep step(byte[] response) {
        if (!awaitingMessage) {
            return SaslStep.FAIL;
        }
        awaitingMessage = false;
        return verify(response);
    }

    private SaslStep verify(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0) {
            return SaslStep.FAIL;
        }
        byte[] authzid = Arrays.copyOfRange(message, 0, first);
        byte[] authcid = Arrays.copyOfRange(message, first + 1, second);
        byte[] password = Arrays.copyOfRange(message, second + 1, message.length);
        if (authcid.length == 0 || (authzid.length > 0 && !Arrays.equals(authzid, authcid))) {
            return SaslStep.FAIL;
        }
        return passwords.check(authcid, password) ? SaslStep.OK : SaslStep.FAIL;
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
