package dev.ketch.server.protocol.text;

/**
 * memcached's meta commands: {@code mg ms md ma me mn}, chosen by the second letter of a
 * two-letter command starting with {@code m} (any other second letter is {@code ERROR}).
 */
final class MetaCommands {

    private final TextSession session;
    private final MetaGetCommand get;
    private final MetaSetCommand set;
    private final MetaDeleteCommand delete;
    private final MetaArithmeticCommand arithmetic;
    private final MetaDebugCommand debug;

    MetaCommands(TextSession session) {
        this.session = session;
        MetaFlags flags = new MetaFlags();
        this.get = new MetaGetCommand(session, flags);
        this.set = new MetaSetCommand(session, flags);
        this.delete = new MetaDeleteCommand(session, flags);
        this.arithmetic = new MetaArithmeticCommand(session, flags);
        this.debug = new MetaDebugCommand(session);
    }

    /** Runs the tokenized meta command whose second letter is {@code second}. */
    CommandResult run(byte second) {
        switch (second) {
            case 'g':
                return get.run();
            case 's':
                return set.start();
            case 'd':
                return delete.run();
            case 'a':
                return arithmetic.run();
            case 'e':
                return debug.run();
            case 'n':
                // mn only marks the end of a pipeline: memcached transmits the replies now.
                session.replies.line("MN");
                return CommandResult.DONE_SENT;
            default:
                session.replies.line("ERROR");
                return CommandResult.DONE;
        }
    }
}
