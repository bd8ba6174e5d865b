package dev.ketch.micrometer;

import dev.ketch.client.ClientListener;
import dev.ketch.client.OperationTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters, and optionally Observations, for one Ketch client: install it as the
 * client's listener.
 *
 * <pre>{@code
 * KetchMetrics metrics = KetchMetrics.builder(meterRegistry).tags("client", "sessions").build();
 * MemcacheClient<String> client = MemcacheClient.builder().servers(...).listener(metrics).build();
 * }</pre>
 *
 * <p>Meters (every one tagged {@code server}, the server as {@code host:port}, besides the
 * builder's tags):
 * <ul>
 *   <li>{@code ketch.operation} (timer, with the builder's percentiles): every operation, from the
 *       call to its completion; tags {@code command} ({@code get}, {@code set}, {@code multi_get},
 *       ...) and {@code error} ({@code none}, or the failure's class name);</li>
 *   <li>{@code ketch.errors} (counter): failed operations; tags {@code command} and {@code cause}:
 *       {@code timeout}, {@code unavailable}, {@code overloaded}, {@code connection}, {@code
 *       server}, {@code authentication}, {@code closed} or {@code other};</li>
 *   <li>{@code ketch.gets} (counter): keys looked up by the retrievals; tag {@code result}:
 *       {@code hit} or {@code miss};</li>
 *   <li>{@code ketch.requests.outstanding} (gauge): operations submitted and not finished;</li>
 *   <li>{@code ketch.bytes.sent}, {@code ketch.bytes.received} (counters, bytes);</li>
 *   <li>{@code ketch.connections.opened}, {@code ketch.connections.failed}, {@code
 *       ketch.connections.lost} (counters): connection attempts that succeeded or failed, and
 *       established connections lost;</li>
 *   <li>{@code ketch.server.down}, {@code ketch.server.ejections}, {@code ketch.server.up},
 *       {@code ketch.server.rejoins} (counters): the failover's decisions;</li>
 *   <li>{@code ketch.server.moves} (counter): the server's host name resolved to a new address;</li>
 * </ul>
 * and without a {@code server} tag: {@code ketch.ring.servers} and {@code ketch.ring.ejected}
 * (gauges), {@code ketch.discovery.failures} (counter). A server that leaves the ring has its
 * meters removed.
 *
 * <p>With an {@link Builder#observationRegistry ObservationRegistry} every operation is an {@link
 * Observation} named {@code ketch.operation} instead of a timer of this class (low cardinality
 * keys {@code server} and {@code command}; high cardinality {@code db.system}, {@code
 * db.operation}, {@code server.address}, {@code server.port}; contextual name the command): the
 * registry's handlers make of it what the application has, a timer through a {@code
 * DefaultMeterObservationHandler} (as Spring Boot's registry has), a span through a tracing
 * handler. The Observation starts on the calling thread, so the caller's current span is its
 * parent.
 */
public final class KetchMetrics implements ClientListener {

    /** The observation's and the timer's name. */
    public static final String OPERATION = "ketch.operation";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Tags tags;
    private final double[] percentiles;
    private final Map<String, ServerMeters> servers = new ConcurrentHashMap<>();
    private final AtomicInteger ringServers = new AtomicInteger();
    private final Set<String> ejected = ConcurrentHashMap.newKeySet();
    private final Counter discoveryFailures;

    private KetchMetrics(Builder b) {
        this.registry = b.registry;
        this.observations = b.observations;
        this.tags = b.tags;
        this.percentiles = b.percentiles.clone();
        Gauge.builder("ketch.ring.servers", ringServers, AtomicInteger::get).tags(tags)
                .description("servers of the ring").register(registry);
        Gauge.builder("ketch.ring.ejected", ejected, Set::size).tags(tags)
                .description("servers ejected from the ring for now").register(registry);
        this.discoveryFailures = Counter.builder("ketch.discovery.failures").tags(tags)
                .description("failed attempts to discover the servers").register(registry);
    }

    /** A builder recording into {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    private ServerMeters meters(String server) {
        ServerMeters m = servers.get(server);
        return m != null ? m : servers.computeIfAbsent(server, ServerMeters::new);
    }

    // ------------------------------------------------------------------ operations

    @Override
    public OperationTrace operationStarted(String server, String command) {
        ServerMeters m = meters(server);
        CommandMeters c = m.command(command);
        m.outstanding.incrementAndGet();
        if (observations == null) {
            long start = System.nanoTime();
            return (failure, hits, misses) -> {
                long nanos = System.nanoTime() - start;
                m.outstanding.decrementAndGet();
                c.timer(failure).record(nanos, TimeUnit.NANOSECONDS);
                m.ended(c, failure, hits, misses);
            };
        }
        Observation observation = Observation.createNotStarted(OPERATION, observations)
                .contextualName(command)
                .lowCardinalityKeyValue("server", server)
                .lowCardinalityKeyValue("command", command)
                .highCardinalityKeyValue("db.system", "memcached")
                .highCardinalityKeyValue("db.operation", command)
                .highCardinalityKeyValue("server.address", m.host)
                .highCardinalityKeyValue("server.port", m.port);
        for (Tag tag : tags) {
            observation.lowCardinalityKeyValue(tag.getKey(), tag.getValue());
        }
        observation.start();
        return (failure, hits, misses) -> {
            m.outstanding.decrementAndGet();
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
            m.ended(c, failure, hits, misses);
        };
    }

    // ------------------------------------------------------------------ connections and failover

    @Override
    public void bytesSent(String server, int bytes) {
        meters(server).bytesSent.increment(bytes);
    }

    @Override
    public void bytesReceived(String server, int bytes) {
        meters(server).bytesReceived.increment(bytes);
    }

    @Override
    public void connected(String server) {
        meters(server).counter("ketch.connections.opened", "connection attempts that succeeded").increment();
    }

    @Override
    public void connectFailed(String server, Throwable cause) {
        meters(server).counter("ketch.connections.failed", "connection attempts that failed").increment();
    }

    @Override
    public void disconnected(String server, Throwable cause) {
        meters(server).counter("ketch.connections.lost", "established connections lost").increment();
    }

    @Override
    public void serverDown(String server, Throwable cause) {
        meters(server).counter("ketch.server.down", "times the server was declared dead").increment();
    }

    @Override
    public void serverEjected(String server, Throwable cause) {
        ejected.add(server);
        meters(server).counter("ketch.server.ejections", "times the server left the ring").increment();
    }

    @Override
    public void serverUp(String server) {
        meters(server).counter("ketch.server.up", "times the dead server answered again").increment();
    }

    @Override
    public void serverRejoined(String server) {
        ejected.remove(server);
        meters(server).counter("ketch.server.rejoins", "times the server came back on the ring").increment();
    }

    @Override
    public void addressChanged(String server, InetAddress from, InetAddress to) {
        meters(server).counter("ketch.server.moves", "times the server's name resolved to a new address").increment();
    }

    @Override
    public void serversChanged(List<String> members) {
        ringServers.set(members.size());
        ejected.retainAll(members);
        Set<String> gone = new HashSet<>(servers.keySet());
        members.forEach(gone::remove);
        for (String server : gone) {
            servers.remove(server);
            for (Meter meter : new ArrayList<>(registry.getMeters())) {
                if (meter.getId().getName().startsWith("ketch.") && server.equals(meter.getId().getTag("server"))) {
                    registry.remove(meter);
                }
            }
        }
    }

    @Override
    public void discoveryFailed(String source, Throwable cause) {
        discoveryFailures.increment();
    }

    /** The meters of one server; those of its commands are made on first use. */
    private final class ServerMeters {
        final String server;
        final String host;
        final String port;
        final Tags serverTags;
        final AtomicInteger outstanding = new AtomicInteger();
        final Counter bytesSent;
        final Counter bytesReceived;
        final Counter hits;
        final Counter misses;
        final Map<String, CommandMeters> commands = new ConcurrentHashMap<>();
        final Map<String, Counter> counters = new ConcurrentHashMap<>();

        ServerMeters(String server) {
            this.server = server;
            int colon = server.lastIndexOf(':');
            this.host = colon < 0 ? server : server.substring(0, colon).replace("[", "").replace("]", "");
            this.port = colon < 0 ? "" : server.substring(colon + 1);
            this.serverTags = tags.and("server", server);
            Gauge.builder("ketch.requests.outstanding", outstanding, AtomicInteger::get).tags(serverTags)
                    .description("operations submitted and not finished").register(registry);
            this.bytesSent = Counter.builder("ketch.bytes.sent").baseUnit("bytes").tags(serverTags)
                    .description("bytes written to the server").register(registry);
            this.bytesReceived = Counter.builder("ketch.bytes.received").baseUnit("bytes").tags(serverTags)
                    .description("bytes read from the server").register(registry);
            this.hits = Counter.builder("ketch.gets").tags(serverTags).tag("result", "hit")
                    .description("keys looked up").register(registry);
            this.misses = Counter.builder("ketch.gets").tags(serverTags).tag("result", "miss")
                    .description("keys looked up").register(registry);
        }

        CommandMeters command(String command) {
            CommandMeters c = commands.get(command);
            return c != null ? c : commands.computeIfAbsent(command, k -> new CommandMeters(this, k));
        }

        Counter counter(String name, String description) {
            Counter c = counters.get(name);
            return c != null ? c : counters.computeIfAbsent(name,
                    k -> Counter.builder(k).tags(serverTags).description(description).register(registry));
        }

        void ended(CommandMeters c, Throwable failure, int hitCount, int missCount) {
            if (failure != null) {
                c.errors(failure).increment();
            } else if (hitCount + missCount > 0) {
                hits.increment(hitCount);
                misses.increment(missCount);
            }
        }
    }

    /** The meters of one command on one server. */
    private final class CommandMeters {
        final ServerMeters server;
        final Tags commandTags;
        final Timer success;
        final Map<Class<?>, Timer> failures = new ConcurrentHashMap<>();
        final Map<String, Counter> errors = new ConcurrentHashMap<>();

        CommandMeters(ServerMeters server, String command) {
            this.server = server;
            this.commandTags = server.serverTags.and("command", command);
            this.success = observations == null ? timer("none") : null;
        }

        private Timer timer(String error) {
            return Timer.builder(OPERATION).tags(commandTags).tag("error", error).publishPercentiles(percentiles)
                    .description("memcached operations, from the call to their completion").register(registry);
        }

        Timer timer(Throwable failure) {
            if (failure == null) {
                return success;
            }
            Timer t = failures.get(failure.getClass());
            return t != null ? t : failures.computeIfAbsent(failure.getClass(), k -> timer(k.getSimpleName()));
        }

        Counter errors(Throwable failure) {
            String cause = ErrorCause.of(failure);
            Counter c = errors.get(cause);
            return c != null ? c : errors.computeIfAbsent(cause, k -> Counter.builder("ketch.errors")
                    .tags(commandTags).tag("cause", k).description("failed operations").register(registry));
        }
    }

    /** Configures {@link KetchMetrics}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations;
        private Tags tags = Tags.empty();
        private double[] percentiles = {0.5, 0.95, 0.99};

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Tags added to every meter (and observation), e.g. the client's name. */
        public Builder tags(String... keyValues) {
            this.tags = tags.and(keyValues);
            return this;
        }

        /** Tags added to every meter (and observation). */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(tags);
            return this;
        }

        /**
         * Percentiles the {@code ketch.operation} timers publish; 0.5, 0.95 and 0.99 by default,
         * none when called without arguments. Not used with an observation registry, whose
         * handlers make the timers (configure theirs with a {@code MeterFilter}).
         */
        public Builder percentiles(double... percentiles) {
            for (double p : percentiles) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("a percentile is between 0 and 1: " + p);
                }
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /**
         * Makes every operation an {@link Observation} in {@code observations} (see the class
         * comment), e.g. Spring Boot's, to get traces where the application has a tracer.
         */
        public Builder observationRegistry(ObservationRegistry observations) {
            this.observations = Objects.requireNonNull(observations, "observations");
            return this;
        }

        /** The listener to give the client builder. */
        public KetchMetrics build() {
            return new KetchMetrics(this);
        }
    }
}
