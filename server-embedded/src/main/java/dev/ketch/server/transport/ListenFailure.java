package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import java.io.IOException;

/**
 * A TCP or UDP socket could not be bound. {@link #memcachedMessage(ServerSettings)} says it as
 * memcached's {@code main()} does: a bind error other than "address in use" is first reported by
 * itself ({@code bind(): <reason>}), then {@code failed to listen on TCP port <port>: <reason>}
 * (or {@code UDP port}, or {@code one of interface(s) <-l value>} when {@code -l} was given).
 */
public final class ListenFailure extends IOException {

    private static final long serialVersionUID = 1L;

    private final Transport transport;
    private final String reason;

    ListenFailure(Transport transport, String where, Throwable cause) {
        super("failed to listen on " + (transport == Transport.UDP ? "UDP " : "") + where + ": " + reason(cause), cause);
        this.transport = transport;
        this.reason = reason(cause);
    }

    /** The C library's text for the bind error ({@code strerror}), taken from the exception. */
    static String reason(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "Unknown error";
        }
        String m = cause.getMessage();
        int colon = m.lastIndexOf(": ");
        String text = colon >= 0 ? m.substring(colon + 2) : m;
        int paren = text.indexOf(" (");
        return paren > 0 ? text.substring(0, paren) : text;
    }

    public Transport transport() {
        return transport;
    }

    /** The lines memcached prints for this failure. */
    public String memcachedMessage(ServerSettings settings) {
        StringBuilder sb = new StringBuilder();
        if (!reason.equals("Address already in use")) {
            sb.append("bind(): ").append(reason).append('\n');
        }
        sb.append("failed to listen on ");
        if (settings.listenAddresses.isEmpty()) {
            sb.append(transport == Transport.UDP ? "UDP port " : "TCP port ")
                    .append(transport == Transport.UDP ? settings.udpPort : settings.port);
        } else {
            sb.append("one of interface(s) ").append(String.join(",", settings.listenAddresses));
        }
        return sb.append(": ").append(reason).toString();
    }
}
