/**
 * Server selection, byte for byte as libmemcached (and spymemcached) pick servers: the
 * {@link dev.ketch.client.routing.Distribution}s, the key {@link dev.ketch.client.routing.HashAlgorithm}s
 * and the pure, immutable {@link dev.ketch.client.routing.ServerSelector}.
 */
package dev.ketch.client.routing;
