package dev.ketch.server.launch;

import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.Features;
import dev.ketch.server.config.ServerSettings;
import java.util.Optional;

/**
 * Options memcached accepts but this build of Ketch cannot honour yet. Serving without them would
 * silently differ from what was asked (no UDP, no authentication, no persistence...), so the
 * launcher refuses them with EX_USAGE, as memcached does for features it was built without.
 */
public final class UnsupportedOptions {

    private UnsupportedOptions() {
    }

    /** The refusal for the first unsupported option in {@code settings}, if any. */
    public static Optional<Refusal> check(ServerSettings settings, Features features) {
        if (settings.socketPath != null && !features.unixSocket()) {
            return refuse("UNIX domain sockets (-s) are not supported yet");
        }
        if (settings.sasl && !features.sasl()) {
            return refuse("SASL authentication (-S) is not supported yet");
        }
        if (settings.authFile != null && !features.asciiAuth()) {
            // Serving without the authentication that was asked for would leave the cache open.
            return refuse("ascii authentication (-Y) is not supported yet");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String message) {
        return Optional.of(new Refusal(ExitStatus.USAGE, message));
    }
}
