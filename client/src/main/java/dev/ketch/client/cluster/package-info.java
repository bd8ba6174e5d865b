/**
 * Failover settings ({@link dev.ketch.client.cluster.Failover},
 * {@link dev.ketch.client.cluster.FailoverPolicy}) and discovery sources
 * ({@link dev.ketch.client.cluster.ServerDiscovery}, {@link dev.ketch.client.cluster.DiscoveredServers},
 * {@link dev.ketch.client.cluster.SrvLookup}) are API. The other types of this package (the
 * cluster's membership, ring state, health tracking and background services) are internal to
 * Ketch and may change in any release.
 */
package dev.ketch.client.cluster;
