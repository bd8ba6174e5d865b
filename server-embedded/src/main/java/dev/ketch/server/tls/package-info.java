/**
 * The server's TLS ({@code -Z}): certificates and keys read as memcached reads them with OpenSSL,
 * one {@code SSLEngine} per accepted client, {@code refresh_certs}, and the TLS counters of
 * {@code stats}.
 */
package dev.ketch.server.tls;
