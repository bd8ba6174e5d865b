/**
 * spymemcached 2.12.3's client API, provided on Ketch's client: {@link net.spy.memcached.MemcachedClient},
 * its connection factories and builder, node locators and hash algorithms, failure modes.
 *
 * <p>A drop-in: an application that replaces the {@code net.spy:spymemcached} jar by this one
 * keeps its code and its compiled classes. What differs from spymemcached is listed in the
 * migration guide (docs/spymemcached-migration.md).
 */
package net.spy.memcached;
