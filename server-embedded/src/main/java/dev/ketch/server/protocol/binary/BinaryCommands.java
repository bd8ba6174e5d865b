package dev.ketch.server.protocol.binary;

import dev.ketch.server.storage.Storage;

/**
 * Validates a request and runs it (memcached's {@code dispatch_bin_command}), in memcached's
 * order of checks:
 *
 * <ol>
 *   <li>a key, or key plus extras, longer than the body: unknown command, then close;
 *   <li>with {@code -S}, anything but the SASL commands and {@code VERSION} before
 *       authentication: auth error, then close;
 *   <li>a key longer than 250 bytes: invalid arguments, then close;
 *   <li>each opcode's own rules on extras, key and body lengths: invalid arguments, then close;
 *   <li>an opcode memcached does not serve: unknown command, and the body length is swallowed
 *       (after the extras and key already read, as memcached does).
 * </ol>
 */
final class BinaryCommands {

    private final BinarySession session;
    private final BinaryRetrieval retrieval;
    private final BinaryStorage storage;
    private final BinaryMutations mutations;
    private final BinaryAdmin admin;
    private final BinaryStats stats;
    private final BinarySasl sasl;

    BinaryCommands(BinarySession session) {
        this.session = session;
        this.retrieval = new BinaryRetrieval(session);
        this.storage = new BinaryStorage(session);
        this.mutations = new BinaryMutations(session);
        this.admin = new BinaryAdmin(session);
        this.stats = new BinaryStats(session);
        this.sasl = new BinarySasl(session);
    }

    /** Runs the request whose header, extras and key the session holds. */
    Next dispatch() {
        RequestHeader h = session.header;
        int opcode = h.opcode();
        int extras = h.extrasLength();
        int key = h.keyLength();
        long body = h.bodyLength();
        if (!session.replies.begin(opcode, h.opaque())) {
            return Next.CLOSE; // memcached closes a connection it has no response object for
        }
        if (key > body || key + extras > body) {
            session.replies.error(Status.UNKNOWN_COMMAND);
            return Next.CLOSE_AFTER_WRITE;
        }
        if (session.sasl != null && !allowedUnauthenticated(opcode) && !session.sasl.authenticated()) {
            session.replies.error(Status.AUTH_ERROR);
            return Next.CLOSE_AFTER_WRITE;
        }
        if (key > Storage.KEY_MAX_LENGTH) {
            return protocolError();
        }
        int cmd = Opcodes.loud(opcode);
        session.command = cmd;
        session.quiet = cmd != opcode;
        boolean noBody = extras == 0 && key == 0 && body == 0;
        switch (cmd) {
            case Opcodes.VERSION:
                return noBody ? admin.version() : protocolError();
            case Opcodes.FLUSH:
                return key == 0 && body == extras && (extras == 0 || extras == 4) ? admin.flush() : protocolError();
            case Opcodes.NOOP:
                return noBody ? admin.noop() : protocolError();
            case Opcodes.SET:
            case Opcodes.ADD:
            case Opcodes.REPLACE:
                return extras == 8 && key != 0 && body >= key + 8 ? storage.update() : protocolError();
            case Opcodes.GET:
            case Opcodes.GETK:
                return extras == 0 && body == key && key > 0 ? retrieval.getOrTouch() : protocolError();
            case Opcodes.DELETE:
                return key > 0 && extras == 0 && body == key ? mutations.delete() : protocolError();
            case Opcodes.INCREMENT:
            case Opcodes.DECREMENT:
                return key > 0 && extras == 20 && body == key + extras ? mutations.arithmetic() : protocolError();
            case Opcodes.APPEND:
            case Opcodes.PREPEND:
                return key > 0 && extras == 0 ? storage.appendPrepend() : protocolError();
            case Opcodes.STAT:
                return extras == 0 ? stats.stat() : protocolError();
            case Opcodes.QUIT:
                return noBody ? admin.quit() : protocolError();
            case Opcodes.SASL_LIST_MECHS:
                return noBody ? sasl.listMechanisms() : protocolError();
            case Opcodes.SASL_AUTH:
            case Opcodes.SASL_STEP:
                return extras == 0 && key != 0 ? sasl.authOrStep() : protocolError();
            case Opcodes.TOUCH:
            case Opcodes.GAT:
            case Opcodes.GATK:
                return extras == 4 && key != 0 ? retrieval.getOrTouch() : protocolError();
            default:
                session.replies.error(Status.UNKNOWN_COMMAND);
                // memcached passes the body length as a C int
                return session.swallow((int) body);
        }
    }

    /** The value of a store has arrived in full. */
    Next completeStore() {
        return storage.complete();
    }

    /** The data of a SASL command has arrived in full. */
    Next completeSasl() {
        return sasl.complete();
    }

    /** What memcached lets through before SASL authentication. */
    private static boolean allowedUnauthenticated(int opcode) {
        return opcode == Opcodes.SASL_LIST_MECHS || opcode == Opcodes.SASL_AUTH || opcode == Opcodes.SASL_STEP
                || opcode == Opcodes.VERSION;
    }

    /** memcached's {@code handle_binary_protocol_error}: invalid arguments, then close. */
    private Next protocolError() {
        session.replies.error(Status.EINVAL);
        return Next.CLOSE_AFTER_WRITE;
    }
}
