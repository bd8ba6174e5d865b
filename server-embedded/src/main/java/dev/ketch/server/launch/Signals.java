package dev.ketch.server.launch;

import java.util.Optional;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * memcached's signal handling: SIGINT and SIGTERM stop it normally, SIGUSR1 stops it gracefully,
 * SIGHUP does not stop it but makes it reload its {@code -Y} file. Without these handlers the JVM
 * would exit with 128+signal, skip the orderly close, and die on SIGHUP.
 */
public final class Signals {

    /** How the server was asked to stop. */
    public enum Stop {
        /** SIGINT or SIGTERM. */
        NORMAL,
        /** SIGUSR1. */
        GRACEFUL
    }

    private Signals() {
    }

    /**
     * Installs the handlers, ignoring SIGHUP; {@code onStop} runs on the JVM's signal thread.
     *
     * @return a warning for people when an inherited "ignored" could not be undone, else empty
     */
    public static Optional<String> install(Consumer<Stop> onStop) {
        return install(onStop, () -> { });
    }

    /**
     * Installs the handlers, also for signals the process inherited as ignored, as memcached does;
     * {@code onStop} and {@code onHangup} run on the JVM's signal thread.
     *
     * @return a warning for people when an inherited "ignored" could not be undone, else empty
     */
    public static Optional<String> install(Consumer<Stop> onStop, Runnable onHangup) {
        Optional<String> warning = InheritedSignals.restoreIgnored();
        handle("INT", () -> onStop.accept(Stop.NORMAL));
        handle("TERM", () -> onStop.accept(Stop.NORMAL));
        handle("USR1", () -> onStop.accept(Stop.GRACEFUL));
        handle("HUP", onHangup);
        return warning;
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // The JVM reserves this signal here (e.g. under -Xrs): keep its default behaviour.
        }
    }
}
