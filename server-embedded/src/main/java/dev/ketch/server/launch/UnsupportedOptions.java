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
        if (settings.bindingProtocol == ServerSettings.Protocol.BINARY && !features.binaryProtocol()) {
            return refuse("the binary protocol (-B binary) is not supported yet");
        }
        if (settings.daemonize) {
            return refuse("daemon mode (-d) is not supported yet");
        }
        if (settings.memoryFile != null) {
            return refuse("restartable memory files (-e) are not supported yet");
        }
        return Optional.empty();
    }

    /**
     * Options accepted although not served yet, with the warning to print. UDP is the one case:
     * memcached's test harness passes {@code -U <port>} to every server it starts over TCP, so
     * refusing it would refuse the whole suite; the TCP service is unaffected.
     */
    public static Optional<String> warning(ServerSettings settings, Features features) {
        if (settings.udpPort != 0 && !features.udp()) {
            return Optional.of("warning: UDP is not served by this build yet; ignoring -U " + settings.udpPort);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String message) {
        return Optional.of(new Refusal(ExitStatus.USAGE, message));
    }
}
