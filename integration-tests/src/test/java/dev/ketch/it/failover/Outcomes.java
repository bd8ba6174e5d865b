package dev.ketch.it.failover;

import dev.ketch.it.failover.Load.Outcome;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Questions about recorded outcomes. */
public final class Outcomes {

    private final List<Outcome> all;

    public Outcomes(List<Outcome> all) {
        this.all = all;
    }

    public List<Outcome> all() {
        return all;
    }

    public Outcomes where(Predicate<Outcome> p) {
        return new Outcomes(all.stream().filter(p).toList());
    }

    /** Operations called in [{@code fromNanos}, {@code toNanos}). */
    public Outcomes startedBetween(long fromNanos, long toNanos) {
        return where(o -> o.startNanos() - fromNanos >= 0 && o.startNanos() - toNanos < 0);
    }

    public Outcomes startedAfter(long nanos) {
        return where(o -> o.startNanos() - nanos >= 0);
    }

    public Outcomes startedBefore(long nanos) {
        return where(o -> o.startNanos() - nanos < 0);
    }

    /** Operations of {@code kind} whose (every) key is in {@code keys}. */
    public Outcomes on(Load.Kind kind, Collection<String> keys) {
        return where(o -> o.kind() == kind && keys.containsAll(o.keys()));
    }

    public Outcomes of(Load.Kind kind) {
        return where(o -> o.kind() == kind);
    }

    public Outcomes failed() {
        return where(Outcome::failed);
    }

    public int size() {
        return all.size();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Failures counted by exception class. */
    public Map<String, Integer> failureTypes() {
        Map<String, Integer> types = new TreeMap<>();
        for (Outcome o : all) {
            if (o.failed()) {
                types.merge(o.failure().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        return types;
    }

    public long maxLatencyMillis() {
        return TimeUnit.NANOSECONDS.toMillis(all.stream().mapToLong(Outcome::latencyNanos).max().orElse(0));
    }

    public long maxCallMillis() {
        return TimeUnit.NANOSECONDS.toMillis(all.stream().mapToLong(Outcome::callNanos).max().orElse(0));
    }

    /** The first few, for assertion messages. */
    public String sample() {
        return all.stream().limit(5).map(o -> o.kind() + " " + o.keys().get(0) + (o.keys().size() > 1 ? "..." : "")
                + " -> " + (o.failed() ? o.failure().toString() : String.valueOf(o.value()))).toList().toString();
    }

    @Override
    public String toString() {
        return all.size() + " operations, " + failed().size() + " failed " + failureTypes();
    }
}
