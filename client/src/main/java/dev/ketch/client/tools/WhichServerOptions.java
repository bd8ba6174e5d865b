package dev.ketch.client.tools;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link WhichServer}'s command line, checked. */
record WhichServerOptions(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash,
        boolean[] dead, boolean rebuild) {

    static final String USAGE = "usage: WhichServer --servers \"SPEC SPEC ...\" --distribution NAME [--hash NAME]"
            + " [--dead SPEC]... [--eject skip|rebuild]";

    /** A command line that cannot be run; the message is one line. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static WhichServerOptions parse(String... args) throws UsageException {
        String servers = null;
        String distribution = null;
        String hash = null;
        String eject = null;
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!List.of("--servers", "--distribution", "--hash", "--dead", "--eject").contains(name)) {
                throw new UsageException("unknown argument '" + arg + "'; " + USAGE);
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw new UsageException(name + " needs a value; " + USAGE);
                }
                value = args[++i];
            }
            switch (name) {
                case "--servers" -> servers = once(name, servers, value);
                case "--distribution" -> distribution = once(name, distribution, value);
                case "--hash" -> hash = once(name, hash, value);
                case "--eject" -> eject = once(name, eject, value);
                default -> dead.add(value);
            }
        }
        if (servers == null) {
            throw new UsageException("--servers is required; " + USAGE);
        }
        if (distribution == null) {
            throw new UsageException("--distribution is required; " + USAGE);
        }
        List<ServerAddress> serverList = servers(servers);
        Distribution d = constant(Distribution.class, "--distribution", distribution);
        HashAlgorithm h = hash == null ? d.defaultHash() : constant(HashAlgorithm.class, "--hash", hash);
        boolean rebuild = switch (eject == null ? "skip" : eject) {
            case "skip" -> false;
            case "rebuild" -> true;
            default -> throw new UsageException("--eject must be skip or rebuild, not '" + eject + "'");
        };
        return new WhichServerOptions(serverList, d, h, deadServers(serverList, dead), rebuild);
    }

    private static String once(String name, String previous, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException(name + " given twice");
        }
        return value;
    }

    private static List<ServerAddress> servers(String specs) throws UsageException {
        List<ServerAddress> list = new ArrayList<>();
        for (String spec : specs.trim().split("\\s+")) {
            if (!spec.isEmpty()) {
                list.add(spec(spec));
            }
        }
        if (list.isEmpty()) {
            throw new UsageException("--servers lists no server");
        }
        return List.copyOf(list);
    }

    private static ServerAddress spec(String spec) throws UsageException {
        try {
            return ServerAddress.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("malformed server spec '" + spec + "': " + e.getMessage());
        }
    }

    /** Marks every listed server with the host and port of a {@code --dead} spec. */
    private static boolean[] deadServers(List<ServerAddress> servers, List<String> specs) throws UsageException {
        boolean[] dead = new boolean[servers.size()];
        for (String spec : specs) {
            ServerAddress gone = spec(spec);
            boolean found = false;
            for (int i = 0; i < servers.size(); i++) {
                ServerAddress s = servers.get(i);
                if (s.host().equals(gone.host()) && s.port() == gone.port()) {
                    dead[i] = true;
                    found = true;
                }
            }
            if (!found) {
                throw new UsageException("--dead " + spec + " is not among --servers");
            }
        }
        boolean anyAlive = false;
        for (boolean d : dead) {
            anyAlive |= !d;
        }
        if (!anyAlive) {
            throw new UsageException("--dead marks every server dead: no key would have a server");
        }
        return dead;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String option, String name) throws UsageException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown " + option + " '" + name + "'; one of "
                    + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", ""));
        }
    }
}
