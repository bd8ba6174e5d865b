/**
 * Real memcached servers in containers for tests: {@link dev.ketch.testcontainers.MemcachedContainer},
 * whose {@code servers()} go straight into a client builder, with the faults failover tests need
 * (pause, kill, restart, network disconnect).
 */
package dev.ketch.testcontainers;
