package dev.ketch.server.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undoes a signal disposition of "ignored" that the process inherited. A script that starts a
 * program in the background ({@code server &} without job control) makes it ignore SIGINT, and
 * {@code nohup} makes it ignore SIGHUP. memcached installs its handlers regardless, so it still
 * stops on SIGINT; the JVM refuses to install a handler for a shutdown signal that is ignored
 * (HotSpot's {@code JVM_RegisterSignal}), so without this the server would ignore SIGINT for good.
 *
 * <p>Java cannot change a disposition itself: this calls the C library's {@code signal(sig,
 * SIG_DFL)} through JNA, an optional dependency that the self-contained server jar includes. The
 * inherited dispositions are read from {@code /proc/self/status}, so this works on Linux only.
 */
final class InheritedSignals {

    /** The signals memcached handles, with their Linux numbers. */
    private static final List<NamedSignal> HANDLED = List.of(
            new NamedSignal("HUP", 1), new NamedSignal("INT", 2), new NamedSignal("USR1", 10),
            new NamedSignal("TERM", 15));

    record NamedSignal(String name, int number) {
    }

    private InheritedSignals() {
    }

    /**
     * Restores the default disposition of every handled signal the process inherited as ignored, so
     * that handlers can then be installed.
     *
     * @return a warning for people when some could not be restored, else empty
     */
    static Optional<String> restoreIgnored() {
        List<NamedSignal> ignored = ignoredAtStart(readStatus());
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        List<String> failed = new ArrayList<>();
        for (NamedSignal signal : ignored) {
            if (!restoreDefault(signal.number())) {
                failed.add("SIG" + signal.name());
            }
        }
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + String.join(", ", failed) + " inherited as ignored and could not be reset "
                + "(JNA is not on the class path: run the self-contained ketch-server jar); the server will not stop on "
                + (failed.size() == 1 ? "it" : "them"));
    }

    /** The handled signals that {@code status} (the text of {@code /proc/self/status}) lists as ignored. */
    static List<NamedSignal> ignoredAtStart(String status) {
        long mask = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        List<NamedSignal> ignored = new ArrayList<>();
        for (NamedSignal signal : HANDLED) {
            if ((mask & (1L << (signal.number() - 1))) != 0) {
                ignored.add(signal);
            }
        }
        return ignored;
    }

    private static String readStatus() {
        try {
            return Files.readString(Path.of("/proc/self/status"));
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
    }

    private static boolean restoreDefault(int signal) {
        try {
            return Native.restoreDefault(signal);
        } catch (LinkageError | RuntimeException jnaMissingOrFailing) {
            return false;
        }
    }

    /** The C library's {@code signal}; a class of its own so that JNA is loaded only when needed. */
    private static final class Native {

        /** {@code SIG_DFL} is the null handler; {@code SIG_ERR} is (void *) -1. */
        static boolean restoreDefault(int signal) {
            com.sun.jna.Function function = com.sun.jna.NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME)
                    .getFunction("signal");
            com.sun.jna.Pointer previous = function.invokePointer(new Object[] {signal, null});
            return previous == null || com.sun.jna.Pointer.nativeValue(previous) != -1L;
        }
    }
}
