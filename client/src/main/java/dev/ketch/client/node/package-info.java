/**
 * One memcached server seen from the client: its connections, in-flight queue, timeouts,
 * reconnects and health.
 *
 * <p>Internal to Ketch: not part of its API. Types here are public only so that Ketch's own packages
 * can use each other; they may change or disappear in any release. Depend on the packages the
 * Javadoc overview lists as API instead.
 */
package dev.ketch.client.node;
