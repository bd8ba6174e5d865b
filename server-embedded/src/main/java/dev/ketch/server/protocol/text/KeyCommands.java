package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ArithmeticResult;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.DeleteResult;
import dev.ketch.server.storage.Storage;

/** {@code delete}, {@code incr}/{@code decr} and {@code touch}: one key, one-line replies. */
final class KeyCommands {

    private final TextSession session;
    private final Cache cache;

    KeyCommands(TextSession session) {
        this.session = session;
        this.cache = session.server.cache();
    }

    /** memcached's {@code process_delete_command}, with the legacy {@code delete <key> 0} form. */
    CommandResult delete() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        int ntokens = t.count();
        if (ntokens > 3) {
            boolean holdIsZero = t.is(2, "0");
            boolean setsNoreply = session.noreplyMaybe();
            boolean valid = (ntokens == 4 && (holdIsZero || setsNoreply))
                    || (ntokens == 5 && holdIsZero && setsNoreply);
            if (!valid) {
                replies.line("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]");
                return CommandResult.DONE;
            }
        }
        if (t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line("CLIENT_ERROR bad command line format");
            return CommandResult.DONE;
        }
        byte[] key = t.bytes(1);
        if (session.server.settings().detailEnabled) {
            session.server.prefixStats().recordDelete(key);
        }
        replies.line(cache.delete(key, 0) == DeleteResult.DELETED ? "DELETED" : "NOT_FOUND");
        return CommandResult.DONE;
    }

    /** memcached's {@code process_arithmetic_command}. */
    CommandResult arithmetic(boolean incr) {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        session.noreplyMaybe();
        if (t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line("CLIENT_ERROR bad command line format");
            return CommandResult.DONE;
        }
        if (!session.numbers.strtoull(t.line(), t.start(2), t.length(2))) {
            replies.line("CLIENT_ERROR invalid numeric delta argument");
            return CommandResult.DONE;
        }
        ArithmeticResult result = session.arithmetic;
        cache.arithmetic(t.bytes(1), incr, session.numbers.value(), 0, result);
        switch (result.status()) {
            case OK:
                replies.line(Long.toUnsignedString(result.value()));
                break;
            case NON_NUMERIC:
                replies.line("CLIENT_ERROR cannot increment or decrement non-numeric value");
                break;
            case NO_MEMORY:
                replies.line("SERVER_ERROR out of memory");
                break;
            case NOT_FOUND:
                replies.line("NOT_FOUND");
                break;
            default:
                break; // CAS mismatch or NOT_STORED: not possible without a CAS or initial value
        }
        return CommandResult.DONE;
    }

    /** memcached's {@code process_touch_command}. */
    CommandResult touch() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        session.noreplyMaybe();
        if (t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line("CLIENT_ERROR bad command line format");
            return CommandResult.DONE;
        }
        if (!session.numbers.strtol32(t.line(), t.start(2), t.length(2))) {
            replies.line("CLIENT_ERROR invalid exptime argument");
            return CommandResult.DONE;
        }
        boolean found = cache.touch(t.bytes(1), (int) session.numbers.value());
        replies.line(found ? "TOUCHED" : "NOT_FOUND");
        return CommandResult.DONE;
    }
}
