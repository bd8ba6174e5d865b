/**
 * spymemcached's binary-protocol operations and their factory; the drop-in carries them
 * through Ketch's connections.
 */
package net.spy.memcached.protocol.binary;
