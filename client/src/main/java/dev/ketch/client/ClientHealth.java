package dev.ketch.client;

import java.util.List;

/**
 * A snapshot of a client's servers and of its discovery, from {@link MemcacheClient#health()}: for
 * a readiness probe ({@link #isReady()}) and for logs ({@link #toString()}, one line).
 *
 * @param servers every server of the ring, in configuration order
 * @param discovery the discovery's state, or null if the client does not discover its servers
 */
public record ClientHealth(List<ServerHealth> servers, DiscoveryHealth discovery) {

    /** Copies the list. */
    public ClientHealth {
        servers = List.copyOf(servers);
    }

    /** How many servers are {@link ServerHealth.State#UP UP}. */
    public int serversUp() {
        return (int) servers.stream().filter(s -> s.state() == ServerHealth.State.UP).count();
    }

    /**
     * True when the client can serve keys: it has servers and at least one of them is up. A
     * client that has lost some servers is still ready (their keys fail over or fail fast, as its
     * failover says); one whose discovery has not answered yet is ready if its configured servers
     * are.
     */
    public boolean isReady() {
        return serversUp() > 0;
    }

    /** The server named {@code host:port}, or null. */
    public ServerHealth server(String server) {
        return servers.stream().filter(s -> s.server().equals(server)).findFirst().orElse(null);
    }

    /** One line: readiness, then every server, then the discovery. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isReady() ? "ready: " : "NOT READY: ")
                .append(serversUp()).append(" of ").append(servers.size()).append(" servers up");
        if (!servers.isEmpty()) {
            sb.append(" [");
            for (int i = 0; i < servers.size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(servers.get(i));
            }
            sb.append(']');
        }
        if (discovery != null) {
            sb.append("; ").append(discovery);
        }
        return sb.toString();
    }
}
