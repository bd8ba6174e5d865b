package dev.ketch.server.protocol.binary;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.sasl.SaslAuthenticator;
import dev.ketch.server.sasl.SaslStep;
import dev.ketch.server.stats.ServerStats;
import java.nio.charset.StandardCharsets;

/**
 * {@code SASL_LIST_MECHS}, {@code SASL_AUTH} and {@code SASL_STEP} (memcached's
 * {@code bin_list_sasl_mechs}, {@code process_bin_sasl_auth} and
 * {@code process_bin_complete_sasl_auth}). The key is the mechanism, the value the SASL data.
 * Without {@code -S} they are unknown commands.
 */
final class BinarySasl {

    private static final byte[] AUTHENTICATED = "Authenticated".getBytes(StandardCharsets.US_ASCII);
    /** Item header, CAS and key terminator memcached adds to the data when it allocates an item for it. */
    private static final int ITEM_OVERHEAD = 48 + 8 + 1;

    private final BinarySession session;
    private final ServerStats stats;
    private final ServerSettings settings;

    BinarySasl(BinarySession session) {
        this.session = session;
        this.stats = session.server.stats();
        this.settings = session.server.settings();
    }

    Next listMechanisms() {
        if (session.sasl == null) {
            return unknownCommand();
        }
        session.replies.success(session.sasl.listMechanisms().getBytes(StandardCharsets.US_ASCII));
        return Next.NEW_COMMAND;
    }

    /** {@code AUTH} or {@code STEP}: checks the mechanism, then reads the data. */
    Next authOrStep() {
        if (session.sasl == null) {
            return unknownCommand();
        }
        int keyLength = session.header.keyLength();
        int dataLength = session.header.valueLength();
        if (keyLength > SaslAuthenticator.MAX_MECHANISM_LENGTH) {
            session.replies.error(Status.EINVAL);
            session.swallow(Math.max(dataLength, 0));
            return Next.SWALLOW;
        }
        // memcached reads the data into an item and refuses one that would need chunks.
        if (dataLength < 0 || (long) dataLength + 2 + keyLength + ITEM_OVERHEAD > settings.slabChunkSizeMax) {
            session.replies.error(Status.ENOMEM);
            session.swallow(Math.max(dataLength, 0));
            return Next.SWALLOW;
        }
        session.expectSaslData(dataLength);
        return Next.READ_SASL_DATA;
    }

    /** The data has arrived: run the step and answer. */
    Next complete() {
        byte[] data = session.takeSaslData();
        SaslStep step = session.command == Opcodes.SASL_AUTH
                ? session.sasl.start(new String(session.key(), StandardCharsets.ISO_8859_1), data)
                : session.sasl.step(data);
        switch (step.outcome()) {
            case OK:
                session.replies.success(AUTHENTICATED);
                stats.authCmds.increment();
                return Next.NEW_COMMAND;
            case CONTINUE:
                session.replies.header(Status.AUTH_CONTINUE, 0, 0, step.challenge().length);
                session.replies.buffer().writeBytes(step.challenge());
                return Next.TRANSMIT;
            default:
                session.replies.error(Status.AUTH_ERROR);
                stats.authCmds.increment();
                stats.authErrors.increment();
                return Next.TRANSMIT;
        }
    }

    /** Without SASL, memcached answers unknown command and swallows the rest of the body. */
    private Next unknownCommand() {
        session.replies.error(Status.UNKNOWN_COMMAND);
        return session.swallow((int) (session.header.bodyLength() - session.header.keyLength()));
    }
}
