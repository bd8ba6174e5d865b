package dev.ketch.server.protocol.text;

import dev.ketch.server.config.CNumbers;
import dev.ketch.server.config.ExtstoreSettings;

/**
 * {@code extstore <setting> <value>} ({@code process_extstore_command}): changes an external
 * storage setting at run time ({@code item_size}, {@code item_age}, {@code low_ttl},
 * {@code recache_rate}, {@code compact_under}, {@code drop_under}, {@code max_sleep},
 * {@code max_frag}, {@code drop_unread}; {@code free_memchunks} is accepted and ignored). Answers
 * {@code OK}, or {@code ERROR} for anything it cannot parse. Works with or without
 * {@code ext_path}, as in memcached.
 */
final class ExtstoreCommand {

    private final TextSession session;

    ExtstoreCommand(TextSession session) {
        this.session = session;
    }

    CommandResult run(int ntokens) {
        session.noreplyMaybe();
        session.replies.line(apply(ntokens) ? "OK" : "ERROR");
        return CommandResult.DONE;
    }

    private boolean apply(int ntokens) {
        Tokens t = session.tokens;
        if (ntokens < 4) {
            return false;
        }
        ExtstoreSettings ext = session.server.settings().ext;
        String value = t.string(2);
        switch (t.string(1)) {
            case "free_memchunks" -> {
                if (ntokens <= 4) {
                    return false;
                }
                Integer clsid = CNumbers.safeStrtoul(value);
                return clsid != null && CNumbers.safeStrtoul(t.string(3)) != null
                        && Integer.compareUnsigned(clsid, 64) < 0;
            }
            case "item_size" -> {
                return set(value, v -> ext.itemSize = v);
            }
            case "item_age" -> {
                return set(value, v -> ext.itemAge = v);
            }
            case "low_ttl" -> {
                return set(value, v -> ext.lowTtl = v);
            }
            case "recache_rate" -> {
                return set(value, v -> ext.recacheRate = v);
            }
            case "compact_under" -> {
                return set(value, v -> ext.compactUnder = v);
            }
            case "drop_under" -> {
                return set(value, v -> ext.dropUnder = v);
            }
            case "max_sleep" -> {
                return set(value, v -> ext.maxSleep = v);
            }
            case "max_frag" -> {
                try {
                    ext.maxFrag = Double.parseDouble(value);
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            case "drop_unread" -> {
                return set(value, v -> ext.dropUnread = v != 0);
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean set(String value, java.util.function.IntConsumer setter) {
        Integer parsed = CNumbers.safeStrtoul(value);
        if (parsed == null) {
            return false;
        }
        setter.accept(parsed);
        return true;
    }
}
