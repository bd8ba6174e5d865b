/**
 * The Ketch server, memcached 1.6.18 in Java: start one with
 * {@link dev.ketch.server.MemcachedServer#builder()} or {@link dev.ketch.server.MemcachedServer#start(dev.ketch.server.config.ServerSettings)},
 * or run {@link dev.ketch.server.Main} with memcached's command line.
 */
package dev.ketch.server;
