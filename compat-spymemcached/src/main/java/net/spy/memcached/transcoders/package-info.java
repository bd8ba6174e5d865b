/**
 * spymemcached's transcoders: the same bytes and flags for every value type as spymemcached writes.
 */
package net.spy.memcached.transcoders;
