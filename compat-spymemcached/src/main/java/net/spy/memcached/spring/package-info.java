/**
 * Spring's factory bean for a client ({@code MemcachedClientFactoryBean}); needs {@code spring-beans}
 * (an optional dependency) on the class path.
 */
package net.spy.memcached.spring;
