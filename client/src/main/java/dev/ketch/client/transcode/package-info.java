/**
 * Transcoders: how values become the bytes and flags memcached stores, and back (UTF-8 strings,
 * byte arrays, longs as decimal text, Java serialization with an allow-list).
 */
package dev.ketch.client.transcode;
