/**
 * SASL authentication settings of spymemcached ({@code AuthDescriptor}); the drop-in authenticates
 * with PLAIN through Ketch's client.
 */
package net.spy.memcached.auth;
