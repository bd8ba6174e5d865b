/**
 * The base of spymemcached's protocol operations and memcached nodes.
 */
package net.spy.memcached.protocol;
