/**
 * spymemcached's base classes for its own types ({@code SpyObject}, {@code SpyThread}, {@code SyncThread}).
 */
package net.spy.memcached.compat;
