package dev.ketch.server.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SASL CRAM-MD5 (RFC 2195): the server sends {@code <random.time@host>}, the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))} in lower-case hex. As with Cyrus SASL, an
 * initial response is refused and the user name is everything before the last space.
 */
final class CramMd5Exchange implements SaslExchange {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DIGEST_HEX_LENGTH = 32;

    private final PasswordFile passwords;
    private final String hostname;
    private byte[] challenge;

    CramMd5Exchange(PasswordFile passwords, String hostname) {
        this.passwords = passwords;
        this.hostname = hostname;
    }

    @Override
    public SaslStep start(byte[] response) {
        if (response.length != 0) {
            return SaslStep.FAIL;
        }
        long random = Integer.toUnsignedLong(RANDOM.nextInt());
        long micros = (System.nanoTime() / 1000) % 1_000_000;
        challenge = ("<" + random + "." + micros + "@" + hostname + ">").getBytes(StandardCharsets.US_ASCII);
        return SaslStep.challenge(challenge.clone());
    }

    @Override
    public SaslStep step(byte[] response) {
        if (challenge == null) {
            return SaslStep.FAIL;
        }
        byte[] sent = challenge;
        challenge = null;
        int space = response.length - 1;
        while (space > 0 && response[space] != ' ') {
            space--;
        }
        if (space <= 0 || response.length - space - 1 != DIGEST_HEX_LENGTH) {
            return SaslStep.FAIL;
        }
        byte[] user = Arrays.copyOfRange(response, 0, space);
        byte[] digest = Arrays.copyOfRange(response, space + 1, response.length);
        Optional<byte[]> password = passwords.password(user);
        if (password.isEmpty()) {
            return SaslStep.FAIL;
        }
        byte[] expected = HexFormat.of().formatHex(hmacMd5(password.get(), sent)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, digest) ? SaslStep.OK : SaslStep.FAIL;
    }

    static byte[] hmacMd5(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            // An empty password is a valid HMAC key, but SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacMD5"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }
}
