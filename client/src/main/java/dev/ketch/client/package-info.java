/**
 * The Ketch memcached client: {@link dev.ketch.client.MemcacheClient} and its builder, the
 * blocking and quiet views, results and exceptions. Start with
 * {@link dev.ketch.client.MemcacheClient#builder()}.
 */
package dev.ketch.client;
