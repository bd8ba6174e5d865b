package dev.ketch.server.sasl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The server's SASL configuration: the mechanisms offered (PLAIN and CRAM-MD5, listed as memcached
 * lists them with {@code mech_list: plain cram-md5}) and the password file they check against.
 * Shared by all connections; each connection keeps its own {@link SaslConversation}.
 */
public final class SaslAuthenticator {

    /** The {@code SASL_LIST_MECHS} answer. */
    public static final String MECHANISMS = "PLAIN CRAM-MD5";
    /** memcached's {@code MAX_SASL_MECH_LEN}: longer mechanism names are invalid arguments. */
    public static final int MAX_MECHANISM_LENGTH = 32;

    private final PasswordFile passwords;
    private final String hostname;

    /**
     * @param passwords the {@code user:password} file ({@code MEMCACHED_SASL_PWDB})
     */
    public SaslAuthenticator(PasswordFile passwords) {
        this(passwords, localHostname());
    }

    SaslAuthenticator(PasswordFile passwords, String hostname) {
        this.passwords = passwords;
        this.hostname = hostname;
    }

    /** A new conversation for one connection, not authenticated. */
    public SaslConversation newConversation() {
        return new SaslConversation(this);
    }

    /** A fresh exchange for the mechanism named {@code mechanism} (case-insensitive), or null. */
    SaslExchange exchange(String mechanism) {
        return switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> new PlainExchange(passwords);
            case "CRAM-MD5" -> new CramMd5Exchange(passwords, hostname);
            default -> null;
        };
    }

    /** The machine's host name, as {@code gethostname} gives it (CRAM-MD5 challenges carry it). */
    private static String localHostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env;
    }
}
