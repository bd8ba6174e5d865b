/**
 * spymemcached's futures and their listeners: every future of the drop-in completes, by the
 * operation's lifetime at the latest.
 */
package net.spy.memcached.internal;
