package dev.ketch.examples.spymemcached;

import org.springframework.cache.annotation.Cacheable;

/** A service whose answers Spring caches in memcached. */
public interface GreetingService {

    /** A greeting for {@code name}, from the cache "greetings" when it is there. */
    @Cacheable("greetings")
    String greet(String name);
}
