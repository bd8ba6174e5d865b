package dev.ketch.it.failover;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.client.ClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a client's server state changes with the time each was reported. */
public final class Events implements ClientListener {

    /** One state change. */
    public record Event(long nanos, String kind, String server, Throwable cause) {
        @Override
        public String toString() {
            return kind + " " + server + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void serverDown(String server, Throwable cause) {
        events.add(new Event(System.nanoTime(), "down", server, cause));
    }

    @Override
    public void serverSuspected(String server, Duration silence) {
        events.add(new Event(System.nanoTime(), "suspected", server, null));
    }

    /** When {@code server} was first suspected at or after {@code notBeforeNanos} (nanoTime), or -1. */
    public long suspectedAt(String server, long notBeforeNanos) {
        return of("suspected", server).stream().mapToLong(Event::nanos).filter(t -> t - notBeforeNanos >= 0)
                .findFirst().orElse(-1);
    }

    @Override
    public void serverEjected(String server, Throwable cause) {
        events.add(new Event(System.nanoTime(), "ejected", server, cause));
    }

    @Override
    public void serverUp(String server) {
        events.add(new Event(System.nanoTime(), "up", server, null));
    }

    @Override
    public void serverRejoined(String server) {
        events.add(new Event(System.nanoTime(), "rejoined", server, null));
    }

    public List<Event> all() {
        return new ArrayList<>(events);
    }

    /** The events of {@code kind} for {@code server}, in order. */
    public List<Event> of(String kind, String server) {
        return events.stream().filter(e -> e.kind.equals(kind) && e.server.equals(server)).toList();
    }

    /**
     * Waits for the {@code n}th (from 1) event of {@code kind} for {@code server}; fails the test
     * after {@code timeout}.
     */
    public Event await(String kind, String server, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> found = of(kind, server);
            if (found.size() >= n) {
                return found.get(n - 1);
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("no '" + kind + " " + server + "' #" + n + " within " + timeout.toMillis() + " ms; events: "
                        + events);
            }
            Thread.sleep(2);
        }
    }

    /** The first {@code kind} event for {@code server}. */
    public Event await(String kind, String server, Duration timeout) throws InterruptedException {
        return await(kind, server, 1, timeout);
    }

    /** The most servers that were down at the same time, replaying the events in order. */
    public int mostDownAtOnce() {
        Set<String> down = new HashSet<>();
        int most = 0;
        for (Event e : events) {
            if (e.kind.equals("down")) {
                down.add(e.server);
            } else if (e.kind.equals("up")) {
                down.remove(e.server);
            }
            most = Math.max(most, down.size());
        }
        return most;
    }

    /** Servers down now. */
    public Set<String> downNow() {
        Set<String> down = new HashSet<>();
        for (Event e : events) {
            if (e.kind.equals("down")) {
                down.add(e.server);
            } else if (e.kind.equals("up")) {
                down.remove(e.server);
            }
        }
        return down;
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
