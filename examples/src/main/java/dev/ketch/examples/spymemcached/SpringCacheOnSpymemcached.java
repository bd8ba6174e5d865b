package dev.ketch.examples.spymemcached;

import org.springframework.context.support.ClassPathXmlApplicationContext;

/**
 * Spring's cache abstraction on memcached through Simple Spring Memcached, a framework built on
 * spymemcached, running unchanged on Ketch: the build replaces {@code net.spy:spymemcached} with
 * {@code dev.ketch:ketch-spymemcached} and nothing else. The application context is {@code
 * greetings-context.xml}; the memcached server is the system property {@code memcached.address}.
 *
 * <pre>{@code
 * java -Dmemcached.address=127.0.0.1:11211 dev.ketch.examples.spymemcached.SpringCacheOnSpymemcached Ada
 * }</pre>
 */
public final class SpringCacheOnSpymemcached {

    /** The application context's location. */
    public static final String CONTEXT = "dev/ketch/examples/spymemcached/greetings-context.xml";

    private SpringCacheOnSpymemcached() {
    }

    /** Opens the application context (the caller closes it). */
    public static ClassPathXmlApplicationContext open() {
        return new ClassPathXmlApplicationContext(CONTEXT);
    }

    /** Greets each name twice: the second greeting comes from memcached. */
    public static void main(String[] args) {
        try (ClassPathXmlApplicationContext context = open()) {
            GreetingService greetings = context.getBean(GreetingService.class);
            for (String name : args) {
                System.out.println(greetings.greet(name));
                System.out.println(greetings.greet(name));
            }
            System.out.println("computed " + context.getBean("computedGreetings", java.util.concurrent.atomic.AtomicInteger.class).get() + " greetings");
        }
    }
}
