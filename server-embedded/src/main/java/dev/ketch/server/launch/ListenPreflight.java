package dev.ketch.server.launch;

import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.ListenEntry;
import dev.ketch.server.config.ServerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Fails the start the way memcached does when a {@code -l} address is malformed or does not
 * resolve ({@code -l fooble}), before any socket is opened. memcached finds this out while binding
 * and exits with EX_OSERR after trying every address.
 */
public final class ListenPreflight {

    /** Resolves a host name; throws when it cannot. */
    @FunctionalInterface
    public interface Resolver {
        void resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public ListenPreflight(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Uses the system resolver. */
    public static ListenPreflight system() {
        return new ListenPreflight(InetAddress::getAllByName);
    }

    /** The refusal for {@code settings}' listen addresses, if any. */
    public Optional<Refusal> check(ServerSettings settings) {
        boolean binds = settings.socketPath == null && (settings.port != 0 || settings.udpPort != 0);
        if (!binds || settings.listenAddresses.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder errors = new StringBuilder();
        for (String entry : ListenEntry.entries(settings.listenAddresses)) {
            if (ListenEntry.isNotls(entry) && !settings.sslEnabled) {
                // memcached stops at the first such entry
                errors.append("'notls' option is valid only when SSL is enabled\n");
                break;
            }
            try {
                ListenEntry e = ListenEntry.parse(entry);
                if (e.host() != null) {
                    resolver.resolve(e.host());
                }
            } catch (IllegalArgumentException e) {
                errors.append(e.getMessage()).append('\n');
            } catch (UnknownHostException e) {
                errors.append("getaddrinfo(): Name or service not known\n");
            }
        }
        if (errors.length() == 0) {
            return Optional.empty();
        }
        // memcached appends strerror(errno), and errno is still 0 after a resolver failure.
        errors.append("failed to listen on one of interface(s) ")
                .append(String.join(",", settings.listenAddresses)).append(": Success");
        return Optional.of(new Refusal(ExitStatus.OS_ERROR, errors.toString()));
    }
}
