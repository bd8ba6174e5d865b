/**
 * spymemcached's helpers: key validation ({@code StringUtils}) and {@code CacheLoader}.
 */
package net.spy.memcached.util;
