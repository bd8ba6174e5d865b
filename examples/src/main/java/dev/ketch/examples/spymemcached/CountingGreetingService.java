package dev.ketch.examples.spymemcached;

import java.util.concurrent.atomic.AtomicInteger;

/** Greets, counting in {@code computed} how often it really had to (the cache answers the other calls). */
public class CountingGreetingService implements GreetingService {

    private final AtomicInteger computed;

    /** A service counting its greetings in {@code computed}. */
    public CountingGreetingService(AtomicInteger computed) {
        this.computed = computed;
    }

    @Override
    public String greet(String name) {
        computed.incrementAndGet();
        return "Hello, " + name + "!";
    }
}
