/**
 * The server's settings: {@link dev.ketch.server.config.ServerSettings} (memcached's
 * {@code struct settings}) is API. The command-line parser and the other types of this package are
 * internal to Ketch and may change in any release.
 */
package dev.ketch.server.config;
